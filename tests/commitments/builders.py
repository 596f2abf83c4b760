"""Small hand-made plans for tests, written only through `commitments.services`.

Every date is chosen by the test and every write runs at an explicit moment of the project
clock (`clock.moment`), so `published_at` tells the same story as the dates the test reads.
A commitment's structure (indicators, milestones) is public only through a version: pass it
to `make_commitment(indicators=…, milestones=…)`, which publishes version 1, or change the
working copy with `add_indicator` / `add_milestone` and publish it with `approve`.

The admin's cast (`cast_plan`, `cast_commitment`, `full_cast`, at the end) is the same kind
of plan for the admin's tests, published on `CAST_PUBLISHED_ON` (15/01/2026) with a commitment
that runs through 2026: on the frozen `TODAY` (25/11/2026) about 90 % of it is expected.
"""

from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models.fields.files import FieldFile

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
from core import clock
from secretariat import services as secretariat_services
from secretariat.models import Session

# A one-year commitment: on 2 July 2026 (day 182 of 364) half of it should be done.
START = date(2026, 1, 1)
END = date(2026, 12, 31)
HALFWAY = date(2026, 7, 2)
# When test plans and their commitments are made public unless a test says otherwise.
PUBLISHED_ON = date(2025, 1, 1)
EVIDENCE_URL = "https://example.org/acta.pdf"


def make_exercise(number=3, start=date(2025, 1, 1), end=date(2027, 12, 31)):
    exercise = Exercise.objects.filter(number=number).first()
    if exercise is None:
        exercise = services.save(
            instance=Exercise(
                number=number, name=f"Ejercicio de prueba {number}", start_date=start, end_date=end
            )
        )
    return exercise


def make_plan(*, published_on=PUBLISHED_ON, publish=True, exercise=None, **fields):
    """A plan with one axis and one objective, public from `published_on`."""
    slug = fields.pop("slug", f"plan-{ActionPlan.objects.count() + 1}")
    with clock.moment(max(published_on, fields.get("approved_on") or published_on)):
        plan = services.save(
            instance=ActionPlan(
                exercise=exercise or make_exercise(),
                title=fields.pop("title", "Plan de prueba"),
                slug=slug,
                **fields,
            )
        )
        axis = services.save(instance=Axis(plan=plan, name="Eje de prueba", slug=f"eje-{slug}"))
        services.save(instance=Objective(axis=axis, code="O1", title="Objetivo de prueba"))
        if publish:
            services.publish_plan(plan=plan)
    return plan


def make_unit(acronym="UP"):
    unit = ResponsibleUnit.objects.filter(acronym=acronym).first()
    return unit or services.save(
        instance=ResponsibleUnit(acronym=acronym, name=f"Unidad {acronym}", slug=acronym.lower())
    )


def make_commitment(
    plan=None,
    code="C-01",
    *,
    indicators=(),
    milestones=(),
    pillars=None,
    publish=True,
    published_on=None,
    **fields,
):
    """A commitment with the given indicators and milestones (dicts of `add_indicator` /
    `add_milestone` arguments); unless `publish=False` its version 1 and the commitment
    itself are public from `published_on` (the plan's publication day by default)."""
    plan = plan or make_plan()
    values = {
        "objective": Objective.objects.filter(axis__plan=plan).first(),
        "code": code,
        "slug": f"{plan.slug}-{code.lower()}",
        "title": f"Compromiso {code}",
        "description": "Descripción de prueba.",
        "unit": make_unit(),
        "goal": "Meta de prueba.",
        "start_date": START,
        "end_date": END,
        **fields,
    }
    with clock.moment(published_on or PUBLISHED_ON):
        commitment = services.save(instance=Commitment(**values))
        for spec in indicators:
            add_indicator(commitment, **spec)
        for spec in milestones:
            add_milestone(commitment, **spec)
        if pillars is not None:
            services.set_parties(commitment=commitment, pillars=pillars)
    if publish:
        publish_commitment(commitment, published_on)
    return commitment


