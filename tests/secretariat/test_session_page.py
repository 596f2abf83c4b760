"""/secretariado/sesiones/<slug>/: agenda, attendance and agreements with their follow-up."""

from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from secretariat import services
from secretariat.models import AgendaItem, Agreement

from .conftest import make_member
from .html import main_text, parse

URL = "/secretariado/sesiones/2a-sesion-ordinaria-2025/"


def test_the_session_page_shows_its_agenda_in_order(client, approval_session):
    page = parse(client.get(URL))
    assert page.find("h1").text == "2ª Sesión Ordinaria"
    agenda = page.find("ol", "agenda")
    assert [li.text for li in agenda.find_all("li")] == [
        "Lista de asistencia",
        "Aprobación del Plan de Acción",
        "Asuntos generales",
    ]
    date = page.find("dl", "summary-list").find("time")
    assert date.attrs["datetime"] == "2025-08-29T10:00"
    assert date.text == "29 de agosto de 2025, 10:00 h"


def test_attendance_lists_who_was_present(client, approval_session):
    page = parse(client.get(URL))
    attendance = page.find("ul", "attendance-list")
    names = [span.text for span in attendance.find_all("span", "attendance-list__name")]
    # Same order as the members list: citizens first, then public servants.
    assert names == ["Ana Ejemplar Ruiz", "Diego Anterior Luna", "Beto Reservado Soto"]
    assert "Asistieron 3 integrantes." in main_text(client.get(URL))
    assert "Carla" not in attendance.text


def test_agreements_show_status_responsible_and_follow_up(client, approval_session):
    page = parse(client.get(URL))
    agreements = page.find_all("li", "agreement")
    assert [a.find("h3").text for a in agreements] == [
        "Acuerdo STMGA-2025-02-01",
        "Acuerdo STMGA-2025-02-02",
        "Acuerdo STMGA-2025-02-03",
    ]
    statuses = [a.find("span", "status") for a in agreements]
    assert [s.text for s in statuses] == ["Cumplido", "En proceso", "Pendiente"]
    assert [sorted(s.classes) for s in statuses] == [
        ["status", "status--done"],
        ["status", "status--progress"],
        ["status", "status--neutral"],
    ]
    follow_ups = [" ".join(a.find("ol", "follow-ups").text.split()) for a in agreements]
    assert follow_ups[1] == (
        "1 de octubre de 2026: En proceso. Tablero en pruebas. Publicado el 1 de octubre de 2026."
    )
    assert follow_ups[2] == "1 de octubre de 2026: Pendiente Publicado el 1 de octubre de 2026."
    assert "Responsable Unidad de Transparencia" in agreements[0].text
    assert "Fecha compromiso 31 de diciembre de 2025" in agreements[0].text


def test_signed_minutes_are_linked(client, approval_session, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    summary = parse(client.get(URL)).find("dl", "summary-list")
    assert "Acta firmada El acta firmada se publicará cuando esté firmada." in summary.text
    approval_session.minutes.save("acta.pdf", ContentFile(b"%PDF-1.4\n" + b"0" * 3000), save=False)
    services.save(instance=approval_session)
    summary = parse(client.get(URL)).find("dl", "summary-list")
    assert "Acta firmada Descargar el acta firmada (PDF, 2.9 KB)" in " ".join(summary.text.split())
    assert "Resumen de la sesión Descargar el resumen de la sesión en PDF" in summary.text
    assert summary.find("a").attrs["href"].startswith("/media/secretariado/actas/")


def test_a_scheduled_session_says_what_will_come(client, scheduled_session):
    response = client.get(scheduled_session.get_absolute_url())
    text = main_text(response)
    assert "Programada" in parse(response).find("span", "status").text
    assert "El orden del día todavía no se ha publicado." in text
    assert "La asistencia se registrará cuando se celebre la sesión." in text
    assert "Los acuerdos se publicarán después de la sesión." in text


def test_an_unknown_session_is_not_found(client, db):
    response = client.get("/secretariado/sesiones/99a-sesion-ordinaria-2099/")
    assert response.status_code == 404


def test_query_count_does_not_grow_with_attendance_or_agreements(client, approval_session, sectors):
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    for i in range(20):
        approval_session.attendance.add(make_member(sectors.academia, name=f"Persona {i}"))
        AgendaItem.objects.create(session=approval_session, order=10 + i, title=f"Punto {i}")
        Agreement.objects.create(session=approval_session, code=f"X-{i}", text="t")
    with CaptureQueriesContext(connection) as many:
        response = client.get(URL)
    assert "Asistieron 23 integrantes." in main_text(response)
    assert len(many) == len(few)
