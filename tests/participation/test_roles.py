"""Who may write what in the admin, and that no role gets past the services: a liaison has
no part in participation, the Secretariado drafts, publishes and corrects fates through the
plan's review workflow, a published fate is never edited in place."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from commitments.models import FactStatus
from participation import services
from participation.models import Outcome, ProposalFate
from tests.participation.cast import fate, make_proposal, make_table
from tests.roles.conftest import account

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposal(db):
    return make_proposal(make_table())


@pytest.fixture
def liaison(django_user_model, frozen_today):
    return account(django_user_model, "enlace", "enlace")


@pytest.fixture
def secretariat(django_user_model, frozen_today):
    return account(django_user_model, "stmga", "secretariado")


@pytest.fixture
def transparency(django_user_model, frozen_today):
    return account(django_user_model, "ut", "transparencia")


ADD = reverse("admin:participation_proposalfate_add")
LIST = reverse("admin:participation_proposalfate_changelist")


def test_a_liaison_can_neither_open_nor_write_fates(client, liaison, proposal):
    client.force_login(liaison)
    assert client.get(LIST).status_code == 403
    assert client.post(ADD, {"proposal": proposal.pk}).status_code == 403
    assert client.get(reverse("admin:participation_proposal_changelist")).status_code == 403
    with pytest.raises(ValidationError, match="Solo el Secretariado técnico"):
        fate(proposal, by=liaison)
    assert not ProposalFate.objects.exists()


def test_transparency_reads_but_does_not_write(client, transparency, proposal):
    fate(proposal, Outcome.DEFERRED)
    client.force_login(transparency)
    assert "Diferida a un ejercicio posterior" in client.get(LIST).content.decode()
    assert client.get(ADD).status_code == 403


def test_the_secretariat_drafts_through_the_services_and_publishes(client, secretariat, proposal):
    client.force_login(secretariat)
    response = client.post(
        ADD,
        {
            "proposal": proposal.pk,
            "date": "29/08/2025",
            "outcome": Outcome.NOT_TAKEN,
            "explanation": "Fuera del alcance del plan.",
            # Not fields of the form: the system stamps them, the form ignores them.
            "status": FactStatus.PUBLISHED,
            "published_at": "2020-01-01 00:00",
        },
    )
    assert response.status_code == 302
    row = ProposalFate.objects.get()
    assert (row.status, row.published_at, row.recorded_by) == (FactStatus.DRAFT, None, secretariat)
    assert (
        "Sin respuesta publicada todavía"
        in client.get(proposal.get_absolute_url()).content.decode()
    )

    client.post(LIST, {"action": "publish_selected", "_selected_action": [row.pk]})
    row.refresh_from_db()
    assert row.status == FactStatus.PUBLISHED and row.published_by == secretariat
    assert "Fuera del alcance del plan." in client.get(proposal.get_absolute_url()).content.decode()


def test_a_published_fate_changes_only_by_a_correction_with_a_reason(client, secretariat, proposal):
    published = fate(proposal, Outcome.DEFERRED, reason="Para después.")
    client.force_login(secretariat)
    change_url = reverse("admin:participation_proposalfate_change", args=[published.pk])
    client.post(change_url, {"proposal": proposal.pk, "outcome": Outcome.NOT_TAKEN})
    published.refresh_from_db()
    assert published.outcome == Outcome.DEFERRED

    correct_url = reverse("admin:participation_proposalfate_correct", args=[published.pk])
    client.post(
        correct_url,
        {
            "date": "19/06/2026",
            "outcome": Outcome.NOT_TAKEN,
            "explanation": "Se descartó.",
            "reason": "Lo decidió el Secretariado.",
        },
    )
    newer = ProposalFate.objects.get(supersedes=published)
    assert (newer.outcome, newer.correction_reason) == (
        Outcome.NOT_TAKEN,
        "Lo decidió el Secretariado.",
    )
    published.refresh_from_db()
    assert published.superseded and published.outcome == Outcome.DEFERRED


def test_one_live_fate_per_proposal_and_one_correction_per_fate(proposal):
    first = fate(proposal, Outcome.DEFERRED)
    with pytest.raises(ValidationError, match="ya tiene un destino"):
        fate(proposal, Outcome.NOT_TAKEN)
    services.correct(fact=first, reason="Cambio.", outcome=Outcome.NOT_TAKEN)
    with pytest.raises(ValidationError, match="corrige la más reciente"):
        services.correct(fact=first, reason="Otra vez.", outcome=Outcome.DEFERRED)
    # The database itself refuses a second correction of the same fate.
    second = ProposalFate(
        proposal=proposal,
        date=first.date,
        outcome=Outcome.DEFERRED,
        explanation="x",
        supersedes=first,
        superseded=True,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        second.save()
