"""The one reader: what was public at the end of a day, as plain values.

Every public page (and the reports) asks this module, never the models: which plans were
published, each commitment's version in force, its indicators, milestones and their
weights, the facts public by then, and the semáforo's verdict computed from those values
by `commitments.semaforo`. A day D shows exactly what had been published by the end of D
(`portal.clock.end_of`), so nothing made public later can change it.

Lists (board, home, axis, unit pages) read the stored span of each commitment that covers
the day (`commitments.projection`, built from these same functions by the write path)
rather than every fact: `PlanList` has the database filter, count, sort and page them by
the verdict stored with each span, and judges in full only the rows a page shows. Reports,
which show every commitment, read them all as rows (`plan_view`, kept in the cache under
the content version).
"""

import contextlib
import functools
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property

from django.core.cache import cache
from django.db.models import (
    OuterRef,
    Q,
    Subquery,
    Value,
)
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from commitments import semaforo
from commitments.models import (
    ActionPlan,
    Assessment,
    ClosingReport,
    CommitmentState,
    CommitmentVersion,
    Dimension,
    Evidence,
    FactStatus,
    Measurement,
    MilestoneProgress,
    MilestoneStatus,
    Objective,
    Organization,
    Pillar,
    Publication,
    RatingRubric,
    ReportingRound,
    ResponsibleUnit,
    RoundReport,
    StatusOverride,
    TransversalRating,
    report_status,
)
from commitments.semaforo import ProgressSource
from portal import clock

# --- The day shown ---------------------------------------------------------------------

ROUND_NUMBER = re.compile(r"[0-9]{1,4}")
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@dataclass(frozen=True)
class Day:
    """The day a page shows: today, a past date (`?fecha=`) or a round's close (`?corte=`)."""

    day: date
    is_past: bool = False
    round: object = None
    error: str = ""


def resolve_day(request, plan, rounds=None):
    """Read `?fecha=AAAA-MM-DD` or `?corte=N`; a bad value shows today and says why.

    `rounds` are the plan's reporting rounds when the caller has them already."""
    today = clock.today()
    round_number = request.GET.get("corte", "").strip()
    raw = request.GET.get("fecha", "").strip()
    if round_number:
        round_ = None
        if ROUND_NUMBER.fullmatch(round_number) and plan is not None:
            number = int(round_number)
            if rounds is None:
                round_ = plan.rounds.filter(number=number).first()
            else:
                round_ = next((r for r in rounds if r.number == number), None)
        if round_ is None:
            return Day(today, error=_("No existe el corte «%(n)s».") % {"n": round_number[:20]})
        day = min(round_.deadline, today)
        return Day(day, is_past=day < today, round=round_)
    if not raw:
        return Day(today)
    try:
        # Only AAAA-MM-DD: Python also reads 20260630 and other ISO forms nobody typed here.
        if not ISO_DATE.fullmatch(raw):
            raise ValueError
        day = date.fromisoformat(raw)
    except ValueError:
        return Day(
            today,
            error=_("La fecha «%(raw)s» no es válida; usa el formato AAAA-MM-DD.")
            % {"raw": raw[:20]},
        )
    if day >= today:
        return Day(today)
    return Day(day, is_past=True)


# --- Plain references --------------------------------------------------------------------


@dataclass(frozen=True)
class Ref:
    """A unit, organisation, axis, objective or pillar, as a page shows it."""

    pk: int
    name: str
    slug: str = ""
    acronym: str = ""
    order: int = 0
    url: str = ""
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    @property
    def short(self):
        return self.acronym or self.name


PARTY_FIELDS = ("name", "slug", "acronym", "website", "office_email", "office_phone")


