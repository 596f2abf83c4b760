"""An approved modification makes a new public version; the original never changes."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from commitments.reader import commitment_view
from secretariat.models import Session
from tests.commitments.builders import approve, make_commitment

pytestmark = pytest.mark.django_db

APPROVED = date(2026, 6, 12)


@pytest.fixture
def commitment(plan):
    return make_commitment(
        plan,
        goal="Publicar 50 conjuntos de datos.",
        indicators=[{"name": "Conjuntos publicados", "baseline": 0, "target": 50}],
        milestones=[{"title": "Portal en operación"}],
    )


def test_an_approved_change_is_public_from_its_day_and_the_original_stays(commitment):
    approve(
        commitment,
        APPROVED,
        summary="Se amplía el plazo y la meta.",
        end_date=date(2027, 6, 30),
        goal="Publicar 80 conjuntos de datos.",
    )

    before = commitment_view(commitment, date(2026, 6, 11))
    after = commitment_view(commitment, APPROVED)
    assert (before.goal, before.row.end) == ("Publicar 50 conjuntos de datos.", date(2026, 12, 31))
    assert (after.goal, after.row.end) == ("Publicar 80 conjuntos de datos.", date(2027, 6, 30))
    assert before.modifications == []
    assert [m.summary for m in after.modifications] == ["Se amplía el plazo y la meta."]
    original = after.original.data
    assert original["goal"] == "Publicar 50 conjuntos de datos."
    assert original["indicators"][0]["name"] == "Conjuntos publicados"
    assert original["milestones"][0]["title"] == "Portal en operación"


def test_the_original_is_the_version_before_the_first_modification(commitment):
    approve(commitment, APPROVED, summary="Primera", goal="Publicar 80 conjuntos de datos.")
    approve(
        commitment, date(2026, 9, 1), summary="Segunda", goal="Publicar 100 conjuntos de datos."
    )

    view = commitment_view(commitment, date(2026, 11, 25))
    assert [v.number for v in view.versions_public] == [1, 2, 3]
    assert view.original.data["goal"] == "Publicar 50 conjuntos de datos."
    assert view.goal == "Publicar 100 conjuntos de datos."
    assert commitment_view(commitment, date(2026, 8, 31)).goal == "Publicar 80 conjuntos de datos."


def test_a_longer_deadline_lowers_what_was_expected_only_from_its_day(commitment):
    approve(commitment, APPROVED, end_date=date(2027, 12, 31))

    assert commitment_view(commitment, date(2026, 6, 11)).verdict.expected == pytest.approx(
        161 / 364 * 100
    )
    assert commitment_view(commitment, APPROVED).verdict.expected == pytest.approx(162 / 729 * 100)


def test_a_session_after_the_approval_is_refused(commitment):
    later = Session.objects.create(kind=Session.Kind.ORDINARY, number=4, date=date(2026, 12, 11))

    with pytest.raises(ValidationError, match="es posterior a la aprobación"):
        approve(commitment, APPROVED, session=later, goal="Otra meta.")


def test_an_approval_without_changes_is_refused(commitment):
    with pytest.raises(ValidationError, match="No hay cambios que publicar en C-01"):
        approve(commitment, APPROVED)
