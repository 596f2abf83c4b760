"""Milestones: their percent as public on a day, what they expect, and keeping history."""

from datetime import date

import pytest

from commitments.models import MilestoneStatus
from commitments.reader import commitment_view
from commitments.semaforo import ProgressSource
from tests.commitments.builders import add_progress, add_round, file_report, make_commitment

pytestmark = pytest.mark.django_db


def percent_on(commitment, day):
    return commitment_view(commitment, day).milestones[0].percent


@pytest.fixture
def reported(commitment):
    """Reported 30 % in March and 60 % in September; 80 % published on 15/10/2026; a draft
    report of 95 % never counts."""
    milestone = commitment.milestones.get()
    for number, delivered, percent, draft in [
        (1, date(2026, 3, 18), 30, False),
        (2, date(2026, 9, 16), 60, False),
        (3, date(2026, 11, 20), 95, True),
    ]:
        round_ = add_round(commitment.plan, number, date(2026, 3 * number - 1, 28))
        file_report(round_, commitment, delivered, entries=[(milestone, percent)], draft=draft)
    add_progress(milestone, date(2026, 10, 15), 80)
    return commitment


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
def test_the_percent_shown_is_the_latest_public_on_that_day(reported, day, percent):
    assert percent_on(reported, day) == percent


def test_a_new_percent_is_a_new_fact_and_the_past_keeps_the_old_one(commitment):
    milestone = commitment.milestones.get()
    add_progress(milestone, date(2026, 5, 1), 20)
    add_progress(milestone, date(2026, 8, 1), 70)

    assert percent_on(commitment, date(2026, 7, 31)) == 20
    assert percent_on(commitment, date(2026, 8, 1)) == 70


def test_a_cancelled_milestone_counts_for_nothing(plan):
    commitment = make_commitment(
        plan,
        progress_source=ProgressSource.MILESTONES,
        milestones=[{"title": "Se hace"}, {"title": "Se cancela"}],
    )
    done, cancelled = commitment.milestones.order_by("order")
    add_progress(done, date(2026, 7, 1), 50)
    add_progress(cancelled, date(2026, 7, 1), 10, milestone_status=MilestoneStatus.CANCELLED)

    view = commitment_view(commitment, date(2026, 7, 2))
    assert [m.percent for m in view.milestones] == [50, None]
    assert view.verdict.progress == 50


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 1, 1), 0),
        (date(2026, 1, 6), 50),
        (date(2026, 1, 11), 100),
        (date(2026, 2, 1), 100),
    ],
)
def test_what_a_milestone_based_commitment_expects_follows_the_milestone_dates(plan, day, expected):
    commitment = make_commitment(
        plan,
        progress_source=ProgressSource.MILESTONES,
        milestones=[{"start": date(2026, 1, 1), "end": date(2026, 1, 11)}],
    )
    assert commitment_view(commitment, day).verdict.expected == expected
