"""The public commitment page and its original-version page, read as a citizen sees them."""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import Resolver404, resolve
from django.utils import translation

from commitments import services
from commitments.models import (
    Assessment,
    Commitment,
    FactStatus,
    Indicator,
    Milestone,
    ResponsibleUnit,
)
from core import clock
from secretariat import services as secretariat_services
from secretariat.models import Agreement, Session
from tests.commitments import builders
from tests.conftest import TODAY

pytestmark = pytest.mark.usefixtures("frozen_today")


def commitment(code):
    return Commitment.objects.get(code=code)


def page(client, code, query=""):
    response = client.get(commitment(code).get_absolute_url() + query)
    assert response.status_code == 200
    return response.content.decode()


def text(html):
    """The page as plain text with collapsed spaces, to assert sentences a reader sees."""
    html = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r"</?(a|time|span|strong|em)\b[^>]*>", "", html)
    return " ".join(re.sub(r"<[^>]+>", " ", html).replace("&nbsp;", " ").split())


def section(html, anchor):
    """The <section> whose heading has id `anchor`."""
    start = html.rindex("<section", 0, html.index(f'id="{anchor}"'))
    return html[start : html.index("</section>", start)]


# --- status -----------------------------------------------------------------


def test_status_with_its_explanation_level_and_source(client, demo):
    html = page(client, "DA-01")
    status = text(section(html, "estado"))
    assert "En tiempo" in status
    assert (
        "Avance 60 % de 62 % esperado al 25 de noviembre de 2026 según sus indicadores: en tiempo."
        in status
    )
    assert "60 % de avance · 62 % esperado" in status
    assert "Nivel de cumplimiento Sustancial" in status
    assert "El avance se calcula con Indicadores" in status
    assert "Fecha de término 31 de agosto de 2027" in status


def test_the_status_links_to_how_the_semaforo_is_computed(client, demo):
    status = section(page(client, "DA-01"), "estado")
    assert '<a class="semaforo__how" href="/como-se-calcula/">cómo se calcula' in status
    assert status.count("/como-se-calcula/") == 1


def test_a_status_set_by_the_secretariat_shows_it_as_such_with_its_reason(client, demo):
    status = text(section(page(client, "CJ-02"), "estado"))
    assert "Con retraso" in status
    assert "Estado asignado por el Secretariado desde el 10 de noviembre de 2026." in status
    assert "Motivo: Las comisiones del Ayuntamiento acordaron dictaminar en bloque" in status
    # The measured progress and the computed status are still shown, not hidden behind it.
    assert "10 % de avance · 62 % esperado" in status
    assert "Con sus datos, el cálculo da «atrasado»." in status


def test_milestone_based_progress_names_its_source(client, demo):
    status = text(section(page(client, "MB-01"), "estado"))
    assert "según sus hitos" in status
    assert "El avance se calcula con Hitos" in status


def test_example_data_has_a_labelled_notice(client, demo):
    html = page(client, "DA-01")
    assert '<section class="notice notice--example" aria-labelledby="aviso-ejemplo">' in html
    assert "Datos de ejemplo." in text(html)


def test_a_real_commitment_has_no_example_notice(client, demo):
    Commitment.objects.filter(code="DA-01").update(is_example=False)
    assert "notice--example" not in page(client, "DA-01")


# --- the matrix row -------------------------------------------------------------


def test_the_matrix_row_as_a_summary_list(client, demo):
    html = page(client, "DA-01")
    row = section(html, "ficha")
    assert '<dl class="summary-list">' in row
    content = text(row)
    assert "Objetivo DA-O1 Fortalecer datos abiertos en León" in content
    assert "Acción Publicar el catálogo municipal de datos abiertos" in content
    assert "Meta Publicar 120 conjuntos de datos en formato abierto" in content
    assert "Periodo Del 1 de septiembre de 2025 al 31 de agosto de 2027" in content
    assert "Pilares Transparencia, Uso de TI e Innovación" in content
    assert "Persona enlace: Enlace de ejemplo, Titular de área" in content
    assert "Línea base: 35 · Meta: 120 conjuntos" in content
    assert "Sentido: ascendente (más es mejor) · Periodicidad: trimestral" in content
    assert "Medio de verificación: Reporte de la dependencia publicado" in content
    assert 'href="https://www.leon.gob.mx/transparencia/"' in row


