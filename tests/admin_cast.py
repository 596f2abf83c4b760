"""A small plan written through `commitments.services`, for the admin's tests.

Dates are chosen against the frozen `TODAY` (25/11/2026): the commitment runs through
2026, so on TODAY about 90 % of it is expected.
"""

from datetime import date

from django.contrib.auth import get_user_model

from commitments import services
from commitments.models import (
    ActionPlan,
    Assessment,
    Axis,
    ClosingReport,
    Commitment,
    Exercise,
    Indicator,
    Liaison,
    Milestone,
    Objective,
    Organization,
    Pillar,
    RatingRubric,
    ReportingRound,
    ResponsibleUnit,
    TransversalRating,
)
from portal import clock
from secretariat.models import Session

START = date(2026, 1, 1)
END = date(2026, 12, 31)
PUBLISHED_ON = date(2026, 1, 15)


def make_plan(number=3, slug="plan-prueba"):
    exercise = services.save(
        instance=Exercise(
            number=number,
            name=f"Ejercicio {number}",
            start_date=date(2025, 1, 1),
            end_date=date(2027, 12, 31),
        )
    )
    plan = services.save(
        instance=ActionPlan(exercise=exercise, title=f"Plan {exercise.period}", slug=slug)
    )
    axis = services.save(instance=Axis(plan=plan, name="Datos abiertos", slug=f"eje-{slug}"))
    services.save(instance=Objective(axis=axis, code="O1", title="Abrir los datos"))
    with clock.moment(PUBLISHED_ON):
        services.publish_plan(plan=plan)
    return plan


def make_unit(acronym="DGI"):
    unit = ResponsibleUnit.objects.filter(acronym=acronym).first()
    return unit or services.save(
        instance=ResponsibleUnit(name=f"Dirección {acronym}", acronym=acronym, slug=acronym.lower())
    )


def make_commitment(plan, code="DA-01", *, indicators=1, milestones=1, publish=True):
    commitment = services.save(
        instance=Commitment(
            objective=Objective.objects.get(axis__plan=plan),
            code=code,
            slug=f"{plan.slug}-{code.lower()}",
            title=f"Compromiso {code}",
            description="Publicar los datos del municipio.",
            unit=make_unit(),
            goal="Publicar 100 conjuntos de datos.",
            start_date=START,
            end_date=END,
        )
    )
    for n in range(1, indicators + 1):
        services.save(
            instance=Indicator(
                commitment=commitment,
                name=f"Conjuntos publicados {n}",
                unit="conjuntos",
                baseline=0,
                target=100,
                verification_means="Portal de datos.",
                order=n,
            )
        )
    for n in range(1, milestones + 1):
        add_milestone(commitment, n)
    if publish:
        with clock.moment(PUBLISHED_ON):
            services.publish_commitment(commitment=commitment)
    return commitment


def add_milestone(commitment, order, **fields):
    values = {
        "title": f"Hito {order}",
        "deliverable": "Entregable.",
        "start_date": START,
        "end_date": END,
        **fields,
    }
    return services.save(instance=Milestone(commitment=commitment, order=order, **values))


def make_session(day=date(2026, 6, 12)):
    return Session.objects.create(kind=Session.Kind.ORDINARY, number=2, date=day)


def full_cast():
    """One record of every kind the commitments admin lists."""
    plan = make_plan()
    commitment = make_commitment(plan)
    indicator = commitment.indicators.get()
    milestone = commitment.milestones.get()
    services.save(instance=Pillar(name="Transparencia", slug="transparencia", summary="."))
    services.save(
        instance=Organization(
            name="Observatorio", slug="observatorio", kind=Organization.Kind.ACADEMIA
        )
    )
    services.save(instance=RatingRubric(dimension="participacion", level="alto", description="."))
    with clock.moment(date(2026, 10, 5)):
        services.record_measurement(
            indicator=indicator, date=date(2026, 9, 30), value=80, publish=True
        )
        services.add_evidence(
            title="Acta",
            milestone=milestone,
            evidence_url="https://example.org/a.pdf",
            publish=True,
        )
        services.record_milestone_progress(
            milestone=milestone, date=date(2026, 9, 30), percent=60, publish=True
        )
        services.set_override(
            commitment=commitment,
            status="atrasado",
            reason="Las comisiones dictaminan en bloque.",
            review_on=date(2026, 11, 1),
        )
    services.record_measurement(indicator=indicator, date=date(2026, 10, 31), value=85)
    round_ = services.save(
        instance=ReportingRound(
            plan=plan,
            number=1,
            title="Primer corte",
            period_end=date(2026, 6, 30),
            opens_on=date(2026, 7, 1),
            deadline=date(2026, 7, 31),
        )
    )
    with clock.moment(date(2026, 7, 20)):
        services.file_round_report(
            round=round_,
            commitment=commitment,
            narrative="Avance del primer semestre.",
            entries=[(milestone, 40, "")],
            publish=True,
        )
    services.record_fact(
        fact=Assessment(
            commitment=commitment,
            assessed_on=date(2026, 11, 1),
            assessor="Comité de monitoreo",
            verifiable=True,
            verifiable_justification=".",
            relevance_justification=".",
            potential="modesto",
            potential_justification=".",
            completion="limitado",
            completion_justification=".",
        )
    )
    services.record_fact(
        fact=TransversalRating(
            commitment=commitment, dimension="participacion", level="alto", justification="."
        )
    )
    services.record_fact(fact=ClosingReport(commitment=commitment, results=".", lessons="."))
    with clock.moment(date(2026, 6, 12)):
        add_milestone(commitment, 2)
        services.approve_modification(
            commitment=commitment,
            approved_on=date(2026, 6, 12),
            summary="Se agrega un hito.",
            reason="Lo aprobó el Secretariado.",
            session=make_session(),
        )
    liaison = Liaison.objects.create(
        user=get_user_model().objects.create_user("enlace-cast", is_staff=True)
    )
    liaison.units.add(commitment.unit)
    return commitment
