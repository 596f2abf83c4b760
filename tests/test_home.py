"""The home page (Inicio): what open government is, the pillars and how the plan is doing."""

import re
from datetime import date

import pytest
from django.core.cache import cache

from commitments.models import ActionPlan, Pillar
from secretariat.models import RouteMilestone
from tests.plans import sized_plan

pytestmark = pytest.mark.usefixtures("frozen_today")


def html(client):
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def no_route(demo):
    """The demo plan without its route, so each test lays out the steps it needs."""
    RouteMilestone.objects.all().delete()
    return demo


def step(order, title, start, status, end=None):
    return RouteMilestone.objects.create(
        order=order, title=title, stage="seguimiento", start_date=start, end_date=end, status=status
    )


def test_explains_open_government_and_links_to_the_board(client, demo):
    page = html(client)
    assert page.count("<h1>") == 1
    assert "<h1>Gobierno Abierto en León</h1>" in page
    assert "¿Qué es el gobierno abierto?" in page
    assert "no deciden solas ni a puerta cerrada" in page
    assert '<a class="button" href="/tablero/">Ver el tablero de compromisos</a>' in page


def test_the_five_pillars_come_from_the_database_in_order(client, demo):
    page = html(client)
    names = re.findall(r'<h3 class="pillar__name">(.*?)</h3>', page)
    assert names == list(Pillar.objects.order_by("order").values_list("name", flat=True))
    assert len(names) == 5
    assert "Quien gobierna explica qué hizo" in page
    # Each pillar leads to its commitments on the board.
    assert '<a href="/tablero/?pilar=rendicion-de-cuentas">4 compromisos de Rendición de' in page


def test_the_current_exercise_at_a_glance(client, demo):
    page = html(client)
    assert "16 compromisos publicados" in page
    assert re.search(
        r'<a href="/tablero/\?estado=atrasado">.*?Atrasado</span> '
        r'<span class="figure-number">4</span></a>',
        page,
        re.S,
    )
    assert "46 % de avance · 64 % esperado" in page
    assert "Última actualización de avances: 10 de noviembre de 2026." in page
    assert "Datos de ejemplo." in page


def test_how_are_we_doing_shows_recent_done_steps_and_what_comes_next(client, no_route):
    step(1, "Convocatoria", date(2025, 2, 4), "done")
    step(2, "Instalación", date(2025, 4, 30), "done")
    step(3, "Mesas de cocreación", date(2025, 6, 9), "done", end=date(2025, 6, 12))
    step(4, "Aprobación del plan", date(2025, 8, 29), "done")
    step(5, "Tercer corte", date(2027, 3, 1), "planned")
    step(6, "Cuarto corte", date(2027, 6, 1), "planned")
    step(7, "Evaluación final", date(2027, 9, 1), "planned")
    page = html(client)
    titles = re.findall(r'<h3 class="route-summary__title">(.*?)</h3>', page)
    assert titles == [
        "Instalación",
        "Mesas de cocreación",
        "Aprobación del plan",
        "Tercer corte",
        "Cuarto corte",
    ]
    assert '<time datetime="2025-06-09">9 de junio de 2025</time>' in page
    assert "Concluida" in page and "Programada" in page


def test_the_route_link_appears_once_the_route_page_exists(client, no_route):
    step(1, "Convocatoria", date(2025, 2, 4), "done")
    page = html(client)
    assert '<a href="/ruta/">Ver la ruta completa del ejercicio</a>' in page


def test_without_route_milestones_the_section_is_left_out(client, no_route):
    assert "¿Cómo vamos?" not in html(client)


def test_without_a_published_plan(client, db):
    Pillar.objects.create(name="Transparencia", slug="transparencia", summary="Abrir datos.")
    page = html(client)
    assert "El plan de acción aún no se ha publicado." in page
    assert "Transparencia" in page
    assert ActionPlan.objects.count() == 0


def test_query_count_does_not_grow_with_the_plan(client, db, django_assert_max_num_queries):
    plan = sized_plan(2)
    with django_assert_max_num_queries(17) as small:
        assert "2 compromisos publicados" in html(client)
    sized_plan(4, plan=plan)
    cache.clear()
    with django_assert_max_num_queries(17) as big:
        assert "6 compromisos publicados" in html(client)
    assert len(small) == len(big)


def test_server_error_page_stands_alone(rf):
    from portal.views import server_error

    response = server_error(rf.get("/"))
    page = response.content.decode()
    assert response.status_code == 500
    assert "<h1>Algo salió mal de nuestro lado</h1>" in page
    assert '<a href="/">Volver al inicio</a>' in page
