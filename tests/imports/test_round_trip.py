"""Export → import gives back the same plan (run on SQLite and on PostgreSQL)."""

from datetime import date
from decimal import Decimal

import pytest

from commitments import services
from commitments.imports import export, importer
from commitments.models import (
    Axis,
    Commitment,
    Measurement,
    MilestoneProgress,
    Objective,
    Organization,
)
from tests.commitments import builders
from tests.imports.conftest import counts

pytestmark = pytest.mark.django_db


@pytest.fixture
def rich_plan(matrix_plan):
    """Two axes, a co-responsible organisation and unit, decimals, a negative baseline,
    weights, measurements and milestone progress with evidence."""
    plan = matrix_plan
    axis = services.save(instance=Axis(plan=plan, name="Participación ciudadana", slug="pc"))
    objective = services.save(instance=Objective(axis=axis, title="Escuchar a la gente"))
    org = services.save(
        instance=Organization(name="Observatorio Ciudadano", slug="oc", kind="sociedad_civil")
    )
    other = builders.make_unit("DGI")
    commitment = builders.make_commitment(
        plan,
        "PC-02",
        objective=objective,
        title="Consultas públicas, año 2026",
        indicators=[
            {
                "name": "Consultas",
                "baseline": Decimal("-2.5"),
                "target": Decimal("12.75"),
                "weight": Decimal("2.5"),
                "periodicity": "semestral",
                "unit": "consultas",
            },
        ],
        milestones=[{"title": "Primera consulta"}],
        publish=False,
    )
    services.set_parties(
        commitment=commitment, co_responsibles=[(org, "Acompaña"), (other, "Datos")]
    )
    builders.publish_commitment(commitment)
    first = Commitment.objects.get(code="C-01").indicators.get(name="Avance de prueba")
    builders.add_measurement(
        first, date(2026, 3, 31), Decimal("12.5"), evidence_url="https://example.org/a.pdf"
    )
    builders.add_measurement(first, date(2026, 6, 30), 40, narrative="Va bien")
    milestone = commitment.milestones.get()
    builders.add_evidence(milestone, day=date(2026, 6, 30))
    builders.add_progress(milestone, date(2026, 6, 30), 60)
    return plan


def exported(kind, queryset, file_format):
    return export.export(kind, queryset, file_format)[0]


def matrix_of(plan):
    return list(export.matrix_rows(Commitment.objects.filter(plan=plan)))


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_the_matrix_imports_back_to_the_same_plan(rich_plan, file_format):
    content = exported("matriz", Commitment.objects.filter(plan=rich_plan), file_format)
    before = counts()
    outcome = importer("matriz", plan=rich_plan, publish=True).run(
        content, f"matriz.{file_format}", dry_run=False
    )
    assert outcome.ok, [str(p) for p in outcome.problems]
    assert outcome.summary() == "3 filas revisadas: todo ya estaba registrado, no cambia nada."
    assert counts() == before


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_the_matrix_builds_the_same_plan_elsewhere(rich_plan, file_format):
    content = exported("matriz", Commitment.objects.filter(plan=rich_plan), file_format)
    copy = builders.make_plan(slug="copia")
    Axis.objects.filter(plan=copy).update(name="Eje de prueba")
    outcome = importer("matriz", plan=copy, publish=True, create_missing=True).run(
        content, f"matriz.{file_format}", dry_run=False
    )
    assert outcome.ok, [str(p) for p in outcome.problems]
    assert [p.kind for p in outcome.previews] == ["nuevo"] * 3
    assert matrix_of(copy) == matrix_of(rich_plan)
    assert Commitment.objects.filter(plan=copy, is_published=True).count() == 2
    assert Commitment.objects.get(plan=copy, code="PC-02").versions.count() == 1


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_measurements_and_milestones_import_back_unchanged(rich_plan, file_format):
    for kind, model in (("avances", Measurement), ("hitos", MilestoneProgress)):
        content = exported(kind, model.objects.all(), file_format)
        before = counts()
        outcome = importer(kind, plan=rich_plan, publish=True).run(
            content, f"{kind}.{file_format}", dry_run=False
        )
        assert outcome.ok, [str(p) for p in outcome.problems]
        assert outcome.nothing_to_do
        assert counts() == before
