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
