from django.urls import path

from core.cache import public_page
from secretariat import views

app_name = "secretariat"

urlpatterns = [
    path("secretariado/", views.index, name="index"),
    path("secretariado/acuerdos/", views.agreements, name="agreements"),
    path(
        "secretariado/sesiones/<slug:slug>/",
        public_page(views.SessionDetailView.as_view()),
        name="session",
    ),
    path(
        "secretariado/convocatorias/<slug:slug>/",
        public_page(views.CallDetailView.as_view()),
        name="call",
    ),
    path("ruta/", views.route, name="route"),
]
