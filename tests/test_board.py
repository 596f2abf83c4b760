"""The public board (/tablero/) with the León demo data, as it stood on 25/11/2026."""

import gzip
import re
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache

from commitments import services
from commitments.models import ActionPlan, Commitment
from core import clock
from tests.commitments import builders
from tests.conftest import TODAY
from tests.plans import sized_plan

URL = "/tablero/"
ROW_CODE = re.compile(
    r'<h3 class="commitment-row__title"><a href="[^"]*"><span class="code">([\w-]+)<'
)

pytestmark = pytest.mark.usefixtures("frozen_today")


def html(client, url=URL, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code == 200
    return response.content.decode()


def codes(page):
    return ROW_CODE.findall(page)


def test_totals_per_status_are_links_that_filter(client, demo):
    page = html(client)
    assert "Cómo va el plan al 25 de noviembre de 2026" in page
    for status, label, count in [
        ("completo", "Completo", 2),
        ("en_tiempo", "En tiempo", 4),
        ("con_retraso", "Con retraso", 5),
        # PP-04 started on 01/10/2025 and has reported nothing: rated by its gap.
        ("atrasado", "Atrasado", 4),
        # Only DA-04 (from 15/01/2027) has not started.
        ("no_iniciado", "No iniciado", 1),
        # A flag on commitments of any status, said apart from the five boxes.
        ("sin_actualizar", "2 compromisos sin actualizar", None),
    ]:
        link = re.search(rf'<a href="/tablero/\?estado={status}">(.*?)</a>', page, re.S)
        assert link, status
        assert label in link.group(1)
        if count is not None:
            assert f'<span class="figure-number">{count}</span>' in link.group(1)


def test_overall_progress_and_last_update(client, demo):
    page = html(client)
    assert "Avance general" in page
    assert "46 % de avance · 64 % esperado" in page
    assert "Última actualización: 10 de noviembre de 2026." in page


def test_rows_show_code_title_axis_unit_status_explanation_progress_and_example_tag(client, demo):
    page = html(client)
    assert codes(page) == sorted(codes(page))
    assert len(codes(page)) == 16
    row = page[page.index('<span class="code">DA-02</span>') :]
    row = row[: row.index("</li>")]
    assert "/compromisos/da-02-abrir-los-datos-de-obra-publica" in page
    assert "Abrir los datos de obra pública con su avance físico y financiero" in row
    assert "Datos Abiertos · Tesorería Municipal (TM)" in row
    assert '<span class="status status--atrasado">' in row and "Atrasado</span>" in row
    assert (
        "Avance 30 % de 62 % esperado al 25 de noviembre de 2026 según sus indicadores: atrasado."
        in row
    )
    assert "30 % de avance · 62 % esperado" in row
    assert '<span class="example-tag">Ejemplo</span>' in row
    assert "Datos de ejemplo." in page


def test_filter_by_status_shows_count_active_filter_and_clear_link(client, demo):
    page = html(client, f"{URL}?estado=atrasado")
    assert codes(page) == ["DA-02", "MB-02", "PP-02", "PP-04"]
    assert "<strong>4</strong> de 16 compromisos" in page
    assert (
        'href="/tablero/"><span class="visually-hidden">Quitar filtro </span>Estado: Atrasado'
        in (page)
    )
    assert '<a href="/tablero/">Quitar filtros</a>' in page
    assert 'id="estado-atrasado" name="estado" value="atrasado" checked' in page
    # Once filtered, the filters fold away so the results come first on a phone.
    assert '<details class="filters">' in page
    assert '<span id="filtros-activos">(1 activo)</span>' in page


def test_several_statuses_add_up_and_stale_is_a_filter_of_its_own(client, demo):
    assert codes(html(client, f"{URL}?estado=completo&estado=no_iniciado")) == [
        "DA-03",
        "DA-04",
        "MB-04",
    ]
    assert codes(html(client, f"{URL}?estado=sin_actualizar")) == ["CJ-04", "PP-04"]


def test_pp04_with_nothing_reported_is_rated_by_its_gap(client, demo):
    row = html(client)
    row = row[row.index('<span class="code">PP-04</span>') :]
    row = row[: row.index("</li>")]
    assert "Atrasado</span>" in row and "Sin actualizar" in row
    assert "Sin avance reportado al 25 de noviembre de 2026; se esperaba 77 %: atrasado;" in row
    assert "No iniciado" not in row


def test_removing_one_of_several_filters_keeps_the_others(client, demo):
    page = html(client, f"{URL}?estado=completo&estado=atrasado&eje=datos-abiertos&pagina=1")
    assert codes(page) == ["DA-02", "DA-03"]
    assert '<a href="/tablero/?estado=atrasado&amp;eje=datos-abiertos">' in page
    assert "Eje: Datos Abiertos" in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("eje=mi-barrio-habla", ["MB-01", "MB-02", "MB-03", "MB-04"]),
        ("dependencia=tm-tesoreria-municipal", ["CJ-04", "DA-02", "PP-02"]),
        ("pilar=rendicion-de-cuentas", ["PP-01", "PP-02", "PP-03", "PP-04"]),
        # A unit counts whether it leads or shares the commitment.
        ("corresponsable=dependencia:ut-unidad-de-transparencia", ["DA-01", "DA-03"]),
        (
            "corresponsable=organizacion:observatorio-ciudadano-de-leon-ejemplo",
            ["DA-02", "MB-02", "PP-02"],
        ),
        # Accents and case do not matter; every word must appear.
        ("q=JOVENES", ["CJ-04"]),
        ("q=informacion", ["DA-03"]),
        ("q=da-0", ["DA-01", "DA-02", "DA-03", "DA-04"]),
        ("q=datos+obra", ["DA-02"]),
    ],
)
def test_filters(client, demo, query, expected):
    assert codes(html(client, f"{URL}?{query}")) == expected