def test_responsible_unit_and_co_responsible_parties_link_to_their_pages(client, demo):
    da01 = commitment("DA-01")
    row = section(page(client, "DA-01"), "ficha")
    assert f'href="{da01.unit.get_absolute_url()}"' in row
    parties = list(da01.co_responsibles.select_related("unit", "organization"))
    assert len(parties) == 2
    for party in parties:
        assert f'href="{party.party.get_absolute_url()}"' in row
        assert f"Papel: {party.role}" in text(row)


# --- measurements, milestones, evidence ---------------------------------------------


def test_measurement_history_table(client, demo):
    table = section(page(client, "DA-01"), "avances")
    assert "<caption>Conjuntos de datos publicados en formato abierto" in table
    unit = '<span class="measurements__unit">conjuntos</span>'
    assert f'<th scope="col" class="num">Valor {unit}</th>' in table
    assert '<td class="num">44</td>' in table
    assert '<td class="num">86</td>' in table
    assert "Avance reportado por la dependencia al 31/10/2026." in text(table)
    assert 'href="https://example.org/gobierno-abierto-leon/evidencias/da-01/avance-5.pdf"' in table


def test_draft_and_not_yet_published_measurements_never_appear(client, demo):
    indicator = Indicator.objects.get(commitment__code="DA-01")
    builders.add_measurement(
        indicator,
        date(2026, 11, 20),
        Decimal("111.11"),
        narrative="Borrador que nadie debe ver",
        draft=True,
    )
    # Published after the day the page is read: not yet part of the public record then.
    builders.add_measurement(
        indicator,
        date(2026, 11, 21),
        Decimal("112.22"),
        narrative="Publicación posterior",
        published_on=date(2026, 11, 30),
    )
    html = page(client, "DA-01")
    for hidden in ("111.11", "112.22", "Borrador que nadie debe ver", "Publicación posterior"):
        assert hidden not in html
    assert "Avance 60 % de 62 % esperado" in text(html)


def test_milestones_in_order_with_percent_status_and_evidence(client, demo):
    table = section(page(client, "DA-01"), "hitos")
    content = text(table)
    titles = [m.title for m in Milestone.objects.filter(commitment__code="DA-01")]
    positions = [content.index(title) for title in titles]
    assert positions == sorted(positions)
    assert "1. Inventario de datos de las dependencias" in content
    assert "Del 01/09/2025 al 11/11/2025 · peso 1" in content
    assert "Responsable: DGIG · Enlace de ejemplo" in content
    assert "1. Inventario de datos de las dependencias Producto: Entregable de ejemplo: " in content
    assert "100 % Completo" in content
    assert "Qué se hizo: Se realizaron las actividades previstas" in content
    assert "Dificultades: Retrasos en la contratación (ejemplo)." in content
    assert "<summary>Qué se hizo y evidencias" in table
    assert 'href="https://example.org/gobierno-abierto-leon/evidencias/da-01/hito-1.pdf"' in table


# --- reporting rounds -------------------------------------------------------------


def test_rounds_side_by_side_with_reports_and_time_travel_links(client, demo):
    rounds = section(page(client, "DA-01"), "cortes")
    content = text(rounds)
    assert content.count("Reporte entregado") == 2
    assert "Aún no corresponde" in content
    assert "Entregado el 18 de marzo de 2026." in content
    assert "Informe de ejemplo del primer corte semestral" in content
    assert "Avance por hito reportado en el corte 2" in content
    assert 'href="?corte=1"' in rounds
    assert 'href="/tablero/?corte=2"' in rounds
    # The open-ended third round has no "al cierre" links yet.
    assert "?corte=3" not in rounds


def test_a_missing_report_shows_sin_reporte(client, demo):
    rounds = text(section(page(client, "MB-02"), "cortes"))
    second = rounds[rounds.index("Corte 2") : rounds.index("Corte 3")]
    assert "Sin reporte" in second
    assert "La dependencia no entregó su reporte en este corte." in second
    assert "Entregado el" not in second


