"""The Secretariat's admin for the plan: every page renders, in Spanish; writes go through
the services; nothing published is edited or deleted."""

import pytest
from django.apps import apps
from django.contrib import admin

from tests.admin_cast import full_cast

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
    assert set(apps.get_app_config("commitments").get_models()) <= registered | inline


def test_every_changelist_add_and_change_page_renders(staff):
    full_cast()
    for model in commitment_admin_models():
        name = str(model._meta.verbose_name)
        base = f"/admin/commitments/{model._meta.model_name}/"

        changelist = staff.get(base)
        assert changelist.status_code == 200, base
        assert f"Seleccione {name} " in changelist.content.decode(), base

        model_admin = admin.site.get_model_admin(model)
        if model_admin.has_add_permission(changelist.wsgi_request):
            add = staff.get(f"{base}add/")
            assert add.status_code == 200, base
            assert f"Agregar {name}" in add.content.decode(), base

        obj = model.objects.first()
        change = staff.get(f"{base}{obj.pk}/change/")
        assert change.status_code == 200, base
        assert name in change.content.decode(), base