def test_search_reads_the_description_too(client, demo):
    commitment = Commitment.objects.get(code="MB-03")
    commitment.description = "Incluye un tablero geográfico de baches."
    with clock.moment(TODAY):
        services.save(instance=commitment)
        # The working copy is not public: the search reads the published version.
        assert codes(html(client, f"{URL}?q=geografico")) == []
        services.publish_version(commitment=commitment, reason="Se precisa la descripción.")
    assert codes(html(client, f"{URL}?q=geografico")) == ["MB-03"]


def test_status_counts_follow_the_other_filters(client, demo):
    page = html(client, f"{URL}?eje=datos-abiertos")
    assert '<span class="filter-count" id="cuenta-completo">(1)</span>' in page
    assert '<span class="filter-count" id="cuenta-con_retraso">(0)</span>' in page
    assert '<span class="filter-count" id="cuenta-atrasado">(1)</span>' in page


def test_invalid_filter_values_are_ignored(client, demo):
    page = html(client, f"{URL}?eje=no-existe&estado=inventado&orden=azar&pagina=abc")
    assert len(codes(page)) == 16
    assert "<strong>16</strong> de 16 compromisos" in page


@pytest.mark.parametrize(
    ("sort", "first"),
    [
        ("", ["CJ-01", "CJ-02", "CJ-03"]),
        # Most urgent first: the widest gap among "atrasado", then stale ones.
        ("estado", ["PP-04", "PP-02", "DA-02", "MB-02", "CJ-04"]),
        ("avance", ["DA-03", "MB-04", "PP-01"]),
        ("titulo", ["DA-02", "PP-03", "CJ-01"]),
    ],
)
def test_sorting(client, demo, sort, first):
    url = f"{URL}?orden={sort}" if sort else URL
    assert codes(html(client, url))[: len(first)] == first


def test_a_form_sent_without_javascript_leads_to_an_address_without_empty_fields(client, demo):
    response = client.get(f"{URL}?q=&eje=&estado=atrasado&orden=&pilar=")
    assert response.status_code == 302
    assert response["Location"] == f"{URL}?estado=atrasado"
    # With htmx the fragment is answered in place (htmx pushes the URL it asked for).
    fragment = client.get(f"{URL}?q=&estado=atrasado", headers={"HX-Request": "true"})
    assert fragment.status_code == 200


def test_filters_form_is_a_plain_get_form_wired_for_htmx(client, demo):
    page = html(client)
    form = re.search(r"<form id=\"filtros\"[^>]*>", page).group(0)
    assert 'method="get"' in form and 'action="/tablero/"' in form
    assert 'hx-get="/tablero/"' in form and 'hx-target="#resultados"' in form
    assert 'hx-push-url="true"' in form and 'hx-trigger="change, submit"' in form
    for label in ["Buscar", "Estado", "Eje", "Dependencia responsable", "Pilar", "Ordenar por"]:
        assert label in page
    assert "Aplicar filtros" in page
    # Unfiltered, the filters are open: there is nothing to fold away for.
    assert '<details class="filters" open>' in page
    assert 'aria-live="polite"' in page


