"""report_status: where a commitment stands in a follow-up round on a given day."""

from datetime import date

import pytest

from commitments.models import ReportingRound, ReportStatus, RoundReport, report_status

ROUND = ReportingRound(
    number=2,
    title="Segundo corte semestral",
    period_end=date(2026, 8, 31),
    opens_on=date(2026, 9, 1),
    deadline=date(2026, 9, 18),
)


def filed(on):
    return RoundReport(round=ROUND, narrative="Informe.", submitted_on=on)


@pytest.mark.parametrize(
    ("report", "today", "status", "label"),
    [
        (None, date(2026, 8, 31), ReportStatus.NOT_DUE, "Aún no corresponde"),
        (None, date(2026, 9, 1), ReportStatus.PENDING, "Corte abierto"),
        (None, date(2026, 9, 18), ReportStatus.PENDING, "Corte abierto"),
        (None, date(2026, 9, 19), ReportStatus.MISSING, "Sin reporte"),
        (filed(None), date(2026, 11, 25), ReportStatus.MISSING, "Sin reporte"),  # a draft
        (filed(date(2026, 9, 10)), date(2026, 9, 12), ReportStatus.ON_TIME, "Reporte entregado"),
        (filed(date(2026, 9, 18)), date(2026, 11, 25), ReportStatus.ON_TIME, "Reporte entregado"),
        (
            filed(date(2026, 9, 19)),
            date(2026, 11, 25),
            ReportStatus.LATE,
            "Entregado fuera de plazo",
        ),
        # On 15 September the report filed on the 19th did not exist yet.
        (filed(date(2026, 9, 19)), date(2026, 9, 15), ReportStatus.PENDING, "Corte abierto"),
    ],
)
def test_report_status(report, today, status, label):
    result = report_status(ROUND, report, today, starts_on=None)
    assert result == status
    assert result.label == label


def test_a_commitment_that_started_after_the_round_owes_no_report():
    assert report_status(ROUND, None, date(2026, 11, 25), starts_on=date(2026, 9, 1)) == (
        ReportStatus.NOT_DUE
    )
    assert report_status(ROUND, None, date(2026, 11, 25), starts_on=date(2026, 8, 31)) == (
        ReportStatus.MISSING
    )
