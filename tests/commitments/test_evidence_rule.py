"""Completion needs evidence: milestones and commitments, in the models and in the admin."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from commitments.models import Evidence, Milestone, ReportingRound, RoundReport
from commitments.semaforo import Status
from tests.commitments.builders import (
    add_evidence,
    add_indicator,
    add_measurement,
    add_milestone,
    add_row,
    admin_form_data,
    make_commitment,
    row_index,
)

pytestmark = pytest.mark.django_db

NEEDS_EVIDENCE = (
    "El hito «Mesa instalada» no puede marcarse como completo sin al menos una evidencia de "
    "verificación (archivo o enlace)."
)
OVERRIDE_NEEDS_EVIDENCE = (
    "Un compromiso solo puede marcarse como completo si tiene al menos una evidencia de "
    "verificación (en un hito o en un avance)."
)


@pytest.fixture
def milestone():
    return add_milestone(
        make_commitment(), title="Mesa instalada", percent=60, status=Milestone.Status.IN_PROGRESS
    )


def complete(milestone):
    milestone.status = Milestone.Status.COMPLETE
    milestone.percent_done = 100
    return milestone


# --- the rule in the models ---------------------------------------------------


def test_a_milestone_cannot_be_complete_without_evidence(milestone):
    with pytest.raises(ValidationError) as error:
        complete(milestone).full_clean()
    assert error.value.message_dict["status"] == [NEEDS_EVIDENCE]


def test_a_milestone_with_evidence_can_be_complete(milestone):
    add_evidence(milestone)
    complete(milestone).full_clean()


def test_a_commitment_cannot_be_overridden_complete_without_evidence(milestone):
    commitment = milestone.commitment
    commitment.status_override = Status.COMPLETE
    commitment.override_reason = "Se entregó el informe final."
    with pytest.raises(ValidationError) as error:
        commitment.full_clean()
    assert error.value.message_dict["status_override"] == [OVERRIDE_NEEDS_EVIDENCE]


def test_nor_can_a_new_commitment():
    commitment = make_commitment()
    commitment.pk = None
    commitment.code = commitment.slug = "nuevo"
    commitment.status_override = Status.COMPLETE
    commitment.override_reason = "Se entregó el informe final."
    with pytest.raises(ValidationError) as error:
        commitment.full_clean()
    assert error.value.message_dict["status_override"] == [OVERRIDE_NEEDS_EVIDENCE]


@pytest.mark.parametrize("where", ["milestone", "measurement"])
def test_evidence_on_a_milestone_or_a_measurement_allows_a_complete_override(milestone, where):
    commitment = milestone.commitment
    if where == "milestone":
        add_evidence(milestone)
    else:
        measurement = add_measurement(add_indicator(commitment), date(2026, 6, 30), 100)
        measurement.evidence_url = "https://example.org/avance.pdf"
        measurement.save()
    commitment.status_override = Status.COMPLETE
    commitment.override_reason = "Se entregó el informe final."
    commitment.full_clean()


# --- the milestone's own admin page -------------------------------------------


def milestone_page(staff, milestone):
    url = f"/admin/commitments/milestone/{milestone.pk}/change/"
    return url, admin_form_data(staff.get(url))


def test_milestone_admin_refuses_completion_without_evidence(staff, milestone):
    url, data = milestone_page(staff, milestone)
    data.update(status="completo", percent_done="100")

    response = staff.post(url, data)

    assert response.status_code == 200
    assert NEEDS_EVIDENCE in response.content.decode()
    milestone.refresh_from_db()
    assert milestone.status == Milestone.Status.IN_PROGRESS


def test_milestone_admin_accepts_evidence_added_in_the_same_submit(staff, milestone):
    url, data = milestone_page(staff, milestone)
    data.update(status="completo", percent_done="100")
    add_row(
        data,
        "evidence",
        title="Acta de instalación",
        date="2026-11-20",
        evidence_url="https://example.org/acta.pdf",
    )

    response = staff.post(url, data)

    assert response.status_code == 302
    milestone.refresh_from_db()
    assert milestone.status == Milestone.Status.COMPLETE
    evidence = milestone.evidence.get()
    assert evidence.commitment == milestone.commitment


def test_milestone_admin_refuses_deleting_the_last_evidence_of_a_complete_milestone(
    staff, milestone
):
    evidence = add_evidence(milestone)
    complete(milestone).save()
    url, data = milestone_page(staff, milestone)
    data[f"evidence-{row_index(data, 'evidence', evidence.pk)}-DELETE"] = "on"

    response = staff.post(url, data)

    assert NEEDS_EVIDENCE in response.content.decode()
    assert Evidence.objects.filter(pk=evidence.pk).exists()


# --- the commitment page's milestone inline -----------------------------------


def commitment_page(staff, commitment):
    url = f"/admin/commitments/commitment/{commitment.pk}/change/"
    return url, admin_form_data(staff.get(url))


def commitment_page_completing(staff, milestone):
    """The commitment's form with `milestone` marked complete in its inline."""
    url, data = commitment_page(staff, milestone.commitment)
    row = row_index(data, "milestones", milestone.pk)
    data.update({f"milestones-{row}-status": "completo", f"milestones-{row}-percent_done": "100"})
    return url, data