def test_htmx_gets_only_the_results_with_counts_out_of_band(client, demo):
    response = client.get(f"{URL}?q=&estado=atrasado&eje=", headers={"HX-Request": "true"})
    page = response.content.decode()
    assert "<html" not in page and "<h1>" not in page
    assert codes(page) == ["DA-02", "MB-02", "PP-02", "PP-04"]
    assert 'id="cuenta-atrasado" data-hx-swap-oob="true">(4)</span>' in page
    assert '<span id="filtros-activos" data-hx-swap-oob="true">(1 activo)</span>' in page
    assert "4 de 16 compromisos" in page
    # The address bar gets the shareable URL, without the empty fields.
    assert response["HX-Push-Url"] == "/tablero/?estado=atrasado"
    assert "HX-Request" in response["Vary"]


def test_the_full_page_has_no_out_of_band_parts(client, demo):
    assert "hx-swap-oob" not in html(client)


def test_pagination_keeps_filters_and_marks_the_current_page(client, db):
    plan = sized_plan(27)
    page = html(client, f"{URL}?q=prueba")
    assert len(codes(page)) == 25
    assert "<strong>27</strong> de 27 compromisos" in page
    assert '<nav class="pagination" aria-label="Páginas de resultados"' in page
    assert 'href="?q=prueba&amp;pagina=1" aria-current="page"' in page
    assert 'href="?q=prueba&amp;pagina=2" rel="next"' in page
    last = html(client, f"{URL}?q=prueba&pagina=2")
    assert (
        codes(last) == list(plan.commitments.order_by("code").values_list("code", flat=True))[25:]
    )
    assert 'href="?q=prueba&amp;pagina=1" rel="prev"' in last
    assert 'rel="next"' not in last


def test_time_travel_to_a_date(client, demo):
    page = html(client, f"{URL}?fecha=2025-12-31")
    assert "Estás viendo el plan al 31 de diciembre de 2025" in page
    assert '<a href="/tablero/">Ver los datos de hoy</a>' in page
    assert "Cómo va el plan al 31 de diciembre de 2025" in page
    assert "al 31 de diciembre de 2025" in page and "al 25 de noviembre de 2026" not in page
    # Filters keep the day, and commitment links carry it.
    assert '<input type="hidden" name="fecha" value="2025-12-31">' in page
    assert "/?fecha=2025-12-31" in page


def test_time_travel_to_the_close_of_a_round(client, demo):
    page = html(client, f"{URL}?corte=1&estado=atrasado")
    assert (
        "Estás viendo el plan al cierre del corte 1 (Primer corte semestral, 20 de marzo de 2026)."
        in page
    )
    assert '<a href="/tablero/?estado=atrasado">Ver los datos de hoy</a>' in page
    assert '<option value="1" selected>Primer corte semestral (20/03/2026)</option>' in page
    # PP-02's first value is about 30/04/2026: at the close it had reported nothing.
    assert "Sin avance reportado al 20 de marzo de 2026; se esperaba 37 %: atrasado" in page


def test_a_bad_date_says_so_and_shows_today(client, demo):
    page = html(client, f"{URL}?fecha=31/12/2025")
    assert "La fecha «31/12/2025» no es válida; usa el formato AAAA-MM-DD." in page
    assert "Se muestran los datos de hoy." in page
    assert "Cómo va el plan al 25 de noviembre de 2026" in page
    assert "Estás viendo el plan" not in page


def test_time_travel_form_offers_a_date_and_closed_rounds(client, demo):
    page = html(client)
    assert '<input type="date" id="fecha" name="fecha"' in page
    assert "Primer corte semestral (20/03/2026)" in page
    assert "Segundo corte semestral" in page
    assert "Tercer corte semestral" not in page


def test_exercise_selector_only_with_several_published_plans(client, demo):
    earlier = "plan-de-accion-2022-2024-ejemplo"
    page = html(client)
    assert '<select id="plan" name="plan">' in page
    assert len(codes(page)) == 16
    older = html(client, f"{URL}?plan={earlier}")
    assert codes(older) == ["TP-01", "TP-02", "TP-03"]
    assert f'<input type="hidden" name="plan" value="{earlier}">' in older
    services.unpublish_plan(plan=ActionPlan.objects.get(slug=earlier), reason="Se revisa.")
    assert 'name="plan"' not in html(client)