def test_a_late_report_shows_fuera_de_plazo(client, demo):
    rounds = text(section(page(client, "CJ-03"), "cortes"))
    second = rounds[rounds.index("Corte 2") : rounds.index("Corte 3")]
    assert "Entregado fuera de plazo" in second
    assert (
        "Cubre hasta el 31 de agosto de 2026 · entrega hasta el 18 de septiembre de 2026" in second
    )
    assert "Entregado el 30 de septiembre de 2026." in second


# --- modifications and the original version -------------------------------------------


def test_a_modified_commitment_lists_its_modification_and_links_the_original(client, demo):
    html = page(client, "PP-02")
    mods = section(html, "modificaciones")
    content = text(mods)
    assert "Esta página muestra la versión vigente del compromiso" in content
    assert "12 de junio de 2026: Se amplía el plazo a agosto de 2027" in content
    assert "Motivo: Las obras ganadoras arrancaron tarde por la licitación" in content
    assert (
        "Aprobada en la sesión del Secretariado: 1ª Sesión Extraordinaria (12/06/2026)." in content
    )
    assert 'href="/compromisos/pp-02-' in mods and '/version-original/"' in mods
    assert "Periodo Del 1 de septiembre de 2025 al 31 de agosto de 2027" in text(
        section(html, "ficha")
    )


def test_the_original_version_page_shows_the_approved_snapshot(client, demo):
    pp02 = commitment("PP-02")
    response = client.get(f"/compromisos/{pp02.slug}/version-original/")
    assert response.status_code == 200
    html = response.content.decode()
    content = text(html)
    assert html.count("<h1") == 1
    assert "Versión original aprobada de PP-02" in content
    assert "Esta es la versión original aprobada del compromiso" in content
    assert "Estuvo vigente hasta el 12 de junio de 2026" in content
    assert "Periodo Del 1 de septiembre de 2025 al 28 de febrero de 2027" in content
    assert "Meta Publicar ficha y avance del 100 % de los proyectos ganadores." in content
    assert "Proyectos ganadores con ficha pública de avance" in content
    assert "1. Ficha técnica de cada proyecto" in content
    assert f'href="{pp02.get_absolute_url()}"' in html
    assert "Volver a la versión vigente del compromiso" in content
    assert "notice--example" in html


def test_the_history_lists_versions_publication_and_reasons(client, demo):
    history = section(page(client, "PP-02"), "historial")
    content = text(history)
    assert "Lo publicado no se edita" in content
    assert (
        "10 de septiembre de 2025: Versión original aprobada (vigente desde el 29 de agosto de "
        "2025)." in content
    )
    assert "10 de septiembre de 2025: Se publicó en el portal." in content
    assert (
        "12 de junio de 2026: Versión 2 por una modificación aprobada, vigente desde el 12 de "
        "junio de 2026. "
        "Motivo: Las obras ganadoras arrancaron tarde por la licitación" in content
    )
    # Before the modification, the history has only the original version.
    earlier = text(section(page(client, "PP-02", "?fecha=2026-06-01"), "historial"))
    assert "Versión original aprobada" in earlier and "Versión 2" not in earlier


def test_agreements_of_the_secretariat_about_the_commitment(client, demo):
    assert 'id="acuerdos-del-secretariado"' not in page(client, "PP-02")
    session = Session.objects.get(date=date(2026, 6, 12))
    with clock.moment(session.date):
        agreement = secretariat_services.save(
            instance=Agreement(
                session=session,
                code="PRUEBA-PP-02",
                text="Se aprueba ampliar el plazo de PP-02 a agosto de 2027.",
                responsible="Tesorería Municipal",
            )
        )
        secretariat_services.set_agreement_commitments(
            agreement=agreement, commitments=[commitment("PP-02")]
        )
    html = page(client, "PP-02")
    agreements = section(html, "acuerdos-del-secretariado")
    content = text(agreements)
    assert "Acuerdo PRUEBA-PP-02" in content
    assert "Se aprueba ampliar el plazo de PP-02 a agosto de 2027." in content
    assert "Responsable: Tesorería Municipal" in content
    assert f'href="{session.get_absolute_url()}#prueba-pp-02"' in agreements
    assert '<a href="#acuerdos-del-secretariado">' in html
    # Read as of a day before the session, the agreement was not taken yet.
    assert 'id="acuerdos-del-secretariado"' not in page(client, "PP-02", "?fecha=2026-06-01")


