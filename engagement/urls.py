from django.urls import path

from engagement import views

app_name = "engagement"

urlpatterns = [
    path("compromisos/<slug:slug>/preguntar/", views.ask, name="ask"),
    path("compromisos/<slug:slug>/seguir/", views.follow, name="follow"),
    path("seguir/confirmar/<str:token>/", views.confirm, name="confirm"),
    path("seguir/baja/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
