"""The import commands: a summary, a progress bar for long files, non-zero exit on errors."""

import io

import pytest
from django.core.management import CommandError, call_command

from commitments import reader
from commitments.models import Commitment, Measurement
from core import clock
from tests.imports.conftest import counts
from tests.imports.files import MATRIX_HEADER, MEASUREMENT_HEADER, as_csv, matrix_row

pytestmark = pytest.mark.django_db


def command(name, path, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command(name, str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_plan_dry_run_then_real(matrix_plan, tmp_path):
    path = tmp_path / "matriz.csv"
    path.write_bytes(as_csv(MATRIX_HEADER, [matrix_row()]))
    before = counts()
    out, _err = command("import_plan", path, "--plan", matrix_plan.slug, "--dry-run")
    assert "Fila 2 · N-01 · Conjuntos publicados: nuevo" in out
    assert "Revisión sin guardar: 1 fila (1 nueva, 0 cambian, 0 sin cambios)." in out
    assert counts() == before
    out, _err = command("import_plan", path, "--plan", str(matrix_plan.pk), "--publish")
    assert "Importación hecha" in out
    assert Commitment.objects.get(code="N-01").is_published
    # The board lists it, from the state rebuilt once at the end of the file.
    listed = reader._plan_view(matrix_plan, clock.today()).rows
    assert ("N-01", "Publicar datos abiertos") in [(r.code, r.title) for r in listed]
    out, _err = command("import_plan", path, "--plan", matrix_plan.slug)
    assert "1 fila revisada: todo ya estaba registrado, no cambia nada." in out


def test_errors_exit_non_zero_and_write_nothing(matrix_plan, tmp_path):
    path = tmp_path / "avances.csv"
    path.write_bytes(
        as_csv(MEASUREMENT_HEADER, [["C-01", "Avance de prueba", "31/02/2026", "x", "", ""]])
    )
    err = io.StringIO()
    with pytest.raises(CommandError, match="el archivo tiene 2 problemas"):
        call_command("import_measurements", str(path), stdout=io.StringIO(), stderr=err)
    assert "Fila 2, columna «Fecha»: «31/02/2026» no es una fecha válida" in err.getvalue()
    assert "Fila 2, columna «Valor»: «x» no es un número" in err.getvalue()
    assert not Measurement.objects.exists()


def test_unknown_plan_and_missing_file(matrix_plan, tmp_path):
    (tmp_path / "m.csv").write_bytes(as_csv(MATRIX_HEADER, [matrix_row()]))
    with pytest.raises(CommandError, match="No existe un plan con el id o identificador «nada»"):
        call_command("import_plan", str(tmp_path / "m.csv"), "--plan", "nada")
    with pytest.raises(CommandError, match="No se puede leer"):
        call_command("import_milestones", str(tmp_path / "x.csv"))


def test_a_long_file_shows_a_progress_bar(matrix_plan, tmp_path):
    rows = [
        ["C-01", "Avance de prueba", f"{day:02}/03/2026", str(day), "", ""] for day in range(1, 32)
    ]
    rows += [
        ["C-01", "Quejas", f"{d:02}/{m:02}/2026", "30", "", ""]
        for m in range(4, 11)
        for d in range(1, 29)
    ]
    path = tmp_path / "avances.csv"
    path.write_bytes(as_csv(MEASUREMENT_HEADER, rows))
    out, err = command("import_measurements", path, "--plan", matrix_plan.slug)
    assert f"Filas aplicadas: [{'#' * 30}] {len(rows)}/{len(rows)}" in err
    assert f"Importación hecha: {len(rows)} filas ({len(rows)} nuevas" in out


def test_the_command_says_how_to_create_what_is_missing_on_the_command_line(matrix_plan, tmp_path):
    path = tmp_path / "matriz.csv"
    path.write_bytes(as_csv(MATRIX_HEADER, [matrix_row(Eje="Eje nuevo", Responsable="XYZ")]))
    err = io.StringIO()
    with pytest.raises(CommandError, match="No se importó nada"):
        call_command(
            "import_plan",
            str(path),
            "--plan",
            matrix_plan.slug,
            "--dry-run",
            stdout=io.StringIO(),
            stderr=err,
        )
    errors = err.getvalue()
    assert "no es un eje de este plan (usa --create-missing para crearlo)" in errors
    assert "usa --create-missing para crearla" in errors
    assert "marca «crear los que falten»" not in errors
