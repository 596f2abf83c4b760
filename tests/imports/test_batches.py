"""Imports write in batches: the statements do not grow with the rows, and a batch keeps the
one-row services' record (history with who acted, stored states, the rules per row)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commitments import services
from commitments.imports import importer
from commitments.models import (
    Commitment,
    CommitmentState,
    CommitmentVersion,
    Indicator,
    Measurement,
    Organization,
)
from tests.commitments import builders
from tests.imports.conftest import counts
from tests.imports.files import MATRIX_HEADER, MEASUREMENT_HEADER, as_csv, matrix_row

pytestmark = pytest.mark.django_db

# What may differ between a file of 10 rows and one of 100 (not a count per row).
SLACK = 10


def matrix(count):
    """`count` commitments of two indicators each, all new."""
    rows = []
    for n in range(count // 2):
        for name in ("Conjuntos publicados", "Descargas"):
            rows.append(
                matrix_row(
                    **{
                        "Código": f"N-{n:03}",
                        "Indicador": name,
                        "Corresponsables": "Observatorio Ciudadano: Vigila",
                    }
                )
            )
    return as_csv(MATRIX_HEADER, rows)


def statements(run):
    with CaptureQueriesContext(connection) as queries:
        outcome = run()
    assert outcome.ok, [str(p) for p in outcome.problems]
    return len(queries)


@pytest.fixture
def plan(db, frozen_today):
    plan = builders.make_plan()
    builders.make_unit("UP")
    services.save(
        instance=Organization(name="Observatorio Ciudadano", slug="oc", kind="sociedad_civil")
    )
    return plan


def import_matrix(plan, content, by, dry_run=False):
    return importer("matriz", plan=plan, by=by, publish=True).run(
        content, "matriz.csv", dry_run=dry_run
    )


@pytest.mark.parametrize("dry_run", [True, False])
def test_matrix_statements_do_not_grow_with_rows(plan, superuser, dry_run):
    small = statements(lambda: import_matrix(plan, matrix(10), superuser, dry_run))
    other = builders.make_plan(slug="otro")
    large = statements(lambda: import_matrix(other, matrix(100), superuser, dry_run))
    assert large - small <= SLACK, (small, large)


def test_a_batch_keeps_the_record(plan, superuser):
    outcome = import_matrix(plan, matrix(6), superuser)
    assert outcome.summary() == "Importación hecha: 6 filas (6 nuevas, 0 cambian, 0 sin cambios)."
    commitments = Commitment.objects.filter(plan=plan)
    assert sorted(c.code for c in commitments if c.is_published) == ["N-000", "N-001", "N-002"]
    first = commitments.get(code="N-000")
    history = list(first.history.order_by("history_id").values_list("history_type", "is_published"))
    assert history == [("+", False), ("~", True)]
    assert {h.history_user for h in first.history.all()} == {superuser}
    indicator = first.indicators.get(name="Descargas")
    assert indicator.history.get().history_user == superuser
    version = CommitmentVersion.objects.get(commitment=first)
    assert [i.name for i in version.content.indicators] == ["Conjuntos publicados", "Descargas"]
    assert [co.role for co in version.content.co_responsibles] == ["Vigila"]
    # Its public state is stored for the lists, as a one-row publication would.
    assert CommitmentState.objects.filter(commitment=first).exists()


def measurements(plan, count):
    indicator = Indicator.objects.get(commitment__plan=plan, name="Avance de prueba")
    rows = [
        ["C-01", indicator.name, f"{1 + n % 28:02}/{1 + n // 28:02}/2026", str(n), "", ""]
        for n in range(count)
    ]
    return as_csv(MEASUREMENT_HEADER, rows)


@pytest.mark.parametrize("dry_run", [True, False])
def test_measurement_statements_do_not_grow_with_rows(matrix_plan, superuser, dry_run):
    def run(content):
        return lambda: importer("avances", plan=matrix_plan, by=superuser).run(
            content, "avances.csv", dry_run=dry_run
        )

    small = statements(run(measurements(matrix_plan, 10)))
    Measurement.objects.all().delete()
    large = statements(run(measurements(matrix_plan, 100)))
    assert large - small <= SLACK, (small, large)


def test_a_row_the_rules_refuse_names_its_row_and_nothing_is_written(matrix_plan, superuser):
    content = as_csv(
        MEASUREMENT_HEADER,
        [
            ["C-01", "Avance de prueba", "31/03/2026", "25", "", ""],
            ["C-01", "Quejas", "31/03/2026", "35", "", ""],
            ["C-01", "Quejas", "31/12/2024", "30", "", ""],
        ],
    )
    before = counts()
    outcome = importer("avances", plan=matrix_plan, by=superuser).run(
        content, "avances.csv", dry_run=False
    )
    assert [str(p) for p in outcome.problems] == [
        "Fila 4, columna «Fecha» («31/12/2024»): La fecha 31 de diciembre de 2024 está fuera "
        "del periodo del plan (1 de enero de 2025 a 31 de diciembre de 2027)."
    ]
    assert not outcome.written and counts() == before


def test_a_registered_commitment_the_rules_refuse_names_its_row(matrix_plan, superuser):
    row = matrix_row(**{"Código": "C-01", "Fecha de término": "31/12/2029"})
    before = counts()
    outcome = importer("matriz", plan=matrix_plan, by=superuser).run(
        as_csv(MATRIX_HEADER, [row]), "matriz.csv", dry_run=False
    )
    assert [str(p) for p in outcome.problems] == [
        "Fila 2, columna «Fecha de inicio» («01/02/2026»): Las fechas deben caer dentro del "
        "periodo del ejercicio (1 de enero de 2025 a 31 de diciembre de 2027)."
    ]
    assert not outcome.written and counts() == before