def _parties():
    """Units and organisations as Refs, read in one query (a UNION of both tables)."""
    units = ResponsibleUnit.objects.annotate(party_kind=Value("u")).values_list(
        "party_kind", "pk", *PARTY_FIELDS, "office_address"
    )
    blank = {f"blank_{n}": Value("") for n in range(4)}
    organizations = Organization.objects.annotate(party_kind=Value("o"), **blank).values_list(
        "party_kind", "pk", "name", "slug", "blank_0", "website", "blank_1", "blank_2", "blank_3"
    )
    found = {"u": {}, "o": {}}
    rows = units.order_by().union(organizations.order_by(), all=True)
    for kind, pk, name, slug, acronym, website, email, phone, address in rows:
        if kind == "u":
            extra = {"website": website, "email": email, "phone": phone, "address": address}
            found["u"][pk] = Ref(
                pk, name, slug, acronym, url=reverse("unit", args=[slug]), extra=extra
            )
        else:
            found["o"][pk] = Ref(pk, name, slug, url=reverse("organization", args=[slug]))
    return found["u"], found["o"]


def _units():
    return _parties()[0]


def _pillars():
    return {p.pk: Ref(p.pk, p.name, p.slug, order=p.order) for p in Pillar.objects.all()}


def _structure(plan):
    axes, objectives = {}, {}
    for o in Objective.objects.filter(axis__plan=plan).select_related("axis"):
        a = o.axis
        if a.pk not in axes:
            axes[a.pk] = Ref(
                a.pk, a.name, a.slug, order=a.order, url=reverse("axis", args=[a.slug])
            )
        objectives[o.pk] = Ref(o.pk, o.title, o.code, order=o.order, extra={"axis": axes[a.pk]})
    return axes, objectives


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
    data: dict

    @cached_property
    def start(self):
        return date.fromisoformat(self.data["start_date"])

    @cached_property
    def end(self):
        return date.fromisoformat(self.data["end_date"])


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
    data = version.data
    indicators = []
    for item in data["indicators"]:
        latest = latest_fact(
            [f for f in current(facts.measurements.get(item["id"], ()), end) if f.date <= day]
        )
        indicators.append(
            semaforo.IndicatorInput(
                baseline=_f(item["baseline"]),
                target=_f(item["target"]),
                weight=_f(item["weight"]),
                periodicity=item["periodicity"],
                latest_value=_f(latest.value) if latest else None,
                latest_date=latest.date if latest else None,
            )
        )
    milestones = []
    for item in data["milestones"]:
        latest = latest_fact(
            [f for f in current(facts.progress.get(item["id"], ()), end) if f.date <= day]
        )
        milestones.append(
            semaforo.MilestoneInput(
                start=date.fromisoformat(item["start_date"]),
                end=date.fromisoformat(item["end_date"]),
                weight=_f(item["weight"]),
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
        source=version.data["progress_source"] or plan.default_progress_source,
        thresholds=plan.thresholds,
        indicators=indicators,
        milestones=milestones,
        override=override_on(overrides, on),
    )


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
    from portal.cache import content_version  # portal.cache reads listing, which reads us

    key = f"reader:plan:{plan.pk}:{day.isoformat()}:{content_version()}:{clock.today()}"
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
    from commitments import projection  # the projection is built by this module's functions

    events = Publication.objects.filter(plan=plan, at__lt=clock.end_of(day)).values_list(
        "at", "is_published"
    )
    if not is_published_at(events, day):
        return PlanView((), None)
    rows, moments = [], []
    states = (
        CommitmentState.objects.on(plan.pk, day)
        .values_list(*projection.ROW_COLUMNS)
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
    """(Row, projection.State) of each stored state (`projection.ROW_COLUMNS`)."""
    from commitments import projection

    for cid, slug, is_example, code, title, description, payload in states:
        state = projection.read_payload(payload)
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
            title=title,
            description=description,
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
    def refs(self):
        return _refs(self.plan)

    def under_axis(self, axis):
        ids = [pk for pk, o in self.refs["objectives"].items() if o.extra["axis"].pk == axis.pk]
        return self.states.under_objectives(ids)

    def with_party(self, kind, pk):
        from commitments import projection

        return self.states.with_party(projection.party_tag(PARTY_TAGS[kind], pk))

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

    def rows(self, states):
        """Rows of these states (a slice of `states`, already sorted), in their order."""
        from commitments import projection

        found = _rows_of(self.plan, states.values_list(*projection.ROW_COLUMNS), self.on, self.refs)
        return [row for row, _state in found]

    def assessments(self):
        return assessment_tally(self.states)

    def ratings(self):
        return ratings_summary(self.states)


def row_fields(data):
    """The fields of a list's row that a version's content gives (see `_row`)."""
    return {
        "code": data["code"],
        "title": data["title"],
        "description": data["description"],
        "objective_id": data["objective_id"],
        "unit_id": data["unit_id"],
        "co_responsibles": [
            (co["unit_id"], co["organization_id"], co["role"]) for co in data["co_responsibles"]
        ],
        "pillar_ids": data["pillar_ids"],
    }


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
        code_key=natural_key(row["code"]),
        **row,
    )


@functools.lru_cache(maxsize=2**16)
def natural_key(code):
    """DA-2 before DA-10."""
    return tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, part.casefold())
        for part in re.split(r"(\d+)", code)
    )


