"""Synthetic plans of any size, for benchmarks and query-count tests.

A synthetic plan lives in its own exercise with its own axes, units and
organisations, so it can be dropped without touching real or demo data. Rows are
written with bulk_create: a plan of 4,000 actions takes seconds. The period and
the rounds are fixed (2025-2027, like León's); the data is drawn from a seeded
random generator as it stood on `as_of`, so the same arguments always build the
same plan. Its exercise has the highest number, so while it exists it is the
current plan on the public pages (that is what benchmarks need).
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction

from commitments.models import (
    ActionPlan,
    Assessment,
    Axis,
    Commitment,
    CoResponsibility,
    Dimension,
    Evidence,
    Exercise,
    Indicator,
    Measurement,
    Milestone,
    Modification,
    Objective,
    Organization,
    Pillar,
    RatingLevel,
    ReportingRound,
    ResponsibleUnit,
    RoundReport,
    RoundReportEntry,
    TransversalRating,
)
from commitments.semaforo import ProgressSource, Status, expected_progress
from portal.cache import bump_content_version

EXERCISE_NUMBER = 99
SLUG_PREFIX = "sintetico"
PERIOD = (date(2025, 1, 1), date(2027, 12, 31))
AXIS_NAMES = ["Datos", "Presupuesto", "Barrios", "Juventudes", "Servicios", "Integridad"]
UNIT_COUNT = 12
ORGANIZATION_COUNT = 6
ROUNDS = [  # (period end, opens, deadline)
    (date(2026, 2, 28), date(2026, 3, 1), date(2026, 3, 20)),
    (date(2026, 8, 31), date(2026, 9, 1), date(2026, 9, 18)),
    (date(2027, 2, 28), date(2027, 3, 1), date(2027, 3, 19)),
]
# How fast each commitment moves compared with its linear expectation; the spread
# gives every colour of the semáforo, including complete and never-reported ones.
PACES = [(1.6, 2), (1.0, 5), (0.8, 2), (0.6, 2), (0.3, 2), (0.0, 1)]
EVIDENCE_URL = "https://example.org/sintetico/evidencia"


class SyntheticPlanExists(Exception):
    pass


@dataclass
class Story:
    """What one synthetic commitment's data will say."""

    pace: float
    stale_after: date | None

    def fraction_on(self, commitment, day):
        expected = expected_progress(commitment.start_date, commitment.end_date, day) / 100
        return max(0.0, min(1.0, self.pace * expected))


def existing_plan():
    return ActionPlan.objects.filter(exercise__number=EXERCISE_NUMBER).first()


def drop():
    """Delete every row a previous synthetic plan created; returns whether there was one."""
    exercise = Exercise.objects.filter(number=EXERCISE_NUMBER).first()
    if exercise is None:
        return False
    # Commitments first: objectives protect them from the plan's own cascade.
    Commitment.objects.filter(plan__exercise=exercise).delete()
    ActionPlan.objects.filter(exercise=exercise).delete()
    ResponsibleUnit.objects.filter(slug__startswith=f"{SLUG_PREFIX}-").delete()
    Organization.objects.filter(slug__startswith=f"{SLUG_PREFIX}-").delete()
    exercise.delete()
    return True


