"""The Secretariat's admin for the plan: every page renders, in Spanish; writes go through
the services; nothing published is edited or deleted."""

from datetime import date

import pytest
from django.apps import apps
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commitments.models import Modification
from tests.commitments.builders import (
    END,
    admin_form_data,
    cast_commitment,
    cast_plan,
    full_cast,
    make_session,
    row_index,
)
from tests.conftest import TODAY

pytestmark = pytest.mark.django_db


def commitment_admin_models():
    return [model for model in admin.site._registry if model._meta.app_label == "commitments"]


def test_every_model_has_a_page_or_is_edited_inline():
    registered = set(commitment_admin_models())
    inline = {
        inline.model
        for model_admin in admin.site._registry.values()
        for inline in model_admin.inlines
    }
    # Audit history rows (django-simple-history) are read on each record's history page;
    # derived rows (`audited = False`) are rebuilt from the others and nobody edits them.
    models = {
        model
        for model in apps.get_app_config("commitments").get_models()
        if not hasattr(model, "instance_type") and getattr(model, "audited", True)
    }
    assert models <= registered | inline


def test_every_changelist_add_and_change_page_renders(staff):
    full_cast()
    for model in commitment_admin_models():
        name = str(model._meta.verbose_name)
        base = f"/admin/commitments/{model._meta.model_name}/"

        changelist = staff.get(base)
        assert changelist.status_code == 200, base
        assert f"Elige {name} para " in changelist.content.decode(), base

        model_admin = admin.site.get_model_admin(model)
        if model_admin.has_add_permission(changelist.wsgi_request):
            add = staff.get(f"{base}add/")
            assert add.status_code == 200, base
            assert f"Agregar {name}" in add.content.decode(), base

        obj = model.objects.first()
        change = staff.get(f"{base}{obj.pk}/change/")
        assert change.status_code == 200, base
        assert name in change.content.decode(), base


# --- the commitment page -------------------------------------------------------------


def change_url(obj):
    return f"/admin/{obj._meta.app_label}/{obj._meta.model_name}/{obj.pk}/change/"


def test_commitment_page_shows_the_computed_status_with_the_override_beside_it(staff):
    commitment = full_cast()
    html = staff.get(change_url(commitment)).content.decode()
    assert "Estado calculado hoy" in html
    assert (
        "<strong>Con retraso</strong> (80 % de 90 % esperado) · asignado por el Secretariado: "
        "<strong>Atrasado</strong>"
    ) in html
    assert (
        "El público ve el estado asignado desde el 5 de octubre de 2026. Motivo: Las comisiones"
        in html
    )


def test_commitment_page_lists_versions_and_links_the_public_page(staff):
    commitment = full_cast()
    html = staff.get(change_url(commitment)).content.decode()
    assert "<li>Versión 1, vigente desde el 15 de enero de 2026</li>" in html
    assert (
        "<li>Versión 2, vigente desde el 12 de junio de 2026: Lo aprobó el Secretariado.</li>"
        in html
    )
    assert f'<a href="{commitment.get_absolute_url()}">Ver la página pública</a>' in html
    assert "Motivo público del cambio" in html
    assert "Es una modificación aprobada" in html


def edit(staff, commitment, **changes):
    url = change_url(commitment)
    data = admin_form_data(staff.get(url))
    data.update(changes)
    return staff.post(url, data)


def test_a_public_commitment_needs_a_public_reason_to_change(staff):
    commitment = cast_commitment(cast_plan())
    response = edit(staff, commitment, goal="Publicar 120 conjuntos.")
    assert response.status_code == 200
    assert "Escribe el motivo público del cambio: el compromiso ya es público." in (
        response.content.decode()
    )
    assert commitment.versions.count() == 1


def test_saving_with_a_reason_publishes_a_version_effective_today(staff):
    commitment = cast_commitment(cast_plan())
    response = edit(
        staff, commitment, goal="Publicar 120 conjuntos.", public_reason="Se corrige la meta."
    )
    assert response.status_code == 302
    first, second = commitment.versions.order_by("number")
    assert first.data["goal"] == "Publicar 100 conjuntos de datos."
    assert (second.number, second.effective_on, second.reason) == (
        2,
        TODAY,
        "Se corrige la meta.",
    )
    assert second.data["goal"] == "Publicar 120 conjuntos."
    messages = [str(m) for m in staff.get(change_url(commitment)).context["messages"]]
    assert "Publicaste la versión 2, vigente desde el 25 de noviembre de 2026." in messages


def test_an_approved_modification_takes_effect_on_its_approval_date(staff):
    commitment = cast_commitment(cast_plan())
    session = make_session()
    response = edit(
        staff,
        commitment,
        end_date="2027-06-30",
        public_reason="Se amplía el plazo por la veda electoral.",
        is_modification="on",
        approved_on="2026-06-12",
        session=session.pk,
        summary="Se amplía el plazo.",
    )
    assert response.status_code == 302
    modification = Modification.objects.get()
    assert (modification.summary, modification.session) == ("Se amplía el plazo.", session)
    version = commitment.versions.get(number=2)
    assert (version.modification, version.effective_on) == (modification, date(2026, 6, 12))
    assert version.data["end_date"] == "2027-06-30"


