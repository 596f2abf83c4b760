"""Completion needs published evidence: a milestone's and a commitment's.

The admin forms reach the same rule through the services; their tests live with the admin's.
"""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from commitments.reader import commitment_view
from commitments.semaforo import Status
from tests.commitments.builders import (
    add_evidence,
    add_measurement,
    add_progress,
    make_commitment,
    set_override,
)

pytestmark = pytest.mark.django_db

DAY = date(2026, 6, 1)
NEEDS_EVIDENCE = (
    "El hito «Mesa instalada» no puede publicarse como completo sin al menos una evidencia de "
    "verificación publicada (archivo o enlace)."
)
OVERRIDE_NEEDS_EVIDENCE = (
    "Un compromiso solo puede marcarse como completo si tiene al menos una evidencia de "
    "verificación publicada (en un hito o en un avance)."
)


@pytest.fixture
def commitment(plan):
    return make_commitment(
        plan,
        indicators=[{}],
        milestones=[{"title": "Mesa instalada"}, {"title": "Informe publicado"}],
    )


@pytest.fixture
def milestone(commitment):
    return commitment.milestones.get(title="Mesa instalada")


def test_a_milestone_cannot_be_published_complete_without_evidence(milestone):
    with pytest.raises(ValidationError) as error:
        add_progress(milestone, DAY, 100)
    assert error.value.messages == [NEEDS_EVIDENCE]
    assert commitment_view(milestone.commitment, DAY).milestones[0].percent == 0


def test_with_published_evidence_it_is_complete(milestone):
    add_evidence(milestone, day=DAY)
    add_progress(milestone, DAY, 100)

    shown = commitment_view(milestone.commitment, DAY).milestones[0]
    assert (shown.percent, shown.status) == (100, "completo")
    assert [e.title for e in shown.evidence] == ["Acta firmada"]


def test_draft_evidence_does_not_count(milestone):
    add_evidence(milestone, day=DAY, draft=True)
    with pytest.raises(ValidationError, match="Mesa instalada"):
        add_progress(milestone, DAY, 100)


def test_evidence_for_another_milestone_does_not_count(commitment, milestone):
    add_evidence(commitment.milestones.get(title="Informe publicado"), day=DAY)
    with pytest.raises(ValidationError, match="Mesa instalada"):
        add_progress(milestone, DAY, 100)


def test_a_commitment_cannot_be_assigned_complete_without_evidence(commitment):
    with pytest.raises(ValidationError) as error:
        set_override(commitment, Status.COMPLETE, DAY, reason="Se entregó el informe final.")
    assert error.value.messages == [OVERRIDE_NEEDS_EVIDENCE]


@pytest.mark.parametrize("where", ["milestone", "measurement"])
def test_evidence_on_a_milestone_or_a_value_allows_a_complete_status(commitment, milestone, where):
    if where == "milestone":
        add_evidence(milestone, day=DAY)
    else:
        add_measurement(
            commitment.indicators.get(), DAY, 100, evidence_url="https://example.org/informe.pdf"
        )
    set_override(commitment, Status.COMPLETE, DAY, reason="Se entregó el informe final.")

    verdict = commitment_view(commitment, DAY).verdict
    assert verdict.status == Status.COMPLETE
    assert verdict.override_reason == "Se entregó el informe final."
