from django.contrib.auth import views as auth_views
from django.urls import path

from secretariat import signing, views

app_name = "secretariat"

urlpatterns = [
    path("secretariado/", views.index, name="index"),
    path("secretariado/acuerdos/", views.agreements, name="agreements"),
    path("secretariado/obligaciones/", views.obligations, name="obligations"),
    path("secretariado/sesiones/<slug:slug>/", views.session, name="session"),
    path("secretariado/convocatorias/<slug:slug>/", views.call, name="call"),
    path("secretariado/cortes/<int:number>/", views.round_sign_offs, name="round"),
    path("secretariado/firmar/", signing.sign, name="sign"),
    path(
        "secretariado/entrar/",
        auth_views.LoginView.as_view(template_name="secretariat/login.html"),
        name="login",
    ),
    path("ruta/", views.route, name="route"),
]
