"""Progress over time: each day of the history shows what the public saw that day."""

from datetime import date

import pytest

from commitments.models import Measurement, MilestoneStatus
from commitments.reader import CommitmentView, commitment_view
from commitments.semaforo import ProgressSource
from tests.commitments.builders import add_evidence, add_measurement, add_progress, make_commitment
from tests.conftest import TODAY

pytestmark = pytest.mark.usefixtures("frozen_today")


@pytest.fixture
def story(plan):
    """Values about the end of March, June and September, each published ten days later;
    a milestone at 30 % in April, complete in October; a draft never shown."""
    commitment = make_commitment(
        plan, progress_source=ProgressSource.BOTH, indicators=[{}], milestones=[{}]
    )
    indicator, milestone = commitment.indicators.get(), commitment.milestones.get()
    for day, value, published_on in [
        (date(2026, 3, 31), 20, date(2026, 4, 10)),
        (date(2026, 6, 30), 45, date(2026, 7, 10)),
        (date(2026, 9, 30), 70, date(2026, 10, 10)),
    ]:
        add_measurement(indicator, day, value, published_on=published_on)
    add_measurement(indicator, date(2026, 10, 31), 99, draft=True)
    add_progress(milestone, date(2026, 4, 15), 30)
    add_evidence(milestone, day=date(2026, 10, 15))
    add_progress(milestone, date(2026, 10, 15), 100)
    return commitment


def test_each_day_of_the_history_is_the_verdict_of_that_day(story):
    history = CommitmentView(story, TODAY).progress_history
    assert history
    for day, verdict in history:
        assert verdict == commitment_view(story, day).verdict, day


def test_the_history_days_are_the_days_something_became_public(story):
    days = [day for day, _ in CommitmentView(story, TODAY).progress_history]
    assert days == [
        date(2026, 4, 10),
        date(2026, 4, 15),
        date(2026, 7, 10),
        date(2026, 10, 10),
        date(2026, 10, 15),
    ]


def test_the_history_ignores_what_was_published_after_its_day(story):
    days = [day for day, _ in CommitmentView(story, date(2026, 7, 9)).progress_history]
    assert days == [date(2026, 4, 10), date(2026, 4, 15)]


def test_the_history_costs_no_queries_once_the_page_is_loaded(story, django_assert_num_queries):
    view = CommitmentView(story, TODAY)
    view.row  # noqa: B018 - what the page reads first
    with django_assert_num_queries(0):
        history = view.progress_history
    assert [d for d, _ in history] == sorted(d for d, _ in history)


def test_a_milestone_status_on_a_past_day_follows_its_percent_then(story):
    def status(day):
        return commitment_view(story, day).milestones[0].status

    assert status(date(2026, 4, 14)) == MilestoneStatus.PENDING
    assert status(date(2026, 4, 15)) == MilestoneStatus.IN_PROGRESS
    assert status(date(2026, 10, 15)) == MilestoneStatus.COMPLETE


@pytest.mark.parametrize(
    ("draft", "day", "visible"),
    [(False, date(2026, 2, 10), True), (False, date(2026, 2, 9), False), (True, TODAY, False)],
)
def test_a_value_is_public_from_the_day_it_was_published(commitment, draft, day, visible):
    measurement = add_measurement(
        commitment.indicators.get(),
        date(2026, 1, 31),
        50,
        published_on=date(2026, 2, 10),
        draft=draft,
    )
    assert Measurement.objects.public_at(day).filter(pk=measurement.pk).exists() is visible
    shown = commitment_view(commitment, day).indicators[0].measurements
    assert bool(shown) is visible
