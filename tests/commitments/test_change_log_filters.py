"""/cambios/ names what each change is, filters by kind, commitment, unit and dates, and each
commitment page links to its own feed."""

import re
from datetime import date

import pytest

from tests.commitments import builders

pytestmark = pytest.mark.usefixtures("frozen_today")


def text(response):
    assert response.status_code == 200
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def log(response):
    """The text of the listed changes only (not the filters' options)."""
    html = response.content.decode()
    found = re.search(r'<ol class="change-log">(.*?)</ol>', html, re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found[1])) if found else ""


@pytest.fixture
def two(plan):
    """C-01 (unit UP, example data) with a measurement and evidence; C-02 (unit OT) with a
    milestone's progress and a round report."""
    first = builders.make_commitment(
        plan, "C-01", indicators=[{"name": "Avance de prueba"}], is_example=True
    )
    builders.add_measurement(first.indicators.get(), date(2026, 3, 31), 40)
    builders.add_evidence(first, title="Acta de instalación", day=date(2026, 4, 10))
    second = builders.make_commitment(
        plan,
        "C-02",
        unit=builders.make_unit("OT"),
        milestones=[{"title": "Hito único"}],
    )
    builders.add_progress(second.milestones.get(), date(2026, 5, 31), 25)
    round_ = builders.add_round(plan, 1, date(2026, 6, 30), title="Segundo corte semestral")
    builders.file_report(round_, second, date(2026, 7, 5))
    return first, second


def test_each_change_says_what_it_is(client, two):
    page = text(client.get("/cambios/"))
    assert "Avance de indicador" in page
    assert "Avance de hito" in page
    assert "Evidencia C-01" in page.replace("Ejemplo ", "")
    assert "Se publicó «Acta de instalación»." in page
    assert "Nueva evidencia" not in page
    assert "Se entregó su reporte para «Segundo corte semestral»." in page
    assert "del Segundo" not in page
    assert "Dato nuevo" not in page


def test_the_filters_narrow_by_kind_commitment_unit_and_dates(client, two):
    _first, second = two
    evidence = text(client.get("/cambios/?tipo=evidencias"))
    assert "1 cambio " in evidence and "Acta de instalación" in evidence
    assert "Avance de «" not in evidence
    of_second = log(client.get(f"/cambios/?compromiso={second.slug}"))
    assert "C-02" in of_second and "C-01 ·" not in of_second
    assert (
        f"/compromisos/{second.slug}/cambios.atom"
        in client.get(f"/cambios/?compromiso={second.slug}").content.decode()
    )
    by_unit = log(client.get("/cambios/?dependencia=ot"))
    assert "C-02" in by_unit and "C-01 ·" not in by_unit
    spring = log(client.get("/cambios/?desde=2026-04-01&hasta=2026-06-30"))
    assert "Acta de instalación" in spring and "Hito único" in spring
    assert "Avance de «Avance de prueba»" not in spring  # 31/03, before the range
    assert "Se entregó su reporte" not in spring  # 05/07, after it
    none = text(client.get("/cambios/?desde=2030-01-01"))
    assert "Ningún cambio cumple con estos filtros." in none


def test_unknown_filter_values_are_dropped_like_on_every_page(client, two):
    page = text(client.get("/cambios/?tipo=<script>&compromiso=no-existe&desde=31/12/2026"))
    assert "Ningún cambio" not in page
    assert "Filtrar cambios" in page


def test_the_example_banner_and_tags_mark_invented_commitments(client, two):
    page = text(client.get("/cambios/"))
    assert "Datos de ejemplo." in page
    assert "Ejemplo" in page
    assert "Datos de ejemplo." not in text(client.get("/cambios/?dependencia=ot"))


def test_a_commitment_page_links_its_own_feed_and_change_log(client, two):
    first, _second = two
    html = client.get(f"/compromisos/{first.slug}/").content.decode()
    assert f'href="/compromisos/{first.slug}/cambios.atom"' in html
    assert f'href="/cambios/?compromiso={first.slug}"' in html
    feed = client.get(f"/compromisos/{first.slug}/cambios.atom").content.decode()
    assert "Acta de instalación" in feed
