"""Validation messages people read in the admin: Spanish, and saying what to fix."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from commitments.models import (
    CoResponsibility,
    Exercise,
    Indicator,
    Measurement,
    MilestoneProgress,
    Organization,
    ReportingRound,
    StatusOverride,
)
from tests.commitments.builders import (
    add_indicator,
    add_milestone,
    make_commitment,
    make_plan,
    make_unit,
)

pytestmark = pytest.mark.django_db


def errors_of(instance):
    with pytest.raises(ValidationError) as error:
        instance.full_clean()
    return error.value.message_dict


def test_exercise_ending_before_it_starts():
    exercise = Exercise(
        number=4, name="Cuarto", start_date=date(2028, 1, 1), end_date=date(2027, 12, 31)
    )
    assert errors_of(exercise)["end_date"] == [
        "El fin del periodo no puede ser anterior a su inicio."
    ]


def test_commitment_ending_before_it_starts():
    commitment = make_commitment()
    commitment.end_date = date(2025, 12, 31)
    assert errors_of(commitment)["end_date"] == [
        "La fecha de término no puede ser anterior a la de inicio."
    ]


def test_commitment_outside_the_exercise():
    commitment = make_commitment()
    commitment.end_date = date(2028, 3, 1)
    assert errors_of(commitment)["start_date"] == [
        "Las fechas deben caer dentro del periodo del ejercicio (1 de enero de 2025 a 31 de "
        "diciembre de 2027)."
    ]


def test_milestone_ending_before_it_starts():
    milestone = add_milestone(make_commitment())
    milestone.end_date = date(2025, 12, 1)
    assert errors_of(milestone)["end_date"] == [
        "El término del hito no puede ser anterior a su inicio."
    ]


def test_complete_milestone_needs_100_percent():
    milestone = add_milestone(make_commitment())
    progress = MilestoneProgress(
        milestone=milestone, date=date(2026, 3, 1), percent=90, milestone_status="completo"
    )
    assert errors_of(progress)["percent"] == ["Un hito completo debe tener 100 % realizado."]


def test_round_deadline_before_it_opens():
    round_ = ReportingRound(
        plan=make_plan(),
        number=1,
        title="Primer corte",
        period_end=date(2026, 2, 28),
        opens_on=date(2026, 3, 1),
        deadline=date(2026, 2, 20),
    )
    assert errors_of(round_)["deadline"] == [
        "La fecha límite no puede ser anterior a la apertura del corte."
    ]


def test_indicator_target_equal_to_baseline():
    indicator = add_indicator(make_commitment(), baseline=10, target=20)
    indicator.target = indicator.baseline
    assert errors_of(indicator)["target"] == ["La meta no puede ser igual a la línea base."]


@pytest.mark.parametrize(
    ("direction", "baseline", "target", "message"),
    [
        (
            Indicator.Direction.UP,
            30,
            10,
            "La meta es menor que la línea base: el sentido debe ser descendente.",
        ),
        (
            Indicator.Direction.DOWN,
            10,
            30,
            "La meta es mayor que la línea base: el sentido debe ser ascendente.",
        ),
    ],
)
def test_indicator_in_the_wrong_direction(direction, baseline, target, message):
    indicator = add_indicator(make_commitment(), baseline=baseline, target=target)
    indicator.direction = direction
    assert errors_of(indicator)["direction"] == [message]


def test_measurement_dated_outside_the_plan_period(frozen_today):
    indicator = add_indicator(make_commitment())
    measurement = Measurement(indicator=indicator, date=date(2024, 12, 31), value=5)
    assert errors_of(measurement)["date"] == [
        "La fecha 31 de diciembre de 2024 está fuera del periodo del plan (1 de enero de 2025 a "
        "31 de diciembre de 2027)."
    ]


def test_measurement_dated_in_the_future(frozen_today):
    indicator = add_indicator(make_commitment())
    measurement = Measurement(indicator=indicator, date=date(2026, 11, 26), value=5)
    assert errors_of(measurement)["date"] == ["La fecha del dato no puede estar en el futuro."]


def test_duplicate_commitment_code_in_a_plan():
    plan = make_plan()
    first = make_commitment(plan, code="DA-01")
    twin = make_commitment(make_plan(), code="DA-01")  # same code, another plan: fine
    twin.full_clean()
    twin.objective = first.objective
    twin.plan = first.plan
    assert errors_of(twin)["__all__"] == ["Ya existe un compromiso con esa clave en este plan."]


def test_duplicate_commitment_code_through_the_admin_form(staff):
    first = make_commitment(code="DA-01")
    response = staff.post(
        "/admin/commitments/commitment/add/",
        {
            "objective": first.objective.pk,
            "code": "DA-01",
            "slug": "otro-da-01",
            "title": "Otro compromiso",
            "description": "Descripción.",
            "unit": first.unit.pk,
            "goal": "Meta.",
            "start_date": "2026-01-01",
            "end_date": "2026-06-30",
            "is_published": "on",
            **{
                f"{prefix}-{field}": "0"
                for prefix in (
                    "indicators",
                    "milestones",
                    "evidence",
                    "co_responsibles",
                    "ratings",
                    "modifications",
                )
                for field in ("TOTAL_FORMS", "INITIAL_FORMS")
            },
        },
    )
    assert response.status_code == 200
    assert "Ya existe un compromiso con esa clave en este plan." in response.content.decode()
    assert first.plan.commitments.count() == 1


@pytest.mark.parametrize("parties", ["both", "neither"])
def test_co_responsibility_names_exactly_one_party(parties):
    commitment = make_commitment()
    organization = Organization.objects.create(
        name="Observatorio", slug="observatorio", kind=Organization.Kind.CIVIL_SOCIETY
    )
    party = CoResponsibility(commitment=commitment, role="Vigila")
    if parties == "both":
        party.unit = make_unit("OTRA")
        party.organization = organization
    assert errors_of(party)["__all__"] == [
        "Indique una dependencia o una organización (solo una de las dos)."
    ]


def test_the_lead_unit_is_not_also_a_co_responsible():
    commitment = make_commitment()
    party = CoResponsibility(commitment=commitment, unit=commitment.unit, role="Apoya")
    assert errors_of(party)["unit"] == [
        "La dependencia responsable no puede ser también corresponsable."
    ]


def test_yellow_gap_smaller_than_green_gap():
    plan = make_plan()
    plan.green_max_gap, plan.yellow_max_gap = 20, 15
    assert errors_of(plan)["yellow_max_gap"] == [
        "La brecha en amarillo debe ser mayor o igual que la brecha en verde."
    ]


def test_an_override_needs_its_public_reason():
    override = StatusOverride(
        commitment=make_commitment(),
        status_value="atrasado",
        reason=" ",
        starts_on=date(2026, 3, 1),
    )
    assert errors_of(override)["reason"] == [
        "Escribe el motivo público por el que se asigna el estado."
    ]
