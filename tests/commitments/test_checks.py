"""check_plan: every contradiction rule fires on a plan that has it, and the demo has none."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from commitments import projection, reader, services
from commitments.checks import check_plan
from commitments.models import CommitmentState, CommitmentVersion, Milestone
from core import clock
from secretariat.models import RouteMilestone, Session
from tests.commitments.builders import (
    add_evidence,
    add_measurement,
    add_progress,
    add_round,
    approve,
    file_report,
    make_commitment,
)
from tests.conftest import TODAY

pytestmark = pytest.mark.usefixtures("frozen_today")


def test_the_demo_has_no_contradictions(demo):
    out = StringIO()
    call_command("check_plan", stdout=out)

    assert "«Plan de Acción Municipal de Gobierno Abierto 2025-2027»: sin contradicciones." in (
        out.getvalue()
    )
    assert "2022-2024 (ejemplo)»: sin contradicciones." in out.getvalue()


def test_the_command_lists_what_it_found_and_fails(commitment):
    session = Session.objects.create(
        kind=Session.Kind.ORDINARY, number=4, date=date(2026, 6, 1), is_held=False
    )
    approve(commitment, date(2026, 6, 12), session=session, goal="Meta ampliada.")
    out = StringIO()

    with pytest.raises(CommandError, match="Se encontraron 1 contradicción"):
        call_command("check_plan", "--plan", commitment.plan.slug, stdout=out)
    assert (
        "C-01: la modificación aprobada el 12 de junio de 2026 cita la sesión «4ª Sesión "
        "Ordinaria» "
        "del 1 de junio de 2026, que aún no se ha celebrado."
    ) in out.getvalue()


def test_a_stored_state_edited_around_the_write_path_is_found_and_rebuilt(commitment):
    CommitmentState.objects.filter(commitment=commitment).update(title="Texto que nadie publicó")
    assert "Texto que nadie publicó" in {
        r.title for r in reader._plan_view(commitment.plan, TODAY).rows
    }
    with pytest.raises(CommandError, match="Se encontraron 1 contradicción"):
        call_command("check_plan", "--plan", commitment.plan.slug, stdout=StringIO())
    out = StringIO()
    call_command("check_plan", "--plan", commitment.plan.slug, "--rebuild", stdout=out)
    assert "sin contradicciones" in out.getvalue()
    assert {r.title for r in reader._plan_view(commitment.plan, TODAY).rows} == {"Compromiso C-01"}


def test_an_unknown_plan_is_named(db):
    with pytest.raises(CommandError, match="No existe un plan con el identificador «otro»"):
        call_command("check_plan", "--plan", "otro")


def test_a_report_delivered_before_its_round_opens(commitment):
    round_ = add_round(
        commitment.plan, 1, date(2026, 6, 30), opens_on=date(2026, 7, 1), deadline=date(2026, 7, 31)
    )
    file_report(round_, commitment, delivered_on=date(2026, 6, 20))

    assert check_plan(commitment.plan) == [
        "C-01: el reporte del «Corte 1» se entregó el 20 de junio de 2026, antes de que el corte "
        "abriera "
        "(1 de julio de 2026)."
    ]


def _tamper(commitment, change):
    # The services refuse such a version; data loaded by other means could still hold one.
    version = commitment.versions.get(number=1)
    change(version.data)
    CommitmentVersion.objects.filter(pk=version.pk).update(data=version.data)
    projection.rebuild([commitment.pk])  # Loaded whole, the lists agree with it.


def test_an_original_listing_a_milestone_past_its_end(commitment):
    _tamper(commitment, lambda data: data["milestones"][0].update(end_date="2027-02-28"))

    assert check_plan(commitment.plan) == [
        "C-01: la versión original lista el hito «Hito de prueba» hasta el 28 de febrero de 2027, "
        "después del término del compromiso (31 de diciembre de 2026)."
    ]


def test_a_weight_of_zero(commitment):
    _tamper(commitment, lambda data: data["indicators"][0].update(weight="0.00"))
    Milestone.objects.filter(commitment=commitment).update(weight=0)

    assert check_plan(commitment.plan) == [
        "C-01: «Hito de prueba» pesa 0.00; el peso debe ser mayor que cero.",
        "C-01: «Avance de prueba» pesa 0.00; el peso debe ser mayor que cero.",
    ]


def test_a_complete_milestone_whose_evidence_was_withdrawn(commitment):
    milestone = commitment.milestones.get()
    evidence = add_evidence(milestone, day=date(2026, 5, 4))
    add_progress(milestone, date(2026, 5, 4), 100)
    with clock.moment(date(2026, 6, 1)):
        services.withdraw(fact=evidence, reason="El enlace era de otro compromiso.")

    assert check_plan(commitment.plan) == [
        "C-01: el hito «Hito de prueba» aparece completo desde el 4 de mayo de 2026 sin evidencia "
        "publicada."
    ]
    assert check_plan(commitment.plan, date(2026, 5, 31)) == []


def test_a_value_outside_a_shortened_period(commitment):
    add_measurement(commitment.indicators.get(), date(2026, 10, 31), 40)
    add_progress(commitment.milestones.get(), date(2026, 10, 31), 40)
    exercise = commitment.plan.exercise
    exercise.end_date = date(2026, 9, 30)
    services.save(instance=exercise)

    assert check_plan(commitment.plan) == [
        "C-01: el dato de «Avance de prueba» del 31 de octubre de 2026 está fuera del periodo del "
        "plan "
        "(1 de enero de 2025 a 30 de septiembre de 2026)."
    ]


def test_a_milestone_pending_although_the_indicator_reached_its_count(plan):
    commitment = make_commitment(
        plan,
        indicators=[
            {"name": "Conjuntos publicados", "unit": "conjuntos", "baseline": 35, "target": 120}
        ],
        milestones=[{"title": "Portal en operación"}, {"title": "Primeros 60 conjuntos"}],
    )
    first, second = commitment.milestones.order_by("order")
    add_evidence(first, day=date(2026, 3, 1))
    add_progress(first, date(2026, 3, 1), 100)
    add_measurement(commitment.indicators.get(), date(2026, 10, 31), 86)

    assert check_plan(plan) == [
        "C-01: el hito «Primeros 60 conjuntos» está al 0 % aunque «Conjuntos publicados» ya "
        "reporta 86 conjuntos."
    ]
    add_evidence(second, day=date(2026, 11, 1))
    add_progress(second, date(2026, 11, 1), 100)
    assert check_plan(plan) == []


def test_indicators_well_along_while_every_milestone_is_at_zero(commitment):
    add_measurement(commitment.indicators.get(), date(2026, 10, 31), 60)

    assert check_plan(commitment.plan) == [
        "C-01: sus indicadores van al 60 % y todos sus hitos siguen en 0 %."
    ]


def test_a_round_whose_deadline_differs_from_the_route(commitment):
    add_round(
        commitment.plan,
        1,
        date(2025, 12, 31),
        deadline=date(2026, 3, 20),
        title="Primer corte semestral",
    )
    RouteMilestone.objects.create(
        order=1,
        title="Primer corte semestral de avances",
        stage=RouteMilestone.Stage.FOLLOW_UP,
        start_date=date(2026, 1, 30),
        status=RouteMilestone.Status.DONE,
    )

    assert check_plan(commitment.plan) == [
        "El «Primer corte semestral» vence el 20 de marzo de 2026, pero la ruta publica «Primer "
        "corte "
        "semestral de avances» el 30 de enero de 2026."
    ]
