"""The admin import page: upload, row-by-row preview, confirm; and the export actions."""

import re

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from commitments.models import Commitment, Measurement
from tests.imports.conftest import counts
from tests.imports.files import MATRIX_HEADER, MEASUREMENT_HEADER, as_csv, matrix_row

pytestmark = pytest.mark.django_db

MATRIX_URL = reverse("admin:commitments_actionplan_import")


@pytest.fixture(autouse=True)
def _var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    settings.IMPORTS_ROOT = tmp_path / "imports"


def upload(staff, url, content, name="matriz.csv", **fields):
    plan = fields.pop("plan")
    data = {"file": SimpleUploadedFile(name, content), "plan": plan.pk, "progress": "a" * 32}
    return staff.post(url, {**data, **fields})


def test_the_changelists_link_to_their_import(staff, matrix_plan):
    page = staff.get(reverse("admin:commitments_actionplan_changelist"))
    assert f'<a href="{MATRIX_URL}">Importar la matriz del plan</a>' in page.text
    page = staff.get(reverse("admin:commitments_measurement_changelist"))
    url = reverse("admin:commitments_measurement_import")
    assert f'<a href="{url}">Importar avances de indicadores</a>' in page.text


def test_upload_previews_then_confirm_writes(staff, matrix_plan):
    content = as_csv(MATRIX_HEADER, [matrix_row(), matrix_row(**{"Indicador": "Otro"})])
    before = counts()
    page = upload(staff, MATRIX_URL, content, plan=matrix_plan)
    assert page.status_code == 200
    assert "Revisión sin guardar: 2 filas (2 nuevas, 0 cambian, 0 sin cambios)." in page.text
    assert "Se revisaron 2 filas en" in page.text
    assert "<td>3</td><td>N-01 · Otro</td><td>nuevo</td>" in page.text
    assert counts() == before
    # «No, volver» is a button-like link in the same row as the confirm button (Django's own
    # close link), not a small link out of line.
    buttons = re.search(r'<div class="submit-row">(.*?)</div>', page.text, re.S).group(1)
    back = reverse("admin:commitments_actionplan_changelist")
    assert re.findall(r"<(input|a)\b[^>]*>", buttons) == ["input", "a"]
    assert f'<a href="{back}" class="closelink">No, volver</a>' in buttons
    token = re.search(r'name="confirm" value="([0-9a-f]{32})"', page.text).group(1)
    done = staff.post(MATRIX_URL, {"confirm": token}, follow=True)
    assert "Importación hecha: 2 filas (2 nuevas, 0 cambian, 0 sin cambios)." in done.text
    assert Commitment.objects.get(code="N-01").indicators.count() == 2
    again = staff.post(MATRIX_URL, {"confirm": token}, follow=True)
    assert "Esa revisión ya no está disponible: sube el archivo otra vez." in again.text


def test_a_changed_row_shows_old_and_new(staff, matrix_plan):
    content = as_csv(MEASUREMENT_HEADER, [["C-01", "Avance de prueba", "31/03/2026", "20", "", ""]])
    url = reverse("admin:commitments_measurement_import")
    token = re.search(
        r'name="confirm" value="(\w+)"', upload(staff, url, content, plan=matrix_plan).text
    ).group(1)
    staff.post(url, {"confirm": token})
    changed = content.replace(b",20,", b",22,")
    page = upload(staff, url, changed, plan=matrix_plan)
    assert "<td>cambia</td>" in page.text and "Valor: 20 → 22" in page.text
    same = upload(staff, url, content.replace(b",20,", b",20.00,"), plan=matrix_plan)
    assert "1 fila revisada: todo ya estaba registrado, no cambia nada." in same.text
    assert 'name="confirm"' not in same.text
    assert Measurement.objects.get().value == 20


def test_a_bad_file_lists_its_problems_and_offers_no_confirmation(staff, matrix_plan):
    content = as_csv(MATRIX_HEADER, [matrix_row(**{"Fecha de término": "31/02/2026"})])
    page = upload(staff, MATRIX_URL, content, plan=matrix_plan)
    assert "Fila 2, columna «Fecha de término»: «31/02/2026» no es una fecha válida" in page.text
    assert "No se importó nada: el archivo tiene 1 problema." in page.text
    assert 'name="confirm"' not in page.text


def test_progress_of_a_check(staff, matrix_plan):
    rows = [matrix_row(**{"Código": f"N-{n:03}"}) for n in range(60)]
    upload(staff, MATRIX_URL, as_csv(MATRIX_HEADER, rows), plan=matrix_plan)
    url = reverse("admin:commitments_actionplan_import_progress", args=["a" * 32])
    page = staff.get(url)
    assert "Compromisos aplicados: 60 de 60…" in page.text
    assert '<progress max="60" value="60">' in page.text
    unknown = staff.get(reverse("admin:commitments_actionplan_import_progress", args=["b" * 32]))
    assert "Subiendo el archivo…" in unknown.text


@pytest.mark.parametrize(
    ("action", "start"), [("export_csv", b"\xef\xbb\xbfEje,"), ("export_xlsx", b"PK")]
)
def test_export_actions(staff, matrix_plan, action, start):
    url = reverse("admin:commitments_commitment_changelist")
    ids = Commitment.objects.values_list("pk", flat=True)
    response = staff.post(url, {"action": action, ACTION_CHECKBOX_NAME: list(ids)})
    assert response["Content-Disposition"].startswith('attachment; filename="matriz.')
    assert response.content.startswith(start)