@transaction.atomic
def build_plan(*, actions, as_of, seed=0, replace=False):
    """Build a published synthetic plan of `actions` commitments as it stands on `as_of`.

    Returns the plan and a dict of how many rows of each kind were written.
    """
    if replace:
        drop()
    elif existing_plan() is not None:
        raise SyntheticPlanExists
    rng = random.Random(seed)
    plan, objectives = _plan_and_axes()
    units = ResponsibleUnit.objects.bulk_create(
        ResponsibleUnit(
            name=f"Dependencia sintética {n:02d}",
            acronym=f"DS{n:02d}",
            slug=f"{SLUG_PREFIX}-ds{n:02d}",
        )
        for n in range(1, UNIT_COUNT + 1)
    )
    organizations = Organization.objects.bulk_create(
        Organization(
            name=f"Organización sintética {n:02d}",
            slug=f"{SLUG_PREFIX}-org-{n:02d}",
            kind=Organization.Kind.CIVIL_SOCIETY,
        )
        for n in range(1, ORGANIZATION_COUNT + 1)
    )
    commitments, stories = _commitments(rng, plan, objectives, units, actions, as_of)
    rounds = ReportingRound.objects.bulk_create(
        ReportingRound(
            plan=plan,
            number=n,
            title=f"Corte sintético {n}",
            period_end=period_end,
            opens_on=opens,
            deadline=deadline,
        )
        for n, (period_end, opens, deadline) in enumerate(ROUNDS, start=1)
    )
    counts = {"compromisos": len(commitments)}
    counts.update(_indicators(rng, commitments, stories, as_of))
    counts.update(_milestones(rng, commitments, stories, rounds, as_of))
    counts.update(_parties_and_ratings(rng, commitments, units, organizations, as_of))
    counts["modificaciones"] = _modifications(rng, commitments, as_of)
    # bulk_create sends no signals: refresh cached public pages once the plan is committed.
    transaction.on_commit(bump_content_version)
    return plan, counts


def _plan_and_axes():
    exercise = Exercise.objects.create(
        number=EXERCISE_NUMBER,
        name="Ejercicio sintético para pruebas de rendimiento",
        start_date=PERIOD[0],
        end_date=PERIOD[1],
        status=Exercise.Status.IMPLEMENTATION,
    )
    plan = ActionPlan.objects.create(
        exercise=exercise,
        title="Plan sintético (pruebas de rendimiento)",
        slug=f"{SLUG_PREFIX}-plan",
        summary="Plan generado automáticamente para medir el rendimiento; no es real.",
        is_published=True,
    )
    axes = Axis.objects.bulk_create(
        Axis(plan=plan, name=name, slug=f"{SLUG_PREFIX}-{name.lower()}", order=order)
        for order, name in enumerate(AXIS_NAMES)
    )
    objectives = Objective.objects.bulk_create(
        Objective(axis=axis, code=f"S{n}-O1", title=f"Objetivo sintético del eje {axis.name}")
        for n, axis in enumerate(axes, start=1)
    )
    return plan, objectives


def _commitments(rng, plan, objectives, units, actions, as_of):
    paces = [pace for pace, _ in PACES]
    weights = [weight for _, weight in PACES]
    sources = [ProgressSource.INDICATORS] * 3 + [ProgressSource.MILESTONES, ProgressSource.BOTH]
    rows, stories = [], []
    for n in range(1, actions + 1):
        start = PERIOD[0] + timedelta(days=rng.randrange(60, 540))
        end = min(start + timedelta(days=rng.randrange(240, 720)), PERIOD[1])
        overridden = n % 50 == 0
        rows.append(
            Commitment(
                plan=plan,
                objective=objectives[n % len(objectives)],
                code=f"S-{n:04d}",
                slug=f"{SLUG_PREFIX}-s-{n:04d}",
                title=f"Acción sintética {n}",
                description="Compromiso generado para medir el rendimiento del portal.",
                unit=units[n % len(units)],
                goal="Meta sintética.",
                start_date=start,
                end_date=end,
                progress_source=rng.choice(sources),
                is_example=True,
                status_override=Status.DELAYED if overridden else "",
                override_reason="Motivo sintético del estado asignado." if overridden else "",
                override_since=as_of - timedelta(days=20) if overridden else None,
            )
        )
        stale_after = as_of - timedelta(days=rng.randrange(220, 400)) if n % 10 == 0 else None
        stories.append(Story(pace=rng.choices(paces, weights)[0], stale_after=stale_after))
    commitments = Commitment.objects.bulk_create(rows)
    pillars = list(Pillar.objects.all())
    if pillars:
        Through = Commitment.pillars.through
        Through.objects.bulk_create(
            Through(commitment=c, pillar=pillars[i % len(pillars)])
            for i, c in enumerate(commitments)
        )
    return commitments, stories


