"""The Plan de Acción completo and the informes de avance, downloaded as a visitor does."""

from datetime import date

import pytest

from tests.commitments import builders
from tests.reports.conftest import download, pdf_of

# PDF rendering: the same on any database, run once in CI.
pytestmark = [pytest.mark.django_db, pytest.mark.once]


def test_plan_report_holds_the_cover_contents_and_the_whole_matrix_row(client, tracked):
    response = download(client, "/reportes/plan-de-accion-2025-2027.pdf")
    reader, text = pdf_of(response)
    assert 'filename="plan-de-accion-2025-2027.pdf"' in response["Content-Disposition"]
    assert 3 <= len(reader.pages) <= 8
    assert reader.metadata.title == "Plan de Acción Municipal de Gobierno Abierto 2025-2027"
    assert reader.metadata.author.startswith("Unidad de Transparencia")
    for expected in [
        "Plan de prueba",
        "Ejercicio de prueba 3",
        "Contenido",
        "Eje: Eje de prueba",
        "Objetivo O1: Objetivo de prueba",
        "Compromiso C-01",
        "Unidad UP",
        "Meta de prueba.",
        "Solicitudes respondidas",
        "Informe trimestral",
        "Atrasado",
        "Página 1 de",
        "Generado el 25 de noviembre de 2026",
    ]:
        assert expected in text, expected
    assert "Contiene datos de ejemplo" not in text


def test_the_matrix_is_on_landscape_pages(client, tracked):
    reader, _text = pdf_of(download(client, "/reportes/plan-de-accion-2025-2027.pdf"))
    matrix = next(p for p in reader.pages if "Compromiso C-01" in p.extract_text())
    assert matrix.mediabox.width > matrix.mediabox.height
    assert reader.pages[0].mediabox.width < reader.pages[0].mediabox.height


def test_a_past_date_shows_only_what_was_public_by_then(client, tracked):
    _reader, text = pdf_of(download(client, "/reportes/avance/2026-06-30.pdf"))
    assert "Informe de avance al 30 de junio de 2026" in text
    # Published on 5 April: there. About 31 May but published on 10 July: not yet.
    assert "37 (31/03/2026)" in text
    assert "31/05/2026" not in text and "31 de mayo de 2026" not in text
    assert "58" not in text
    # The override came in July.
    assert "Motivo publicado en julio." not in text
    assert "Ningún compromiso tenía un estado asignado" in text


def test_today_shows_the_later_value_and_the_override_with_its_reason(client, tracked):
    reader, text = pdf_of(download(client, "/reportes/avance/2026-11-25.pdf"))
    assert "58 (31/05/2026)" in text
    assert "Motivo publicado en julio." in text
    for section in [
        "Resumen del semáforo",
        "Semáforo por eje",
        "Semáforo por dependencia responsable",
        "Indicadores transversales",
        "Valoración independiente",
        "Próximos hitos",
        "Hito de publicación",
    ]:
        assert section in text, section
    assert 1 <= len(reader.pages) <= 6


def test_round_report_is_the_plan_at_the_round_deadline(client, tracked, plan):
    builders.add_round(plan, 1, date(2026, 6, 15), deadline=date(2026, 6, 30))
    response = download(client, "/reportes/corte/1.pdf")
    _reader, text = pdf_of(response)
    assert 'filename="informe-de-avance-corte-1.pdf"' in response["Content-Disposition"]
    assert "Informe de avance al cierre del corte 1 (30 de junio de 2026)" in text
    assert "37 (31/03/2026)" in text
    assert "31/05/2026" not in text and "31 de mayo de 2026" not in text


@pytest.mark.parametrize(
    "url",
    [
        "/reportes/avance/2026-02-30.pdf",
        "/reportes/avance/2026-13-01.pdf",
        "/reportes/avance/30-06-2026.pdf",
        "/reportes/avance/2031-01-01.pdf",
        "/reportes/avance/1999-01-01.pdf",
        "/reportes/corte/7.pdf",
        "/reportes/corte/99999999999999999999.pdf",
        "/reportes/corte/uno.pdf",
        "/reportes/plan-de-accion-2019-2021.pdf",
        "/reportes/plan-de-accion-xyz.pdf",
    ],
)
def test_bad_dates_and_rounds_are_a_404_page(client, tracked, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "text/html" in response["Content-Type"]


def test_a_round_still_open_is_a_404(client, tracked, plan):
    builders.add_round(plan, 2, date(2026, 12, 15), deadline=date(2026, 12, 31))
    assert client.get("/reportes/corte/2.pdf").status_code == 404


def test_example_data_is_marked(client, plan):
    builders.make_commitment(plan, is_example=True)
    reader, text = pdf_of(download(client, "/reportes/plan-de-accion-2025-2027.pdf"))
    assert "Datos de ejemplo." in text
    # On every page, in its margin.
    assert all("Contiene datos de ejemplo" in p.extract_text() for p in reader.pages[1:])
