"""Where a commitment stands in a follow-up round, as its public page shows it on a day."""

from datetime import date

import pytest

from commitments.models import ReportingRound, ReportStatus, report_status
from commitments.reader import commitment_view
from tests.commitments.builders import add_round, file_report

ROUND = {
    "period_end": date(2026, 8, 31),
    "opens_on": date(2026, 9, 1),
    "deadline": date(2026, 9, 18),
    "title": "Segundo corte semestral",
}
DRAFT = "borrador"


@pytest.mark.parametrize(
    ("delivered", "day", "status", "label"),
    [
        (None, date(2026, 8, 31), ReportStatus.NOT_DUE, "Aún no corresponde"),
        (None, date(2026, 9, 1), ReportStatus.PENDING, "Corte abierto"),
        (None, date(2026, 9, 18), ReportStatus.PENDING, "Corte abierto"),
        (None, date(2026, 9, 19), ReportStatus.MISSING, "Sin reporte"),
        (DRAFT, date(2026, 11, 25), ReportStatus.MISSING, "Sin reporte"),
        (date(2026, 9, 10), date(2026, 9, 12), ReportStatus.ON_TIME, "Reporte entregado"),
        (date(2026, 9, 18), date(2026, 11, 25), ReportStatus.ON_TIME, "Reporte entregado"),
        (date(2026, 9, 19), date(2026, 11, 25), ReportStatus.LATE, "Entregado fuera de plazo"),
        # On 15 September the report delivered on the 19th did not exist yet.
        (date(2026, 9, 19), date(2026, 9, 15), ReportStatus.PENDING, "Corte abierto"),
    ],
)
def test_the_round_status_on_the_commitment_page(commitment, delivered, day, status, label):
    round_ = add_round(commitment.plan, 2, **ROUND)
    if delivered == DRAFT:
        file_report(round_, commitment, date(2026, 9, 10), draft=True)
    elif delivered:
        file_report(round_, commitment, delivered)

    (shown,) = commitment_view(commitment, day).rounds
    assert shown.status == status
    assert shown.status.label == label


def test_a_delivered_report_makes_its_milestone_percents_public(commitment):
    round_ = add_round(commitment.plan, 2, **ROUND)
    milestone = commitment.milestones.get()
    file_report(round_, commitment, date(2026, 9, 10), entries=[(milestone, 40)])

    before = commitment_view(commitment, date(2026, 9, 9)).milestones[0]
    after = commitment_view(commitment, date(2026, 9, 10)).milestones[0]
    assert (before.percent, after.percent) == (0.0, 40.0)


def test_a_commitment_that_started_after_the_round_owes_no_report():
    round_ = ReportingRound(number=2, **ROUND)
    assert report_status(round_, None, date(2026, 11, 25), starts_on=date(2026, 9, 1)) == (
        ReportStatus.NOT_DUE
    )
    assert report_status(round_, None, date(2026, 11, 25), starts_on=date(2026, 8, 31)) == (
        ReportStatus.MISSING
    )
