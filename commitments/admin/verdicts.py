"""The status staff see is the one the public sees, and what it would be once pending
submissions were published (computed, never published to find out).
"""

from dataclasses import replace

from commitments import semaforo, services
from commitments.models import (
    Commitment,
    Measurement,
    MilestoneProgress,
    RoundReport,
    StatusOverride,
)
from core import clock


def staff_verdicts(plans):
    """Today's public verdict of each commitment of `plans` that has a public version."""
    from commitments import reader

    today = clock.today()
    found = {}
    for plan in plans:
        for row in reader.plan_view(plan, today).rows:
            found[row.pk] = row.verdict
    return found


def staff_verdict(commitment):
    from commitments import reader

    view = reader.CommitmentView(commitment, clock.today())
    return view.verdict if view.version is not None else None


def verdict_if_published(commitment, facts):
    """Today's public verdict of `commitment` if `facts` were published now.

    Computed, not published: the commitment's public facts as the reader reads them, the
    pending `facts` added as if public this moment (a round report as the progress its
    publication records), and the semáforo's rule on them. Nothing is written, locked or
    rolled back. Returns (verdict, refusal): refusal is the services' reason when
    publishing would be refused.
    """
    from commitments import reader

    refusal = services.refusal_to_publish(facts)
    if refusal:
        return None, refusal
    commitment = Commitment.objects.select_related("plan").get(pk=commitment.pk)
    today = clock.today()
    view = reader.CommitmentView(commitment, today)
    if view.version is None:
        return None, None
    stored = [type(f)._default_manager.get(pk=f.pk) for f in facts]
    public = with_pending(view.facts, stored, now=clock.now(), day=today)
    plan, version = commitment.plan, view.version
    on = reader.judged_on(plan, today)
    indicators, milestones, overrides = reader.rule_inputs(version=version, facts=public, day=today)
    verdict = semaforo.judge(
        start=version.start,
        end=version.end,
        on=on,
        source=version.data["progress_source"] or plan.default_progress_source,
        thresholds=plan.thresholds,
        indicators=indicators,
        milestones=milestones,
        override=reader.override_on(overrides, on),
    )
    return verdict, None


def with_pending(facts, pending, *, now, day):
    """`facts` (a reader.PlanFacts) with the `pending` rows as if published at `now`, in the
    shape the reader loads them (`detailed`). Evidence does not enter the rule."""
    from commitments import reader

    measurements = {k: list(v) for k, v in facts.measurements.items()}
    progress = {k: list(v) for k, v in facts.progress.items()}
    overrides = {k: list(v) for k, v in facts.overrides.items()}
    rows = []
    for fact in pending:
        rows += services.report_progress(fact) if isinstance(fact, RoundReport) else [fact]
    for number, row in enumerate(rows, start=1):
        pk = row.pk or -number  # a round report's progress is not saved: ids of its own
        base = (row.supersedes_id, row.is_withdrawal)
        if isinstance(row, Measurement) and row.date <= day:
            extra = (
                row.narrative,
                row.evidence_file.name or "",
                row.evidence_url,
                row.correction_reason,
            )
            measurements.setdefault(row.indicator_id, []).append(
                reader.Fact(pk, row.indicator_id, row.date, now, *base, row.value, extra)
            )
        elif isinstance(row, MilestoneProgress) and row.date <= day:
            extra = (
                row.milestone_status,
                row.narrative,
                row.difficulties,
                row.success_factors,
                row.correction_reason,
            )
            progress.setdefault(row.milestone_id, []).append(
                reader.Fact(pk, row.milestone_id, row.date, now, *base, row.percent, extra)
            )
        elif isinstance(row, StatusOverride):
            extra = (row.reason, row.starts_on, row.ends_on)
            overrides.setdefault(row.commitment_id, []).append(
                reader.Fact(pk, row.commitment_id, day, now, *base, row.status_value, extra)
            )
    return replace(facts, measurements=measurements, progress=progress, overrides=overrides)
