from django.urls import path

from commitments.views import board, commitment, rules

urlpatterns = [
    path("tablero/", board.board, name="board"),
    path("como-se-calcula/", rules.semaforo_rules, name="semaforo_rules"),
    path("ejes/<slug:slug>/", board.axis_detail, name="axis"),
    path("dependencias/<slug:slug>/", board.unit_detail, name="unit"),
    path("organizaciones/<slug:slug>/", board.organization_detail, name="organization"),
    path("compromisos/<slug:slug>/", commitment.commitment_detail, name="commitment"),
    path(
        "compromisos/<slug:slug>/version-original/",
        commitment.original_version,
        name="commitment_original",
    ),
]
