"""Public facts in the admin: drafts are edited, published rows are only corrected or
withdrawn with a public reason, and nothing published is deleted."""

import json
from datetime import date
from decimal import Decimal

import pytest

from commitments import services
from commitments.models import (
    Assessment,
    FactStatus,
    Measurement,
    MilestoneProgress,
    RoundReport,
    StatusOverride,
)
from core import clock
from tests.commitments.builders import cast_commitment, cast_plan, full_cast
from tests.conftest import TODAY

pytestmark = pytest.mark.django_db

MEASUREMENTS = "/admin/commitments/measurement/"


@pytest.fixture
def indicator():
    return cast_commitment(cast_plan()).indicators.get()


def published_measurement(indicator, day=date(2026, 9, 30), value=80):
    with clock.moment(date(2026, 10, 5)):
        return services.record_measurement(indicator=indicator, date=day, value=value, publish=True)


def html(response):
    return response.content.decode()


def test_measurement_form_asks_indicator_then_date_and_value_then_evidence(staff, indicator):
    page = html(staff.get(f"{MEASUREMENTS}add/"))
    positions = [
        page.index(f'name="{name}"')
        for name in ["indicator", "date", "value", "narrative", "evidence_file", "evidence_url"]
    ]
    assert positions == sorted(positions)
    assert "Se guarda como borrador: no será público hasta que lo publiques" in page


def test_indicator_search_shows_the_commitment_code_and_plan(staff, indicator):
    response = staff.get(
        "/admin/commitments/indicator/autocompletar/",
        {
            "term": "DA-01",
            "app_label": "commitments",
            "model_name": "measurement",
            "field_name": "indicator",
        },
    )
    results = json.loads(response.content)["results"]
    assert results == [
        {"id": str(indicator.pk), "text": "DA-01 · Conjuntos publicados 1 (Plan 2025-2027)"}
    ]


def test_a_new_measurement_is_a_draft_and_says_so(staff, indicator):
    response = staff.post(
        f"{MEASUREMENTS}add/",
        {"indicator": indicator.pk, "date": "2026-10-31", "value": "85", "narrative": ""},
        follow=True,
    )
    measurement = Measurement.objects.get()
    assert (measurement.status, measurement.published_at) == (FactStatus.DRAFT, None)
    said = [str(message) for message in response.context["messages"]]
    # One message, not Django's «se agregó correctamente» beside ours saying it again.
    assert len(said) == 1
    assert said[0].startswith("Guardaste «Conjuntos publicados 1 · 31/10/2026: 85»")
    assert said[0].endswith(
        "como borrador: aún no es público. Publícalo con la acción «Publicar» cuando esté revisado."
    )


def test_measurement_list_shows_value_status_and_publication(staff, indicator):
    published_measurement(indicator)
    services.record_measurement(indicator=indicator, date=date(2026, 10, 31), value=85)
    page = html(staff.get(MEASUREMENTS))
    for header in ["Valor", "Estado", "Hecho público el"]:
        assert f">{header}</a>" in page, header
    # Numbers as people write them, not the column's "80.00".
    assert '<td class="field-value_shown">80</td>' in page
    assert '<td class="field-value_shown">85</td>' in page
    assert "80.00" not in page and "85.00" not in page
    assert "Publicado" in page and "Borrador" in page
    assert "05/10/2026" in page
    assert "DA-01 · Conjuntos publicados 1" in page


