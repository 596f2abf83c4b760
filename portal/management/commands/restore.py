"""manage.py restore FILE: bring back what `manage.py backup` saved, into an empty database."""

import json
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from portal.cache import bump_content_version
from portal.management.commands.backup import DATA_NAME, FORMAT, MANIFEST_NAME, MEDIA_PREFIX

# Rows migrate itself creates; anything else means the database is not empty.
CREATED_BY_MIGRATE = {"contenttypes.contenttype", "auth.permission"}


class Command(BaseCommand):
    help = "Restaura un respaldo de `manage.py backup` en una base vacía (la migra antes)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Archivo .tar.gz hecho con `manage.py backup`.")

    def handle(self, *args, file, **options):
        source = Path(file)
        if not source.is_file():
            raise CommandError(f"No existe el archivo {source}.")
        call_command("migrate", interactive=False, verbosity=0)
        if filled := self.filled_tables():
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
                call_command("loaddata", str(Path(folder) / DATA_NAME), verbosity=0)
            for member in media:
                member.name = member.name.removeprefix(MEDIA_PREFIX + "/")
                # The "data" filter refuses absolute paths, "..", links out of the folder.
                archive.extract(member, settings.MEDIA_ROOT, filter="data")
        bump_content_version()
        self.stdout.write(
            self.style.SUCCESS(f"Restaurado {source} ({len(media)} archivos subidos).")
        )

    def filled_tables(self):
        return [
            model._meta.label_lower
            for model in apps.get_models()
            if model._meta.label_lower not in CREATED_BY_MIGRATE
            and model._meta.managed
            and not model._meta.proxy
            and model._default_manager.exists()
        ]
