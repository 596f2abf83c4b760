"""Every write to the Secretariado's record goes through `secretariat.services` (issue 31), as
the plan's go through `commitments.services`: the demo and the admin save nothing outside a
service, and the guard itself notices a save that does."""

from datetime import date

import pytest
from django.apps import apps
from django.db.models.signals import m2m_changed, pre_delete, pre_save

from core import content_version
from secretariat import demo
from secretariat.models import Member, Session


@pytest.fixture
def outside_services():
    """The secretariat rows written while no service runs (`after_write` not open)."""
    seen = []

    def note(sender, instance=None, **kwargs):
        if sender._meta.app_label != "secretariat" or sender.__name__.startswith("Historical"):
            return
        if sender._meta.auto_created:  # a many-to-many table: name the model it belongs to
            sender = type(instance)
        if not getattr(content_version._deferred, "depth", 0):
            seen.append(f"{sender.__name__}: {instance}")

    models = list(apps.get_app_config("secretariat").get_models())
    for signal in (pre_save, pre_delete):
        for model in models:
            signal.connect(note, sender=model, weak=False)
    m2m_changed.connect(note, weak=False)
    yield seen
    for signal in (pre_save, pre_delete):
        for model in models:
            signal.disconnect(note, sender=model)
    m2m_changed.disconnect(note)


def test_the_guard_notices_a_save_outside_the_services(sectors, outside_services):
    Member.objects.create(
        sector=sectors.citizens, name="Fuera del camino", kind="ciudadano", term_start=date.today()
    )
    assert outside_services == ["Member: Fuera del camino (Ciudadanía)"]


@pytest.mark.django_db
def test_the_demo_writes_only_through_the_services(outside_services, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    demo.load()
    demo.load()  # again: it updates what it wrote and deletes agenda points left over
    assert Session.objects.filter(is_example=True).exists()
    assert outside_services == []


def test_the_admin_writes_only_through_the_services(
    admin_client, approval_session, cast, outside_services
):
    agreement = approval_session.agreements.order_by("code").first()
    response = admin_client.post(
        f"/admin/secretariat/session/{approval_session.pk}/change/",
        _session_form(approval_session, cast, agreement),
    )
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    approval_session.refresh_from_db()
    assert approval_session.place == "Sala nueva"
    assert [item.title for item in approval_session.agenda_items.all()][-1] == "Punto nuevo"
    agreement.refresh_from_db()
    assert agreement.text.endswith("(editado)")
    assert outside_services == []


def _session_form(session, cast, agreement):
    data = {
        "kind": session.kind,
        "number": session.number,
        "date": session.date.isoformat(),
        "start_time": "10:00",
        "place": "Sala nueva",
        "is_held": "on",
        "slug": session.slug,
        "summary": session.summary,
        "attendance": [cast.ana.pk, cast.beto.pk, cast.diego.pk],
        "held_without_quorum_note": "",
    }
    items = list(session.agenda_items.all())
    data |= {
        "agenda_items-TOTAL_FORMS": len(items) + 1,
        "agenda_items-INITIAL_FORMS": len(items),
        "agenda_items-MIN_NUM_FORMS": 0,
        "agenda_items-MAX_NUM_FORMS": 1000,
    }
    for i, item in enumerate(items):
        data |= {
            f"agenda_items-{i}-id": item.pk,
            f"agenda_items-{i}-session": session.pk,
            f"agenda_items-{i}-order": item.order,
            f"agenda_items-{i}-title": item.title,
        }
    n = len(items)
    data |= {f"agenda_items-{n}-session": session.pk, f"agenda_items-{n}-order": 9}
    data[f"agenda_items-{n}-title"] = "Punto nuevo"
    return data | _agreement_forms(session, agreement)


def _agreement_forms(session, agreement):
    agreements = list(session.agreements.order_by("code"))
    data = {
        "agreements-TOTAL_FORMS": len(agreements),
        "agreements-INITIAL_FORMS": len(agreements),
        "agreements-MIN_NUM_FORMS": 0,
        "agreements-MAX_NUM_FORMS": 1000,
    }
    for i, row in enumerate(agreements):
        data |= {
            f"agreements-{i}-id": row.pk,
            f"agreements-{i}-session": session.pk,
            f"agreements-{i}-code": row.code,
            f"agreements-{i}-text": row.text + (" (editado)" if row == agreement else ""),
            f"agreements-{i}-responsible": row.responsible,
            f"agreements-{i}-due_date": row.due_date.isoformat() if row.due_date else "",
        }
    return data
