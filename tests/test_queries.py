"""Computing the semáforo of a plan costs the same queries for few or many commitments."""

from datetime import date

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commitments import reader
from commitments.semaforo import Status
from tests.commitments import builders

pytestmark = pytest.mark.django_db

DAY = date(2026, 11, 25)


def build_plan(size):
    plan = builders.make_plan(slug=f"plan-{size}")
    for number in range(1, size + 1):
        commitment = builders.make_commitment(
            plan,
            f"C-{number:02}",
            indicators=[{"name": "Avance"}],
            milestones=[{"title": "Hito"}, {"title": "Entrega"}],
        )
        builders.add_measurement(commitment.indicators.get(), date(2026, 3, 1), 20)
        milestone = commitment.milestones.first()
        builders.add_progress(milestone, date(2026, 3, 1), 40)
        if number % 2:
            builders.complete_milestone(milestone, date(2026, 6, 1))
        if number % 3 == 0:
            builders.set_override(commitment, Status.AT_RISK, date(2026, 2, 1))
    return plan


def rows_with_queries(plan, day):
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        rows = reader.plan_view(plan, day).rows
        verdicts = [(row.verdict.status, row.axis.name, row.unit.name) for row in rows]
    return verdicts, len(queries)


@pytest.mark.parametrize("day", [DAY, date(2026, 3, 15)])
def test_statuses_of_2_and_6_commitments_cost_the_same_queries(day):
    verdicts, small_queries = rows_with_queries(build_plan(2), day)
    assert len(verdicts) == 2

    verdicts, large_queries = rows_with_queries(build_plan(6), day)
    assert len(verdicts) == 6

    assert large_queries == small_queries
    assert small_queries <= 12
