"""The API costs the same queries for a plan of 2 commitments as for one of 6."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.cache import forget_local_state
from tests.plans import sized_plan

pytestmark = pytest.mark.django_db


def queries(client, url):
    cache.clear()
    forget_local_state()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(captured), response.json()


@pytest.mark.parametrize(
    "query",
    ["", "&fecha=2026-03-15", "&estado=atrasado&orden=avance", "&corresponsable=dependencia:uc"],
)
def test_the_list_costs_the_same_at_two_sizes(client, frozen_today, query):
    small = sized_plan(2)
    large = sized_plan(6)
    small_count, small_body = queries(client, f"/api/v1/compromisos/?plan={small.slug}{query}")
    large_count, large_body = queries(client, f"/api/v1/compromisos/?plan={large.slug}{query}")
    assert large_body["total"] == 6 and small_body["total"] == 2
    assert large_count == small_count
    # The filters' known values (one query each kind, once per content version) included.
    assert small_count <= 16


def urls(plan):
    first = plan.commitments.order_by("code").first()
    return [
        f"/api/v1/ejes/?plan={plan.slug}",
        f"/api/v1/cortes/?plan={plan.slug}",
        f"/api/v1/compromisos/{first.slug}/",
        f"/api/v1/compromisos/{first.slug}/?fecha=2026-03-15",
    ]


def test_the_other_endpoints_cost_the_same_at_two_sizes(client, frozen_today):
    small = sized_plan(2)
    common = ["/api/v1/planes/", "/api/v1/dependencias/", "/api/v1/cambios/", "/api/v1/sesiones/"]
    before = [queries(client, url)[0] for url in common + urls(small)]
    large = sized_plan(6)
    after = [queries(client, url)[0] for url in common + urls(large)]
    assert after == before
