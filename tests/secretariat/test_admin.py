"""Staff keep everything in the admin: every page renders, with Spanish labels and inlines."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from secretariat.models import Call

from .conftest import make_member
from .html import parse

MODELS = ["sector", "member", "call", "session", "agreement", "routemilestone"]


@pytest.fixture
def everything(approval_session, call, route):
    return approval_session


@pytest.mark.parametrize("model", MODELS)
def test_changelist_add_and_change_pages_render(admin_client, everything, model):
    changelist = parse(admin_client.get(f"/admin/secretariat/{model}/"))
    rows = changelist.find("table", id="result_list").find_all("tr")
    assert len(rows) > 1, "the changelist lists at least one row"
    first = changelist.find("table", id="result_list").find("tbody").find("a")
    change = admin_client.get(first.attrs["href"])
    assert change.status_code == 200
    assert parse(change).find("h1").text.startswith("Modificar")
    add = admin_client.get(f"/admin/secretariat/{model}/add/")
    assert parse(add).find("h1").text.startswith("Agregar")


def test_member_changelist_shows_computed_columns(admin_client, cast):
    html = admin_client.get("/admin/secretariat/member/").content.decode()
    assert "Autoriza publicar" in html
    assert "semblanza, organismo" in html  # Ana's consents
    assert "30/04/2025 a 31/01/2026" in html  # Diego's term


def test_member_form_groups_private_contact_apart(admin_client, cast):
    html = admin_client.get(f"/admin/secretariat/member/{cast.beto.pk}/change/").content.decode()
    assert "Contacto (privado)" in html
    assert "Para uso interno del Secretariado; nunca se publica." in html
    assert "beto.privado@ejemplo.invalid" in html  # staff do see it


def test_session_form_has_agenda_and_agreements_inline_and_attendance_picker(
    admin_client, approval_session
):
    response = admin_client.get(f"/admin/secretariat/session/{approval_session.pk}/change/")
    page = parse(response)
    html = response.content.decode()
    assert "Orden del día" in html and "Acuerdos" in html
    assert "STMGA-2025-02-02" in html
    attendance = page.find("select", name="attendance")
    assert "selectfilter" in attendance.classes
    selected = {o.text for o in attendance.find_all("option") if "selected" in o.attrs}
    assert selected == {
        "Ana Ejemplar Ruiz (Ciudadanía)",
        "Beto Reservado Soto (Gobierno)",
        "Diego Anterior Luna (Ciudadanía)",
    }


def test_session_form_query_count_does_not_grow_with_members(
    admin_client, approval_session, django_assert_max_num_queries, sectors
):
    for i in range(30):
        make_member(sectors.citizens, name=f"Persona {i}")
    with django_assert_max_num_queries(20):
        admin_client.get(f"/admin/secretariat/session/{approval_session.pk}/change/")


def test_agreement_and_route_change_pages_render(admin_client, approval_session, route):
    agreement = approval_session.agreements.first()
    html = admin_client.get(f"/admin/secretariat/agreement/{agreement.pk}/change/")
    assert "Seguimiento" in html.content.decode()
    html = admin_client.get(f"/admin/secretariat/routemilestone/{route.review.pk}/change/")
    assert "Revisión de medio término" in html.content.decode()
    assert "Para el público" in html.content.decode()


def test_the_admin_shows_the_message_and_saves_nothing(admin_client, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    response = admin_client.post(
        "/admin/secretariat/call/add/",
        {
            "title": "Convocatoria",
            "slug": "convocatoria",
            "published_on": "04/02/2025",
            "text": "Texto",
            "document": SimpleUploadedFile("convocatoria.txt", b"hola", "text/plain"),
        },
    )
    assert response.status_code == 200
    assert "Sube el documento en formato PDF (archivo terminado en .pdf)." in (
        response.content.decode()
    )
    assert not Call.objects.exists()
    assert not any(tmp_path.rglob("*.txt"))