def test_transversal_indicators_with_their_rubric(client, demo):
    page = html(client)
    section = page[page.index('id="transversales"') :]
    assert re.search(
        r'<th scope="row">Participación</th><td class="num">0</td><td class="num">3</td>'
        r'<td class="num">7</td><td class="num">6</td>',
        section,
    )
    assert "Qué significa cada nivel" in section
    assert "La ciudadanía decide o ejecuta junto con el gobierno (cocreación)." in section


def test_independent_assessment_is_apart_and_labelled(client, demo):
    page = html(client)
    section = page[page.index('id="valoracion"') :]
    assert "Valoración independiente" in section
    assert "distinta del semáforo" in section
    assert "Comité de monitoreo independiente (ejemplo)" in section
    assert re.search(r"Compromisos valorados</span> <span class=\"figure-number\">5<", section)
    assert re.search(r"Destacados</span> <span class=\"figure-number\">2<", section)
    assert '<th scope="row">Limitado</th><td class="num">2</td>' in section
    # Before the assessments were made, there are none to show.
    earlier = html(client, f"{URL}?fecha=2026-06-30")
    assert "Aún no hay valoraciones independientes publicadas" in earlier


def test_assessment_figures_link_to_the_assessed_and_starred_commitments(client, demo):
    section = html(client)
    section = section[section.index('id="valoracion"') :]
    assert '<a href="/tablero/?valoracion=valorados">' in section
    assert '<a href="/tablero/?valoracion=destacados">' in section
    assessed = html(client, f"{URL}?valoracion=valorados")
    assert codes(assessed) == ["CJ-02", "DA-01", "DA-03", "MB-02", "PP-01"]
    assert "<strong>5</strong> de 16 compromisos" in assessed
    assert "Valoración independiente: Con valoración independiente" in assessed
    assert '<option value="valorados" selected>' in assessed
    starred = html(client, f"{URL}?valoracion=destacados&eje=datos-abiertos")
    assert codes(starred) == ["DA-01", "DA-03"]
    assert "Valoración independiente: Destacados por la valoración independiente" in starred
    # Before any assessment was published, no commitment is assessed.
    assert codes(html(client, f"{URL}?valoracion=valorados&fecha=2026-06-30")) == []


def test_only_published_commitments_of_a_published_plan(client, demo):
    services.unpublish_commitment(
        commitment=Commitment.objects.get(code="DA-01"), reason="Se revisa su redacción."
    )
    assert "DA-01" not in codes(html(client))
    for plan in ActionPlan.objects.all():
        services.unpublish_plan(plan=plan, reason="Se revisa el plan.")
    page = html(client)
    assert "Aún no hay un plan de acción publicado" in page
    assert codes(page) == []


def test_query_count_does_not_grow_with_the_plan(client, db, django_assert_max_num_queries):
    urls = [URL, f"{URL}?estado=atrasado&q=prueba&orden=estado", f"{URL}?corte=1"]

    def query_counts(size):
        counts = []
        for url in urls:
            cache.clear()
            # The civil-society sign-off summary of the last round closed takes up to three.
            with django_assert_max_num_queries(15) as captured:
                page = html(client, url)
            counts.append(len(captured))
        assert f"de {size} compromisos" in page
        return counts

    plan = sized_plan(2)
    builders.add_round(plan, 1, date(2026, 6, 30))
    small = query_counts(2)
    sized_plan(4, plan=plan)
    cache.clear()
    assert query_counts(6) == small


def test_board_weighs_under_100_kb_compressed(client, demo):
    page = client.get(URL).content
    static = Path(settings.BASE_DIR) / "static"
    assets = [static / "css" / "portal.css", static / "js" / "htmx.min.js"]
    total = sum(len(gzip.compress(b)) for b in [page, *(a.read_bytes() for a in assets)])
    assert total <= 100 * 1024, f"{total / 1024:.1f} KB"
    text = page.decode()
    assert "@font-face" not in (static / "css" / "portal.css").read_text()
    assert all('loading="lazy"' in img for img in re.findall(r"<img[^>]*>", text))
