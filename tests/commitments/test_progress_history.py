"""Progress over time read from rows prefetched for a later day, without more queries."""

from datetime import date

import pytest

from commitments.models import Commitment, Measurement, Milestone
from tests.conftest import TODAY

pytestmark = pytest.mark.usefixtures("frozen_today")


def prefetched(code, day=TODAY):
    return Commitment.objects.with_progress(day).select_related("plan").get(code=code)


@pytest.mark.parametrize("code", ["DA-01", "MB-01", "PP-01", "MB-04", "CJ-02", "CJ-04"])
def test_history_matches_the_verdict_computed_from_the_database(demo, code):
    history = prefetched(code).progress_history(TODAY)
    assert history, "every demo commitment that started has published data"
    for day, verdict in history:
        fresh = Commitment.objects.select_related("plan").get(code=code)
        assert verdict == fresh.verdict(day), day


@pytest.mark.parametrize("code", ["DA-01", "MB-01", "PP-01", "MB-04", "DA-03"])
@pytest.mark.parametrize(
    "day", [date(2025, 12, 1), date(2026, 3, 19), date(2026, 9, 17), date(2026, 10, 20)]
)
def test_rows_prefetched_for_today_answer_for_an_earlier_day(demo, code, day):
    earlier = prefetched(code)
    fresh = Commitment.objects.select_related("plan").get(code=code)
    assert earlier.verdict(day) == fresh.verdict(day)
    assert earlier.completed_on(day) == fresh.completed_on(day)


def test_history_costs_no_queries_once_prefetched(demo, django_assert_num_queries):
    commitment = prefetched("PP-01")
    with django_assert_num_queries(0):
        history = commitment.progress_history(TODAY)
        commitment.completed_on(date(2026, 3, 1))
    days = [day for day, _ in history]
    assert days == sorted(days) and days[-1] <= TODAY


def test_history_days_are_publication_and_report_days(demo):
    da01 = [day for day, _ in prefetched("DA-01").progress_history(TODAY)]
    published = Measurement.objects.filter(indicator__commitment__code="DA-01")
    assert da01 == sorted(published.values_list("published_on", flat=True))
    mb01 = [day for day, _ in prefetched("MB-01").progress_history(TODAY)]
    assert mb01 == [date(2026, 3, 18), date(2026, 9, 16), date(2026, 10, 15)]


def test_history_ignores_what_was_published_after_its_day(demo):
    days = [day for day, _ in prefetched("DA-01").progress_history(date(2026, 3, 1))]
    assert days == [date(2025, 11, 10), date(2026, 2, 10)]
    days = [day for day, _ in prefetched("MB-01").progress_history(date(2026, 10, 1))]
    assert days == [date(2026, 3, 18), date(2026, 9, 16)]


def test_a_milestone_status_on_a_past_day_follows_its_percent_then(demo):
    milestones = list(prefetched("DA-01").milestones.all())
    first, third = milestones[0], milestones[2]
    assert first.status_as_of(TODAY) == Milestone.Status.COMPLETE
    # Before the live percent took effect (15/10/2026), the round reports speak.
    assert first.status_as_of(date(2026, 9, 30)) == Milestone.Status.COMPLETE
    assert third.percent_as_of(date(2026, 9, 30)) == 40
    assert third.status_as_of(date(2026, 9, 30)) == Milestone.Status.IN_PROGRESS
    assert third.status_as_of(date(2026, 3, 1)) == Milestone.Status.PENDING
    assert third.is_live_on(TODAY) and not third.is_live_on(date(2026, 10, 14))


def test_a_cancelled_milestone_stays_cancelled(demo):
    milestone = Milestone.objects.filter(commitment__code="DA-01").first()
    Milestone.objects.filter(pk=milestone.pk).update(status=Milestone.Status.CANCELLED)
    milestone.refresh_from_db()
    assert milestone.status_as_of(date(2026, 3, 1)) == Milestone.Status.CANCELLED
    assert milestone.percent_as_of(date(2026, 3, 1)) is None


@pytest.mark.parametrize(
    ("status", "measured", "published", "day", "visible"),
    [
        (
            Measurement.Status.PUBLISHED,
            date(2026, 1, 31),
            date(2026, 2, 10),
            date(2026, 2, 10),
            True,
        ),
        (
            Measurement.Status.PUBLISHED,
            date(2026, 1, 31),
            date(2026, 2, 10),
            date(2026, 2, 9),
            False,
        ),
        (Measurement.Status.DRAFT, date(2026, 1, 31), None, date(2026, 11, 25), False),
    ],
)
def test_is_published_on_agrees_with_the_published_queryset(
    demo, status, measured, published, day, visible
):
    indicator = Commitment.objects.get(code="DA-01").indicators.get()
    measurement = Measurement.objects.create(
        indicator=indicator, date=measured, value=50, status=status, published_on=published
    )
    assert measurement.is_published_on(day) is visible
    assert Measurement.objects.published(day).filter(pk=measurement.pk).exists() is visible
