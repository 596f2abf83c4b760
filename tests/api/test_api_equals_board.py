"""The API at `?fecha=D` is the board at D: same commitments in the same order, statuses,
progress and counts, for many days and filters of the León demo."""

from datetime import date, timedelta

import pytest

from commitments.models import Axis, Commitment
from tests.conftest import TODAY

pytestmark = pytest.mark.usefixtures("frozen_today")


def board_says(client, query):
    response = client.get("/tablero/", query)
    context = response.context
    rows = [
        (
            row.slug,
            row.verdict.status,
            row.verdict.stale,
            row.verdict.progress,
            row.verdict.expected,
        )
        for row in context["page_obj"].object_list
    ]
    counts = {option.value: option.count for option in context.get("status_options", [])}
    return rows, context.get("shown", 0), context.get("total", 0), counts, context.get("form")


def api_says(client, query):
    response = client.get("/api/v1/compromisos/", query)
    body = response.json()
    if response.status_code != 200:
        return response.status_code, body
    rows = [
        (r["slug"], r["status"], r["stale"], r["progress"], r["expected"]) for r in body["results"]
    ]
    counts = {c["value"]: c["count"] for c in body["status_counts"]}
    return rows, body["count"], body["total"], counts


def test_the_api_equals_the_board_on_many_days_and_filters(client, demo, settings):
    settings.API_RATE_LIMIT = "10000/min"
    commitment = Commitment.objects.filter(plan=demo).order_by("code").first()
    axis = Axis.objects.filter(plan=demo).order_by("-order").first()
    filters = [
        {},
        {"estado": "atrasado"},
        {"estado": ["con_retraso", "sin_actualizar"]},
        {"eje": axis.slug},
        {"dependencia": commitment.unit.slug},
        {"corresponsable": f"dependencia:{commitment.unit.slug}"},
        {"q": "datos"},
        {"orden": "avance"},
        {"orden": "estado", "estado": "en_tiempo"},
        {"valoracion": "valorados"},
    ]
    days = [TODAY - timedelta(days=45 * n) for n in range(12)] + [date(2024, 12, 31)]
    compared = 0
    for day in days:
        for query in filters:
            asked = query | {"fecha": day.isoformat()} if day < TODAY else query
            api = api_says(client, asked)
            board = board_says(client, asked)
            if api[0] == 400:
                # A value no commitment on the board has that day: the board ignores it,
                # the API says which one.
                assert api[1]["parameter"] in board[4].errors, (day, query)
                continue
            assert api == board[:4], (day, query)
            compared += 1
    assert compared > 100
