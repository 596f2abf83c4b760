"""Milestones: percent as it stood on a date, expected percent, and keeping history."""

from datetime import date

import pytest

from commitments.models import Commitment, Milestone, ReportingRound, RoundReport, RoundReportEntry
from tests.commitments.builders import (
    END,
    START,
    add_milestone,
    make_commitment,
)
from tests.conftest import freeze_today

pytestmark = pytest.mark.django_db


def report(commitment, number, submitted_on, milestone, percent):
    round_, _ = ReportingRound.objects.get_or_create(
        plan=commitment.plan,
        number=number,
        defaults={
            "title": f"Corte {number}",
            "period_end": date(2026, 2, 28),
            "opens_on": date(2026, 3, 1),
            "deadline": date(2026, 3, 20),
        },
    )
    filed = RoundReport.objects.create(
        round=round_, commitment=commitment, narrative="Informe.", submitted_on=submitted_on
    )
    RoundReportEntry.objects.create(report=filed, milestone=milestone, percent=percent)


@pytest.fixture
def reported_milestone():
    """Live value 80 % from 15/10/2026; reported 30 % in March and 60 % in September."""
    commitment = make_commitment()
    milestone = add_milestone(commitment, percent=80, updated_on=date(2026, 10, 15))
    report(commitment, 1, date(2026, 3, 18), milestone, 30)
    report(commitment, 2, date(2026, 9, 16), milestone, 60)
    report(commitment, 3, None, milestone, 95)  # a draft report never counts
    return milestone


@pytest.mark.parametrize(
    ("day", "percent"),
    [
        (date(2026, 3, 17), 0),
        (date(2026, 3, 18), 30),
        (date(2026, 9, 15), 30),
        (date(2026, 9, 16), 60),
        (date(2026, 10, 14), 60),
        (date(2026, 10, 15), 80),
        (date(2026, 11, 25), 80),
    ],
)
def test_percent_as_of_uses_round_reports_before_the_live_value(reported_milestone, day, percent):
    assert Milestone.objects.get(pk=reported_milestone.pk).percent_as_of(day) == percent
    listed = Commitment.objects.with_progress(day).get()
    assert listed.milestones.all()[0].percent_as_of(day) == percent


def test_a_cancelled_milestone_counts_for_nothing(reported_milestone):
    reported_milestone.status = Milestone.Status.CANCELLED
    assert reported_milestone.percent_as_of(date(2026, 11, 25)) is None
    assert reported_milestone.expected_as_of(date(2026, 11, 25)) is None


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2025, 12, 31), 0),
        (date(2026, 1, 1), 0),
        (date(2026, 1, 6), 50),
        (date(2026, 1, 11), 100),
        (date(2026, 2, 1), 100),
    ],
)
def test_expected_percent_is_linear_between_the_milestone_dates(day, expected):
    milestone = add_milestone(make_commitment(), date(2026, 1, 1), date(2026, 1, 11))
    assert milestone.expected_as_of(day) == expected


def test_changing_the_percent_dates_it_so_the_past_keeps_the_old_value(monkeypatch):
    freeze_today(monkeypatch, date(2026, 5, 1))
    milestone = add_milestone(make_commitment(), START, END, percent=20, updated_on=None)
    assert milestone.progress_updated_on == date(2026, 5, 1)

    freeze_today(monkeypatch, date(2026, 8, 1))
    milestone = Milestone.objects.get(pk=milestone.pk)
    milestone.narrative = "Sin cambio de porcentaje."
    milestone.save()
    assert milestone.progress_updated_on == date(2026, 5, 1)

    milestone.percent_done = 70
    milestone.save()
    assert milestone.progress_updated_on == date(2026, 8, 1)


def test_deleting_a_commitment_with_milestones_works(reported_milestone):
    # Deletion loads milestones with deferred fields; this used to recurse forever.
    reported_milestone.commitment.delete()
    assert not Milestone.objects.exists()
    assert not RoundReportEntry.objects.exists()
