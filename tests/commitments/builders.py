"""Small hand-made plans for model tests: every date and number is chosen by the test."""

from datetime import date
from decimal import Decimal

from django.db.models.fields.files import FieldFile

from commitments.models import (
    ActionPlan,
    Axis,
    Commitment,
    Evidence,
    Exercise,
    Indicator,
    Measurement,
    Milestone,
    Objective,
    ResponsibleUnit,
)

# A one-year commitment: on 2 July 2026 (day 182 of 364) half of it should be done.
START = date(2026, 1, 1)
END = date(2026, 12, 31)
HALFWAY = date(2026, 7, 2)


def make_plan(**fields):
    exercise, _ = Exercise.objects.get_or_create(
        number=3,
        defaults={
            "name": "Ejercicio de prueba",
            "start_date": date(2025, 1, 1),
            "end_date": date(2027, 12, 31),
        },
    )
    plan = ActionPlan.objects.create(
        exercise=exercise,
        title="Plan de prueba",
        slug=f"plan-{ActionPlan.objects.count() + 1}",
        is_published=True,
        **fields,
    )
    axis = Axis.objects.create(plan=plan, name="Eje de prueba", slug=f"eje-{plan.slug}")
    Objective.objects.create(axis=axis, code="O1", title="Objetivo de prueba")
    return plan


def make_unit(acronym="UP"):
    unit, _ = ResponsibleUnit.objects.get_or_create(
        acronym=acronym, defaults={"name": f"Unidad {acronym}", "slug": acronym.lower()}
    )
    return unit


def make_commitment(plan=None, code="C-01", **fields):
    plan = plan or make_plan()
    values = {
        "objective": Objective.objects.get(axis__plan=plan),
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
    return Commitment.objects.create(**values)


def add_indicator(commitment, baseline=0, target=100, **fields):
    direction = Indicator.Direction.UP if target > baseline else Indicator.Direction.DOWN
    values = {
        "name": "Indicador de prueba",
        "unit": "%",
        "baseline": Decimal(baseline),
        "target": Decimal(target),
        "direction": direction,
        "verification_means": "Reporte de prueba.",
        **fields,
    }
    return Indicator.objects.create(commitment=commitment, **values)


def add_measurement(indicator, day, value, published_on=None, draft=False):
    return Measurement.objects.create(
        indicator=indicator,
        date=day,
        value=Decimal(value),
        status=Measurement.Status.DRAFT if draft else Measurement.Status.PUBLISHED,
        published_on=None if draft else published_on or day,
    )


def add_milestone(commitment, start=START, end=END, percent=0, updated_on=START, **fields):
    values = {
        "title": f"Hito {commitment.milestones.count() + 1}",
        "deliverable": "Entregable de prueba.",
        "start_date": start,
        "end_date": end,
        "percent_done": percent,
        "progress_updated_on": updated_on,
        **fields,
    }
    return Milestone.objects.create(commitment=commitment, **values)


def add_evidence(milestone, title="Acta firmada"):
    return Evidence.objects.create(
        commitment=milestone.commitment,
        milestone=milestone,
        title=title,
        date=milestone.start_date,
        evidence_url="https://example.org/acta.pdf",
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
