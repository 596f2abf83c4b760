"""The three staff roles as groups with their exact permissions (issue 20).

The lists are frozen here, as a migration must be; tests/roles/test_permission_matrix.py
checks each role against the admin. Running it again resets the groups to these lists.
"""

from django.db import migrations

ALL = ("view", "add", "change", "delete")

PLAN = [
    "actionplan", "assessment", "axis", "closingreport", "coresponsibility", "commitment",
    "commitmentversion", "evidence", "exercise", "indicator", "measurement", "milestone",
    "milestoneprogress", "modification", "objective", "organization", "pillar", "publication",
    "ratingrubric", "reportinground", "responsibleunit", "roundreport", "roundreportentry",
    "statusoverride", "transversalrating",
]
SECRETARIAT = ["agendaitem", "agreement", "call", "member", "routemilestone", "sector", "session"]
REPORTED = ["measurement", "milestoneprogress", "evidence", "roundreport", "roundreportentry"]
LIAISON_READS = ["commitment", "coresponsibility", "indicator", "milestone", "reportinground"]


def everything(actions):
    return [
        *((action, "commitments", model) for model in PLAN for action in actions),
        *((action, "secretariat", model) for model in SECRETARIAT for action in actions),
        *(("view", "commitments", f"historical{model}") for model in PLAN),
        *(("view", "secretariat", f"historical{model}") for model in SECRETARIAT),
    ]


ROLES = {
    "Secretariado técnico": everything(ALL),
    "Unidad de Transparencia": everything(["view"]),
    "Enlace de dependencia": [
        *((action, "commitments", model) for model in REPORTED for action in ALL),
        *(("view", "commitments", model) for model in LIAISON_READS),
        *(("view", "commitments", f"historical{model}") for model in [*REPORTED, "commitment"]),
    ],
}


def create_roles(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, wanted in ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        permissions = []
        for action, app_label, model in wanted:
            permissions.append(
                Permission.objects.get(
                    content_type__app_label=app_label, codename=f"{action}_{model}"
                )
            )
        group.permissions.set(permissions)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("commitments", "0004_audit_history"),
        ("secretariat", "0003_audit_history"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