def test_an_unmodified_commitment_has_no_original_version_page(client, demo):
    da01 = commitment("DA-01")
    assert client.get(f"/compromisos/{da01.slug}/version-original/").status_code == 404
    assert "no ha tenido modificaciones" in text(section(page(client, "DA-01"), "modificaciones"))


# --- ratings, independent assessment, closing report --------------------------------------


def test_transversal_ratings_with_the_meaning_of_each_level(client, demo):
    ratings = text(section(page(client, "DA-01"), "indicadores-transversales"))
    for dimension in ("Participación", "Transparencia", "Ambición", "Sostenibilidad"):
        assert dimension in ratings
    assert ratings.index("Participación") < ratings.index("Transparencia")
    assert ratings.index("Ambición") < ratings.index("Sostenibilidad")
    assert "Nivel: Alto" in ratings
    assert (
        "Qué significa «alto»: Publica información nueva en formatos abiertos, con calendario"
        in ratings
    )


def test_independent_assessment_is_apart_and_marks_destacado(client, demo):
    html = page(client, "DA-01")
    assessment = section(html, "valoracion-independiente")
    content = text(assessment)
    assert 'class="assessment"' in assessment
    assert "Valoración independiente" in content
    assert "aparte del avance que reporta la dependencia" in content
    assert "Destacado" in content
    assert "¿Es verificable? Sí" in content
    assert "Potencial de resultados Sustancial" in content
    assert "Cumplimiento Sustancial" in content
    assert "¿Abrió el gobierno? Significativo" in content
    assert "Fecha de la valoración: 30 de octubre de 2026" in content
    # Kept out of the self-reported status panel.
    assert "Destacado" not in text(section(html, "estado"))


def test_an_assessment_that_is_not_starred_or_not_published(client, demo):
    assert "Destacado" not in text(section(page(client, "MB-02"), "valoracion-independiente"))
    public = Assessment.objects.filter(commitment__code="MB-02", status=FactStatus.PUBLISHED)
    with clock.moment(TODAY):
        for assessment in public.filter(supersedes__isnull=True, is_withdrawal=False):
            services.withdraw(fact=assessment, reason="Se revisa la valoración.")
    content = text(section(page(client, "MB-02"), "valoracion-independiente"))
    assert "aún no tiene una valoración independiente publicada" in content


def test_a_complete_commitment_shows_its_closing_report(client, demo):
    html = page(client, "DA-03")
    assert "Completo" in text(section(html, "estado"))
    closing = text(section(html, "informe-de-cierre"))
    assert "Entregado el 25 de septiembre de 2026." in closing
    assert "El promedio de respuesta bajó a 8 días hábiles" in closing
    assert "El turnado electrónico fue la pieza clave" in closing


def test_an_overdue_closing_report_says_since_when(client, demo):
    closing = text(section(page(client, "MB-04"), "informe-de-cierre"))
    # MB-04 ended on 30/09/2026; its closing report was due 40 days later.
    assert "Informe de cierre vencido desde el 9 de noviembre de 2026" in closing


def test_a_closing_report_not_yet_due_shows_its_deadline(client, demo):
    html = page(client, "MB-04", "?fecha=2026-10-20")
    closing = text(section(html, "informe-de-cierre"))
    assert "debe publicarse a más tardar el 9 de noviembre de 2026" in closing


def test_an_unfinished_commitment_has_no_closing_report_section(client, demo):
    assert 'id="informe-de-cierre"' not in page(client, "DA-01")


# --- the chart ----------------------------------------------------------------------