def publish_commitment(commitment, on=None):
    """Publish the working copy as version 1 (in force from the plan's approval, or the
    start) and make the commitment public, at noon of `on`."""
    on = on or PUBLISHED_ON
    with clock.moment(on):
        if not commitment.versions.exists():
            plan = commitment.plan
            services.publish_version(
                commitment=commitment,
                effective_on=min(plan.approved_on or commitment.start_date, on),
            )
        services.publish_commitment(commitment=commitment)
    return commitment


def add_indicator(commitment, baseline=0, target=100, **fields):
    """An indicator of the working copy (public with the next version)."""
    direction = Indicator.Direction.UP if target > baseline else Indicator.Direction.DOWN
    values = {
        "name": "Indicador de prueba",
        "unit": "%",
        "baseline": Decimal(baseline),
        "target": Decimal(target),
        "direction": direction,
        "verification_means": "Reporte de prueba.",
        "order": commitment.indicators.count() + 1,
        **fields,
    }
    return services.save(instance=Indicator(commitment=commitment, **values))


def add_milestone(commitment, start=START, end=END, **fields):
    """A milestone of the working copy (public with the next version)."""
    number = commitment.milestones.count() + 1
    values = {
        "title": f"Hito {number}",
        "deliverable": "Entregable de prueba.",
        "order": number,
        "start_date": start,
        "end_date": end,
        **fields,
    }
    return services.save(instance=Milestone(commitment=commitment, **values))


def add_measurement(indicator, day, value, published_on=None, draft=False, **fields):
    """A value about `day`, published at noon of `published_on` (of `day` by default)."""
    with clock.moment(published_on or day):
        return services.record_measurement(
            indicator=indicator, date=day, value=value, publish=not draft, **fields
        )


def add_progress(milestone, day, percent, published_on=None, draft=False, **fields):
    """A milestone's percent on `day`, published at noon of `published_on` (or `day`)."""
    with clock.moment(published_on or day):
        return services.record_milestone_progress(
            milestone=milestone, date=day, percent=percent, publish=not draft, **fields
        )


def add_evidence(target, title="Acta firmada", day=None, published_on=None, draft=False, **fields):
    """Evidence for a milestone (or a commitment) dated `day` (the milestone's start)."""
    is_milestone = isinstance(target, Milestone)
    day = day or (target.start_date if is_milestone else START)
    fields.setdefault("evidence_url", EVIDENCE_URL)
    with clock.moment(published_on or day):
        return services.add_evidence(
            title=title,
            date=day,
            publish=not draft,
            **{"milestone" if is_milestone else "commitment": target},
            **fields,
        )


def complete_milestone(milestone, day, published_on=None):
    """Evidence and then 100 %, both public on `published_on` (or `day`)."""
    add_evidence(milestone, day=day, published_on=published_on)
    return add_progress(milestone, day, 100, published_on=published_on)


def set_override(commitment, status, starts_on, reason="Acuerdo del Secretariado.", **fields):
    """A status assigned by hand from `starts_on`, published that day."""
    with clock.moment(fields.pop("published_on", None) or starts_on):
        return services.set_override(
            commitment=commitment, status=status, reason=reason, starts_on=starts_on, **fields
        )


def publish(fact, on):
    """Publish a draft fact at noon of `on`."""
    with clock.moment(on):
        return services.publish(fact=fact)


def approve(
    commitment,
    on,
    summary="Cambio aprobado",
    reason="Motivo de prueba.",
    session=None,
    published_on=None,
    **changes,
):
    """Apply `changes` to the working copy and approve them as a modification on `on`:
    a new version in force from that day, public at noon of `published_on` (or `on`)."""
    with clock.moment(published_on or on):
        for name, value in changes.items():
            setattr(commitment, name, value)
        if changes:
            services.save(instance=commitment)
        return services.approve_modification(
            commitment=commitment, approved_on=on, summary=summary, reason=reason, session=session
        )


