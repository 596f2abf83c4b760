import pytest

from commitments.models import (
    Axis,
    Commitment,
    CommitmentVersion,
    CoResponsibility,
    Evidence,
    Indicator,
    Measurement,
    MilestoneProgress,
    Objective,
    Publication,
    ResponsibleUnit,
)
from tests.commitments import builders

COUNTED = [
    Axis,
    Objective,
    ResponsibleUnit,
    Commitment,
    Indicator,
    CoResponsibility,
    CommitmentVersion,
    Publication,
    Measurement,
    MilestoneProgress,
    Evidence,
]


def counts():
    return {model.__name__: model.objects.count() for model in COUNTED}


@pytest.fixture
def matrix_plan(db, frozen_today):
    """A published plan with C-01 (two indicators, one milestone), public."""
    plan = builders.make_plan()
    builders.make_commitment(
        plan,
        indicators=[
            {"name": "Avance de prueba"},
            {"name": "Quejas", "baseline": 40, "target": 10, "unit": "quejas"},
        ],
        milestones=[{"title": "Hito de prueba"}],
    )
    return plan
