"""Computing the semáforo of a plan costs the same queries for few or many commitments."""

from datetime import date

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commitments import reader
from tests.plans import sized_plan

pytestmark = pytest.mark.django_db

DAY = date(2026, 11, 25)


def rows_with_queries(plan, day):
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        rows = reader.plan_view(plan, day).rows
        verdicts = [(row.verdict.status, row.axis.name, row.unit.name) for row in rows]
    return verdicts, len(queries)


@pytest.mark.parametrize("day", [DAY, date(2026, 3, 15)])
def test_statuses_of_2_and_6_commitments_cost_the_same_queries(day):
    verdicts, small_queries = rows_with_queries(sized_plan(2), day)
    assert len(verdicts) == 2

    verdicts, large_queries = rows_with_queries(sized_plan(6), day)
    assert len(verdicts) == 6

    assert large_queries == small_queries
    assert small_queries <= 12
