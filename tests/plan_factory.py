"""Plans of any size for the list pages' tests, built with bulk_create (no demo data needed)."""

from datetime import date
from decimal import Decimal

from commitments.models import (
    ActionPlan,
    Assessment,
    Axis,
    Commitment,
    CoResponsibility,
    Dimension,
    Exercise,
    Indicator,
    Measurement,
    Milestone,
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
from portal.cache import bump_content_version

TODAY = date(2026, 11, 25)
START = date(2025, 9, 1)
END = date(2027, 8, 31)


def freeze_today(monkeypatch, day=TODAY):
    """Every `timezone.localdate()` in the project answers `day`."""
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)


def build_plan(size, *, slug="plan-grande", axes=3, units=4):
    """A published plan with `size` commitments, each with the data the board reads."""
    exercise, _ = Exercise.objects.get_or_create(
        number=90,
        defaults={"name": "Ejercicio de prueba", "start_date": START, "end_date": END},
    )
    plan = ActionPlan.objects.create(
        exercise=exercise, title=f"Plan {slug}", slug=slug, is_published=True
    )
    for n in range(axes):
        axis = Axis.objects.create(plan=plan, name=f"Eje {n}", slug=f"{slug}-eje-{n}", order=n)
        Objective.objects.create(axis=axis, code=f"O{n}", title=f"Objetivo {n}")
    for n in range(units):
        ResponsibleUnit.objects.get_or_create(
            slug=f"unidad-{n}", defaults={"name": f"Unidad {n}", "acronym": f"U{n}"}
        )
    Organization.objects.get_or_create(
        slug="org-prueba", defaults={"name": "Organización de prueba", "kind": "academia"}
    )
    for n in range(2):
        Pillar.objects.get_or_create(
            slug=f"pilar-{n}", defaults={"name": f"Pilar {n}", "summary": "…", "order": n}
        )
    ReportingRound.objects.create(
        plan=plan,
        number=1,
        title="Primer corte",
        period_end=date(2026, 2, 28),
        opens_on=date(2026, 3, 1),
        deadline=date(2026, 3, 20),
    )
    add_commitments(plan, size)
    return plan


def add_commitments(plan, count):
    """Add `count` commitments to a plan built by `build_plan`, spread over its axes and units."""
    objectives = list(Objective.objects.filter(axis__plan=plan).order_by("pk"))
    units = list(ResponsibleUnit.objects.filter(slug__startswith="unidad-").order_by("slug"))
    organization = Organization.objects.get(slug="org-prueba")
    pillars = list(Pillar.objects.filter(slug__startswith="pilar-"))
    round_ = plan.rounds.get(number=1)
    first = plan.commitments.count()
    commitments = Commitment.objects.bulk_create(
        Commitment(
            plan=plan,
            objective=objectives[n % len(objectives)],
            code=f"C-{n + 1:03d}",
            slug=f"{plan.slug}-c-{n + 1}",
            title=f"Compromiso número {n + 1}",
            description="Descripción de prueba.",
            unit=units[n % len(units)],
            goal="Meta de prueba.",
            start_date=START,
            end_date=END,
        )
        for n in range(first, first + count)
    )
    indicators = Indicator.objects.bulk_create(
        Indicator(
            commitment=c, name="Indicador", unit="%", baseline=0, target=100, verification_means="…"
        )
        for c in commitments
    )
    Measurement.objects.bulk_create(
        Measurement(
            indicator=indicator,
            date=date(2026, 10, 31),
            value=Decimal((n * 7) % 101),
            status=Measurement.Status.PUBLISHED,
            published_on=date(2026, 11, 5),
        )
        for n, indicator in enumerate(indicators)
    )
    milestones = Milestone.objects.bulk_create(
        Milestone(
            commitment=c,
            title="Hito",
            deliverable="Entregable",
            start_date=START,
            end_date=END,
            percent_done=50,
            progress_updated_on=date(2026, 10, 1),
        )
        for c in commitments
    )
    reports = RoundReport.objects.bulk_create(
        RoundReport(round=round_, commitment=c, narrative="…", submitted_on=date(2026, 3, 18))
        for c in commitments
    )
    RoundReportEntry.objects.bulk_create(
        RoundReportEntry(report=report, milestone=milestone, percent=20)
        for report, milestone in zip(reports, milestones, strict=True)
    )
    CoResponsibility.objects.bulk_create(
        CoResponsibility(commitment=c, organization=organization, role="Acompaña")
        for c in commitments
    )
    TransversalRating.objects.bulk_create(
        TransversalRating(commitment=c, dimension=d, level=RatingLevel.MEDIUM, justification="…")
        for c in commitments
        for d in Dimension
    )
    Assessment.objects.bulk_create(
        Assessment(
            commitment=c,
            assessed_on=date(2026, 10, 1),
            assessor="Comité independiente",
            verifiable=True,
            verifiable_justification="…",
            relevance_civic_participation=True,
            relevance_justification="…",
            potential=Assessment.Potential.SUBSTANTIAL,
            potential_justification="…",
            completion=Assessment.Completion.SUBSTANTIAL,
            completion_justification="…",
        )
        for c in commitments
    )
    Commitment.pillars.through.objects.bulk_create(
        Commitment.pillars.through(commitment=c, pillar=pillars[n % len(pillars)])
        for n, c in enumerate(commitments)
    )
    # bulk_create sends no signals: make cached pages stale by hand, as any bulk update must.
    bump_content_version()
    return commitments
