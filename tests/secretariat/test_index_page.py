"""/secretariado/: who sits on the Secretariado, who left, its sessions and calls."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from secretariat.models import Member, Session

from .conftest import make_member
from .html import assert_in_order, headings, main_text, parse

URL = "/secretariado/"


def test_current_members_are_grouped_by_kind_then_sector(client, today, cast):
    response = client.get(URL)
    outline = headings(response)
    assert (3, "Ciudadanía") in outline
    assert (4, "Sector Ciudadanía") in outline
    assert (3, "Invitadas e invitados permanentes") in outline
    text = main_text(response)
    assert_in_order(
        text,
        [
            "Integrantes",
            "Hoy hay 3 personas en funciones.",
            "Ciudadanía",
            "Sector Ciudadanía",
            "Ana Ejemplar Ruiz",
            "Personas servidoras públicas",
            "Sector Gobierno",
            "Beto Reservado Soto",
            "Presidencia",
            "Invitadas e invitados permanentes",
            "Sector Académico",
            "Carla Invitada Pérez",
            "Invitado/a con voz",
            "Integrantes anteriores",
        ],
    )


def test_sector_descriptions_introduce_their_members(client, today, cast, sectors):
    sectors.academia.description = "Universidades y centros de investigación."
    sectors.academia.save()
    text = main_text(client.get(URL))
    assert_in_order(
        text,
        ["Sector Académico", "Universidades y centros de investigación.", "Carla Invitada Pérez"],
    )


def test_former_members_stay_on_record_in_their_own_section(client, today, cast):
    page = parse(client.get(URL))
    current = page.find("section", aria_labelledby="integrantes").text
    former = page.find("section", aria_labelledby="integrantes-anteriores").text
    assert "Diego Anterior Luna" in former and "Diego Anterior Luna" not in current
    # Elena is still marked active, but her term ended on 30 June 2026.
    assert "Elena Concluida Vela" in former and "Elena Concluida Vela" not in current
    assert "Periodo: 30 de abril de 2025 al 31 de enero de 2026" in former
    assert "Ana Ejemplar Ruiz" in current and "Ana Ejemplar Ruiz" not in former


def test_a_member_shows_role_and_only_consented_details(client, today, cast):
    current = parse(client.get(URL)).find("section", aria_labelledby="integrantes")
    ana = next(li for li in current.find_all("li", "member") if "Ana" in li.text)
    assert ana.text == (
        "Ana Ejemplar Ruiz Coordinación de mesa Consejo de Colonos del Norte "
        "En funciones desde el 30 de abril de 2025 Ana coordina la mesa de participación."
    )
    carla = next(li for li in current.find_all("li", "member") if "Carla" in li.text)
    assert "Carla investiga gobiernos locales." in carla.text
    assert "Instituto que Carla no autorizó" not in carla.text


def test_nobody_in_office_and_nobody_former(client, today, db):
    text = main_text(client.get(URL))
    assert "Todavía no hay integrantes registrados." in text
    assert "Nadie ha dejado el Secretariado en este ejercicio." in text
    assert "Todavía no hay sesiones registradas." in text


def test_sessions_are_listed_newest_first_with_status_and_agreement_count(
    client, today, approval_session, scheduled_session
):
    page = parse(client.get(URL))
    rows = page.find("section", aria_labelledby="sesiones").find_all("li", "session-row")
    assert [row.text for row in rows] == [
        "4ª Sesión Ordinaria 11 de diciembre de 2026 Programada",
        "2ª Sesión Ordinaria 29 de agosto de 2025 · Salón del Ayuntamiento Celebrada 3 acuerdos",
    ]
    link = rows[1].find("a")
    assert link.attrs["href"] == "/secretariado/sesiones/2a-sesion-ordinaria-2025/"
    assert rows[1].find("time").attrs["datetime"] == "2025-08-29"


def test_calls_are_listed_with_their_dates(client, today, call):
    section = parse(client.get(URL)).find("section", aria_labelledby="convocatorias")
    assert section.find("a").attrs["href"] == "/secretariado/convocatorias/convocatoria-2025/"
    assert "Publicada el 4 de febrero de 2025 · fecha límite: 7 de marzo de 2025" in section.text


def test_example_data_is_announced(client, today, cast):
    assert "Datos de ejemplo." not in client.get(URL).content.decode()
    cast.ana.is_example = True
    cast.ana.save()
    page = parse(client.get(URL))
    notice = page.find("section", class_="notice--example")
    assert notice.attrs["aria-labelledby"] == "aviso-ejemplo"
    assert "Datos de ejemplo." in notice.text
    ana = next(li for li in page.find_all("li", "member") if "Ana" in li.text)
    assert ana.find("span", "example-tag").text == "Ejemplo"


def test_navigation_marks_the_section_as_current(client, today, db):
    nav = parse(client.get(URL)).find("nav", class_="site-nav")
    current = nav.find("a", aria_current="page")
    assert current.text == "Secretariado"


def _count_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL)
    assert response.status_code == 200
    return len(queries), response


def test_query_count_does_not_grow_with_members_or_sessions(
    client, today, approval_session, sectors
):
    few, _ = _count_queries(client)
    for i in range(25):
        kind = [Member.Kind.CITIZEN, Member.Kind.PUBLIC_SERVANT][i % 2]
        make_member(sectors.academia, name=f"Persona {i}", kind=kind, publish_organization=True)
        make_member(sectors.citizens, name=f"Anterior {i}", is_active=False)
        Session.objects.create(kind=Session.Kind.EXTRAORDINARY, number=i + 1, date=today)
    many, response = _count_queries(client)
    assert "Persona 24" in response.content.decode()
    assert many == few
