"""Contradictions a plan's data can hold, each found by one rule.

Every rule takes a plan and the day to read it at and returns messages in Spanish, one per
contradiction, each naming the commitment and the dates involved so staff can fix it.
`manage.py check_plan` prints them; the demo must have none.
"""

import re
from decimal import Decimal

from django.db.models import Exists, OuterRef
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from commitments.models import (
    CommitmentVersion,
    Evidence,
    Indicator,
    Measurement,
    Milestone,
    MilestoneProgress,
    MilestoneStatus,
    Modification,
    RoundReport,
)
from commitments.semaforo import indicator_progress
from core import clock

# Indicators this far along (percent) while every milestone is still at 0 % contradict them.
INDICATORS_AHEAD = 50
# "Primeros 60 conjuntos publicados": a number and what it counts.
COUNT_IN_TITLE = re.compile(r"(\d[\d.,]*)\s+([^\W\d_]+)")


def _d(day):
    return date_format(day)


def check_plan(plan, day=None):
    """Every contradiction in `plan` as public at the end of `day` (today by default)."""
    day = day or clock.today()
    return [message for rule in RULES for message in rule(plan, day)]


def modifications_in_sessions_not_held(plan, day):
    """A modification is approved in a session that has already happened."""
    messages = []
    for m in (
        Modification.objects.filter(commitment__plan=plan, session__isnull=False)
        .select_related("commitment", "session")
        .order_by("commitment__code", "approved_on")
    ):
        values = {
            "code": m.commitment.code,
            "approved": _d(m.approved_on),
            "session": m.session.title,
            "date": _d(m.session.date),
        }
        if m.session.date > m.approved_on:
            messages.append(
                _(
                    "%(code)s: la modificación aprobada el %(approved)s cita la sesión "
                    "«%(session)s» del %(date)s, que es posterior."
                )
                % values
            )
        elif not m.session.is_held or m.session.date > day:
            messages.append(
                _(
                    "%(code)s: la modificación aprobada el %(approved)s cita la sesión "
                    "«%(session)s» del %(date)s, que aún no se ha celebrado."
                )
                % values
            )
    session = plan.approved_at_session
    if session is not None and plan.approved_on and session.date != plan.approved_on:
        messages.append(
            _("El plan dice aprobarse el %(approved)s en la sesión «%(session)s» del %(date)s.")
            % {"approved": _d(plan.approved_on), "session": session.title, "date": _d(session.date)}
        )
    return messages


def reports_before_round_opens(plan, day):
    """A round report is delivered (published) once its round has opened."""
    messages = []
    for report in (
        RoundReport.objects.public_at(day)
        .filter(round__plan=plan)
        .select_related("round", "commitment")
        .order_by("round__number", "commitment__code")
    ):
        if report.delivered_on < report.round.opens_on:
            messages.append(
                _(
                    "%(code)s: el reporte del «%(round)s» se entregó el %(delivered)s, antes de "
                    "que el corte abriera (%(opens)s)."
                )
                % {
                    "code": report.commitment.code,
                    "round": report.round,
                    "delivered": _d(report.delivered_on),
                    "opens": _d(report.round.opens_on),
                }
            )
    return messages


def milestones_after_the_end(plan, day):
    """No version of a commitment lists a milestone ending after the commitment itself."""
    messages = []
    for version in _versions(plan, day):
        content = version.content
        end = content.end_date
        for item in content.milestones:
            if item.end_date > end:
                label = (
                    _("la versión original")
                    if version.number == 1
                    else _("la versión %(n)s") % {"n": version.number}
                )
                messages.append(
                    _(
                        "%(code)s: %(version)s lista el hito «%(title)s» hasta el %(milestone)s, "
                        "después del término del compromiso (%(end)s)."
                    )
                    % {
                        "code": content.code,
                        "version": label,
                        "title": item.title,
                        "milestone": _d(item.end_date),
                        "end": _d(end),
                    }
                )
    return messages


