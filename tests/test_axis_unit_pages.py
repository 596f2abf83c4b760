"""One axis, one responsible unit, one organisation: their commitments and combined progress."""

import re

import pytest
from django.core.cache import cache

from commitments import services
from commitments.models import Commitment, Objective
from tests.plans import sized_plan

ROW_CODE = re.compile(
    r'<h3 class="commitment-row__title"><a href="[^"]*"><span class="code">([\w-]+)<'
)
DPC = "/dependencias/dpc-direccion-de-participacion-ciudadana/"
OBSERVATORY = "/organizaciones/observatorio-ciudadano-de-leon-ejemplo/"

pytestmark = pytest.mark.usefixtures("frozen_today")


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def section(page, heading_id):
    start = page.index(f'id="{heading_id}"')
    return page[start : page.index("</section>", start)]


def test_axis_page_lists_objectives_with_their_commitments(client, demo):
    page = html(client, "/ejes/datos-abiertos/")
    assert page.count("<h1>") == 1 and "<h1>Datos Abiertos</h1>" in page
    assert "Información pública en formatos que cualquiera puede descargar" in page
    first = section(page, "objetivo-" + str(Commitment.objects.get(code="DA-01").objective_id))
    assert "Fortalecer datos abiertos en León" in first
    assert ROW_CODE.findall(first) == ["DA-01", "DA-02", "DA-03", "DA-04"]
    assert "Avance del eje: 4 compromisos" in page
    assert "48 % de avance · 56 % esperado" in page
    assert "Datos de ejemplo." in page


def test_axis_page_says_when_an_objective_has_no_commitments_yet(client, demo):
    services.save(
        instance=Objective(
            axis=Commitment.objects.get(code="DA-01").objective.axis,
            code="DA-O2",
            title="Otro objetivo",
        )
    )
    page = html(client, "/ejes/datos-abiertos/")
    assert "Otro objetivo" in page
    assert "Este objetivo aún no tiene compromisos publicados." in page


def test_axis_page_hides_unpublished_commitments_and_plans(client, demo):
    services.unpublish_commitment(
        commitment=Commitment.objects.get(code="DA-04"), reason="Se revisa su redacción."
    )
    assert "DA-04" not in ROW_CODE.findall(html(client, "/ejes/datos-abiertos/"))
    services.unpublish_plan(plan=demo, reason="Se revisa el plan.")
    assert client.get("/ejes/datos-abiertos/").status_code == 404


def test_unknown_slugs_are_404_in_the_site_frame(client, demo):
    for url in ["/ejes/no-existe/", "/dependencias/no-existe/", "/organizaciones/no-existe/"]:
        response = client.get(url)
        assert response.status_code == 404
        assert "No encontramos esta página" in response.content.decode()


def test_unit_page_separates_lead_and_co_responsible_commitments(client, demo):
    page = html(client, DPC)
    assert "<h1>Dirección de Participación Ciudadana" in page
    assert ROW_CODE.findall(section(page, "responsable")) == ["MB-01", "PP-01"]
    shared = section(page, "corresponsable")
    assert ROW_CODE.findall(shared) == ["MB-02", "PP-02", "PP-04"]
    assert "Papel: Registra los acuerdos" in shared
    assert "Avance conjunto: 5 compromisos" in page
    assert "38 % de avance · 66 % esperado" in page
    assert (
        'href="/tablero/?corresponsable=dependencia%3Adpc-direccion-de-participacion-ciudadana"'
        in page
    )


def test_unit_without_commitments_says_so(client, demo):
    page = html(client, "/dependencias/cm-contraloria-municipal/")
    assert "No encabeza ningún compromiso de este plan." in page
    assert ROW_CODE.findall(section(page, "corresponsable")) == ["DA-02"]


def test_organization_page_lists_what_it_shares_with_its_role(client, demo):
    page = html(client, OBSERVATORY)
    assert "<h1>Observatorio Ciudadano de León (ejemplo)</h1>" in page
    assert "Organización de la sociedad civil" in page
    assert "Como dependencia responsable" not in page
    shared = section(page, "corresponsable")
    assert ROW_CODE.findall(shared) == ["DA-02", "MB-02", "PP-02"]
    assert "Papel: Vigila la calidad de los reportes" in shared
    assert "Avance conjunto: 3 compromisos" in page


def test_pages_travel_in_time_too(client, demo):
    for url in ["/ejes/datos-abiertos/", DPC, OBSERVATORY]:
        page = html(client, f"{url}?corte=2")
        assert (
            "Estás viendo el plan al cierre del corte 2 (Segundo corte semestral, 18 de "
            "septiembre de 2026)." in page
        )
        assert f'<a href="{url}">Ver los datos de hoy</a>' in page
        assert "?corte=2" in page


def test_staff_get_an_edit_link_that_visitors_do_not(client, admin_client, demo):
    assert "Editar en la administración" in admin_client.get(DPC).content.decode()
    assert "Editar en la administración" not in html(client, DPC)


@pytest.mark.parametrize(
    ("page_of", "most"),
    [
        (lambda commitment: commitment.axis, 18),
        # Each unit of the plan also shares the other unit's commitments.
        (lambda commitment: commitment.unit, 16),
        (lambda commitment: commitment.co_responsibles.get(unit=None).organization, 16),
    ],
    ids=["axis", "unit", "organization"],
)
def test_query_count_does_not_grow_with_the_plan(
    client, db, django_assert_max_num_queries, page_of, most
):
    plan = sized_plan(2)
    commitment = plan.commitments.order_by("code").first()
    url = page_of(commitment).get_absolute_url()
    with django_assert_max_num_queries(most) as small:
        assert commitment.code in ROW_CODE.findall(html(client, url))
    sized_plan(4, plan=plan)
    cache.clear()
    with django_assert_max_num_queries(most) as big:
        assert "C-06" in ROW_CODE.findall(html(client, url))
    assert len(small) == len(big)
