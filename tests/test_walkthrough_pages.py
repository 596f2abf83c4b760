"""What a new visitor stumbled on (issue «English version and walkthrough»): totals that add
up, the late commitments named on the home page, a plain answer before the plan existed."""

import re

import pytest

from commitments import reader
from commitments.semaforo import LATE, STALE

pytestmark = pytest.mark.usefixtures("frozen_today")


def text(response):
    assert response.status_code == 200
    page = response.content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))


def status_boxes(page):
    """(label, number) of each status box of the totals list."""
    block = page.split('class="stat-list status-totals"', 1)[1].split("</ul>", 1)[0]
    return [
        (re.sub(r"\s+", " ", label).strip(), number)
        for label, number in re.findall(
            r'</svg>([^<]+)</span>\s*<span class="figure-number">(\d+)', block, re.S
        )
    ]


@pytest.mark.parametrize("url", ["/", "/tablero/"])
def test_the_status_boxes_add_up_to_the_commitments_published(client, demo, url):
    page = client.get(url).content.decode()
    boxes = status_boxes(page)
    assert [label for label, _n in boxes] == [
        "Completo",
        "En tiempo",
        "Con retraso",
        "Atrasado",
        "No iniciado",
    ]
    total = int(re.search(r"(\d+) compromisos publicados", text(client.get(url)))[1])
    assert sum(int(n) for _label, n in boxes) == total
    # «Sin actualizar» is a flag on commitments of any status: said apart, with its count.
    stale = reader.PlanList(demo, demo_today()).groups()
    stale_count = sum(g.count for g in stale if g.stale)
    assert stale_count
    assert f"Aparte del estado: {stale_count} compromisos sin actualizar" in text(client.get(url))
    assert f"?estado={STALE}" in page


def demo_today():
    from core import clock

    return clock.today()


def test_the_home_page_names_the_late_commitments_and_their_units(client, demo):
    plan_list = reader.PlanList(demo, demo_today())
    rows, count = plan_list.late(100)
    assert count == len(rows) >= 2
    assert {row.verdict.status for row in rows} <= set(LATE)
    page = text(client.get("/"))
    assert f"{count} compromisos van tarde" in page
    for row in rows[:8]:
        assert f"{row.code} {row.title} {row.unit}" in page
    # Atrasado before con retraso: the furthest behind first.
    order = [row.verdict.status for row in rows]
    assert order == sorted(order, key=list(LATE).index)


def test_the_board_before_the_plan_existed_says_so_and_links_to_its_first_day(client, demo):
    page = text(client.get("/tablero/?fecha=2024-01-01"))
    assert "Al 1 de enero de 2024 el plan aún no existía" in page
    first = reader.PlanList(demo, demo_today()).first_public_day
    assert f"se publicó el {first.day} de" in page
    html = client.get("/tablero/?fecha=2024-01-01").content.decode()
    assert f"fecha={first.isoformat()}" in html
    # No empty tables of zeros, no "elige un estado", no "no filters match".
    assert "No hay compromisos que cumplan" not in page
    assert "Elige un estado" not in page
    assert "Número de compromisos en cada nivel" not in page
    # Its first day shows the plan.
    assert "compromisos publicados" in text(client.get(f"/tablero/?fecha={first.isoformat()}"))


def test_the_plan_header_does_not_repeat_the_years(client, demo):
    page = text(client.get("/tablero/"))
    assert "Plan de Acción Municipal de Gobierno Abierto 2025-2027 · Tercer ejercicio" in page
    assert "Tercer Ejercicio de Gobierno Abierto Municipal 2025-2027" not in page


def test_the_not_started_example_is_seen_on_the_same_day_as_the_others(client, plan):
    page = text(client.get("/como-se-calcula/"))
    assert (
        "Inicia el 1 de septiembre de 2026; al 2 de julio de 2026 aún no debía tener avance."
        in page
    )
    assert "al 1 de enero de 2026" not in page
