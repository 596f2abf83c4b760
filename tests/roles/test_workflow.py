"""Borrador → Enviado → Publicado, or Devuelto with a comment: only these transitions, each
recorded with who and when; forbidden ones are refused in Spanish and change nothing."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from commitments import services
from commitments.models import FactStatus, Measurement, Pillar
from core import clock
from tests.roles.conftest import OCT

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(own, liaison):
    return services.record_measurement(
        indicator=own.indicators.get(), date=OCT, value=60, by=liaison
    )


def stored(fact):
    return type(fact).objects.get(pk=fact.pk)


def test_submit_return_resubmit_publish(draft, liaison, secretariat):
    with clock.moment(date(2026, 11, 2)):
        services.submit(fact=draft, by=liaison)
    row = stored(draft)
    assert (row.status, row.submitted_by) == (FactStatus.SUBMITTED, liaison)
    assert row.submitted_at is not None

    services.return_for_changes(fact=draft, comment="Falta el acta.", by=secretariat)
    row = stored(draft)
    assert (row.status, row.review_comment, row.reviewed_by) == (
        FactStatus.RETURNED,
        "Falta el acta.",
        secretariat,
    )
    services.update_draft(fact=row, value=62, by=liaison)
    services.submit(fact=row, by=liaison)
    services.publish(fact=stored(draft), by=secretariat)
    row = stored(draft)
    assert (row.status, row.published_by, row.value) == (FactStatus.PUBLISHED, secretariat, 62)
    assert row.published_at == clock.now()


def refused(call, fact):
    before = Measurement.objects.values().get(pk=fact.pk)
    with pytest.raises(ValidationError) as error:
        call()
    assert Measurement.objects.values().get(pk=fact.pk) == before
    return " ".join(error.value.messages)


def test_a_liaison_never_publishes(draft, liaison):
    message = refused(lambda: services.publish(fact=draft, by=liaison), draft)
    assert "Solo el Secretariado técnico publica" in message
    services.submit(fact=draft, by=liaison)
    message = refused(lambda: services.publish(fact=stored(draft), by=liaison), draft)
    assert "Solo el Secretariado técnico publica" in message


def test_a_liaison_cannot_record_something_public(own, liaison):
    with pytest.raises(ValidationError):
        services.record_measurement(
            indicator=own.indicators.get(), date=OCT, value=1, publish=True, by=liaison
        )
    assert not Measurement.objects.exists()


def test_forbidden_transitions_are_refused_and_change_nothing(draft, liaison, secretariat):
    assert "Solo se devuelve lo que está enviado" in refused(
        lambda: services.return_for_changes(fact=draft, comment="x", by=secretariat), draft
    )
    services.submit(fact=draft, by=liaison)
    assert "Solo se envía a revisión" in refused(
        lambda: services.submit(fact=draft, by=liaison), draft
    )
    assert "Está en revisión" in refused(
        lambda: services.update_draft(fact=stored(draft), value=1, by=liaison), draft
    )
    assert "Escribe qué hay que cambiar" in refused(
        lambda: services.return_for_changes(fact=draft, comment=" ", by=secretariat), draft
    )
    assert "Solo el Secretariado" in refused(
        lambda: services.return_for_changes(fact=draft, comment="x", by=liaison), draft
    )
    services.return_for_changes(fact=draft, comment="Revisa la fecha.", by=secretariat)
    assert "Se devolvió con comentarios" in refused(
        lambda: services.publish(fact=stored(draft), by=secretariat), draft
    )
    services.submit(fact=draft, by=liaison)
    services.publish(fact=stored(draft), by=secretariat)
    assert "Solo se envía a revisión" in refused(
        lambda: services.submit(fact=draft, by=liaison), draft
    )


def test_a_liaison_cannot_submit_another_units_fact(other, liaison):
    fact = services.record_measurement(indicator=other.indicators.get(), date=OCT, value=3)
    assert "no es de tu dependencia" in refused(
        lambda: services.submit(fact=fact, by=liaison), fact
    )


def test_the_secretariat_still_publishes_its_own_drafts(own, secretariat):
    fact = services.record_measurement(
        indicator=own.indicators.get(), date=OCT, value=5, by=secretariat
    )
    services.publish(fact=fact, by=secretariat)
    assert stored(fact).status == FactStatus.PUBLISHED


def test_audit_rows_name_who_did_each_step(draft, liaison, secretariat):
    services.submit(fact=draft, by=liaison)
    services.publish(fact=stored(draft), by=secretariat)
    rows = list(stored(draft).history.order_by("history_date", "history_id"))
    assert [(r.history_type, r.status, r.history_user) for r in rows] == [
        ("+", FactStatus.DRAFT, liaison),
        ("~", FactStatus.SUBMITTED, liaison),
        ("~", FactStatus.PUBLISHED, secretariat),
    ]


def test_a_commitments_pillars_are_audited_with_who_changed_them(own, secretariat):
    pillar = Pillar.objects.create(name="Rendición de cuentas", slug="rendicion", order=9)
    services.set_parties(commitment=own, pillars=[pillar], by=secretariat)
    latest = own.history.latest()
    assert latest.history_user == secretariat
    assert [p.pillar_id for p in latest.pillars.all()] == [pillar.pk]
    services.set_parties(commitment=own, pillars=[], by=secretariat)
    assert list(own.history.latest().pillars.all()) == []


def test_admin_writes_are_audited_with_the_request_user(client, secretariat, own):
    client.force_login(secretariat)
    milestone = own.milestones.get()
    response = client.post(
        f"/admin/commitments/milestone/{milestone.pk}/change/",
        {
            "commitment": own.pk,
            "order": 1,
            "title": "Talleres en colonias",
            "deliverable": "Entregable de prueba.",
            "start_date": "2026-01-01",
            "end_date": "2026-12-31",
            "weight": "1",
        },
    )
    assert response.status_code == 302
    latest = milestone.history.latest()
    assert (latest.title, latest.history_user) == ("Talleres en colonias", secretariat)
    history = client.get(f"/admin/commitments/milestone/{milestone.pk}/history/").content.decode()
    assert "Talleres en colonias" in history and "stmga" in history
