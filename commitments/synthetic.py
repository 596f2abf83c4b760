"""Synthetic plans of any size, for benchmarks and query-count tests.

A synthetic plan lives in its own exercise with its own axes, units and organisations, so
it can be dropped without touching real or demo data. The rows are the ones the services
would write (versions, publications, dated facts), handed to `services.bulk_load`, which
stamps them by the clock and inserts them in bulk: a plan of 4,000 actions takes seconds.
The period and the rounds are fixed (2025-2027, like León's); the data is drawn from a
seeded random generator as it stood on `as_of`, so the same arguments always build the same
plan. Its exercise has the highest number, so while it exists it is the current plan on the
public pages (that is what benchmarks need).
"""

import random
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction

from commitments import services
from commitments.content import VersionContent
from commitments.models import (
    ActionPlan,
    Assessment,
    Axis,
    Commitment,
    CommitmentVersion,
    CoResponsibility,
    Dimension,
    Evidence,
    Exercise,
    FactStatus,
    Indicator,
    Measurement,
    Milestone,
    MilestoneProgress,
    MilestoneStatus,
    Modification,
    Objective,
    Organization,
    Pillar,
    Publication,
    RatingLevel,
    ReportingRound,
    ResponsibleUnit,
    RoundReport,
    RoundReportEntry,
    StatusOverride,
    TransversalRating,
)
from commitments.semaforo import ProgressSource, Status, expected_progress

EXERCISE_NUMBER = 99
SLUG_PREFIX = "sintetico"
PERIOD = (date(2025, 1, 1), date(2027, 12, 31))
# The plan and every commitment's approved original are public from this day.
PUBLISHED_ON = PERIOD[0]
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
PACES = [(2.5, 2), (1.0, 5), (0.8, 2), (0.6, 2), (0.3, 2), (0.0, 1)]
EVIDENCE_URL = "https://example.org/sintetico/evidencia"
PUBLISH_DELAY = timedelta(days=10)


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


@transaction.atomic
def drop():
    """Delete every row a previous synthetic plan created; returns whether there was one."""
    exercise = Exercise.objects.filter(number=EXERCISE_NUMBER).first()
    if exercise is None:
        return False
    for plan in ActionPlan.objects.filter(exercise=exercise):
        services.drop_plan(plan=plan)
    for model in (ResponsibleUnit, Organization):
        for row in model.objects.filter(slug__startswith=f"{SLUG_PREFIX}-"):
            services.delete(instance=row)
    services.delete(instance=exercise)
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
    plan = Plan(rng, as_of)
    plan.structure(actions)
    services.bulk_load(rows=plan.rows)
    plan.rows = []
    plan.facts()
    services.bulk_load(rows=plan.rows)
    return plan.plan, plan.counts


