"""Spanish (México) where Django's own catalogs fall short: admin wording and month names.

locale/es_MX/LC_MESSAGES/django.po overrides them; these tests fail if it stops loading
or if a Django upgrade renames a string it overrides.
"""

from datetime import date

import pytest
from django.utils import translation
from django.utils.formats import date_format
from django.utils.text import get_text_list, slugify

from commitments.models import Commitment, Pillar
from core import clock
from secretariat import services as secretariat_services
from secretariat.models import AgendaItem, Session
from tests.commitments import builders

MONTHS = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
]


@pytest.fixture
def cast(commitment):
    """C-01 and C-02 of the small plan, two pillars, and a held session of 30 April 2025 with
    its agenda."""
    builders.make_commitment(commitment.plan, "C-02")
    for order, name in enumerate(["Transparencia", "Participación"], start=1):
        Pillar.objects.create(name=name, slug=slugify(name), summary=".", order=order)
    # Written through the Secretariado's services, which stamp when it was announced and held.
    with clock.moment(date(2025, 4, 30)):
        session = secretariat_services.save(
            instance=Session(
                kind=Session.Kind.ORDINARY,
                number=1,
                date=date(2025, 4, 30),
                is_held=True,
                held_without_quorum_note="Sesión de instalación (dato de prueba).",
            )
        )
        secretariat_services.save(
            instance=AgendaItem(session=session, order=1, title="Instalación del Secretariado")
        )
    return commitment


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_admin_changelist_in_spanish(staff, cast):
    page = html(staff, "/admin/secretariat/session/")
    assert '<span id="date-hierarchy-label">Filtrar por fecha</span>' in page
    assert '<option value="" selected>- Elige una opción -</option>' in page
    assert ">Ejecutar</button>" in page
    assert "Buscar sesiones</h2>" in page
    assert "Paginación de sesiones</h2>" in page
    assert "30 de abril de 2025" in page
    assert 'placeholder="Escribe para filtrar…"' in page  # The nav sidebar, in the site's "tú".
    for english in ("Filter by", "Select an option", ">Run<", "Search ", "Pagination", "Empiece"):
        assert english not in page


def test_admin_search_result_count_in_spanish(staff, cast):
    page = html(staff, "/admin/commitments/commitment/?q=C-01")
    assert "1 resultado (" in page
    assert "1 results" not in page


def test_admin_change_page_in_spanish(staff, cast):
    commitment = Commitment.objects.get(code="C-01")
    page = html(staff, f"/admin/commitments/commitment/{commitment.pk}/change/")
    assert '<option value="" selected>- Elige una opción -</option>' in page
    assert ">¿Eliminar?</th>" in page
    assert 'class="historylink">Historial</a>' in page


def test_admin_history_in_spanish_with_a_readable_diff(staff, cast):
    from commitments import services
    from commitments.models import Pillar

    commitment = Commitment.objects.get(code="C-01")
    user = staff.get("/admin/").wsgi_request.user
    services.set_parties(commitment=commitment, pillars=Pillar.objects.all()[:2], by=user)
    page = html(staff, f"/admin/commitments/commitment/{commitment.pk}/history/")
    assert "Historial de modificaciones: C-01" in page
    assert '<th scope="col">Hecho por</th>' in page
    assert "<td>Modificado</td>" in page
    assert "<strong>Pilares:</strong>" in page
    assert "registros" in page
    for english in ("View history", "Changed by", "Change reason", ">Changed<", "entries", "None"):
        assert english not in page, english


def test_admin_delete_pages_in_spanish(staff, cast):
    objective = Commitment.objects.get(code="C-01").objective
    protected = html(staff, f"/admin/commitments/objective/{objective.pk}/delete/")
    assert (
        f"Eliminar objetivo “{objective}” exige eliminar antes los siguientes objetos "
        "relacionados, que están protegidos:"
    ) in protected
    session = Session.objects.get(date=date(2025, 4, 30))
    confirm = html(staff, f"/admin/secretariat/session/{session.pk}/delete/")
    assert (
        f"¿Eliminar sesión “{session}”? También se eliminarán todos los siguientes objetos "
        "relacionados:"
    ) in confirm
    assert "<h2>Resumen</h2>" in confirm


def test_logged_out_page_in_spanish(staff):
    page = staff.post("/admin/logout/").content.decode()
    assert '<li aria-current="page">Cerrar sesión</li>' in page


@pytest.mark.parametrize("code", ["F", "E"])
def test_month_names_are_lowercase(code):
    with translation.override("es-mx"):
        assert [date_format(date(2025, month, 1), code) for month in range(1, 13)] == MONTHS
        assert date_format(date(2025, 9, 30), "N") == "sep."
        assert date_format(date(2025, 4, 30)) == "30 de abril de 2025"


def test_lists_keep_the_space_after_each_comma():
    with translation.override("es-mx"):
        assert get_text_list(["título", "meta", "periodo"], "y") == "título, meta y periodo"


def test_public_dates_read_as_in_a_sentence(client, cast):
    session = Session.objects.get(date=date(2025, 4, 30))
    page = html(client, session.get_absolute_url())
    assert '<time datetime="2025-04-30' in page
    assert "30 de abril de 2025" in page
    assert "Abril" not in page