def _quarter_ends(start, last):
    """The last day of every third month after `start`'s month, up to `last`."""
    days = []
    months = start.year * 12 + start.month - 1
    while True:
        months += 3
        year, month = divmod(months, 12)
        day = date(year + (month + 1) // 12, (month + 1) % 12 + 1, 1) - timedelta(days=1)
        if day > last:
            return days
        days.append(day)


def _indicators(rng, commitments, stories, as_of):
    indicators, plans = [], []
    for commitment, story in zip(commitments, stories, strict=True):
        for order in range(rng.choice([1, 1, 2])):
            baseline = Decimal(rng.randrange(0, 50))
            target = baseline + Decimal(rng.randrange(10, 200))
            if rng.random() < 0.3:
                baseline, target = target, baseline
            indicators.append(
                Indicator(
                    commitment=commitment,
                    name=f"Indicador sintético {order + 1}",
                    unit="unidades",
                    baseline=baseline,
                    target=target,
                    direction=(
                        Indicator.Direction.UP if target > baseline else Indicator.Direction.DOWN
                    ),
                    periodicity=Indicator.Periodicity.QUARTERLY,
                    verification_means="Registro sintético.",
                    order=order,
                )
            )
            plans.append((commitment, story))
    indicators = Indicator.objects.bulk_create(indicators)
    measurements = []
    for indicator, (commitment, story) in zip(indicators, plans, strict=True):
        if story.pace == 0:
            continue
        last = min(as_of, commitment.end_date, story.stale_after or as_of)
        for day in _quarter_ends(commitment.start_date, last):
            fraction = Decimal(str(round(story.fraction_on(commitment, day), 4)))
            published_on = day + timedelta(days=10)
            is_published = published_on <= as_of and rng.random() > 0.05
            measurements.append(
                Measurement(
                    indicator=indicator,
                    date=day,
                    value=indicator.baseline + (indicator.target - indicator.baseline) * fraction,
                    narrative="Avance sintético.",
                    status=(
                        Measurement.Status.PUBLISHED if is_published else Measurement.Status.DRAFT
                    ),
                    published_on=published_on if is_published else None,
                    evidence_url=f"{EVIDENCE_URL}/{indicator.pk}-{day:%Y%m}.pdf",
                )
            )
    Measurement.objects.bulk_create(measurements, batch_size=2000)
    return {"indicadores": len(indicators), "avances": len(measurements)}


def _milestone_percent(fraction, order, count):
    """Milestones fill up in order until they account for the commitment's progress."""
    share = 1 / count
    return round(max(0.0, min(1.0, (fraction - order * share) / share)) * 100)


def _status_for(percent):
    if percent == 100:
        return Milestone.Status.COMPLETE
    return Milestone.Status.IN_PROGRESS if percent else Milestone.Status.PENDING


def _milestones(rng, commitments, stories, rounds, as_of):
    milestones, owners = [], []
    for commitment, story in zip(commitments, stories, strict=True):
        count = rng.randrange(3, 6)
        span = (commitment.end_date - commitment.start_date).days
        fraction = story.fraction_on(commitment, as_of)
        for order in range(count):
            percent = _milestone_percent(fraction, order, count)
            milestones.append(
                Milestone(
                    commitment=commitment,
                    order=order,
                    title=f"Hito sintético {order + 1}",
                    deliverable="Entregable sintético.",
                    unit=commitment.unit,
                    start_date=commitment.start_date + timedelta(days=span * order // count),
                    end_date=commitment.start_date
                    + timedelta(days=span * (order + 1) // count - 1),
                    percent_done=percent,
                    progress_updated_on=as_of - timedelta(days=rng.randrange(0, 40)),
                    status=_status_for(percent),
                )
            )
            owners.append((commitment, story, count))
    milestones = Milestone.objects.bulk_create(milestones, batch_size=2000)
    evidence = Evidence.objects.bulk_create(
        (
            Evidence(
                commitment=m.commitment,
                milestone=m,
                title=f"Evidencia del {m.title.lower()}",
                date=min(m.end_date, as_of),
                evidence_url=f"{EVIDENCE_URL}/hito-{m.pk}.pdf",
            )
            for m in milestones
            if m.percent_done > 0
        ),
        batch_size=2000,
    )
    reports, entries = _reports(rng, commitments, stories, milestones, owners, rounds, as_of)
    return {
        "hitos": len(milestones),
        "evidencias": len(evidence),
        "reportes de corte": reports,
        "avances de hitos en cortes": entries,
    }


def _reports(rng, commitments, stories, milestones, owners, rounds, as_of):
    by_commitment = {}
    for milestone, owner in zip(milestones, owners, strict=True):
        by_commitment.setdefault(milestone.commitment_id, []).append((milestone, owner))
    reports, report_milestones = [], []
    for round_ in rounds:
        if round_.deadline >= as_of:
            continue
        for commitment in commitments:
            if commitment.start_date > round_.period_end or rng.random() < 0.05:
                continue
            if rng.random() < 0.1:
                submitted = min(round_.deadline + timedelta(days=rng.randrange(3, 15)), as_of)
            else:
                submitted = round_.deadline - timedelta(days=rng.randrange(0, 5))
            reports.append(
                RoundReport(
                    round=round_,
                    commitment=commitment,
                    narrative="Informe sintético del corte.",
                    submitted_on=submitted,
                )
            )
            report_milestones.append((round_, by_commitment[commitment.pk]))
    reports = RoundReport.objects.bulk_create(reports, batch_size=2000)
    entries = [
        RoundReportEntry(
            report=report,
            milestone=milestone,
            percent=_milestone_percent(
                story.fraction_on(commitment, round_.period_end), milestone.order, count
            ),
        )
        for report, (round_, rows) in zip(reports, report_milestones, strict=True)
        for milestone, (commitment, story, count) in rows
    ]
    RoundReportEntry.objects.bulk_create(entries, batch_size=2000)
    return len(reports), len(entries)


def _parties_and_ratings(rng, commitments, units, organizations, as_of):
    parties = []
    for n, commitment in enumerate(commitments):
        if n % 2:
            other = units[(units.index(commitment.unit) + 1) % len(units)]
            parties.append(CoResponsibility(commitment=commitment, unit=other, role="Apoya"))
        else:
            organization = organizations[n % len(organizations)]
            parties.append(
                CoResponsibility(commitment=commitment, organization=organization, role="Vigila")
            )
    CoResponsibility.objects.bulk_create(parties, batch_size=2000)
    levels = list(RatingLevel)
    ratings = TransversalRating.objects.bulk_create(
        (
            TransversalRating(
                commitment=commitment,
                dimension=dimension,
                level=rng.choice(levels),
                justification="Valoración sintética.",
            )
            for commitment in commitments
            for dimension in Dimension
        ),
        batch_size=2000,
    )
    A = Assessment
    assessments = Assessment.objects.bulk_create(
        A(
            commitment=commitment,
            assessed_on=as_of - timedelta(days=30),
            assessor="Evaluación sintética",
            verifiable=rng.random() > 0.2,
            verifiable_justification="Justificación sintética.",
            relevance_civic_participation=rng.random() > 0.3,
            relevance_justification="Justificación sintética.",
            potential=rng.choice(list(A.Potential)),
            potential_justification="Justificación sintética.",
            completion=rng.choice(list(A.Completion)),
            completion_justification="Justificación sintética.",
        )
        for n, commitment in enumerate(commitments)
        if n % 5 == 0
    )
    return {
        "corresponsables": len(parties),
        "valoraciones transversales": len(ratings),
        "valoraciones independientes": len(assessments),
    }


def _modifications(rng, commitments, as_of):
    """One commitment in twenty had its deadline moved; the version before is kept."""
    modified = [c for n, c in enumerate(commitments, start=1) if n % 20 == 0]
    rows = []
    for commitment in modified:
        previous = commitment.snapshot()
        previous["end_date"] = (commitment.end_date - timedelta(days=90)).isoformat()
        rows.append(
            Modification(
                commitment=commitment,
                approved_on=as_of - timedelta(days=rng.randrange(30, 200)),
                summary="Se amplía el plazo tres meses (sintético).",
                reason="Motivo sintético.",
                previous_version=previous,
            )
        )
    Modification.objects.bulk_create(rows)
    return len(rows)
