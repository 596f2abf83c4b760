"""Computing the semáforo costs the same queries for 40 or 400 actions."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commitments import synthetic
from commitments.models import Commitment

pytestmark = pytest.mark.django_db

DAY = date(2026, 11, 25)


def statuses_with_queries(plan, day):
    with CaptureQueriesContext(connection) as queries:
        commitments = Commitment.objects.in_plan(plan).for_listing().with_progress(day)
        verdicts = [(c.verdict(day), c.axis.name, c.unit.name) for c in commitments]
    return verdicts, len(queries)


@pytest.mark.parametrize("day", [DAY, date(2026, 3, 15)])
def test_statuses_of_40_and_400_actions_cost_the_same_queries(day):
    small, _ = synthetic.build_plan(actions=40, as_of=DAY)
    verdicts, small_queries = statuses_with_queries(small, day)
    assert len(verdicts) == 40

    large, _ = synthetic.build_plan(actions=400, as_of=DAY, replace=True)
    verdicts, large_queries = statuses_with_queries(large, day)
    assert len(verdicts) == 400

    assert large_queries == small_queries
    # commitments, pillars, indicators, their measurements, milestones, their reports
    assert small_queries == 6