def test_an_approved_modification_needs_its_date_session_and_summary(staff):
    commitment = cast_commitment(cast_plan())
    response = edit(
        staff, commitment, end_date="2027-06-30", public_reason="Motivo.", is_modification="on"
    )
    assert response.status_code == 200
    assert response.content.decode().count("Complétalo: es una modificación aprobada.") == 3
    assert not Modification.objects.exists()


def test_a_change_the_services_refuse_is_shown_and_nothing_is_saved(staff):
    commitment = cast_commitment(cast_plan())
    milestone = commitment.milestones.get()
    url = change_url(commitment)
    data = admin_form_data(staff.get(url))
    row = row_index(data, "milestones", milestone.pk)
    data.update(
        {
            f"milestones-{row}-end_date": "2027-03-31",
            "title": "Título nuevo",
            "public_reason": "Se extiende el hito.",
        }
    )
    response = staff.post(url, data)
    assert response.status_code == 200
    assert "El hito «Hito 1» termina después que el compromiso." in response.content.decode()
    commitment.refresh_from_db()
    milestone.refresh_from_db()
    assert (commitment.title, milestone.end_date) == ("Compromiso DA-01", END)
    assert commitment.versions.count() == 1


def test_milestone_weights_must_be_positive(staff):
    commitment = cast_commitment(cast_plan(), publish=False)
    milestone = commitment.milestones.get()
    url = change_url(commitment)
    data = admin_form_data(staff.get(url))
    data[f"milestones-{row_index(data, 'milestones', milestone.pk)}-weight"] = "0"
    response = staff.post(url, data)
    assert response.status_code == 200
    assert "El peso debe ser mayor que cero." in response.content.decode()


def test_milestones_are_numbered_from_one_as_on_the_public_page(staff):
    commitment = cast_commitment(cast_plan(), milestones=2)
    html = staff.get(change_url(commitment)).content.decode()
    assert '<label class="required" for="id_milestones-0-order">Número:</label>' in html
    assert [m.order for m in commitment.milestones.all()] == [1, 2]
    listed = staff.get("/admin/commitments/milestone/").context["cl"].result_list
    assert [(m.order, m.title) for m in listed] == [(1, "Hito 1"), (2, "Hito 2")]


def test_a_public_commitment_keeps_its_indicators_and_milestones(staff):
    html = staff.get(change_url(cast_commitment(cast_plan()))).content.decode()
    assert 'name="milestones-0-DELETE"' not in html
    assert 'name="indicators-0-DELETE"' not in html


# --- the commitments list --------------------------------------------------------------


def test_changelist_shows_the_computed_status_with_the_override_beside_it(staff):
    commitment = full_cast()
    cast_commitment(commitment.plan, "DA-02", publish=False)
    html = staff.get("/admin/commitments/commitment/").content.decode()
    assert (
        "<strong>Con retraso</strong> (80 % de 90 % esperado) · asignado por el Secretariado: "
        "<strong>Atrasado</strong>"
    ) in html
    assert "Sin versión publicada" in html


def changelist_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/admin/commitments/commitment/")
    assert response.status_code == 200
    return len(response.context["cl"].result_list), len(queries)


def test_commitment_changelist_queries_do_not_grow_with_the_plan(staff):
    plan = cast_plan()
    for n in range(1, 3):
        cast_commitment(plan, f"DA-{n:02d}")
    small = changelist_queries(staff)
    for n in range(3, 9):
        cast_commitment(plan, f"DA-{n:02d}", indicators=2, milestones=2)
    large = changelist_queries(staff)
    assert (small[0], large[0]) == (2, 8)
    assert large[1] == small[1]


def test_publishing_and_unpublishing_a_commitment(staff):
    commitment = cast_commitment(cast_plan(), publish=False)
    url = "/admin/commitments/commitment/"
    staff.post(url, {"action": "publish_commitments", "_selected_action": [commitment.pk]})
    commitment.refresh_from_db()
    assert commitment.is_published
    assert commitment.versions.get().number == 1

    step = staff.post(url, {"action": "unpublish_commitments", "_selected_action": [commitment.pk]})
    assert "Motivo público" in step.content.decode()
    commitment.refresh_from_db()
    assert commitment.is_published
    staff.post(
        url,
        {
            "action": "unpublish_commitments",
            "_selected_action": [commitment.pk],
            "reason": "Se publicó por error.",
        },
    )
    commitment.refresh_from_db()
    assert not commitment.is_published
    assert commitment.publications.last().reason == "Se publicó por error."


def test_unpublishing_a_plan_asks_for_a_reason(staff):
    plan = cast_plan()
    url = "/admin/commitments/actionplan/"
    empty = staff.post(
        url, {"action": "unpublish_plans", "_selected_action": [plan.pk], "reason": " "}
    )
    assert "Este campo es obligatorio." in empty.content.decode()
    staff.post(
        url,
        {"action": "unpublish_plans", "_selected_action": [plan.pk], "reason": "Plan sustituido."},
    )
    plan.refresh_from_db()
    assert not plan.is_published
    assert plan.publications.last().reason == "Plan sustituido."