def weights_not_positive(plan, day):
    """Every indicator and milestone weighs more than zero, in the working copy and in
    every public version."""
    messages = []
    text = _("%(code)s: «%(name)s» pesa %(weight)s; el peso debe ser mayor que cero.")
    for model, name in ((Indicator, "name"), (Milestone, "title")):
        for row in (
            model.objects.filter(commitment__plan=plan, weight__lte=0)
            .select_related("commitment")
            .order_by("commitment__code", "order")
        ):
            messages.append(
                text
                % {"code": row.commitment.code, "name": getattr(row, name), "weight": row.weight}
            )
    for version in _versions(plan, day):
        content = version.content
        named = [(i.name, i) for i in content.indicators] + [
            (m.title, m) for m in content.milestones
        ]
        for name, item in named:
            if item.weight <= 0:
                messages.append(text % {"code": content.code, "name": name, "weight": item.weight})
    return messages


def complete_without_evidence(plan, day):
    """A milestone shown complete has published evidence from before it was completed."""
    evidence = Evidence.objects.public_at(day).filter(
        milestone=OuterRef("milestone"), published_at__lte=OuterRef("published_at")
    )
    messages = []
    for progress in (
        _latest_progress(plan, day)
        .filter(milestone_status=MilestoneStatus.COMPLETE)
        .exclude(Exists(evidence))
    ):
        messages.append(
            _(
                "%(code)s: el hito «%(title)s» aparece completo desde el %(day)s sin evidencia "
                "publicada."
            )
            % {
                "code": progress.milestone.commitment.code,
                "title": progress.milestone.title,
                "day": _d(progress.published_on),
            }
        )
    return messages


def measurements_outside_the_period(plan, day):
    """Every value is about a day inside the plan's period."""
    exercise = plan.exercise
    messages = []
    for m in (
        Measurement.objects.filter(indicator__commitment__plan=plan)
        .exclude(date__range=(exercise.start_date, exercise.end_date))
        .select_related("indicator__commitment")
        .order_by("indicator__commitment__code", "date")
    ):
        messages.append(
            _(
                "%(code)s: el dato de «%(name)s» del %(day)s está fuera del periodo del plan "
                "(%(start)s a %(end)s)."
            )
            % {
                "code": m.indicator.commitment.code,
                "name": m.indicator.name,
                "day": _d(m.date),
                "start": _d(exercise.start_date),
                "end": _d(exercise.end_date),
            }
        )
    return messages


def indicators_ahead_of_milestones(plan, day):
    """What the indicators report and what the milestones say agree.

    Two signs they do not: a milestone whose title names a count ("Primeros 60 conjuntos")
    is not complete although the indicator counting the same thing has reached it; or the
    indicators are well along while every milestone is still at 0 %.
    """
    values = _latest_values(plan, day)
    percents = {p.milestone_id: p for p in _latest_progress(plan, day)}
    by_commitment = {}
    for indicator in Indicator.objects.filter(commitment__plan=plan).select_related("commitment"):
        by_commitment.setdefault(indicator.commitment_id, ([], []))[0].append(indicator)
    for milestone in Milestone.objects.filter(commitment__plan=plan).select_related("commitment"):
        by_commitment.setdefault(milestone.commitment_id, ([], []))[1].append(milestone)
    messages = []
    for indicators, milestones in by_commitment.values():
        measured = [(i, values[i.pk]) for i in indicators if i.pk in values]
        if not measured or not milestones:
            continue
        code = milestones[0].commitment.code
        for milestone in sorted(milestones, key=lambda m: m.order):
            progress = percents.get(milestone.pk)
            if progress is not None and progress.milestone_status in (
                MilestoneStatus.COMPLETE,
                MilestoneStatus.CANCELLED,
            ):
                continue
            for indicator, value in measured:
                count = _count_reached(milestone.title, indicator, value)
                if count is not None:
                    messages.append(
                        _(
                            "%(code)s: el hito «%(title)s» está al %(percent)s %% aunque "
                            "«%(name)s» ya reporta %(value)s %(unit)s."
                        )
                        % {
                            "code": code,
                            "title": milestone.title,
                            "percent": progress.percent if progress else 0,
                            "name": indicator.name,
                            "value": f"{value.normalize():f}",
                            "unit": indicator.unit,
                        }
                    )
        ahead = [
            indicator_progress(i.baseline, i.target, value)
            for i, value in measured
            if indicator_progress(i.baseline, i.target, value) >= INDICATORS_AHEAD
        ]
        if ahead and all(not p or not p.percent for p in map(percents.get, _pks(milestones))):
            messages.append(
                _(
                    "%(code)s: sus indicadores van al %(progress)s %% y todos sus hitos siguen "
                    "en 0 %%."
                )
                % {"code": code, "progress": round(max(ahead))}
            )
    return messages