class Plan:
    """Collects the (day, row) pairs of one synthetic plan, in dependency order."""

    def __init__(self, rng, as_of):
        self.rng = rng
        self.as_of = as_of
        self.rows = []
        self.counts = {}

    def add(self, day, rows, label=None):
        rows = list(rows)
        self.rows += [(day, row) for row in rows]
        if label:
            self.counts[label] = self.counts.get(label, 0) + len(rows)
        return rows

    def add_dated(self, pairs, label):
        pairs = list(pairs)
        self.rows += pairs
        self.counts[label] = self.counts.get(label, 0) + len(pairs)
        return [row for _, row in pairs]

    # --- Structure: the working copy --------------------------------------------------

    def structure(self, actions):
        day = PUBLISHED_ON
        (exercise,) = self.add(
            day,
            [
                Exercise(
                    number=EXERCISE_NUMBER,
                    name="Ejercicio sintético para pruebas de rendimiento",
                    start_date=PERIOD[0],
                    end_date=PERIOD[1],
                    status=Exercise.Status.IMPLEMENTATION,
                )
            ],
        )
        (self.plan,) = self.add(
            day,
            [
                ActionPlan(
                    exercise=exercise,
                    title="Plan sintético (pruebas de rendimiento)",
                    slug=f"{SLUG_PREFIX}-plan",
                    summary="Plan generado automáticamente para medir el rendimiento; no es real.",
                )
            ],
        )
        axes = self.add(
            day,
            (
                Axis(plan=self.plan, name=name, slug=f"{SLUG_PREFIX}-{name.lower()}", order=n)
                for n, name in enumerate(AXIS_NAMES)
            ),
        )
        objectives = self.add(
            day,
            (
                Objective(axis=axis, code=f"S{n}-O1", title=f"Objetivo sintético del eje {axis}")
                for n, axis in enumerate(axes, start=1)
            ),
        )
        self.units = self.add(
            day,
            (
                ResponsibleUnit(
                    name=f"Dependencia sintética {n:02d}",
                    acronym=f"DS{n:02d}",
                    slug=f"{SLUG_PREFIX}-ds{n:02d}",
                )
                for n in range(1, UNIT_COUNT + 1)
            ),
        )
        organizations = self.add(
            day,
            (
                Organization(
                    name=f"Organización sintética {n:02d}",
                    slug=f"{SLUG_PREFIX}-org-{n:02d}",
                    kind=Organization.Kind.CIVIL_SOCIETY,
                )
                for n in range(1, ORGANIZATION_COUNT + 1)
            ),
        )
        self._commitments(objectives, actions)
        self._parties(organizations)
        self._indicators()
        self._milestones()
        self.rounds = self.add(
            day,
            (
                ReportingRound(
                    plan=self.plan,
                    number=n,
                    title=f"Corte sintético {n}",
                    period_end=period_end,
                    opens_on=opens,
                    deadline=deadline,
                )
                for n, (period_end, opens, deadline) in enumerate(ROUNDS, start=1)
            ),
        )

    def _commitments(self, objectives, actions):
        rng = self.rng
        paces = [pace for pace, _ in PACES]
        weights = [weight for _, weight in PACES]
        sources = [ProgressSource.INDICATORS] * 3 + [
            ProgressSource.MILESTONES,
            ProgressSource.BOTH,
        ]
        rows, self.stories = [], []
        for n in range(1, actions + 1):
            start = PERIOD[0] + timedelta(days=rng.randrange(60, 760))
            end = min(start + timedelta(days=rng.randrange(240, 720)), PERIOD[1])
            rows.append(
                Commitment(
                    plan=self.plan,
                    objective=objectives[n % len(objectives)],
                    code=f"S-{n:04d}",
                    slug=f"{SLUG_PREFIX}-s-{n:04d}",
                    title=f"Acción sintética {n}",
                    description="Compromiso generado para medir el rendimiento del portal.",
                    unit=self.units[n % len(self.units)],
                    goal="Meta sintética.",
                    start_date=start,
                    end_date=end,
                    progress_source=rng.choice(sources),
                    is_example=True,
                )
            )
            stale = n % 10 == 0
            stale_after = self.as_of - timedelta(days=rng.randrange(220, 400)) if stale else None
            self.stories.append(Story(pace=rng.choices(paces, weights)[0], stale_after=stale_after))
        self.commitments = self.add(PUBLISHED_ON, rows, "compromisos")
        pillars = list(Pillar.objects.all())
        self.pillar_ids = {}
        if pillars:
            Through = Commitment.pillars.through
            links = self.add(
                PUBLISHED_ON,
                (
                    Through(commitment=c, pillar=pillars[i % len(pillars)])
                    for i, c in enumerate(self.commitments)
                ),
            )
            for link in links:
                self.pillar_ids[id(link.commitment)] = [link.pillar.pk]

    def _parties(self, organizations):
        parties = []
        for n, commitment in enumerate(self.commitments):
            if n % 2:
                other = self.units[(self.units.index(commitment.unit) + 1) % len(self.units)]
                parties.append(CoResponsibility(commitment=commitment, unit=other, role="Apoya"))
            else:
                organization = organizations[n % len(organizations)]
                parties.append(
                    CoResponsibility(
                        commitment=commitment, organization=organization, role="Vigila"
                    )
                )
        self.parties = self.add(PUBLISHED_ON, parties, "corresponsables")

    def _indicators(self):
        rng = self.rng
        rows = []
        for commitment in self.commitments:
            for order in range(1, rng.choice([1, 1, 2]) + 1):
                baseline = Decimal(rng.randrange(0, 50))
                target = baseline + Decimal(rng.randrange(10, 200))
                if rng.random() < 0.3:
                    baseline, target = target, baseline
                rows.append(
                    Indicator(
                        commitment=commitment,
                        name=f"Indicador sintético {order}",
                        unit="unidades",
                        baseline=baseline,
                        target=target,
                        direction=(
                            Indicator.Direction.UP
                            if target > baseline
                            else Indicator.Direction.DOWN
                        ),
                        periodicity=Indicator.Periodicity.QUARTERLY,
                        verification_means="Registro sintético.",
                        order=order,
                    )
                )
        self.indicators = self.add(PUBLISHED_ON, rows, "indicadores")

    def _milestones(self):
        rng = self.rng
        rows = []
        for commitment in self.commitments:
            count = rng.randrange(3, 6)
            span = (commitment.end_date - commitment.start_date).days
            for n in range(count):
                rows.append(
                    Milestone(
                        commitment=commitment,
                        order=n + 1,
                        title=f"Hito sintético {n + 1}",
                        deliverable="Entregable sintético.",
                        unit=commitment.unit,
                        start_date=commitment.start_date + timedelta(days=span * n // count),
                        end_date=commitment.start_date
                        + timedelta(days=span * (n + 1) // count - 1),
                    )
                )
        self.milestones = self.add(PUBLISHED_ON, rows, "hitos")

    # --- Public record: versions, publications and dated facts ----------------------

    def facts(self):
        by_commitment = {}
        for group, name in (
            (self.indicators, "indicators"),
            (self.milestones, "milestones"),
            (self.parties, "parties"),
        ):
            for row in group:
                parts = by_commitment.setdefault(row.commitment_id, {})
                parts.setdefault(name, []).append(row)
        self.parts = by_commitment
        self._versions()
        self._measurements()
        self._milestone_progress()
        self._overrides()
        self._ratings_and_assessments()

    def _content(self, commitment):
        parts = self.parts[commitment.pk]
        return VersionContent.of(
            commitment,
            pillar_ids=self.pillar_ids.get(id(commitment), []),
            co_responsibles=parts.get("parties", []),
            indicators=parts.get("indicators", []),
            milestones=parts.get("milestones", []),
        )

    def _versions(self):
        """Every commitment's approved original; one in twenty later had its deadline moved
        (its original ends 90 days earlier, with its milestones inside that end)."""
        rng = self.rng
        originals, modifications, changed = [], [], []
        for n, commitment in enumerate(self.commitments, start=1):
            content = self._content(commitment)
            if n % 20 == 0:
                original_end = commitment.end_date - timedelta(days=90)
                content = replace(
                    content,
                    end_date=original_end,
                    milestones=tuple(
                        replace(m, end_date=min(m.end_date, original_end))
                        for m in content.milestones
                    ),
                )
                approved_on = self.as_of - timedelta(days=rng.randrange(30, 200))
                modification = Modification(
                    commitment=commitment,
                    approved_on=approved_on,
                    summary="Se amplía el plazo tres meses (sintético).",
                    reason="Motivo sintético.",
                )
                modifications.append((approved_on, modification))
                changed.append(
                    (
                        approved_on,
                        CommitmentVersion(
                            commitment=commitment,
                            number=2,
                            effective_on=approved_on,
                            reason=modification.reason,
                            modification=modification,
                            data=self._content(commitment).to_json(),
                        ),
                    )
                )
            originals.append(
                CommitmentVersion(
                    commitment=commitment,
                    number=1,
                    effective_on=PUBLISHED_ON,
                    data=content.to_json(),
                )
            )
        self.add(PUBLISHED_ON, originals)
        self.add(
            PUBLISHED_ON,
            [Publication(plan=self.plan, is_published=True)]
            + [Publication(commitment=c, is_published=True) for c in self.commitments],
        )
        self.add_dated(modifications, "modificaciones")
        self.add_dated(changed, "versiones modificadas")

    def _measurements(self):
        rng, as_of = self.rng, self.as_of
        stories = {c.pk: (c, s) for c, s in zip(self.commitments, self.stories, strict=True)}
        rows = []
        for indicator in self.indicators:
            commitment, story = stories[indicator.commitment_id]
            if story.pace == 0:
                continue
            last = min(as_of, commitment.end_date, story.stale_after or as_of)
            for day in _quarter_ends(commitment.start_date, last):
                fraction = Decimal(str(round(story.fraction_on(commitment, day), 4)))
                published_on = day + PUBLISH_DELAY
                is_published = published_on <= as_of and rng.random() > 0.05
                rows.append(
                    (
                        published_on if is_published else as_of,
                        Measurement(
                            indicator=indicator,
                            date=day,
                            value=(
                                indicator.baseline
                                + (indicator.target - indicator.baseline) * fraction
                            ).quantize(Decimal("0.01")),
                            narrative="Avance sintético.",
                            status=FactStatus.PUBLISHED if is_published else FactStatus.DRAFT,
                            evidence_url=f"{EVIDENCE_URL}/{indicator.pk}-{day:%Y%m}.pdf",
                        ),
                    )
                )
        self.add_dated(rows, "avances")

    def _milestone_progress(self):
        """Round reports (each entry a public percent), then a latest update; evidence is
        published with a milestone's first progress."""
        rng, as_of = self.rng, self.as_of
        evidence, reports, entries, progress = [], [], [], []
        evidenced = set()

        def record(day, milestone, percent, report=None):
            if percent and milestone.pk not in evidenced:
                evidenced.add(milestone.pk)
                evidence.append(
                    (
                        day,
                        Evidence(
                            commitment=milestone.commitment,
                            milestone=milestone,
                            title=f"Evidencia del {milestone.title.lower()}",
                            date=min(milestone.end_date, day),
                            evidence_url=f"{EVIDENCE_URL}/hito-{milestone.pk}.pdf",
                            status=FactStatus.PUBLISHED,
                        ),
                    )
                )
            progress.append(
                (
                    day,
                    MilestoneProgress(
                        milestone=milestone,
                        date=min(report.round.period_end, day) if report else day,
                        percent=percent,
                        milestone_status=_status_for(percent),
                        narrative="Avance sintético.",
                        report=report,
                        status=FactStatus.PUBLISHED,
                    ),
                )
            )

        stories = list(zip(self.commitments, self.stories, strict=True))
        for round_ in self.rounds:
            if round_.deadline >= as_of:
                continue
            for commitment, story in stories:
                if commitment.start_date > round_.period_end or rng.random() < 0.05:
                    continue
                if rng.random() < 0.1:
                    delivered = min(round_.deadline + timedelta(days=rng.randrange(3, 15)), as_of)
                else:
                    delivered = round_.deadline - timedelta(days=rng.randrange(0, 5))
                report = RoundReport(
                    round=round_,
                    commitment=commitment,
                    narrative="Informe sintético del corte.",
                    status=FactStatus.PUBLISHED,
                )
                reports.append((delivered, report))
                milestones = self.parts[commitment.pk]["milestones"]
                fraction = story.fraction_on(commitment, round_.period_end)
                for n, milestone in enumerate(milestones):
                    percent = _milestone_percent(fraction, n, len(milestones))
                    entries.append(
                        RoundReportEntry(report=report, milestone=milestone, percent=percent)
                    )
                    record(delivered, milestone, percent, report)
        for commitment, story in stories:
            milestones = self.parts[commitment.pk]["milestones"]
            day = as_of - timedelta(days=rng.randrange(0, 40))
            fraction = story.fraction_on(commitment, day)
            for n, milestone in enumerate(milestones):
                percent = _milestone_percent(fraction, n, len(milestones))
                if percent:
                    record(day, milestone, percent)
        self.add_dated(sorted(evidence, key=lambda pair: pair[0]), "evidencias")
        self.add_dated(reports, "reportes de corte")
        self.add(as_of, entries, "avances de hitos en cortes")
        self.add_dated(progress, "avances de hitos")

    def _overrides(self):
        day = self.as_of - timedelta(days=20)
        self.add(
            day,
            (
                StatusOverride(
                    commitment=c,
                    status_value=Status.DELAYED,
                    reason="Motivo sintético del estado asignado.",
                    starts_on=day,
                    status=FactStatus.PUBLISHED,
                )
                for n, c in enumerate(self.commitments, start=1)
                if n % 50 == 0
            ),
            "estados asignados",
        )

    def _ratings_and_assessments(self):
        rng = self.rng
        levels = list(RatingLevel)
        self.add(
            PUBLISHED_ON,
            (
                TransversalRating(
                    commitment=commitment,
                    dimension=dimension,
                    level=rng.choice(levels),
                    justification="Valoración sintética.",
                    status=FactStatus.PUBLISHED,
                )
                for commitment in self.commitments
                for dimension in Dimension
            ),
            "valoraciones transversales",
        )
        A = Assessment
        assessed_on = self.as_of - timedelta(days=30)
        self.add(
            assessed_on,
            (
                A(
                    commitment=commitment,
                    assessed_on=assessed_on,
                    assessor="Evaluación sintética",
                    verifiable=rng.random() > 0.2,
                    verifiable_justification="Justificación sintética.",
                    relevance_civic_participation=rng.random() > 0.3,
                    relevance_justification="Justificación sintética.",
                    potential=rng.choice(list(A.Potential)),
                    potential_justification="Justificación sintética.",
                    completion=rng.choice(list(A.Completion)),
                    completion_justification="Justificación sintética.",
                    status=FactStatus.PUBLISHED,
                )
                for n, commitment in enumerate(self.commitments)
                if n % 5 == 0
            ),
            "valoraciones independientes",
        )


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


def _milestone_percent(fraction, order, count):
    """Milestones fill up in order until they account for the commitment's progress."""
    share = 1 / count
    return round(max(0.0, min(1.0, (fraction - order * share) / share)) * 100)


def _status_for(percent):
    if percent == 100:
        return MilestoneStatus.COMPLETE
    return MilestoneStatus.IN_PROGRESS if percent else MilestoneStatus.PENDING