def test_a_draft_is_edited_and_deleted(staff, indicator):
    draft = services.record_measurement(indicator=indicator, date=date(2026, 10, 31), value=85)
    url = f"{MEASUREMENTS}{draft.pk}/change/"
    response = staff.post(
        url, {"indicator": indicator.pk, "date": "2026-10-31", "value": "86", "narrative": ""}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.value == 86
    assert staff.post(f"{MEASUREMENTS}{draft.pk}/delete/", {"post": "yes"}).status_code == 302
    assert not Measurement.objects.exists()


def test_a_published_measurement_cannot_be_edited_or_deleted(staff, indicator):
    published = published_measurement(indicator)
    url = f"{MEASUREMENTS}{published.pk}/change/"
    page = html(staff.get(url))
    assert 'name="value"' not in page
    assert "Publicado el 5 de octubre de 2026 a las 12:00." in page
    assert "Corregir (con un motivo público)" in page

    edit = staff.post(
        url, {"indicator": indicator.pk, "date": "2026-09-30", "value": "99", "narrative": ""}
    )
    assert edit.status_code == 403
    assert staff.post(f"{MEASUREMENTS}{published.pk}/delete/", {"post": "yes"}).status_code == 403
    bulk = staff.post(
        MEASUREMENTS,
        {"action": "delete_selected", "_selected_action": [published.pk], "post": "yes"},
    )
    assert bulk.status_code == 403
    published.refresh_from_db()
    assert published.value == 80


def test_publish_action_stamps_the_moment(staff, indicator):
    already = published_measurement(indicator)
    draft = services.record_measurement(indicator=indicator, date=date(2026, 10, 31), value=85)
    response = staff.post(
        MEASUREMENTS,
        {"action": "publish_selected", "_selected_action": [draft.pk, already.pk]},
        follow=True,
    )
    assert "Publicaste 1 registro." in html(response)
    draft.refresh_from_db()
    assert (draft.status, draft.published_on) == (FactStatus.PUBLISHED, TODAY)
    assert Measurement.objects.get(pk=already.pk).published_on == date(2026, 10, 5)


def test_a_correction_supersedes_the_published_row_with_its_reason(staff, indicator):
    published = published_measurement(indicator)
    url = f"{MEASUREMENTS}{published.pk}/corregir/"
    assert "Motivo público de la corrección" in html(staff.get(url))

    missing = staff.post(url, {"date": "2026-09-30", "value": "82", "reason": ""})
    assert "Este campo es obligatorio." in html(missing)
    response = staff.post(
        url, {"date": "2026-09-30", "value": "82", "narrative": "", "reason": "Error de captura."}
    )
    assert response.status_code == 302
    correction = Measurement.objects.get(supersedes=published)
    assert (correction.value, correction.correction_reason, correction.published_on) == (
        82,
        "Error de captura.",
        TODAY,
    )
    published.refresh_from_db()
    assert published.value == 80
    listed = html(staff.get(MEASUREMENTS))
    assert "Publicado · corregido después" in listed
    again = html(staff.get(f"{MEASUREMENTS}{published.pk}/change/"))
    assert "Ya tiene una corrección o un retiro: corrige el registro más reciente." in again


def test_withdrawing_asks_for_a_reason_and_adds_a_row(staff, indicator):
    published = published_measurement(indicator)
    action = {"action": "withdraw_selected", "_selected_action": [published.pk]}
    assert "Motivo público" in html(staff.post(MEASUREMENTS, action))
    staff.post(MEASUREMENTS, {**action, "reason": "El dato era de otro indicador."})
    withdrawal = Measurement.objects.get(supersedes=published)
    assert withdrawal.is_withdrawal
    assert withdrawal.correction_reason == "El dato era de otro indicador."


# --- milestone progress, evidence ------------------------------------------------------


def test_completing_a_milestone_needs_published_evidence(staff):
    milestone = cast_commitment(cast_plan()).milestones.get()
    draft = services.record_milestone_progress(
        milestone=milestone, date=date(2026, 11, 20), percent=100
    )
    url = "/admin/commitments/milestoneprogress/"
    action = {"action": "publish_selected", "_selected_action": [draft.pk]}
    refused = html(staff.post(url, action, follow=True))
    assert "no puede publicarse como completo sin al menos una evidencia" in refused
    assert MilestoneProgress.objects.get().status == FactStatus.DRAFT

    evidence = staff.post(
        "/admin/commitments/evidence/add/",
        {
            "commitment": milestone.commitment_id,
            "milestone": milestone.pk,
            "title": "Acta de entrega",
            "date": "2026-11-20",
            "evidence_url": "https://example.org/acta.pdf",
        },
    )
    assert evidence.status_code == 302
    staff.post(
        "/admin/commitments/evidence/",
        {"action": "publish_selected", "_selected_action": [milestone.evidence.get().pk]},
    )
    staff.post(url, action)
    assert MilestoneProgress.objects.get().status == FactStatus.PUBLISHED


# --- overrides ---------------------------------------------------------------------------


OVERRIDES = "/admin/commitments/statusoverride/"


def test_an_override_is_published_when_saved_and_read_only_after(staff):
    commitment = cast_commitment(cast_plan())
    response = staff.post(
        f"{OVERRIDES}add/",
        {
            "commitment": commitment.pk,
            "status_value": "atrasado",
            "reason": "Las comisiones dictaminan en bloque.",
            "starts_on": "2026-11-25",
            "review_on": "2026-12-15",
        },
    )
    assert response.status_code == 302
    override = StatusOverride.objects.get()
    assert (override.status, override.published_on) == (FactStatus.PUBLISHED, TODAY)
    page = html(staff.get(f"{OVERRIDES}{override.pk}/change/"))
    assert 'name="reason"' not in page
    assert staff.post(f"{OVERRIDES}{override.pk}/delete/", {"post": "yes"}).status_code == 403


def test_overrides_past_their_review_date_are_listed(staff):
    commitment = full_cast()  # its override was due for review on 01/11/2026
    services.set_override(
        commitment=commitment,
        status="en_tiempo",
        reason="Se revisa en diciembre.",
        review_on=date(2026, 12, 15),
    )
    overdue = staff.get(OVERRIDES, {"revision": "vencida"})
    assert [o.reason for o in overdue.context["cl"].result_list] == [
        "Las comisiones dictaminan en bloque."
    ]
    assert "Revisión vencida" in html(overdue)


def test_ending_an_override_is_a_correction_with_a_reason(staff):
    commitment = full_cast()
    override = StatusOverride.objects.get()
    staff.post(
        OVERRIDES,
        {
            "action": "end_selected",
            "_selected_action": [override.pk],
            "reason": "Las comisiones ya dictaminaron.",
        },
    )
    ended = StatusOverride.objects.get(supersedes=override)
    assert (ended.ends_on, ended.correction_reason) == (TODAY, "Las comisiones ya dictaminaron.")
    assert commitment.overrides.count() == 2


# --- reports and recorded facts ---------------------------------------------------------


def test_a_round_report_is_filed_as_a_draft_and_delivered_by_the_action(staff):
    commitment = full_cast()
    round_ = commitment.plan.rounds.get()
    RoundReport.objects.all().delete()
    response = staff.post(
        "/admin/commitments/roundreport/add/",
        {"round": round_.pk, "commitment": commitment.pk, "narrative": "Informe del corte."},
    )
    assert response.status_code == 302
    report = RoundReport.objects.get()
    assert (report.status, report.filed_by.username) == (FactStatus.DRAFT, "secretariado")
    url = "/admin/commitments/roundreport/"
    assert "Entregar (publicar)" in html(staff.get(url))
    staff.post(url, {"action": "deliver_selected", "_selected_action": [report.pk]})
    report.refresh_from_db()
    assert report.delivered_on == TODAY
    assert 'name="narrative"' not in html(staff.get(f"{url}{report.pk}/change/"))


def test_an_assessment_is_published_when_saved_and_read_only_after(staff):
    commitment = cast_commitment(cast_plan())
    response = staff.post(
        "/admin/commitments/assessment/add/",
        {
            "commitment": commitment.pk,
            "assessed_on": "2026-11-20",
            "assessor": "Comité de monitoreo",
            "verifiable": "on",
            "verifiable_justification": "Tiene metas medibles.",
            "relevance_justification": "Abre datos.",
            "potential": "modesto",
            "potential_justification": "Alcance acotado.",
            "completion": "limitado",
            "completion_justification": "Avance parcial.",
        },
    )
    assert response.status_code == 302
    assessment = Assessment.objects.get()
    assert assessment.published_on == TODAY
    url = f"/admin/commitments/assessment/{assessment.pk}/change/"
    assert 'name="assessor"' not in html(staff.get(url))
    assert staff.post(url, {"assessor": "Otro"}).status_code == 403


def test_a_second_measurement_for_the_same_day_is_refused_on_the_form(staff, indicator):
    published_measurement(indicator)
    response = staff.post(
        f"{MEASUREMENTS}add/",
        {"indicator": indicator.pk, "date": "2026-09-30", "value": "85", "narrative": ""},
    )
    assert response.status_code == 200
    assert "Ese indicador ya tiene un avance para esa fecha" in html(response)
    assert Measurement.objects.count() == 1


def test_a_save_that_loses_a_race_says_why_instead_of_failing(staff, indicator, monkeypatch):
    """The form was valid, then another writer got there first: the message, not a 500."""
    from commitments.admin.facts import LiveFactForm

    monkeypatch.setattr(LiveFactForm, "validate_unique", lambda form: None)
    published_measurement(indicator)
    response = staff.post(
        f"{MEASUREMENTS}add/",
        {"indicator": indicator.pk, "date": "2026-09-30", "value": "85", "narrative": ""},
        follow=True,
    )
    assert response.status_code == 200
    assert "Ese indicador ya tiene un avance para esa fecha" in html(response)
    assert Measurement.objects.count() == 1


def test_correcting_an_already_corrected_row_says_so(staff, indicator):
    """Two staff on the same correction page: the second one is told, not a second fork."""
    published = published_measurement(indicator)
    url = f"{MEASUREMENTS}{published.pk}/corregir/"
    data = {"date": "2026-09-30", "value": "100", "narrative": "", "reason": "Dato revisado."}
    assert staff.post(url, data).status_code == 302
    second = staff.post(url, {**data, "value": "200"})
    assert second.status_code == 200
    assert "Ya tiene una corrección: corrige la más reciente." in html(second)
    assert Measurement.objects.filter(supersedes=published).get().value == 100


def test_a_records_page_offers_only_the_steps_its_status_allows(staff, indicator):
    published = published_measurement(indicator)
    page = html(staff.get(f"{MEASUREMENTS}{published.pk}/change/"))
    assert "Corregir (con un motivo público)" in page
    assert ">Publicar<" not in page
    assert "Devolver con un comentario" not in page
    with clock.moment(date(2026, 10, 6)):
        submitted = services.record_measurement(
            indicator=indicator, date=date(2026, 10, 1), value=85, publish=False
        )
        services.submit(fact=submitted)
    page = html(staff.get(f"{MEASUREMENTS}{submitted.pk}/change/"))
    assert ">Publicar<" in page
    assert "Devolver con un comentario" in page


def test_indicator_list_shows_baseline_and_target_as_written(staff, indicator):
    indicator.baseline, indicator.target = Decimal("12.50"), Decimal("1200")
    services.save(instance=indicator)
    page = html(staff.get("/admin/commitments/indicator/"))
    assert '<td class="field-baseline_shown">12.50</td>' in page
    assert '<td class="field-target_shown">1,200</td>' in page
