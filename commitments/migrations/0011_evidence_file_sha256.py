"""Evidence files get a SHA-256 fingerprint, so anyone can check a published file was not
swapped; the files already stored get theirs here (with this migration's own code)."""

import hashlib

from django.core.files.storage import default_storage
from django.db import migrations, models

FIELD = models.CharField(
    blank=True,
    editable=False,
    help_text=(
        "La calcula el sistema al guardar el archivo, para que cualquiera compruebe que no "
        "se cambió después de publicarlo."
    ),
    max_length=64,
    verbose_name="huella SHA-256 del archivo",
)


def fingerprint_stored_files(apps, schema_editor):
    Evidence = apps.get_model("commitments", "Evidence")
    for pk, name in Evidence.objects.exclude(evidence_file="").values_list("pk", "evidence_file"):
        digest = hashlib.sha256()
        try:
            with default_storage.open(name, "rb") as stored:
                for chunk in iter(lambda: stored.read(1 << 16), b""):
                    digest.update(chunk)
        except OSError:
            # A file missing from this machine's storage keeps no fingerprint rather than
            # a wrong one; the next save through the services gives it one.
            continue
        Evidence.objects.filter(pk=pk).update(file_sha256=digest.hexdigest())


class Migration(migrations.Migration):
    dependencies = [
        ("commitments", "0010_state_rule_version"),
    ]

    operations = [
        migrations.AddField(model_name="evidence", name="file_sha256", field=FIELD),
        migrations.AddField(model_name="historicalevidence", name="file_sha256", field=FIELD),
        migrations.RunPython(fingerprint_stored_files, migrations.RunPython.noop),
    ]