def test_progress_chart_with_its_text_alternative_and_data_table(client, demo):
    chart = section(page(client, "DA-01"), "avance-en-el-tiempo")
    assert "<figure" in chart and "<figcaption>" in chart
    assert (
        "<figcaption>Al 25 de noviembre de 2026 avanza 2 puntos por debajo de lo esperado (60 % "
        "de 62 %)."
        "</figcaption>" in chart
    )
    assert 'role="img" aria-labelledby="grafica-titulo grafica-descripcion"' in chart
    assert '<title id="grafica-titulo">' in chart and '<desc id="grafica-descripcion">' in chart
    assert "style=" not in chart and "<style" not in chart and "<script" not in chart
    assert 'class="chart__expected"' in chart and 'class="chart__actual"' in chart
    # A marker on each day the public data changed (five measurements and two round
    # reports), plus the start of the line at 0 %.
    assert chart.count('class="chart__actual-point"') == 8
    assert "<summary>Ver datos en tabla</summary>" in chart
    table = text(chart[chart.index("<table") :])
    assert "01/09/2025 (inicio) 0 % 0 %" in table
    assert "10/11/2026 60 %" in table
    assert "18/03/2026 22 % 27 %" in table
    assert "25/11/2026 (hoy) 60 % 62 %" in table
    assert "31/08/2027 (término previsto) — sin dato 100 %" in table


def test_no_chart_before_the_commitment_starts(client, demo):
    chart = section(page(client, "DA-04"), "avance-en-el-tiempo")
    assert "<svg" not in chart
    assert "aparecerá cuando el compromiso inicie, el 15 de enero de 2027" in text(chart)


# --- time travel ----------------------------------------------------------------------


def test_time_travel_shows_the_commitment_as_it_stood(client, demo):
    html = page(client, "DA-01", "?fecha=2026-03-01")
    content = text(html)
    assert "Estás viendo este compromiso al 1 de marzo de 2026." in content
    assert '<a href="/compromisos/da-01-' in html and ">Ver los datos de hoy</a>" in html
    assert "Avance 22 % de 25 % esperado al 1 de marzo de 2026" in content
    measurements = text(section(html, "avances"))
    assert "31/01/2026" in measurements
    assert "30/04/2026" not in measurements and "31/10/2026" not in measurements
    chart = text(section(html, "avance-en-el-tiempo"))
    assert "01/03/2026 (fecha consultada) 22 % 25 %" in chart
    assert "10/11/2026" not in chart
    rounds = text(section(html, "cortes"))
    assert "Corte abierto" in rounds and "Reporte entregado" not in rounds
    # The milestone percents as reported then, not today's.
    milestones = text(section(html, "hitos"))
    assert "porcentajes al 1 de marzo de 2026" in milestones
    assert "Qué se hizo: Se realizaron" not in milestones
    assert "Destacado" not in content


def test_time_travel_to_the_close_of_a_round(client, demo):
    html = page(client, "DA-01", "?corte=1")
    content = text(html)
    assert (
        "Estás viendo este compromiso al cierre del corte 1 (Primer corte semestral, 20 de marzo "
        "de 2026)." in content
    )
    assert "Estado al 20 de marzo de 2026" in content
    rounds = text(section(html, "cortes"))
    first = rounds[rounds.index("Corte 1") : rounds.index("Corte 2")]
    assert "Reporte entregado" in first


def test_a_bad_date_says_so_and_shows_today(client, demo):
    content = text(page(client, "DA-01", "?fecha=2026-13-01"))
    assert "La fecha «2026-13-01» no es válida; usa el formato AAAA-MM-DD." in content
    assert "Se muestran los datos de hoy." in content
    assert "Avance 60 % de 62 % esperado al 25 de noviembre de 2026" in content
    assert "Estás viendo" not in content


def test_an_unknown_round_says_so(client, demo):
    content = text(page(client, "DA-01", "?corte=9"))
    assert "No existe el corte «9»." in content


# --- what must not be there -----------------------------------------------------------


def test_unpublished_commitments_and_plans_are_not_found(client, demo):
    da01 = commitment("DA-01")
    with clock.moment(TODAY):
        services.unpublish_commitment(commitment=da01, reason="Se revisa su redacción.")
    assert client.get(da01.get_absolute_url()).status_code == 404
    pp02 = commitment("PP-02")
    with clock.moment(TODAY):
        services.unpublish_plan(plan=pp02.plan, reason="Se revisa el plan.")
    assert client.get(pp02.get_absolute_url()).status_code == 404
    assert client.get(f"/compromisos/{pp02.slug}/version-original/").status_code == 404
    assert client.get("/compromisos/no-existe/").status_code == 404


