"""The admin home groups models by task; a model no group names still shows, under "Otros"."""

import pytest

from portal.admin_site import GROUPS, group_models

pytestmark = pytest.mark.django_db


def test_the_home_is_grouped_by_task(staff, demo):
    html = staff.get("/admin/").content.decode()
    captions = [part.split("</span>")[0] for part in html.split('<span class="section">')[1:]]
    assert captions == [
        "Registrar avance",
        "Pendientes",
        "Sesiones y Secretariado",
        "Plan",
        "Valoración y cierre",
        "Participación ciudadana",
        "Cuentas de personal",
        "Sistema",
    ]
    assert "¿Qué vas a hacer hoy?" in html
    assert 'href="/admin/secretariat/agreement/?vencido=si">Acuerdos vencidos (4)</a>' in html


def test_every_registered_model_is_in_a_group(staff):
    from django.contrib import admin

    named = {key for _, _, _, keys in GROUPS for key in keys}
    registered = {model._meta.label_lower for model in admin.site._registry}
    assert registered <= named, "add the new model to a group in portal/admin_site.py"


def test_unknown_models_go_to_others_and_empty_groups_vanish():
    app_list = [
        {
            "app_label": "secretariat",
            "models": [{"object_name": "Session"}, {"object_name": "Minutes"}],
        },
        {"app_label": "reports", "models": [{"object_name": "Report"}]},
    ]
    groups = group_models(app_list)
    assert [(g["name"], [m["object_name"] for m in g["models"]]) for g in groups] == [
        ("Sesiones y Secretariado", ["Session"]),
        ("Otros", ["Minutes", "Report"]),
    ]


def test_an_app_page_keeps_djangos_list(staff):
    content = staff.get("/admin/secretariat/").content.decode().split('id="content"')[1]
    assert '<a href="/admin/secretariat/" class="section">' in content
    assert "Registrar avance" not in content
