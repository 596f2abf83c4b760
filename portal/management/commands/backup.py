"""manage.py backup [FILE]: the database and the uploaded files in one .tar.gz.

The data is Django's own JSON (dumpdata with natural keys, moments to the microsecond), so
the same archive restores into SQLite or PostgreSQL (`manage.py restore FILE`), also into a
database just made with `migrate`.
"""

import json
import tarfile
import tempfile
from pathlib import Path

import django
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone

FORMAT = 1
DATA_NAME = "data.json"
MANIFEST_NAME = "manifest.json"
MEDIA_PREFIX = "media"
# Rebuilt by migrate, or worthless in a copy.
EXCLUDED = ["contenttypes", "auth.permission", "sessions"]


class Command(BaseCommand):
    help = "Respalda la base de datos y los archivos subidos en un solo archivo .tar.gz."

    def add_arguments(self, parser):
        parser.add_argument(
            "file",
            nargs="?",
            help="Archivo de salida; por omisión var/backups/portal-AAAAMMDD-HHMMSS.tar.gz.",
        )

    def handle(self, *args, file=None, **options):
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        target = Path(file) if file else settings.VAR_DIR / "backups" / f"portal-{stamp}.tar.gz"
        target.parent.mkdir(parents=True, exist_ok=True)
        media_files = [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]
        with tempfile.TemporaryDirectory() as folder:
            data = Path(folder) / DATA_NAME
            call_command(
                "dumpdata",
                # Django's JSON, with moments to the microsecond (core/exact_json.py).
                format="exactjson",
                natural_foreign=True,
                natural_primary=True,
                exclude=EXCLUDED,
                output=str(data),
                verbosity=0,
            )
            manifest = Path(folder) / MANIFEST_NAME
            manifest.write_text(
                json.dumps(
                    {
                        "format": FORMAT,
                        "created": timezone.now().isoformat(),
                        "django": django.get_version(),
                        "database": settings.DATABASES["default"]["ENGINE"],
                        "media_files": len(media_files),
                    },
                    indent=2,
                )
            )
            partial = target.with_name(target.name + ".partial")
            with tarfile.open(partial, "w:gz") as archive:
                archive.add(manifest, MANIFEST_NAME)
                archive.add(data, DATA_NAME)
                for path in media_files:
                    relative = path.relative_to(settings.MEDIA_ROOT).as_posix()
                    archive.add(path, f"{MEDIA_PREFIX}/{relative}")
            partial.replace(target)
        self.stdout.write(
            self.style.SUCCESS(f"Respaldo en {target} ({len(media_files)} archivos subidos).")
        )
