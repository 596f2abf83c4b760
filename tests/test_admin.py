"""The Secretariat's admin for the plan: every page renders, in Spanish, without N+1 queries."""

from datetime import date
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commitments import synthetic
from commitments.models import (
    Commitment,
    Indicator,
    Measurement,
    ReportingRound,
    RoundReport,
)
from tests.commitments.builders import add_row, admin_form_data
from tests.conftest import TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_staff(staff, demo):
    return staff


def commitment_admin_models():
    return [model for model in admin.site._registry if model._meta.app_label == "commitments"]


def test_every_model_has_a_page_or_is_edited_inline():
    registered = set(commitment_admin_models())
    inline = {
        inline.model
        for model_admin in admin.site._registry.values()
        for inline in model_admin.inlines
    }
    assert set(apps.get_app_config("commitments").get_models()) <= registered | inline
    assert len(registered) == 17


def test_every_changelist_add_and_change_page_renders(demo_staff):
    for model in commitment_admin_models():
        name = model._meta.verbose_name
        base = f"/admin/commitments/{model._meta.model_name}/"

        changelist = demo_staff.get(base)
        assert changelist.status_code == 200, base
        assert f"Seleccione {name} a modificar" in changelist.content.decode(), base

        add = demo_staff.get(f"{base}add/")
        assert add.status_code == 200, base
        assert f"Agregar {name}" in add.content.decode(), base

        obj = model.objects.first()
        change = demo_staff.get(f"{base}{obj.pk}/change/")
        assert change.status_code == 200, base
        assert f"Modificar {name}" in change.content.decode(), base


def commitment_page(client, code):
    commitment = Commitment.objects.get(code=code)
    return client.get(f"/admin/commitments/commitment/{commitment.pk}/change/").content.decode()


def test_commitment_page_shows_the_computed_semaforo_read_only(demo_staff):
    html = commitment_page(demo_staff, "DA-01")
    assert "Estado calculado hoy" in html
    assert (
        "<strong>En tiempo</strong>. Avance 60 % de 62 % esperado al 25/11/2026 según sus "
        "indicadores: en tiempo." in html
    )
    assert 'name="semaforo_explanation"' not in html
    for label in [
        "Semáforo",
        "Fuente de avance",
        "Estado asignado manualmente",
        "Reportes por corte",
        "Indicadores",
        "Hitos",
        "Evidencias (de hitos o del compromiso)",
        "Corresponsables",
        "Valoraciones transversales",
        "Modificaciones aprobadas (la versión anterior se guarda al registrar una nueva)",
        "Valoraciones independientes",
        "Comité de monitoreo independiente (ejemplo)",
    ]:
        assert label in html, label


def test_commitment_page_shows_overrides_staleness_and_reports(demo_staff):
    assert (
        "<strong>Con retraso</strong>. Estado asignado por el Secretariado: con retraso. "
        "Motivo: Las comisiones del Ayuntamiento acordaron dictaminar en bloque"
    ) in commitment_page(demo_staff, "CJ-02")
    assert "Sus datos no se han actualizado con la periodicidad comprometida." in (
        commitment_page(demo_staff, "CJ-04")
    )
    assert "<li>Segundo corte semestral: Sin reporte</li>" in commitment_page(demo_staff, "MB-02")
    late = commitment_page(demo_staff, "CJ-03")
    assert "<li>Segundo corte semestral: Entregado fuera de plazo</li>" in late
    assert "<li>Tercer corte semestral: Aún no corresponde</li>" in late
    # DA-04 starts in 2027: it owed nothing in 2026.
    assert "<li>Primer corte semestral: Aún no corresponde</li>" in commitment_page(
        demo_staff, "DA-04"
    )


def listed_codes(response):
    return sorted(c.code for c in response.context["cl"].result_list)


def test_changelist_shows_the_semaforo_column(demo_staff):
    html = demo_staff.get("/admin/commitments/commitment/").content.decode()
    assert "Con retraso · asignado<br>10 % de 62 % esperado" in html
    assert "Con retraso · sin actualizar<br>50 % de 62 % esperado" in html
    assert "En tiempo<br>60 % de 62 % esperado" in html


# Both demo plans are listed: León 2025-2027 and the earlier exercise (TP-…).
@pytest.mark.parametrize(
    ("query", "codes"),
    [
        ("DA-01", ["DA-01"]),
        ("SHA", ["CJ-02", "MB-02", "TP-01"]),
        ("juvenil", ["CJ-01", "CJ-02", "CJ-03"]),
        ("Tesorería", ["CJ-04", "DA-02", "PP-02", "TP-02"]),
    ],
)
def test_changelist_search(demo_staff, query, codes):
    response = demo_staff.get("/admin/commitments/commitment/", {"q": query})
    assert listed_codes(response) == codes


