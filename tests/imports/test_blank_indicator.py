"""A measurements file may leave «Indicador» empty when the commitment has one indicator."""

import pytest

from commitments.imports import importer
from commitments.models import Measurement
from tests.commitments import builders
from tests.imports.conftest import counts
from tests.imports.files import MEASUREMENT_HEADER, as_csv

pytestmark = pytest.mark.django_db


@pytest.fixture
def single(matrix_plan):
    """C-02 with its only indicator, beside C-01 (two indicators) of `matrix_plan`."""
    return builders.make_commitment(
        matrix_plan, "C-02", indicators=[{"name": "Solicitudes atendidas"}]
    )


def run(plan, *rows, dry_run=False):
    content = as_csv(MEASUREMENT_HEADER, rows)
    return importer("avances", plan=plan, publish=True).run(content, "avances.csv", dry_run=dry_run)


def test_a_blank_indicator_is_the_commitments_only_one(matrix_plan, single):
    outcome = run(matrix_plan, ["C-02", "", "2026-10-31", "12", "", ""])
    assert outcome.ok and outcome.written, [str(p) for p in outcome.problems]
    assert outcome.previews[0].label.startswith("C-02 · Solicitudes atendidas · 31/10/2026")
    (measurement,) = Measurement.objects.filter(indicator__commitment=single)
    assert measurement.value == 12 and measurement.is_public


def test_a_blank_indicator_with_two_is_refused_naming_row_and_column(matrix_plan, single):
    before = counts()
    outcome = run(
        matrix_plan,
        ["C-02", "", "2026-10-31", "12", "", ""],
        ["C-01", "", "2026-10-31", "30", "", ""],
    )
    # All or nothing: the good row of C-02 is not written either.
    assert not outcome.written and counts() == before
    assert [str(p) for p in outcome.problems] == [
        "Fila 3, columna «Indicador»: está vacía y el compromiso C-01 tiene más de uno "
        "(«Avance de prueba», «Quejas»): escribe a cuál se refiere el valor"
    ]