def test_commitment_page_refuses_a_complete_milestone_without_evidence(staff, milestone):
    url, data = commitment_page_completing(staff, milestone)

    response = staff.post(url, data)

    assert response.status_code == 200
    assert NEEDS_EVIDENCE in response.content.decode()
    milestone.refresh_from_db()
    assert milestone.status == Milestone.Status.IN_PROGRESS


def test_commitment_page_accepts_evidence_added_in_the_same_submit(staff, milestone):
    url, data = commitment_page_completing(staff, milestone)
    add_row(
        data,
        "evidence",
        title="Acta de instalación",
        milestone=milestone.pk,
        date="2026-11-20",
        evidence_url="https://example.org/acta.pdf",
    )

    response = staff.post(url, data)

    assert response.status_code == 302, response.context["errors"]
    milestone.refresh_from_db()
    assert milestone.status == Milestone.Status.COMPLETE
    assert milestone.evidence.count() == 1


def test_evidence_for_another_milestone_does_not_count(staff, milestone):
    other = add_milestone(milestone.commitment, title="Otra cosa")
    url, data = commitment_page_completing(staff, milestone)
    add_row(
        data,
        "evidence",
        title="Acta de otra cosa",
        milestone=other.pk,
        date="2026-11-20",
        evidence_url="https://example.org/otra.pdf",
    )

    response = staff.post(url, data)

    assert NEEDS_EVIDENCE in response.content.decode()


def test_commitment_page_refuses_deleting_the_last_evidence_of_a_complete_milestone(
    staff, milestone
):
    evidence = add_evidence(milestone)
    complete(milestone).save()
    url, data = commitment_page(staff, milestone.commitment)
    data[f"evidence-{row_index(data, 'evidence', evidence.pk)}-DELETE"] = "on"

    response = staff.post(url, data)

    assert NEEDS_EVIDENCE in response.content.decode()
    assert Evidence.objects.filter(pk=evidence.pk).exists()


def test_commitment_page_refuses_a_complete_override_without_evidence(staff, milestone):
    url, data = commitment_page(staff, milestone.commitment)
    data.update(status_override="completo", override_reason="Se entregó el informe final.")

    response = staff.post(url, data)

    assert response.status_code == 200
    assert OVERRIDE_NEEDS_EVIDENCE in response.content.decode()


def test_commitment_page_accepts_a_complete_override_with_evidence_in_the_same_submit(
    staff, milestone
):
    url, data = commitment_page(staff, milestone.commitment)
    data.update(status_override="completo", override_reason="Se entregó el informe final.")
    add_row(
        data,
        "evidence",
        title="Informe final",
        date="2026-11-20",
        evidence_url="https://example.org/informe.pdf",
    )

    response = staff.post(url, data)

    assert response.status_code == 302
    milestone.commitment.refresh_from_db()
    assert milestone.commitment.status_override == Status.COMPLETE


# --- a round report's evidence ------------------------------------------------


def test_report_page_refuses_deleting_the_last_evidence_of_a_complete_milestone(staff, milestone):
    round_ = ReportingRound.objects.create(
        plan=milestone.commitment.plan,
        number=1,
        title="Primer corte",
        period_end=date(2026, 8, 31),
        opens_on=date(2026, 9, 1),
        deadline=date(2026, 9, 18),
    )
    report = RoundReport.objects.create(
        round=round_, commitment=milestone.commitment, narrative="Informe."
    )
    evidence = add_evidence(milestone)
    Evidence.objects.filter(pk=evidence.pk).update(report=report)
    complete(milestone).save()
    url = f"/admin/commitments/roundreport/{report.pk}/change/"
    data = admin_form_data(staff.get(url))
    data[f"evidence-{row_index(data, 'evidence', evidence.pk)}-DELETE"] = "on"

    response = staff.post(url, data)

    assert NEEDS_EVIDENCE in response.content.decode()
    assert Evidence.objects.filter(pk=evidence.pk).exists()


def test_a_milestone_added_complete_needs_its_own_evidence(staff, milestone):
    url, data = commitment_page(staff, milestone.commitment)
    add_row(
        data,
        "milestones",
        order=5,
        title="Informe final",
        deliverable="Informe.",
        start_date="2026-01-01",
        end_date="2026-06-30",
        weight="1",
        percent_done="100",
        status="completo",
        progress_updated_on="2026-11-25",
    )
    add_row(
        data,
        "evidence",
        title="Evidencia general del compromiso",
        date="2026-11-20",
        evidence_url="https://example.org/general.pdf",
    )

    response = staff.post(url, data)

    assert "El hito «Informe final» no puede marcarse como completo" in response.content.decode()
    assert not Milestone.objects.filter(title="Informe final").exists()
