"""The admin's history pages are read-only, for every role and every model (issue 27).

The table: every model registered with a history, by anonymous, each role and a superuser, by
GET and POST of the history list and of a past state. A GET answers the page or a refusal,
never a 500; a POST answers 405 (or the login page) and changes nothing: not the record,
not its history. The POST sends the record's own values with one text changed, as an
attacker replaying the old revert form would.
"""

import pytest
from django.contrib import admin
from django.db import models
from django.forms.models import model_to_dict
from django.test import Client
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from commitments.models import Measurement, ResponsibleUnit
from secretariat.models import Member
from tests.roles.conftest import account

pytestmark = pytest.mark.django_db(transaction=False)

ROLES = ["secretariado", "enlace", "transparencia"]
REFUSED = {302, 403, 404}


def audited_models():
    return [
        (model, model_admin)
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, SimpleHistoryAdmin)
    ]


def some_record(model):
    """A record of `model` with a history, preferring one with several saved states."""
    history = model.history.model
    pk_name = model._meta.pk.attname
    counted = (
        history.objects.values(pk_name)
        .annotate(n=models.Count("history_id"))
        .order_by("-n", pk_name)
        .first()
    )
    if counted is None:
        return None, None
    obj = model._default_manager.filter(pk=counted[pk_name]).first()
    record = history.objects.filter(**{pk_name: counted[pk_name]}).order_by("history_id").first()
    return obj, record


def snapshot(model, pk):
    rows = list(model._default_manager.filter(pk=pk).values())
    return rows, model.history.filter(**{model._meta.pk.attname: pk}).count()


def tampered(obj):
    data = {
        k: v
        for k, v in model_to_dict(obj).items()
        if v is not None and not isinstance(v, models.fields.files.FieldFile)
    }
    for field in obj._meta.concrete_fields:
        if isinstance(field, models.CharField) and not field.choices and field.editable:
            data[field.name] = "Reescrito por la puerta del historial"
            break
    return data


def urls(model, obj, record):
    opts = model._meta
    prefix = f"admin:{opts.app_label}_{opts.model_name}"
    return {
        "lista": reverse(f"{prefix}_history", args=[obj.pk]),
        "estado": reverse(f"{prefix}_simple_history", args=[obj.pk, record.history_id]),
    }


def a_published_measurement():
    return Measurement.objects.exclude(published_at=None).order_by("pk").first()


@pytest.fixture
def clients(demo, django_user_model, frozen_today):
    # The liaison reports for the unit of a published measurement (the issue's attack).
    unit = ResponsibleUnit.objects.get(
        commitments__indicators__measurements__in=[a_published_measurement()]
    )
    found = {"anónimo": Client(raise_request_exception=False)}
    users = {
        role: account(
            django_user_model, f"h-{role}", role, units=[unit] if role == "enlace" else ()
        )
        for role in ROLES
    }
    users["superusuario"] = django_user_model.objects.create_superuser("h-root", "r@e.org", "x")
    for name, user in users.items():
        client = Client(raise_request_exception=False)
        client.force_login(user)
        found[name] = client
    return found


def test_every_history_page_is_read_only_for_every_role(clients):
    failures = []
    checked = 0
    for model, _model_admin in audited_models():
        obj, record = some_record(model)
        if obj is None:
            failures.append(f"{model._meta.label}: la demostración no tiene historial que probar")
            continue
        before = snapshot(model, obj.pk)
        for who, client in clients.items():
            for page, url in urls(model, obj, record).items():
                got = client.get(url).status_code
                if got not in REFUSED | {200}:
                    failures.append(f"{model._meta.label} {page} GET {who}: {got}")
                if who == "superusuario" and got != 200:
                    failures.append(f"{model._meta.label} {page} GET superusuario: {got}")
                posted = client.post(url, tampered(obj)).status_code
                expected = 302 if who == "anónimo" else 405
                if posted != expected:
                    failures.append(f"{model._meta.label} {page} POST {who}: {posted}")
                checked += 1
        if snapshot(model, obj.pk) != before:
            failures.append(f"{model._meta.label}: un POST al historial cambió el registro")
    assert not failures, "\n".join(failures)
    assert checked >= 25 * len(clients) * 2


def test_a_past_state_is_a_table_of_values_without_a_form(clients):
    member = Member.objects.order_by("pk").first()
    record = member.history.order_by("history_id").first()
    page = clients["transparencia"].get(urls(Member, member, record)["estado"])
    html = page.content.decode()
    assert page.status_code == 200
    assert member.name in html
    assert "<form" not in html.split('id="content-main"')[1]
    assert "El historial solo se consulta" in html


def test_the_attacks_of_the_issue_change_nothing(clients):
    """Transparency renames a member; a liaison rewrites a published measurement."""
    member = Member.objects.order_by("pk").first()
    record = member.history.order_by("history_id").first()
    answer = clients["transparencia"].post(
        urls(Member, member, record)["estado"], {**tampered(member), "name": "Otro nombre"}
    )
    assert answer.status_code == 405
    member.refresh_from_db()
    assert member.name != "Otro nombre"

    published = a_published_measurement()
    record = published.history.order_by("history_id").first()
    data = {**tampered(published), "value": "999"}
    answer = clients["enlace"].post(urls(Measurement, published, record)["estado"], data)
    assert answer.status_code == 405
    fresh = Measurement.objects.get(pk=published.pk)
    assert (fresh.value, fresh.published_at, fresh.status) == (
        published.value,
        published.published_at,
        published.status,
    )
