from django.urls import path

from portal.reports import views

app_name = "reports"

urlpatterns = [
    path("reportes/", views.index, name="index"),
    path("reportes/plan-de-accion-<str:period>.pdf", views.plan_report, name="plan"),
    path("reportes/avance/<str:day>.pdf", views.progress_report, name="progress"),
    path("reportes/corte/<str:number>.pdf", views.round_report, name="round"),
    path("compromisos/<slug:slug>/ficha.pdf", views.commitment_sheet, name="commitment"),
    path("secretariado/sesiones/<slug:slug>/acta.pdf", views.session_minutes, name="session"),
]
