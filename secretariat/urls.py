from django.urls import path

from secretariat import views

app_name = "secretariat"

urlpatterns = [
    path("secretariado/", views.index, name="index"),
    path("secretariado/acuerdos/", views.agreements, name="agreements"),
    path("secretariado/obligaciones/", views.obligations, name="obligations"),
    path("secretariado/sesiones/<slug:slug>/", views.session, name="session"),
    path("secretariado/convocatorias/<slug:slug>/", views.call, name="call"),
    path("ruta/", views.route, name="route"),
]