@pytest.mark.parametrize(
    ("status", "codes"),
    [
        ("completo", ["DA-03", "MB-04", "TP-01"]),
        ("atrasado", ["DA-02", "MB-02", "PP-02", "TP-03"]),
        ("no_iniciado", ["DA-04", "PP-04"]),
        ("sin_actualizar", ["CJ-04", "PP-04", "TP-02", "TP-03"]),
    ],
)
def test_changelist_semaforo_filter(demo_staff, status, codes):
    response = demo_staff.get("/admin/commitments/commitment/", {"semaforo": status})
    assert listed_codes(response) == codes
    assert "Por semáforo" in response.content.decode()


def test_changelist_filter_and_search_together(demo_staff):
    response = demo_staff.get(
        "/admin/commitments/commitment/", {"semaforo": "atrasado", "q": "Tesorería"}
    )
    assert listed_codes(response) == ["DA-02", "PP-02"]


def changelist_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/admin/commitments/commitment/")
    assert response.status_code == 200
    return len(response.context["cl"].result_list), len(queries)


def test_commitment_changelist_queries_do_not_grow_with_the_plan(staff):
    synthetic.build_plan(actions=40, as_of=TODAY)
    small = changelist_queries(staff)
    synthetic.build_plan(actions=400, as_of=TODAY, replace=True)
    large = changelist_queries(staff)

    assert small[0] == 40
    assert large[0] == 50  # one page
    assert large[1] == small[1]


def test_publish_action_publishes_drafts(demo_staff):
    indicator = Indicator.objects.get(commitment__code="DA-02")
    drafts = [
        Measurement.objects.create(
            indicator=indicator, date=day, value=Decimal(40), status=Measurement.Status.DRAFT
        )
        for day in (date(2026, 11, 10), date(2026, 11, 20))
    ]
    published = indicator.measurements.filter(status=Measurement.Status.PUBLISHED).first()

    response = demo_staff.post(
        "/admin/commitments/measurement/",
        {"action": "publish", "_selected_action": [m.pk for m in [*drafts, published]]},
        follow=True,
    )

    assert "Se publicaron 2 avances." in response.content.decode()
    for measurement in drafts:
        measurement.refresh_from_db()
        assert measurement.status == Measurement.Status.PUBLISHED
        assert measurement.published_on == TODAY
    unchanged = Measurement.objects.get(pk=published.pk)
    assert unchanged.published_on == published.published_on


def test_round_page_lists_todays_deliveries(demo_staff):
    round_ = ReportingRound.objects.get(number=2)
    html = demo_staff.get(f"/admin/commitments/reportinground/{round_.pk}/change/").content
    html = html.decode()
    assert "<strong>Sin reporte</strong> (1): MB-02" in html
    assert "<strong>Entregado fuera de plazo</strong> (1): CJ-03" in html
    assert "<strong>Aún no corresponde</strong> (1): DA-04" in html


def test_reports_record_who_filed_them(demo_staff, superuser):
    round_ = ReportingRound.objects.get(number=3)
    url = f"/admin/commitments/reportinground/{round_.pk}/change/"
    data = admin_form_data(demo_staff.get(url))
    add_row(
        data,
        "reports",
        commitment=Commitment.objects.get(code="DA-01").pk,
        narrative="Borrador del tercer corte.",
    )
    assert demo_staff.post(url, data).status_code == 302

    response = demo_staff.post(
        "/admin/commitments/roundreport/add/",
        {
            "round": round_.pk,
            "commitment": Commitment.objects.get(code="DA-02").pk,
            "narrative": "Borrador del tercer corte.",
        },
    )
    assert response.status_code == 302
    filed = RoundReport.objects.filter(round=round_)
    assert filed.count() == 2
    assert all(report.filed_by == superuser for report in filed)


def test_rubric_levels_are_listed_from_none_to_high(demo_staff):
    response = demo_staff.get("/admin/commitments/ratingrubric/")
    rows = [
        (r.get_dimension_display(), r.get_level_display())
        for r in response.context["cl"].result_list
    ]
    assert rows[:5] == [
        ("Participación", "Ninguno"),
        ("Participación", "Bajo"),
        ("Participación", "Medio"),
        ("Participación", "Alto"),
        ("Transparencia", "Ninguno"),
    ]