def test_one_h1_and_every_internal_link_has_a_route(client, demo):
    for code in ("DA-01", "PP-02", "MB-04"):
        html = page(client, code)
        assert html.count("<h1") == 1
        for href in set(re.findall(r'href="(/[^"#?]*)', html)):
            if href.startswith("/static/"):
                continue
            try:
                # /en/… (the language switch) resolves in English.
                with translation.override(translation.get_language_from_path(href) or "es-mx"):
                    resolve(href)
            except Resolver404:
                pytest.fail(f"{code} links to {href}, which no page answers")


def test_no_placeholder_links_only_features_that_exist(client, demo):
    html = page(client, "DA-01")
    assert 'href="#"' not in html
    # The PDF sheet and the open data exist, and the page links them.
    assert (
        'href="/compromisos/da-01-publicar-el-catalogo-municipal-de-datos-abiertos/ficha.pdf'
        in html
    )
    assert 'href="/datos/"' in html


# --- query counts -----------------------------------------------------------------------


def grow(big):
    """Give a commitment 20 more indicators and milestones, three more modifications,
    three assessments, more rounds, parties and plenty of public facts, all through services."""
    for extra in range(5, 9):
        day = date(2027, 3, 20) + timedelta(days=30 * extra)
        builders.add_round(big.plan, extra, day, deadline=day + timedelta(days=10))
    with clock.moment(date(2026, 1, 2)):
        indicators = [
            builders.add_indicator(
                big, name=f"Indicador {n}", unit="piezas", verification_means="Registro"
            )
            for n in range(20)
        ]
        milestones = [
            builders.add_milestone(
                big, date(2025, 9, 1), date(2027, 8, 31), title=f"Hito {n}", deliverable="Producto"
            )
            for n in range(20)
        ]
        units = big.plan.commitments.exclude(unit=big.unit).values_list("unit", flat=True)
        parties = [(party.party, party.role) for party in big.co_responsibles.all()]
        parties += [(unit, "Apoya") for unit in ResponsibleUnit.objects.filter(pk__in=units)]
        services.set_parties(commitment=big, co_responsibles=parties)
    builders.approve(big, date(2026, 1, 2), summary="Se amplía el compromiso")
    for indicator, milestone in zip(indicators, milestones, strict=True):
        for month in range(1, 6):
            builders.add_measurement(
                indicator, date(2026, month, 28), month * 10, evidence_url="https://e.org/e.pdf"
            )
        builders.add_progress(milestone, date(2026, 10, 1), 40, narrative="Texto")
        builders.add_evidence(milestone, title=f"E{milestone.order}", day=date(2026, 10, 1))
    for n in range(3):
        builders.approve(big, date(2026, 7, 1 + n), summary="Cambio", goal=f"Meta {n}.")
        with clock.moment(date(2026, 5, 1 + n)):
            services.record_fact(
                fact=Assessment(
                    commitment=big,
                    assessed_on=date(2026, 5, 1 + n),
                    assessor="Comité",
                    verifiable=True,
                    verifiable_justification="J",
                    relevance_justification="J",
                    potential=Assessment.Potential.MODEST,
                    potential_justification="J",
                    completion=Assessment.Completion.LIMITED,
                    completion_justification="J",
                )
            )


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


# After PP-02's modification (12/06/2026), so both pages read their modifications.
QUERIES = ["", "?fecha=2026-07-15", "?corte=2"]


def test_the_page_costs_the_same_queries_whatever_the_commitment_size(
    client, demo, django_assert_max_num_queries
):
    # Both have approved modifications, read in one query of their own. The big one grows
    # once (it is slow), then each query string is compared.
    small = commitment("PP-02")
    big = commitment("DA-01")
    small_counts = {
        query: queries_for(client, small.get_absolute_url() + query) for query in QUERIES
    }
    grow(big)
    assert Indicator.objects.filter(commitment=big).count() == 21
    assert Milestone.objects.filter(commitment=big).count() > 20
    for query in QUERIES:
        assert queries_for(client, big.get_absolute_url() + query) == small_counts[query], query
        with django_assert_max_num_queries(20):
            client.get(big.get_absolute_url() + query)


def test_the_original_version_page_costs_few_queries(client, demo, django_assert_max_num_queries):
    url = f"/compromisos/{commitment('PP-02').slug}/version-original/"
    with django_assert_max_num_queries(10):
        assert client.get(url).status_code == 200
