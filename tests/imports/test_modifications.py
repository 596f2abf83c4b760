"""Re-importing the matrix with a changed approved commitment proposes a modification:
nothing public changes until the Secretariado publishes it with its reason, and then the
commitment page lists it."""

import csv
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from commitments import services
from commitments.imports import export, importer
from commitments.models import Commitment, Modification
from tests.commitments.builders import admin_form_data, make_session
from tests.imports.files import as_csv

pytestmark = pytest.mark.django_db

URL = reverse("admin:commitments_commitment_import")
NO_MODIFICATIONS = "Este compromiso no ha tenido modificaciones desde que se aprobó el plan."
OLD_GOAL = "Meta de prueba."
NEW_GOAL = "Ciento veinte conjuntos de datos."


@pytest.fixture(autouse=True)
def _var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    settings.IMPORTS_ROOT = tmp_path / "imports"


@pytest.fixture
def approved(matrix_plan):
    commitment = Commitment.objects.get(plan=matrix_plan, code="C-01")
    assert commitment.versions.count() == 1 and commitment.goal == OLD_GOAL
    return commitment


def changed_matrix(commitment):
    content, _type, _extension = export.export(
        "matriz", Commitment.objects.filter(pk=commitment.pk), "csv"
    )
    assert OLD_GOAL.encode() in content
    return content.replace(OLD_GOAL.encode(), NEW_GOAL.encode())


def public_page(client, commitment):
    client.logout()
    return client.get(commitment.get_absolute_url()).content.decode()


def import_in_admin(staff, commitment, **fields):
    data = {
        "file": SimpleUploadedFile("matriz.csv", changed_matrix(commitment)),
        "plan": commitment.plan.pk,
        "progress": "a" * 32,
        **fields,
    }
    preview = staff.post(URL, data)
    assert preview.status_code == 200
    token = re.search(r'name="confirm" value="([0-9a-f]{32})"', preview.text).group(1)
    done = staff.post(URL, {"confirm": token}, follow=True)
    return preview.text, done.text


@pytest.mark.parametrize("publish", [{}, {"publish": "on"}])
def test_a_changed_meta_is_a_proposed_modification_not_a_version(
    client, staff, superuser, approved, publish
):
    preview, done = import_in_admin(staff, approved, **publish)
    assert "<td>modificación propuesta</td>" in preview
    assert f"Meta: {OLD_GOAL} → {NEW_GOAL}" in preview
    assert "1 como modificación propuesta, sin publicar" in done
    approved.refresh_from_db()
    assert approved.goal == NEW_GOAL  # the working copy
    assert approved.versions.count() == 1  # nothing public
    assert not Modification.objects.exists()
    page = public_page(client, approved)
    assert OLD_GOAL in page and NEW_GOAL not in page
    assert NO_MODIFICATIONS in page
    staff.force_login(superuser)
    change = staff.get(reverse("admin:commitments_commitment_change", args=[approved.pk]))
    assert "modificación pendiente" in change.text.lower()
    assert f"«{OLD_GOAL}» → «{NEW_GOAL}»" in change.text


def test_the_secretariado_publishes_it_with_its_reason(client, staff, superuser, approved):
    import_in_admin(staff, approved)
    url = reverse("admin:commitments_commitment_change", args=[approved.pk])
    data = admin_form_data(staff.get(url))
    data.update(
        public_reason="La meta se amplía por la demanda de datos.",
        is_modification="on",
        approved_on="2026-11-20",
        session=make_session().pk,
        summary="Se amplía la meta.",
    )
    response = staff.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    version = approved.versions.get(number=2)
    assert version.data["goal"] == NEW_GOAL and version.modification is not None
    page = public_page(client, approved)
    assert NO_MODIFICATIONS not in page
    assert "Se amplía la meta." in page
    assert "La meta se amplía por la demanda de datos." in page
    assert NEW_GOAL in page
    staff.force_login(superuser)
    assert "Ninguna: lo que ves es la versión publicada." in staff.get(url).text


def test_the_no_modifications_sentence_follows_the_versions(client, approved):
    """A version published without a Modification row (a correction) is listed too."""
    approved.goal = NEW_GOAL
    services.save(instance=approved)
    services.publish_version(commitment=approved, reason="Se corrige una errata de la meta.")
    page = public_page(client, approved)
    assert NO_MODIFICATIONS not in page
    assert "Versión 2: corrección del texto publicado" in page
    assert "Se corrige una errata de la meta." in page


def test_the_command_never_publishes_a_version_either(approved):
    content = changed_matrix(approved)
    outcome = importer("matriz", plan=approved.plan, publish=True).run(
        content, "m.csv", dry_run=False
    )
    assert outcome.ok and outcome.written
    assert [p.kind for p in outcome.previews] == ["modificación propuesta", "sin cambios"]
    assert approved.versions.count() == 1


def test_a_dry_run_with_problems_announces_no_proposed_modification(approved):
    """A file refused for one bad row says what to fix, not that the Secretariado will
    publish the changes of its other rows: nothing of it is kept."""
    header, *rows = csv.reader(io.StringIO(changed_matrix(approved).decode("utf-8-sig")))
    bad = dict(zip(header, rows[0], strict=True)) | {"Código": "C-99", "Eje": "Eje que no existe"}
    content = as_csv(header, [*rows, [bad[column] for column in header]])
    outcome = importer("matriz", plan=approved.plan).run(content, "m.csv", dry_run=True)
    assert outcome.summary() == "No se importó nada: el archivo tiene 1 problema."
    assert any("no es un eje de este plan" in str(p) for p in outcome.problems)
    said = " ".join([outcome.summary(), *map(str, outcome.notes)])
    assert "modificación propuesta" not in said
    assert "publica con su motivo" not in said
    approved.refresh_from_db()
    assert approved.goal == OLD_GOAL
