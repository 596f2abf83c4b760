from django.urls import path

from participation import views

app_name = "participation"

urlpatterns = [
    path("participacion/", views.index, name="index"),
    path("participacion/propuestas/", views.proposals, name="proposals"),
    path("participacion/propuestas/<int:pk>/", views.proposal, name="proposal"),
]
