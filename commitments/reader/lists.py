"""Lists of commitments on a day: board, home, axis and unit pages, and reports' rows.

Lists read the stored span of each commitment that covers the day (`commitments.projection`,
built by the write path from the as-of core) rather than every fact: `PlanList` has the
database filter, count, sort and page them by the verdict stored with each span, and judges in
full only the rows a page shows. Reports, which show every commitment, read them all as rows
(`plan_view`, kept in the cache under the content version).
"""

import contextlib
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property

from django.core.cache import cache
from django.db.models import (
    Q,
)
from django.urls import reverse
from django.utils import timezone

from commitments import semaforo, stored
from commitments.models import (
    CommitmentState,
    Publication,
    RatingRubric,
    StatusOverride,
)
from commitments.reader.asof import is_published_at, judged_on, override_on
from commitments.reader.english import commitment_texts, texts_of, translate
from commitments.reader.refs import Ref, _parties, _pillars, _structure
from core import clock
from core.content_version import content_version
from core.l10n import page_language

# --- Lists -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """A commitment as a list shows it on one day."""

    pk: int
    slug: str
    code: str
    title: str
    description: str
    axis: Ref
    objective: Ref
    unit: Ref
    pillars: tuple
    parties: frozenset
    co_parties: tuple
    is_example: bool
    start: date
    end: date
    verdict: semaforo.Verdict
    role: str = ""
    # DA-2 before DA-10, worked out once for every sort of every page.
    code_key: tuple = ()

    @property
    def url(self):
        return reverse("commitment", args=[self.slug])

    def get_absolute_url(self):
        return self.url


@dataclass(frozen=True)
class PlanView:
    rows: tuple
    last_update: date | None
    # Plan-wide summaries, kept with the rows so a list page recomputes nothing:
    # `ratings_summary` and `assessment_tally`.
    ratings: tuple = ({}, {})
    assessments: tuple = ()


@dataclass(frozen=True)
class AssessmentFact:
    """The latest public independent assessment of a commitment, as plain values."""

    completion: str
    potential: str
    is_starred: bool
    assessor: str


def party_key(kind, slug):
    return f"{kind}:{slug}"


def plan_view(plan, day):
    """Every commitment of `plan` public at the end of `day`, with its verdict, and the
    plan-wide summaries (ratings, assessments, last update): what reports show. List pages
    read only what they show, through `PlanList`."""

    key = ":".join(
        (
            f"reader:plan:{plan.pk}:{day.isoformat()}:{content_version()}:{clock.today()}",
            page_language(),
        )
    )
    try:
        found = cache.get(key)
    except Exception:
        found = None
    if found is not None:
        return found
    view = _plan_view(plan, day)
    # A cache outage only costs speed.
    with contextlib.suppress(Exception):
        cache.set(key, view, timeout=60 * 60)
    return view


PARTY_TAGS = {"dependencia": "u", "organizacion": "o"}


def _plan_view(plan, day):

    events = Publication.objects.filter(plan=plan, at__lt=clock.end_of(day)).values_list(
        "at", "is_published"
    )
    if not is_published_at(events, day):
        return PlanView((), None)
    rows, moments = [], []
    states = (
        CommitmentState.objects.on(plan.pk, day)
        .values_list(*stored.ROW_COLUMNS)
        .order_by("commitment_id")
    )
    for row, state in _rows_of(plan, states, judged_on(plan, day), _refs(plan)):
        rows.append(row)
        if state.last:
            moments.append(state.last)
    last = max(map(datetime.fromisoformat, moments), default=None)
    states = CommitmentState.objects.on(plan.pk, day)
    return PlanView(
        tuple(rows),
        timezone.localdate(last) if last else None,
        ratings=ratings_summary(states),
        assessments=assessment_tally(states),
    )


def _rows_of(plan, states, on, refs):
    """(Row, stored.State) of each stored state (`stored.ROW_COLUMNS`)."""
    states = list(states)
    english = commitment_texts([columns[0] for columns in states])
    for cid, slug, is_example, code, title, description, payload in states:
        state = stored.State.from_json(payload)
        verdict = semaforo.judge_reduced(
            state.inputs,
            start=state.start,
            end=state.end,
            on=on,
            source=state.progress_source or plan.default_progress_source,
            thresholds=plan.thresholds,
            override=override_on(state.overrides, on),
        )
        row = _row(
            cid,
            slug,
            is_example,
            code=code,
            title=translate(title, texts_of(english, cid, "title")),
            description=translate(description, texts_of(english, cid, "description")),
            objective_id=state.objective_id,
            unit_id=state.unit_id,
            co_responsibles=state.co_responsibles,
            pillar_ids=state.pillar_ids,
            start=state.start,
            end=state.end,
            verdict=verdict,
            refs=refs,
        )
        yield row, state


def _refs(plan):
    _axes, objectives = _structure(plan)
    (units, organizations), pillars = _parties(), _pillars()
    return {
        "axes": _axes,
        "objectives": objectives,
        "units": units,
        "organizations": organizations,
        "pillars": pillars,
    }


@dataclass(frozen=True)
class Group:
    """Commitments of a list that share their matrix references and their verdict on the
    day: one row of `CommitmentStateQuerySet.tally`."""

    objective: Ref
    axis: Ref
    unit: Ref
    parties: tuple
    pillars: tuple
    status: str
    stale: bool
    is_example: bool
    count: int
    progress_sum: float
    expected_sum: float
    last: datetime | None


def last_update(groups):
    """The day of the latest measurement or milestone progress these groups show."""
    last = max((g.last for g in groups if g.last), default=None)
    return timezone.localdate(last) if last else None


