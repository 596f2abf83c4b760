"""The ficha de compromiso and the acta de sesión: small, built while the visitor waits."""

from datetime import date

import pytest

from core import clock
from secretariat import services
from secretariat.models import Agreement
from tests.reports.conftest import pdf_of

# PDF rendering: the same on any database, run once in CI.
pytestmark = [pytest.mark.django_db, pytest.mark.once]


def links(reader):
    return {
        annotation.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annotation in page.get("/Annots", [])
        if "/A" in annotation.get_object()
    }


def test_commitment_sheet_has_status_chart_milestones_and_working_evidence_links(client, tracked):
    response = client.get(f"/compromisos/{tracked.slug}/ficha.pdf")
    reader, text = pdf_of(response)
    assert f'filename="ficha-{tracked.slug}.pdf"' in response["Content-Disposition"]
    assert 1 <= len(reader.pages) <= 2
    for expected in [
        "Ficha del compromiso C-01 al 25 de noviembre de 2026",
        "Compromiso C-01",
        "Atrasado",
        "Motivo publicado en julio.",
        "Avance en el tiempo",
        "Hito de publicación",
        "Minuta de arranque",
        "58 (31/05/2026)",
    ]:
        assert expected in text, expected
    assert "https://example.org/acta.pdf" in links(reader)
    # The evidence attached to a measurement is listed too, with its indicator.
    assert "Evidencia del valor" in text
    assert "https://example.org/padron-mayo.csv" in links(reader)
    assert f"http://127.0.0.1:8000/compromisos/{tracked.slug}/" in text


def test_commitment_sheet_on_a_past_date(client, tracked):
    response = client.get(f"/compromisos/{tracked.slug}/ficha.pdf?fecha=2026-06-30")
    _reader, text = pdf_of(response)
    assert f'filename="ficha-{tracked.slug}-al-2026-06-30.pdf"' in response["Content-Disposition"]
    assert "37 (31/03/2026)" in text
    assert "31/05/2026" not in text and "31 de mayo de 2026" not in text
    assert "Motivo publicado en julio." not in text


def figures(node):
    """Alt texts of the Figure elements under a node of the PDF's structure tree."""
    node = node.get_object()
    found = [str(node["/Alt"])] if node.get("/S") == "/Figure" and "/Alt" in node else []
    kids = node.get("/K", [])
    for kid in kids if isinstance(kids, list) else [kids]:
        if hasattr(kid, "get_object") and hasattr(kid.get_object(), "get"):
            found += figures(kid)
    return found


def test_the_chart_is_a_tagged_figure_with_alternative_text(client, tracked):
    reader, _text = pdf_of(client.get(f"/compromisos/{tracked.slug}/ficha.pdf"))
    (alt,) = figures(reader.trailer["/Root"]["/StructTreeRoot"])
    assert "Línea discontinua: avance esperado" in alt
    assert reader.trailer["/Root"]["/Lang"] == "es-MX"


@pytest.mark.parametrize("query", ["?fecha=2026-02-30", "?corte=9"])
def test_commitment_sheet_with_a_bad_day_is_a_404(client, tracked, query):
    assert client.get(f"/compromisos/{tracked.slug}/ficha.pdf{query}").status_code == 404


def test_unknown_commitment_or_session_is_a_404(client, db):
    assert client.get("/compromisos/no-existe/ficha.pdf").status_code == 404
    assert client.get("/secretariado/sesiones/no-existe/acta.pdf").status_code == 404


def test_session_minutes_hold_agenda_attendance_and_agreements_with_overdue(
    client, approval_session
):
    response = client.get(f"/secretariado/sesiones/{approval_session.slug}/acta.pdf")
    reader, text = pdf_of(response)
    assert 'filename="resumen-2a-sesion-ordinaria-2025.pdf"' in response["Content-Disposition"]
    assert 1 <= len(reader.pages) <= 3
    for expected in [
        "Resumen de la 2ª Sesión Ordinaria del Secretariado",
        "no sustituye al acta firmada",
        "Aprobación del Plan de Acción",
        "Ana Ejemplar Ruiz",
        "STMGA-2025-02-01",
        "Tablero en pruebas.",
        "Cumplido",
        "En proceso",
    ]:
        assert expected in text, expected
    # Due on 31/12/2025 and not fulfilled: two of the three are overdue on 25/11/2026.
    assert "3 acuerdos; 2 vencidos al 25 de noviembre de 2026." in text
    assert text.count("Vencido") == 2
    # Only what the page shows: no private contact data.
    assert "ana.privado" not in text
    assert "Datos de ejemplo" not in text


def test_an_example_session_is_marked(client, approval_session):
    approval_session.is_example = True
    approval_session.save()
    _reader, text = pdf_of(client.get(f"/secretariado/sesiones/{approval_session.slug}/acta.pdf"))
    assert "Datos de ejemplo." in text
    assert "Contiene datos de ejemplo" in text


def test_a_fulfilled_agreement_is_never_overdue(client, approval_session):
    for agreement in Agreement.objects.filter(session=approval_session):
        agreement.due_date = date(2025, 9, 30)
        services.save(instance=agreement)
        with clock.moment(date(2026, 10, 2)):
            services.record_follow_up(
                agreement=agreement, status=Agreement.Status.FULFILLED, date=date(2026, 10, 2)
            )
    _reader, text = pdf_of(client.get(f"/secretariado/sesiones/{approval_session.slug}/acta.pdf"))
    assert "Vencido" not in text