def sort_code(code):
    """`natural_key` as a string that sorts the same byte by byte, for SQL: numbers padded,
    parts ended by a character below any a code holds."""
    return "".join(
        f"0{number:020d}\x01" if not kind else f"1{text}\x01"
        for kind, number, text in natural_key(code)
    )


def fold(text):
    """Lower case without accents, so «participacion» finds «Participación»."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


# --- One commitment ---------------------------------------------------------------------


@dataclass(frozen=True)
class MeasurementView:
    date: date
    value: object
    narrative: str
    evidence_link: str
    published_on: date
    correction_reason: str

    @property
    def has_evidence(self):
        return bool(self.evidence_link)


@dataclass(frozen=True)
class IndicatorView:
    pk: int
    name: str
    unit: str
    baseline: object
    target: object
    direction: str
    periodicity: str
    weight: object
    verification_means: str
    verification_url: str
    measurements: tuple

    @property
    def published_measurements(self):
        return self.measurements

    @property
    def direction_label(self):
        from commitments.models import Indicator

        return Indicator.Direction(self.direction).label

    @property
    def periodicity_label(self):
        from commitments.models import Indicator

        return Indicator.Periodicity(self.periodicity).label


@dataclass(frozen=True)
class EvidenceView:
    title: str
    date: date
    link: str
    published_on: date

    @property
    def evidence_link(self):
        return self.link


@dataclass(frozen=True)
class MilestoneView:
    pk: int
    number: int
    title: str
    deliverable: str
    unit: Ref | None
    responsible_person: str
    start_date: date
    end_date: date
    weight: object
    percent: float | None
    status: str
    narrative: str
    difficulties: str
    success_factors: str
    evidence: tuple

    @property
    def has_details(self):
        return bool(self.narrative or self.difficulties or self.success_factors or self.evidence)


@dataclass(frozen=True)
class RoundView:
    round: object
    report: object
    status: str
    closed: bool
    entries: tuple
    evidence: tuple


@dataclass(frozen=True)
class ModificationRow:
    """A public change of a commitment after its approval: one per version after the first.

    `approved_on` is the day it took effect; a version the Secretariado published as an
    approved modification carries its summary and session, a correction its own wording.
    """

    number: int
    approved_on: date
    summary: str
    reason: str
    session: object = None
    is_approved: bool = False


@dataclass(frozen=True)
class HistoryEvent:
    day: date
    kind: str
    text: str
    reason: str = ""


def _link(file_name, url):
    if file_name:
        from django.core.files.storage import default_storage

        return default_storage.url(file_name)
    return url or ""


class CommitmentView:
    """Everything the public page of one commitment shows as it stood on `day`."""

    def __init__(self, commitment, day):
        self.commitment = commitment
        self.plan = commitment.plan
        self.day = day
        self.facts = load_facts(
            {"pk": commitment.pk}, day, plan_id=commitment.plan_id, detailed=True
        )
        self.versions = sorted(self.facts.versions.get(commitment.pk, ()), key=lambda v: v.number)
        self.version = version_at(self.versions, day)

    @property
    def is_public(self):
        return self.version is not None and is_published_at(
            self.facts.publications.get(self.commitment.pk, ()), day=self.day
        )

    @cached_property
    def refs(self):
        axes, objectives = _structure(self.plan)
        units, organizations = _parties()
        return {
            "axes": axes,
            "objectives": objectives,
            "units": units,
            "organizations": organizations,
            "pillars": _pillars(),
        }

    @cached_property
    def row(self):
        c, version = self.commitment, self.version
        return _row(
            c.pk,
            c.slug,
            c.is_example,
            **row_fields(version.data),
            start=version.start,
            end=version.end,
            verdict=verdict_at(plan=self.plan, version=version, facts=self.facts, day=self.day),
            refs=self.refs,
        )

    @property
    def verdict(self):
        return self.row.verdict

    @property
    def data(self):
        return self.version.data

    @property
    def source(self):
        return self.data["progress_source"] or self.plan.default_progress_source

    @property
    def source_label(self):
        return ProgressSource(self.source).label

    @property
    def goal(self):
        return self.data["goal"]

    @property
    def contact_name(self):
        return self.data.get("contact_name", "")

    @property
    def contact_role(self):
        return self.data.get("contact_role", "")

    @cached_property
    def evidence(self):
        """Evidence public by the end of the day, by milestone id (None: the commitment's)."""
        rows = (
            Evidence.objects.public_at(self.day)
            .filter(commitment=self.commitment)
            .order_by("date", "id")
            .values_list(
                "milestone_id",
                "report_id",
                "title",
                "date",
                "evidence_file",
                "evidence_url",
                "published_at",
            )
        )
        grouped = defaultdict(list)
        for milestone_id, report_id, title, day, file_name, url, at in rows:
            view = EvidenceView(title, day, _link(file_name, url), timezone.localdate(at))
            grouped[("report", report_id) if report_id else milestone_id].append(view)
        return grouped

    @cached_property
    def indicators(self):
        end = clock.end_of(self.day)
        views = []
        for item in self.data["indicators"]:
            facts = sorted(
                current(self.facts.measurements.get(item["id"], ()), end),
                key=lambda f: (f.date, f.published_at),
            )
            views.append(
                IndicatorView(
                    pk=item["id"],
                    name=item["name"],
                    unit=item["unit"],
                    baseline=_decimal(item["baseline"]),
                    target=_decimal(item["target"]),
                    direction=item["direction"],
                    periodicity=item["periodicity"],
                    weight=_decimal(item["weight"]),
                    verification_means=item["verification_means"],
                    verification_url=item["verification_url"],
                    measurements=tuple(
                        MeasurementView(
                            date=f.date,
                            value=f.value,
                            narrative=f.extra[0],
                            evidence_link=_link(f.extra[1], f.extra[2]),
                            published_on=f.published_on,
                            correction_reason=f.extra[3],
                        )
                        for f in facts
                    ),
                )
            )
        return views

    @cached_property
    def milestones(self):
        end = clock.end_of(self.day)
        units = self.refs["units"]
        views = []
        for number, item in enumerate(self.data["milestones"], start=1):
            latest = latest_fact(current(self.facts.progress.get(item["id"], ()), end))
            if latest is None:
                percent, status, notes = 0.0, MilestoneStatus.PENDING, ("", "", "")
            else:
                percent = float(latest.value)
                status = latest.extra[0]
                notes = latest.extra[1:4]
            if status == MilestoneStatus.CANCELLED:
                percent = None
            views.append(
                MilestoneView(
                    pk=item["id"],
                    number=number,
                    title=item["title"],
                    deliverable=item["deliverable"],
                    unit=units.get(item["unit_id"]),
                    responsible_person=item["responsible_person"],
                    start_date=date.fromisoformat(item["start_date"]),
                    end_date=date.fromisoformat(item["end_date"]),
                    weight=_decimal(item["weight"]),
                    percent=percent,
                    status=MilestoneStatus(status),
                    narrative=notes[0],
                    difficulties=notes[1],
                    success_factors=notes[2],
                    evidence=tuple(self.evidence.get(item["id"], ())),
                )
            )
        return views

    @property
    def general_evidence(self):
        return self.evidence.get(None, [])

    @cached_property
    def rounds(self):
        reports = {
            r.round_id: r
            for r in RoundReport.objects.public_at(self.day)
            .filter(commitment=self.commitment)
            .prefetch_related("entries__milestone")
        }
        rows = []
        for round_ in ReportingRound.objects.filter(plan=self.plan).order_by("number"):
            report = reports.get(round_.pk)
            status = report_status(round_, report, self.day, starts_on=self.row.start)
            rows.append(
                RoundView(
                    round=round_,
                    report=report,
                    status=status,
                    closed=round_.is_closed(self.day),
                    entries=tuple(report.entries.all()) if report else (),
                    evidence=tuple(self.evidence.get(("report", report.pk), ())) if report else (),
                )
            )
        return rows

    @cached_property
    def ratings(self):
        meanings = {(r.dimension, r.level): r.description for r in RatingRubric.objects.all()}
        latest = {}
        for rating in (
            TransversalRating.objects.public_at(self.day)
            .filter(commitment=self.commitment)
            .order_by("published_at", "id")
        ):
            latest[rating.dimension] = rating
        order = list(Dimension.values)
        return [
            (latest[d], meanings.get((d, latest[d].level), ""))
            for d in sorted(latest, key=order.index)
        ]

    @cached_property
    def assessment(self):
        return (
            Assessment.objects.public_at(self.day)
            .filter(commitment=self.commitment, assessed_on__lte=self.day)
            .order_by("-assessed_on", "-published_at")
            .first()
        )

    @cached_property
    def closing_report(self):
        return (
            ClosingReport.objects.public_at(self.day)
            .filter(commitment=self.commitment)
            .order_by("-published_at")
            .first()
        )

    @cached_property
    def modifications(self):
        """Every public version after the original, so the page's "no modifications" and
        its list of modifications read the very versions the page shows."""
        from commitments.models import Modification

        later = [v for v in self.versions_public if v.number > 1]
        ids = [v.modification_id for v in later if v.modification_id]
        approved = {}
        if ids:
            approved = {
                m.pk: m for m in Modification.objects.filter(pk__in=ids).select_related("session")
            }
        rows = []
        for version in later:
            modification = approved.get(version.modification_id)
            if modification is not None:
                rows.append(
                    ModificationRow(
                        version.number,
                        modification.approved_on,
                        modification.summary,
                        version.reason or modification.reason,
                        modification.session,
                        is_approved=True,
                    )
                )
            else:
                rows.append(
                    ModificationRow(
                        version.number,
                        version.effective_on,
                        _("Versión %(n)s: corrección del texto publicado") % {"n": version.number},
                        version.reason,
                    )
                )
        return sorted(rows, key=lambda row: (row.approved_on, row.number))

    @cached_property
    def versions_public(self):
        end = clock.end_of(self.day)
        return [v for v in self.versions if v.published_at < end]

    @cached_property
    def agreements(self):
        """Secretariado agreements about this commitment, from sessions held by the day."""
        from secretariat.models import Agreement

        return list(
            Agreement.objects.for_commitment(self.commitment).filter(session__date__lte=self.day)
        )

    @cached_property
    def original(self):
        return self.versions[0] if self.versions else None

    def verdict_on(self, day):
        version = version_at(self.versions, day)
        if version is None:
            return None
        return verdict_at(plan=self.plan, version=version, facts=self.facts, day=day)

    @cached_property
    def progress_history(self):
        """(day, verdict) on each day up to the day shown that the public data changed."""
        days = set()
        for group in (self.facts.measurements, self.facts.progress):
            for items in group.values():
                days.update(max(f.date, f.published_on) for f in items)
        days.update(timezone.localdate(v.published_at) for v in self.versions_public)
        days = sorted(d for d in days if self.row.start <= d <= self.day)
        history = []
        for d in days:
            verdict = self.verdict_on(d)
            if verdict is not None:
                history.append((d, verdict))
        return history

    @cached_property
    def history(self):
        """The public record of changes: versions, corrections, withdrawals, overrides and
        publication, in date order, without staff names."""
        events = []
        for version in self.versions_public:
            day = timezone.localdate(version.published_at)
            if version.number == 1:
                text = _("Versión original aprobada (vigente desde el %(day)s).")
            elif version.modification_id:
                text = _("Versión %(n)s por una modificación aprobada, vigente desde el %(day)s.")
            else:
                text = _("Versión %(n)s: corrección del texto publicado, vigente desde el %(day)s.")
            events.append(
                HistoryEvent(
                    day,
                    "version",
                    text % {"n": version.number, "day": version.effective_on.strftime("%d/%m/%Y")},
                    version.reason if version.number > 1 else "",
                )
            )
        end = clock.end_of(self.day)
        for at, published in self.facts.publications.get(self.commitment.pk, ()):
            if at < end:
                events.append(
                    HistoryEvent(
                        timezone.localdate(at),
                        "publication",
                        _("Se publicó en el portal.") if published else _("Se retiró del portal."),
                    )
                )
        names = {i["id"]: i["name"] for i in self.data["indicators"]}
        for items in self.facts.measurements.values():
            by_pk = {f.pk: f for f in items}
            for f in items:
                if f.supersedes and f.published_at < end:
                    old = by_pk.get(f.supersedes)
                    values = {
                        "name": names.get(f.owner, ""),
                        "day": f.date.strftime("%d/%m/%Y"),
                        "old": _number(old.value) if old else "",
                        "new": _number(f.value),
                    }
                    text = (
                        _("Se retiró el dato de «%(name)s» del %(day)s.") % values
                        if f.withdrawn
                        else _("Se corrigió el dato de «%(name)s» del %(day)s: %(old)s → %(new)s.")
                        % values
                    )
                    events.append(HistoryEvent(f.published_on, "correction", text, f.extra[3]))
        titles = {m["id"]: m["title"] for m in self.data["milestones"]}
        for items in self.facts.progress.values():
            for f in items:
                if f.supersedes and f.published_at < end:
                    values = {"title": titles.get(f.owner, ""), "day": f.date.strftime("%d/%m/%Y")}
                    text = (
                        _("Se retiró el avance del hito «%(title)s» del %(day)s.")
                        if f.withdrawn
                        else _("Se corrigió el avance del hito «%(title)s» del %(day)s.")
                    ) % values
                    events.append(HistoryEvent(f.published_on, "correction", text, f.extra[4]))
        for f in self.facts.overrides.get(self.commitment.pk, ()):
            if f.published_at >= end:
                continue
            reason, starts_on, ends_on = f.extra[:3]
            label = semaforo.Status(f.value).label.lower()
            if f.supersedes and ends_on:
                text = _("Terminó el estado asignado «%(label)s» el %(day)s.") % {
                    "label": label,
                    "day": ends_on.strftime("%d/%m/%Y"),
                }
            else:
                text = _("El Secretariado asignó el estado «%(label)s» desde el %(day)s.") % {
                    "label": label,
                    "day": starts_on.strftime("%d/%m/%Y"),
                }
            events.append(HistoryEvent(f.published_on, "override", text, reason))
        return sorted(events, key=lambda e: e.day)


def commitment_view(commitment, day):
    """The commitment as public at the end of `day`, or None if it was not public then."""
    view = CommitmentView(commitment, day)
    if not view.is_public:
        return None
    if not is_published_at(view.facts.plan_events, day):
        return None
    return view


def _decimal(value):
    from decimal import Decimal

    return Decimal(value)


def _number(value):
    if value is None:
        return ""
    text = f"{value:f}".rstrip("0").rstrip(".") if "." in f"{value:f}" else f"{value:f}"
    return text


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


# --- The public change log ----------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One thing made public: what, when, and the commitment (or plan) it belongs to.

    Never who: the change log is public and names no staff."""

    key: str
    at: datetime
    kind: str
    text: str
    reason: str = ""
    code: str = ""
    title: str = ""
    url: str = ""

    @property
    def day(self):
        return timezone.localdate(self.at)

    @property
    def kind_label(self):
        return CHANGE_KINDS[self.kind]


CHANGE_KINDS = {
    "version": _("Versión"),
    "publication": _("Publicación"),
    "new": _("Dato nuevo"),
    "correction": _("Corrección"),
    "withdrawal": _("Retiro"),
    "override": _("Estado asignado"),
}


def published_between(start=None, end=None, commitment=None):
    """Everything made public from `start` up to `end` (now by default) included, newest
    first, as `Change`s.

    Only what belongs to a commitment public now, in a plan public now (and those plans'
    own publications). One query per kind of record, whatever the number of changes.
    """
    from commitments.models import Commitment

    end = end or clock.now()
    commitments = Commitment.objects.filter(is_published=True, plan__is_published=True)
    if commitment is not None:
        commitments = commitments.filter(pk=commitment.pk)
    slugs = dict(commitments.values_list("pk", "slug"))
    latest = {}
    for version in CommitmentVersion.objects.filter(
        commitment__in=list(slugs), published_at__lte=end
    ).order_by("commitment_id", "number"):
        latest[version.commitment_id] = version.data

    def within(queryset, moment="published_at"):
        queryset = queryset.filter(**{f"{moment}__lte": end})
        return queryset.filter(**{f"{moment}__gte": start}) if start else queryset

    def facts(model, path="commitment_id"):
        queryset = within(model.objects.filter(status=FactStatus.PUBLISHED))
        return queryset.filter(**{f"{path}__in": list(slugs)}).order_by()

    def change(key, at, cid, kind, text, reason=""):
        data = latest.get(cid, {})
        url = reverse("commitment", args=[slugs[cid]]) if cid in slugs else ""
        return Change(key, at, kind, text, reason, data.get("code", ""), data.get("title", ""), url)

    def fact_kind(f):
        if f.is_withdrawal:
            return "withdrawal"
        return "correction" if f.supersedes_id else "new"

    def names(cid, part, field):
        return {item["id"]: item[field] for item in latest.get(cid, {}).get(part, ())}

    changes = []
    for v in within(CommitmentVersion.objects.filter(commitment__in=list(slugs))).order_by():
        if v.number == 1:
            text = _("Se publicó el compromiso como se aprobó.")
        elif v.modification_id:
            text = _("Versión %(n)s por una modificación aprobada, vigente desde el %(day)s.")
        else:
            text = _("Versión %(n)s: corrección del texto publicado, vigente desde el %(day)s.")
        values = {"n": v.number, "day": v.effective_on.strftime("%d/%m/%Y")}
        changes.append(
            change(
                f"version-{v.pk}",
                v.published_at,
                v.commitment_id,
                "version",
                text % values,
                v.reason,
            )
        )
    publications = within(Publication.objects.all(), "at").select_related("plan").order_by()
    for p in publications:
        if p.commitment_id is not None:
            if p.commitment_id not in slugs:
                continue
            text = _("Se publicó en el portal.") if p.is_published else _("Se retiró del portal.")
            changes.append(
                change(f"publication-{p.pk}", p.at, p.commitment_id, "publication", text, p.reason)
            )
        elif commitment is None and p.plan.is_published:
            text = (
                _("Se publicó el plan «%(plan)s».")
                if p.is_published
                else _("Se retiró del portal el plan «%(plan)s».")
            )
            changes.append(
                Change(
                    f"publication-{p.pk}",
                    p.at,
                    "publication",
                    text % {"plan": p.plan.title},
                    p.reason,
                    url=reverse("board"),
                )
            )
    for f in facts(Measurement, "indicator__commitment_id").select_related("indicator"):
        cid = f.indicator.commitment_id
        name = names(cid, "indicators", "name").get(f.indicator_id, f.indicator.name)
        values = {"name": name, "day": f.date.strftime("%d/%m/%Y"), "value": _number(f.value)}
        text = {
            "new": _("Avance de «%(name)s» al %(day)s: %(value)s."),
            "correction": _("Se corrigió el avance de «%(name)s» del %(day)s: %(value)s."),
            "withdrawal": _("Se retiró el avance de «%(name)s» del %(day)s."),
        }[fact_kind(f)]
        changes.append(
            change(
                f"measurement-{f.pk}",
                f.published_at,
                cid,
                fact_kind(f),
                text % values,
                f.correction_reason,
            )
        )
    for f in facts(MilestoneProgress, "milestone__commitment_id").select_related("milestone"):
        cid = f.milestone.commitment_id
        title = names(cid, "milestones", "title").get(f.milestone_id, f.milestone.title)
        values = {"title": title, "day": f.date.strftime("%d/%m/%Y"), "percent": f.percent}
        text = {
            "new": _("Avance del hito «%(title)s» al %(day)s: %(percent)s %%."),
            "correction": _(
                "Se corrigió el avance del hito «%(title)s» del %(day)s: %(percent)s %%."
            ),
            "withdrawal": _("Se retiró el avance del hito «%(title)s» del %(day)s."),
        }[fact_kind(f)]
        changes.append(
            change(
                f"progress-{f.pk}",
                f.published_at,
                cid,
                fact_kind(f),
                text % values,
                f.correction_reason,
            )
        )
    for f in facts(Evidence):
        text = {
            "new": _("Nueva evidencia: «%(title)s»."),
            "correction": _("Se corrigió la evidencia «%(title)s»."),
            "withdrawal": _("Se retiró la evidencia «%(title)s»."),
        }[fact_kind(f)] % {"title": f.title}
        changes.append(
            change(
                f"evidence-{f.pk}",
                f.published_at,
                f.commitment_id,
                fact_kind(f),
                text,
                f.correction_reason,
            )
        )
    for f in facts(StatusOverride):
        label = semaforo.Status(f.status_value).label.lower()
        if f.supersedes_id and f.ends_on:
            text = _("Terminó el estado asignado «%(label)s» el %(day)s.") % {
                "label": label,
                "day": f.ends_on.strftime("%d/%m/%Y"),
            }
        else:
            text = _("El Secretariado asignó el estado «%(label)s» desde el %(day)s.") % {
                "label": label,
                "day": f.starts_on.strftime("%d/%m/%Y"),
            }
        changes.append(
            change(f"override-{f.pk}", f.published_at, f.commitment_id, "override", text, f.reason)
        )
    for f in facts(RoundReport).select_related("round"):
        text = _("Se entregó el reporte del %(round)s.") % {"round": f.round.title}
        changes.append(change(f"report-{f.pk}", f.published_at, f.commitment_id, "new", text))
    for model, text in (
        (Assessment, _("Se publicó una valoración independiente.")),
        (ClosingReport, _("Se publicó el informe de cierre.")),
    ):
        for f in facts(model):
            key = f"{model._meta.model_name}-{f.pk}"
            changes.append(change(key, f.published_at, f.commitment_id, fact_kind(f), text))
    for f in facts(TransversalRating):
        text = _("Se publicó la calificación de «%(dimension)s»: %(level)s.") % {
            "dimension": f.get_dimension_display(),
            "level": f.get_level_display().lower(),
        }
        changes.append(change(f"rating-{f.pk}", f.published_at, f.commitment_id, "new", text))
    return sorted(changes, key=lambda c: (c.at, c.key), reverse=True)
