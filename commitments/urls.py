from django.urls import path

from commitments.views import board, changes, commitment, rules

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
    path("cambios/", changes.changes, name="changes"),
    path("cambios.atom", changes.ChangeFeed(), name="changes_feed"),
    path(
        "compromisos/<slug:slug>/cambios.atom",
        changes.CommitmentChangeFeed(),
        name="commitment_changes_feed",
    ),
]
