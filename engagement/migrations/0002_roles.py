"""What each staff role may do with questions and answers (frozen here, as a migration must
be). The Secretariado moderates questions and publishes answers; a liaison reads the
questions and drafts answers (the admin and the services limit both to their commitments);
the Unidad de Transparencia reads. Subscriptions are in no role: nobody browses them."""

from django.db import migrations

ALL = ("view", "add", "change", "delete")
ROLES = {
    "Secretariado técnico": [
        ("view", "question"),
        ("change", "question"),
        *((action, "answer") for action in ALL),
        ("view", "historicalquestion"),
        ("view", "historicalanswer"),
    ],
    "Enlace de dependencia": [
        ("view", "question"),
        *((action, "answer") for action in ALL),
        ("view", "historicalanswer"),
    ],
    "Unidad de Transparencia": [
        ("view", "question"),
        ("view", "answer"),
        ("view", "historicalquestion"),
        ("view", "historicalanswer"),
    ],
}


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("engagement")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, wanted in ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *(
                Permission.objects.get(
                    content_type__app_label="engagement", codename=f"{action}_{model}"
                )
                for action, model in wanted
            )
        )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=ROLES):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="engagement")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("engagement", "0001_initial"),
        ("commitments", "0005_staff_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
