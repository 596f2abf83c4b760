"""The staff roles' permissions on participation (the groups are commitments 0005's).

The Secretariado técnico keeps the record of the survey, the tables and the proposals and
decides their fate; the Unidad de Transparencia consults it; a liaison has no part in it.
Frozen here, as a migration must be."""

from django.db import migrations

MODELS = [
    "theme",
    "survey",
    "surveyquestion",
    "surveyoption",
    "cocreationtable",
    "attendance",
    "proposal",
    "proposalfate",
    "resultsreport",
]
ALL = ("view", "add", "change", "delete")
ROLES = {
    "Secretariado técnico": [
        *(f"{action}_{model}" for model in MODELS for action in ALL),
        *(f"view_historical{model}" for model in MODELS),
    ],
    "Unidad de Transparencia": [
        *(f"view_{model}" for model in MODELS),
        *(f"view_historical{model}" for model in MODELS),
    ],
}


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    config = apps.get_app_config("participation")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ROLES.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="participation", codename__in=codenames
            )
        )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=ROLES):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="participation")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("participation", "0001_initial"),
        ("commitments", "0005_staff_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
