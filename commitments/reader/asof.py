"""The as-of core: which plans, versions and facts were public at the end of a day.

A day D shows exactly what had been published by the end of D (`core.clock.end_of`), so
nothing made public later can change it; the semáforo's verdict is computed from these plain
values by `commitments.semaforo`. No request, no URL, no cache here: pages and reports call
it with a day they parsed, and it answers plain values.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property

from django.db.models import (
    OuterRef,
    Q,
    Subquery,
)
from django.utils import timezone

from commitments import semaforo
from commitments.content import VersionContent
from commitments.models import (
    ActionPlan,
    CommitmentVersion,
    FactStatus,
    Measurement,
    MilestoneProgress,
    MilestoneStatus,
    Publication,
    StatusOverride,
)
from core import clock

# --- Which facts were public ---------------------------------------------------------


def current(rows, end):
    """Rows public before `end`: published by then and not superseded by a row that was.

    `rows` have `pk`, `supersedes`, `published_at` and `withdrawn`; the SQL twin of this
    rule is `PublicFactQuerySet.public_at`.
    """
    visible = [r for r in rows if r.published_at < end]
    replaced = {r.supersedes for r in visible if r.supersedes}
    return [r for r in visible if r.pk not in replaced and not r.withdrawn]


@dataclass(frozen=True)
class Fact:
    pk: int
    owner: int
    date: date
    published_at: datetime
    supersedes: int | None
    withdrawn: bool
    value: object = None
    extra: tuple = ()

    @property
    def published_on(self):
        return timezone.localdate(self.published_at)


def _facts(queryset, owner, value, *extra, end, day, dated=True, date_field="date"):
    queryset = queryset.filter(status=FactStatus.PUBLISHED, published_at__lt=end)
    if dated:
        queryset = queryset.filter(**{f"{date_field}__lte": day})
    rows = queryset.values_list(
        "pk",
        owner,
        date_field if dated else "recorded_at",
        "published_at",
        "supersedes_id",
        "is_withdrawal",
        value,
        *extra,
    ).order_by()
    grouped = defaultdict(list)
    for pk, owner_id, day_, at, sup, withdrawn, val, *rest in rows:
        if not dated:
            day_ = timezone.localdate(at)
        grouped[owner_id].append(Fact(pk, owner_id, day_, at, sup, withdrawn, val, tuple(rest)))
    return grouped


def facts_of(queryset, owner, value, *extra, when):
    """Every published fact of `queryset`, of any day, grouped by `owner`: each about the
    day in its `when` field, or about the day it became public if `when` is "published_at"."""
    everything = date(9999, 12, 30)
    return _facts(
        queryset,
        owner,
        value,
        *extra,
        end=clock.end_of(everything),
        day=everything,
        dated=when != "published_at",
        date_field=when,
    )


def latest_fact(facts):
    """The fact about the latest date (ties: the one published last)."""
    return max(facts, key=lambda f: (f.date, f.published_at), default=None)


@dataclass(frozen=True)
class Version:
    commitment_id: int
    number: int
    effective_on: date
    published_at: datetime
    reason: str
    modification_id: int | None
    # As stored; read it through `content`.
    data: dict

    @cached_property
    def content(self):
        return VersionContent.from_json(self.data)

    @property
    def start(self):
        return self.content.start_date

    @property
    def end(self):
        return self.content.end_date


def version_at(versions, day):
    """The version in force on `day` among those public by its end."""
    end = clock.end_of(day)
    eligible = [v for v in versions if v.published_at < end and v.effective_on <= day]
    if not eligible:
        # Approved to start later: the public sees the approved text before it takes effect.
        eligible = [v for v in versions if v.published_at < end and v.number == 1]
    return max(eligible, key=lambda v: (v.effective_on, v.number), default=None)


def is_published_at(events, day):
    """Publication events are (moment, published?); the last one before the end of `day`."""
    end = clock.end_of(day)
    last = None
    for at, published in events:
        if at < end and (last is None or at >= last[0]):
            last = (at, published)
    return bool(last and last[1])


# --- Plans -------------------------------------------------------------------------------


def published_plans(day=None):
    """Plans public at the end of `day`, current (most recent exercise) first."""
    day = day or clock.today()
    last_event = Publication.objects.filter(plan=OuterRef("pk"), at__lt=clock.end_of(day)).order_by(
        "-at", "-id"
    )
    return list(
        ActionPlan.objects.annotate(public=Subquery(last_event.values("is_published")[:1]))
        .filter(public=True)
        .select_related("exercise")
        .order_by("-exercise__number", "-id")
    )


def judged_on(plan, day):
    """A closed plan is judged at its end: nothing it did not do then is late later."""
    return min(day, plan.exercise.end_date)


# --- Commitment state on a day ---------------------------------------------------------


@dataclass
class PlanFacts:
    """Facts of some commitments public by the end of one day, grouped by owner."""

    versions: dict
    publications: dict
    plan_events: list
    measurements: dict
    progress: dict
    overrides: dict


def load_facts(commitment_filter, day, *, plan_id=None, detailed=False):
    """Facts public by the end of `day` of the commitments matching `commitment_filter`,
    with the publication events of their plan `plan_id` if given."""
    end = clock.end_of(day)
    versions = defaultdict(list)
    for cid, number, eff, at, reason, mod, data in (
        CommitmentVersion.objects.filter(published_at__lt=end, **_prefix(commitment_filter, ""))
        .values_list(
            "commitment_id",
            "number",
            "effective_on",
            "published_at",
            "reason",
            "modification_id",
            "data",
        )
        .order_by()
    ):
        versions[cid].append(Version(cid, number, eff, at, reason, mod, data))
    publications = defaultdict(list)
    plan_events = []
    targets = Q(**_prefix(commitment_filter, ""))
    if plan_id is not None:
        targets |= Q(plan_id=plan_id)
    for cid, target_plan, at, published in (
        Publication.objects.filter(at__lt=end)
        .filter(targets)
        .values_list("commitment_id", "plan_id", "at", "is_published")
        .order_by()
    ):
        if target_plan:
            plan_events.append((at, published))
        else:
            publications[cid].append((at, published))
    m_extra = (
        ("narrative", "evidence_file", "evidence_url", "correction_reason") if detailed else ()
    )
    p_extra = (
        ("milestone_status", "narrative", "difficulties", "success_factors", "correction_reason")
        if detailed
        else ("milestone_status",)
    )
    return PlanFacts(
        versions=versions,
        publications=publications,
        plan_events=plan_events,
        measurements=_facts(
            Measurement.objects.filter(**_prefix(commitment_filter, "indicator__")),
            "indicator_id",
            "value",
            *m_extra,
            end=end,
            day=day,
        ),
        progress=_facts(
            MilestoneProgress.objects.filter(**_prefix(commitment_filter, "milestone__")),
            "milestone_id",
            "percent",
            *p_extra,
            end=end,
            day=day,
        ),
        overrides=_facts(
            StatusOverride.objects.filter(**_prefix(commitment_filter, "")),
            "commitment_id",
            "status_value",
            "reason",
            "starts_on",
            "ends_on",
            end=end,
            day=day,
            dated=False,
        ),
    )


def _prefix(commitment_filter, path):
    return {f"{path}commitment__{k}": v for k, v in commitment_filter.items()}


def _f(value):
    return float(value)


def rule_inputs(*, version, facts, day):
    """A version's indicators and milestones with their latest facts public by the end of
    `day`, and the overrides public by then (oldest first), for the semáforo."""
    end = clock.end_of(day)
    content = version.content
    indicators = []
    for item in content.indicators:
        latest = latest_fact(
            [f for f in current(facts.measurements.get(item.id, ()), end) if f.date <= day]
        )
        indicators.append(
            semaforo.IndicatorInput(
                baseline=_f(item.baseline),
                target=_f(item.target),
                weight=_f(item.weight),
                periodicity=item.periodicity,
                latest_value=_f(latest.value) if latest else None,
                latest_date=latest.date if latest else None,
            )
        )
    milestones = []
    for item in content.milestones:
        latest = latest_fact(
            [f for f in current(facts.progress.get(item.id, ()), end) if f.date <= day]
        )
        milestones.append(
            semaforo.MilestoneInput(
                start=item.start_date,
                end=item.end_date,
                weight=_f(item.weight),
                percent=float(latest.value) if latest else None,
                cancelled=bool(latest and latest.extra[0] == MilestoneStatus.CANCELLED),
            )
        )
    cid = version.commitment_id
    overrides = [
        (fact.value, *fact.extra[:3])
        for fact in sorted(current(facts.overrides.get(cid, ()), end), key=lambda f: f.published_at)
    ]
    return indicators, milestones, overrides


def override_on(overrides, on):
    """The override in force on `on`: the last published of those whose span covers it."""
    found = None
    for status, reason, starts_on, ends_on in overrides:
        if starts_on <= on and (ends_on is None or on <= ends_on):
            found = semaforo.OverrideInput(status, reason, starts_on)
    return found


def verdict_at(*, plan, version, facts, day):
    """The semáforo of one commitment on `day` from facts loaded for `day` or later."""
    on = judged_on(plan, day)
    indicators, milestones, overrides = rule_inputs(version=version, facts=facts, day=day)
    return semaforo.judge(
        start=version.start,
        end=version.end,
        on=on,
        source=version.content.progress_source or plan.default_progress_source,
        thresholds=plan.thresholds,
        indicators=indicators,
        milestones=milestones,
        override=override_on(overrides, on),
    )