def add_round(plan, number, period_end, opens_on=None, deadline=None, title=None):
    with clock.moment(PUBLISHED_ON):
        return services.save(
            instance=ReportingRound(
                plan=plan,
                number=number,
                title=title or f"Corte {number}",
                period_end=period_end,
                opens_on=opens_on or period_end,
                deadline=deadline or period_end,
            )
        )


def file_report(round_, commitment, delivered_on, entries=(), draft=False, narrative="Avance."):
    """A round report delivered (published) at noon of `delivered_on`; `entries` are
    (milestone, percent) pairs."""
    with clock.moment(delivered_on):
        return services.file_round_report(
            round=round_,
            commitment=commitment,
            narrative=narrative,
            entries=[(milestone, percent, "") for milestone, percent in entries],
            publish=not draft,
        )


def admin_form_data(response):
    """What a browser sends back from an admin change page, every row unchanged."""
    data = {}

    def add(form):
        for name in form.fields:
            field = form[name]
            value = field.value()
            if isinstance(value, FieldFile) or value is None or value is False:
                continue
            if value is True:
                data[field.html_name] = "on"
            elif isinstance(value, list | tuple):
                data[field.html_name] = [str(v) for v in value]
            elif isinstance(value, date):
                data[field.html_name] = value.isoformat()
            else:
                data[field.html_name] = str(value)

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        rows = str(len(formset.initial_forms))
        data[f"{formset.prefix}-TOTAL_FORMS"] = rows
        data[f"{formset.prefix}-INITIAL_FORMS"] = rows
        for form in formset.initial_forms:
            add(form)
    return data


def add_row(data, prefix, **values):
    """Append a new row to an inline of `admin_form_data`."""
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
    for name, value in values.items():
        data[f"{prefix}-{index}-{name}"] = str(value)


def row_index(data, prefix, pk):
    """The index of the inline row holding object `pk`."""
    for key, value in data.items():
        if key.startswith(f"{prefix}-") and key.endswith("-id") and value == str(pk):
            return int(key.split("-")[-2])
    raise LookupError(pk)


# --- The admin's cast -------------------------------------------------------------------
# Written at the current moment of the clock and published on CAST_PUBLISHED_ON.

CAST_PUBLISHED_ON = date(2026, 1, 15)
CAST_UNIT = "DGI"


def cast_plan(number=3, slug="plan-prueba"):
    """The admin's plan «Plan 2025-2027», public from CAST_PUBLISHED_ON."""
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
    with clock.moment(CAST_PUBLISHED_ON):
        services.publish_plan(plan=plan)
    return plan


def cast_commitment(plan, code="DA-01", *, indicators=1, milestones=1, publish=True):
    """The admin's commitment (START to END, 2026) with `indicators` «Conjuntos publicados n»
    and `milestones` «Hito n», public from CAST_PUBLISHED_ON unless `publish=False`."""
    commitment = services.save(
        instance=Commitment(
            objective=Objective.objects.get(axis__plan=plan),
            code=code,
            slug=f"{plan.slug}-{code.lower()}",
            title=f"Compromiso {code}",
            description="Publicar los datos del municipio.",
            unit=make_unit(CAST_UNIT),
            goal="Publicar 100 conjuntos de datos.",
            start_date=START,
            end_date=END,
        )
    )
    for n in range(1, indicators + 1):
        add_indicator(
            commitment,
            name=f"Conjuntos publicados {n}",
            unit="conjuntos",
            verification_means="Portal de datos.",
        )
    for _n in range(milestones):
        add_milestone(commitment, deliverable="Entregable.")
    if publish:
        with clock.moment(CAST_PUBLISHED_ON):
            services.publish_commitment(commitment=commitment)
    return commitment


def make_session(day=date(2026, 6, 12)):
    """A session announced on its day (not held), through the Secretariado's services."""
    with clock.moment(day):
        return secretariat_services.save(
            instance=Session(kind=Session.Kind.ORDINARY, number=2, date=day)
        )


def full_cast():
    """One record of every kind the commitments admin lists."""
    plan = cast_plan()
    commitment = cast_commitment(plan)
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
        add_milestone(commitment, deliverable="Entregable.")
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