def rounds_unlike_the_route(plan, day):
    """A round's deadline is the date the public route gives for the step of that name."""
    from secretariat.models import RouteMilestone

    exercise = plan.exercise
    steps = list(
        RouteMilestone.objects.filter(
            start_date__range=(exercise.start_date, exercise.end_date)
        ).order_by("order")
    )
    messages = []
    for round_ in plan.rounds.order_by("number"):
        title = round_.title.casefold()
        for step in steps:
            if step.title.casefold().startswith(title) and step.start_date != round_.deadline:
                messages.append(
                    _(
                        "El «%(round)s» vence el %(deadline)s, pero la ruta publica «%(step)s» "
                        "el %(date)s."
                    )
                    % {
                        "round": round_,
                        "deadline": _d(round_.deadline),
                        "step": step.title,
                        "date": _d(step.start_date),
                    }
                )
    return messages


def stored_states_out_of_date(plan, day):
    """The lists (board, axis and unit pages) read each commitment's stored state; it must
    be what its facts give."""
    from commitments import projection

    return [
        _(
            "Las listas muestran de %(code)s un estado guardado que no corresponde a sus datos "
            "(¿se editó la base de datos a mano?); «manage.py check_plan --rebuild» lo recalcula."
        )
        % {"code": code}
        for code in projection.out_of_date(plan)
    ]


RULES = [
    stored_states_out_of_date,
    modifications_in_sessions_not_held,
    reports_before_round_opens,
    milestones_after_the_end,
    weights_not_positive,
    complete_without_evidence,
    measurements_outside_the_period,
    indicators_ahead_of_milestones,
    rounds_unlike_the_route,
]


def _versions(plan, day):
    return CommitmentVersion.objects.filter(
        commitment__plan=plan, published_at__lt=clock.end_of(day)
    ).order_by("commitment__code", "number")


def _latest_progress(plan, day):
    """Each milestone's latest public progress (by date, then publication)."""
    public = MilestoneProgress.objects.public_at(day)
    newer = public.filter(milestone=OuterRef("milestone")).order_by("-date", "-published_at")
    return (
        public.filter(milestone__commitment__plan=plan, pk=newer.values("pk")[:1])
        .select_related("milestone__commitment")
        .order_by("milestone__commitment__code", "milestone__order")
    )


def _latest_values(plan, day):
    values = {}
    for indicator_id, value in (
        Measurement.objects.public_at(day)
        .filter(indicator__commitment__plan=plan)
        .order_by("indicator_id", "date", "published_at")
        .values_list("indicator_id", "value")
    ):
        values[indicator_id] = value
    return values


def _count_reached(title, indicator, value):
    """The count a milestone's title names, if the indicator counts the same thing and has
    reached it."""
    unit = indicator.unit.casefold()
    for number, word in COUNT_IN_TITLE.findall(title):
        word = word.casefold()
        if len(word) < 4 or not unit.startswith(word[:4]):
            continue
        count = Decimal(number.replace(",", ""))
        rising = indicator.target > indicator.baseline
        if (value >= count) if rising else (value <= count):
            return count
    return None


def _pks(rows):
    return [row.pk for row in rows]
