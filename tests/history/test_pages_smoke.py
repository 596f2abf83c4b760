"""The public pages read through the one reader: a small plan shown today and on past days."""

from datetime import date

import pytest

from tests.commitments import builders
from tests.conftest import freeze_today

pytestmark = pytest.mark.django_db

TODAY = date(2026, 7, 2)


@pytest.fixture
def story(monkeypatch, commitment):
    freeze_today(monkeypatch, TODAY)
    indicator = commitment.indicators.get()
    builders.add_measurement(indicator, date(2026, 3, 31), 20, published_on=date(2026, 4, 5))
    builders.add_measurement(indicator, date(2026, 6, 30), 45, published_on=date(2026, 7, 1))
    return commitment


def test_board_home_axis_unit_and_rules_render(client, story):
    for url in [
        "/",
        "/tablero/",
        "/como-se-calcula/",
        f"/ejes/{story.objective.axis.slug}/",
        f"/dependencias/{story.unit.slug}/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
    board = client.get("/tablero/").content.decode()
    assert "C-01" in board
    assert "cómo se calcula" in board


def test_commitment_page_today_and_in_the_past(client, story):
    today = client.get(f"/compromisos/{story.slug}/").content.decode()
    assert "Avance 45 %" in today
    past = client.get(f"/compromisos/{story.slug}/?fecha=2026-06-30").content.decode()
    assert "Avance 20 %" in past
    assert "Historial" in past


def test_how_the_semaforo_is_computed_uses_the_plans_own_thresholds(client, db):
    builders.make_plan(green_max_gap=5, yellow_max_gap=15)
    page = client.get("/como-se-calcula/").content.decode()
    assert "Va a lo más 5 puntos por debajo de lo esperado" in page
    assert "Va más de 5 y hasta 15 puntos por debajo." in page
    # The worked examples are computed by the rule with those thresholds.
    assert "Avance 47 % de 50 % esperado al 2 de julio de 2026" in page
    assert (
        "Sin avance reportado al 2 de julio de 2026; se esperaba 50 %: atrasado; sus datos no se "
        "han "
        "actualizado con la periodicidad comprometida."
    ) in page


def test_every_status_badge_links_to_how_it_is_computed(client, story):
    page = client.get(f"/compromisos/{story.slug}/").content.decode()
    assert '<a class="semaforo__how" href="/como-se-calcula/">cómo se calcula' in page


def test_history_lists_versions_corrections_and_overrides_without_staff_names(
    client, story, django_user_model
):
    from commitments import services
    from commitments.models import Measurement
    from commitments.semaforo import Status
    from core import clock

    secretary = django_user_model.objects.create_superuser("maria.lopez", password="x")
    fact = Measurement.objects.get(date=date(2026, 6, 30))
    with clock.moment(date(2026, 7, 2)):
        services.correct(fact=fact, reason="Se contó dos veces una obra.", value=40, by=secretary)
        builders.set_override(story, Status.DELAYED, date(2026, 7, 2), reason="Obra detenida.")
    page = client.get(f"/compromisos/{story.slug}/").content.decode()
    history = page[page.index('id="historial"') :]
    assert "Versión original aprobada" in history
    assert "Se corrigió el dato de «Avance de prueba» del 30 de junio de 2026: 45 → 40." in history
    assert "Se contó dos veces una obra." in history
    assert "El Secretariado asignó el estado «con retraso» desde el 2 de julio de 2026." in history
    assert "maria.lopez" not in page