class PlanList:
    """A plan's commitments public at the end of `day`, read from their stored states: the
    database filters, counts, sorts and pages them, and only the rows a page shows are
    judged in full, so a page costs about the same at 40 commitments as at 4,000.

    `states` is the queryset of the public states, for the lists' own filters
    (`CommitmentStateQuerySet`); `groups` tallies them; `rows` turns a slice into Rows.
    """

    def __init__(self, plan, day):
        self.plan = plan
        self.day = day
        self.on = judged_on(plan, day)
        events = Publication.objects.filter(plan=plan, at__lt=clock.end_of(day)).values_list(
            "at", "is_published"
        )
        self.is_public = is_published_at(events, day)
        states = CommitmentState.objects.on(plan.pk, day)
        self.states = states if self.is_public else states.none()

    @cached_property
    def first_public_day(self):
        """The first day the plan was public, or None if it never was."""
        first = (
            Publication.objects.filter(plan=self.plan, is_published=True)
            .order_by("at")
            .values_list("at", flat=True)
            .first()
        )
        return timezone.localdate(first) if first else None

    @property
    def not_yet_public(self):
        """The day shown is before the plan was first made public."""
        if self.is_public:
            return False
        first = self.first_public_day
        return first is not None and self.day < first

    @cached_property
    def refs(self):
        return _refs(self.plan)

    def under_axis(self, axis):
        ids = [pk for pk, o in self.refs["objectives"].items() if o.extra["axis"].pk == axis.pk]
        return self.states.under_objectives(ids)

    def with_party(self, kind, pk):
        return self.states.with_party(stored.party_tag(PARTY_TAGS[kind], pk))

    def groups(self, states=None):
        """The tally of `states` (all public ones by default) as Groups."""
        refs = self.refs
        units, organizations, pillars = refs["units"], refs["organizations"], refs["pillars"]
        none = Ref(0, "")
        found = []
        for objective_id, unit_id, parties, pillar_tags, *rest in (
            self.states if states is None else states
        ).tally(self.day, "objective_ref", "unit_ref", "parties", "pillars"):
            objective = refs["objectives"].get(objective_id) or none
            tags = [tag.split(":") for tag in parties.strip("|").split("||") if tag]
            found.append(
                Group(
                    objective,
                    objective.extra.get("axis") or none,
                    units[unit_id],
                    tuple(
                        ("dependencia", units[int(pk)])
                        if kind == "u"
                        else ("organizacion", organizations[int(pk)])
                        for kind, pk in tags[1:]
                    ),
                    tuple(
                        pillars[int(pk)]
                        for pk in pillar_tags.strip("|").split("||")
                        if pk and int(pk) in pillars
                    ),
                    *rest,
                )
            )
        return found

    def late(self, limit):
        """Up to `limit` commitments behind schedule (atrasado, then con retraso; the furthest
        behind first) and how many there are in all."""
        states = self.states.filter(status__in=semaforo.LATE)
        shown = states.ordered("estado", self.day, semaforo.LATE)[:limit]
        return self.rows(shown), states.count()

    def rows(self, states):
        """Rows of these states (a slice of `states`, already sorted), in their order."""
        found = _rows_of(self.plan, states.values_list(*stored.ROW_COLUMNS), self.on, self.refs)
        return [row for row, _state in found]

    def assessments(self):
        return assessment_tally(self.states)

    def ratings(self):
        return ratings_summary(self.states)


def _row(cid, slug, is_example, *, objective_id, unit_id, co_responsibles, pillar_ids, refs, **row):
    """A list's row; `co_responsibles` are (unit id, organisation id, role)."""
    objective = refs["objectives"].get(objective_id) or Ref(0, "")
    unit = refs["units"][unit_id]
    pillars = refs["pillars"]
    co_parties = tuple(
        ("dependencia", refs["units"][co_unit], role)
        if co_unit
        else ("organizacion", refs["organizations"][organization], role)
        for co_unit, organization, role in co_responsibles
    )
    return Row(
        pk=cid,
        slug=slug,
        axis=objective.extra.get("axis") or Ref(0, ""),
        objective=objective,
        unit=unit,
        pillars=tuple(
            sorted((pillars[p] for p in pillar_ids if p in pillars), key=lambda p: p.order)
        ),
        parties=frozenset(
            [party_key("dependencia", unit.slug)]
            + [party_key(kind, ref.slug) for kind, ref, _role in co_parties]
        ),
        co_parties=co_parties,
        is_example=is_example,
        code_key=stored.natural_key(row["code"]),
        **row,
    )


# --- Assessments on a day ------------------------------------------------------------------


def ratings_summary(states):
    """Counts per (dimension, level) of the latest public rating of each commitment in
    `states` (stored states on one day), and what each level means (the rubric)."""
    counts = defaultdict(int)
    for tags, count in states.count_by("ratings"):
        for tag in tags.strip("|").split("||"):
            if tag:
                dimension, level = tag.split(":")
                counts[dimension, level] += count
    meanings = {
        (dimension, level): text
        for dimension, level, text in RatingRubric.objects.values_list(
            "dimension", "level", "description"
        )
    }
    return counts, meanings


def assessment_tally(states):
    """(AssessmentFact, how many) of the latest public assessments of the commitments in
    `states` (stored states on one day)."""
    return tuple(
        (AssessmentFact(completion, potential, starred, assessor), count)
        for completion, potential, starred, assessor, count in states.assessed().count_by(
            "assessment_completion", "assessment_potential", "assessment_starred", "assessor"
        )
    )


def overrides_due_for_review(day=None):
    """Overrides in force whose review date has passed (for the admin)."""
    day = day or clock.today()
    return (
        StatusOverride.objects.public_at(day)
        .filter(review_on__lt=day)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day))
        .select_related("commitment")
    )
