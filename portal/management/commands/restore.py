"""manage.py restore FILE: bring back what `manage.py backup` saved, into an empty database.

Empty means as `migrate` leaves a new one: content types, permissions and the staff roles
exactly as their migration creates them (the backup's own roles replace those). Any other
row, or a role that differs from the migration's, stops the restore.
"""

import json
import tarfile
import tempfile
from importlib import import_module
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core.content_version import bump_content_version
from portal.management.commands.backup import DATA_NAME, FORMAT, MANIFEST_NAME, MEDIA_PREFIX

# Rows migrate itself creates; anything else means the database is not empty.
CREATED_BY_MIGRATE = {"contenttypes.contenttype", "auth.permission"}


# The migrations that create the staff roles and grant them permissions, each read its own way:
# (app label, codename) pairs per role name.
def _plan_roles(module):
    return {
        name: {(app, f"{action}_{model}") for action, app, model in wanted}
        for name, wanted in module.ROLES.items()
    }


def _engagement_roles(module):
    return {
        name: {("engagement", f"{action}_{model}") for action, model in wanted}
        for name, wanted in module.ROLES.items()
    }


def _participation_roles(module):
    return {
        name: {("participation", codename) for codename in codenames}
        for name, codenames in module.ROLES.items()
    }


def _follow_up_roles(module):
    def codename(action):
        if action == "view_historical":
            return "view_historicalagreementfollowup"
        return f"{action}_agreementfollowup"

    return {
        name: {("secretariat", codename(action)) for action in actions}
        for name, actions in module.FOLLOW_UP_ROLES.items()
    }


ROLE_MIGRATIONS = [
    ("commitments.migrations.0005_staff_roles", _plan_roles),
    ("engagement.migrations.0002_roles", _engagement_roles),
    ("participation.migrations.0002_roles", _participation_roles),
    ("secretariat.migrations.0005_agreement_follow_ups", _follow_up_roles),
]


def roles_made_by_migrate():
    """Each role's permissions exactly as the migrations grant them."""
    expected = {}
    for path, read in ROLE_MIGRATIONS:
        for name, permissions in read(import_module(path)).items():
            expected.setdefault(name, set()).update(permissions)
    return expected


def groups_made_by_migrate():
    """Pks of the groups that are exactly what the roles migrations create: its name, its
    permissions, nothing more nor less. A group renamed, added or given other permissions
    is data, and the database is then not empty."""
    expected = roles_made_by_migrate()
    made = []
    for group in Group.objects.filter(name__in=expected).prefetch_related(
        "permissions__content_type"
    ):
        has = {(p.content_type.app_label, p.codename) for p in group.permissions.all()}
        if has == expected[group.name]:
            made.append(group.pk)
    return made


class Command(BaseCommand):
    help = (
        "Restaura un respaldo de `manage.py backup` en una base vacía o recién migrada "
        "(la migra antes)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Archivo .tar.gz hecho con `manage.py backup`.")

    def handle(self, *args, file, **options):
        source = Path(file)
        if not source.is_file():
            raise CommandError(f"No existe el archivo {source}.")
        call_command("migrate", interactive=False, verbosity=0)
        made_groups = groups_made_by_migrate()
        if filled := self.filled_tables(made_groups):
            raise CommandError(
                "La base de datos no está vacía (tiene datos en "
                + ", ".join(filled[:5])
                + "); restaura en una base nueva o vacíala con `manage.py flush`."
            )
        with tarfile.open(source, "r:gz") as archive, tempfile.TemporaryDirectory() as folder:
            manifest = json.load(archive.extractfile(MANIFEST_NAME))
            if manifest.get("format") != FORMAT:
                raise CommandError(
                    f"El respaldo tiene formato {manifest.get('format')!r}; "
                    f"esta versión lee el {FORMAT}."
                )
            archive.extract(DATA_NAME, folder, filter="data")
            media = [m for m in archive.getmembers() if m.name.startswith(MEDIA_PREFIX + "/")]
            with transaction.atomic():
                # The backup has the roles as they were (or not, if they were removed):
                # those migrate made give way to them.
                Group.objects.filter(pk__in=made_groups).delete()
                call_command("loaddata", str(Path(folder) / DATA_NAME), verbosity=0)
            for member in media:
                member.name = member.name.removeprefix(MEDIA_PREFIX + "/")
                # The "data" filter refuses absolute paths, "..", links out of the folder.
                archive.extract(member, settings.MEDIA_ROOT, filter="data")
        bump_content_version()
        self.stdout.write(
            self.style.SUCCESS(f"Restaurado {source} ({len(media)} archivos subidos).")
        )

    def filled_tables(self, made_groups=()):
        """Tables with rows besides those a fresh `migrate` creates."""
        filled = []
        for model in apps.get_models():
            label = model._meta.label_lower
            if label in CREATED_BY_MIGRATE or not model._meta.managed or model._meta.proxy:
                continue
            rows = model._default_manager.all()
            if label == "auth.group":
                rows = rows.exclude(pk__in=made_groups)
            if rows.exists():
                filled.append(label)
        return filled
