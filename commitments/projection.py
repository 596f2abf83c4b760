"""Each commitment's public state, stored day span by day span, for the lists.

A list (board, home, axis and unit pages, the progress report) shows every commitment of a
plan on one day. Reading every fact of thousands of commitments for that takes a second, so
the write path keeps, for each commitment, one `CommitmentState` row per span of days in
which nothing the public saw of it changed: its matrix row and the semáforo's inputs
reduced by `semaforo.reduce_inputs`. The spans are cut at every day a fact, version or
publication became public or took effect, which are the only days `asof.rule_inputs`
can give a different answer; only the expectation and staleness move inside a span, and
the rule computes those from the day judged. Each span is then cut again wherever the
verdict changes or the expectation bends (`_verdict_spans`), and stores that verdict, so
a list can filter, count and sort on it in SQL; the rule itself is only ever called here
and in the reader, never rewritten in SQL.

The rows are derived from the facts by the reader's own functions and rebuilt whenever one
of those facts is written: the services collect the commitments they touched and rebuild
them before their transaction ends (`batch`). `tests/commitments/test_projection.py`
checks that a list reads the same verdicts as each commitment's page.
"""

import itertools
import threading
from contextlib import contextmanager
from datetime import date, timedelta

from django.db import connection, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from commitments import semaforo, stored
from commitments.models import (
    ActionPlan,
    Assessment,
    Commitment,
    CommitmentState,
    CommitmentVersion,
    Indicator,
    Measurement,
    Milestone,
    MilestoneProgress,
    Publication,
    StatusOverride,
    TransversalRating,
)
from commitments.models.assessment import RELEVANCE
from commitments.reader import asof
from commitments.stored import (
    RULE_VERSION,
    State,
    fold,
    party_tag,
    row_fields,
    sort_code,
)
from core import clock
from core.content_version import bump_content_version

ONE_DAY = timedelta(days=1)
# The last span of a commitment never ends.
FOREVER = date(9999, 12, 31)
# Facts of any date: the day before FOREVER, whose end is still a valid moment.
EVERYTHING = date(9999, 12, 30)
# Commitments rebuilt per round of queries: keeps IN lists and memory small.
CHUNK = 500

# --- Reading ---------------------------------------------------------------------------


# --- Writing ---------------------------------------------------------------------------


def load_judgements(commitment_ids):
    """Transversal ratings and independent assessments of these commitments, published
    ever, as `reader.Fact`s grouped by commitment: {cid: [...]}, twice."""
    ratings = asof.facts_of(
        TransversalRating.objects.filter(commitment_id__in=commitment_ids),
        "commitment_id",
        "level",
        "dimension",
        when="published_at",
    )
    assessments = asof.facts_of(
        Assessment.objects.filter(commitment_id__in=commitment_ids),
        "commitment_id",
        "completion",
        "potential",
        "assessor",
        "verifiable",
        *RELEVANCE,
        when="assessed_on",
    )
    return ratings, assessments


def judgements_on(cid, day, judgements):
    """The columns of the latest rating on each dimension and of the latest assessment of
    `cid` public at the end of `day` (what `reader.ratings_summary` and the board read)."""
    ratings, assessments = judgements
    end = clock.end_of(day)
    latest = {}
    for fact in sorted(
        asof.current(ratings.get(cid, ()), end), key=lambda f: (f.published_at, f.pk)
    ):
        latest[fact.extra[0]] = fact.value
    found = asof.latest_fact(
        [f for f in asof.current(assessments.get(cid, ()), end) if f.date <= day]
    )
    columns = {
        "ratings": "".join(f"|{dimension}:{latest[dimension]}|" for dimension in sorted(latest)),
        "assessment_completion": "",
        "assessment_potential": "",
        "assessment_starred": False,
        "assessor": "",
    }
    if found is not None:
        potential, assessor, verifiable, *relevance = found.extra
        columns |= {
            "assessment_completion": found.value,
            "assessment_potential": potential,
            "assessment_starred": Assessment.starred(
                verifiable=verifiable,
                relevant=any(relevance),
                potential=potential,
                completion=found.value,
            ),
            "assessor": assessor,
        }
    return columns


def payload_on(cid, day, facts):
    """What the public saw of commitment `cid` on `day`, from facts loaded for any date, as
    the state's columns and its payload (`State.to_json`); None when it was not public."""
    if not asof.is_published_at(facts.publications.get(cid, ()), day):
        return None
    version = asof.version_at(facts.versions.get(cid, ()), day)
    if version is None:
        return None
    indicators, milestones, overrides = asof.rule_inputs(version=version, facts=facts, day=day)
    inputs = semaforo.reduce_inputs(
        start=version.start, indicators=indicators, milestones=milestones
    )
    end = clock.end_of(day)
    moments = [
        f.published_at
        for group, ids in (
            (facts.measurements, _ids(facts, cid, "indicators")),
            (facts.progress, _ids(facts, cid, "milestones")),
        )
        for pk in ids
        for f in group.get(pk, ())
        if f.published_at < end and f.date <= day
    ]
    last = max(moments, default=None)
    content = version.content
    fields = row_fields(content)
    payload = State(
        objective_id=fields["objective_id"],
        unit_id=fields["unit_id"],
        co_responsibles=fields["co_responsibles"],
        pillar_ids=fields["pillar_ids"],
        start=content.start_date,
        end=content.end_date,
        progress_source=content.progress_source,
        inputs=inputs,
        overrides=overrides,
        last=last.isoformat() if last else None,
    ).to_json()
    tags = [party_tag("u", fields["unit_id"])] + [
        party_tag("u", unit) if unit else party_tag("o", organization)
        for unit, organization, _role in fields["co_responsibles"]
    ]
    columns = {
        "code": fields["code"],
        "title": fields["title"],
        "description": fields["description"],
        "objective_ref": fields["objective_id"],
        "parties": "".join(tags),
        "unit_ref": fields["unit_id"],
        "pillars": "".join(f"|{pk}|" for pk in sorted(fields["pillar_ids"])),
        "sort_code": sort_code(fields["code"]),
        "sort_title": fold(fields["title"]),
        "search_text": fold(f"{fields['code']} {fields['title']} {fields['description']}"),
        "last_public": last,
    }
    return columns, payload


def _ids(facts, cid, kind):
    """Ids of the indicators or milestones in any public version of `cid`: facts of others
    never reach a public page."""
    return {item.id for v in facts.versions.get(cid, ()) for item in v.content.parts(kind)}


def change_days(cid, facts, judgements=({}, {})):
    """The days on which what the public saw of `cid` may change, in order."""
    days = set()
    for group in judgements:
        for fact in group.get(cid, ()):
            days.update((fact.date, fact.published_on))
    for version in facts.versions.get(cid, ()):
        days.update((version.effective_on, timezone.localdate(version.published_at)))
    days.update(timezone.localdate(at) for at, _ in facts.publications.get(cid, ()))
    for group, kind in ((facts.measurements, "indicators"), (facts.progress, "milestones")):
        for pk in _ids(facts, cid, kind):
            for fact in group.get(pk, ()):
                days.update((fact.date, fact.published_on))
    days.update(fact.published_on for fact in facts.overrides.get(cid, ()))
    return sorted(days)


def states_of(cid, facts, judgements, plan):
    """The spans of `cid`, with consecutive days of equal state merged, then cut where the
    verdict changes (`_verdict_spans`)."""
    spans = []
    days = change_days(cid, facts, judgements)
    for index, day in enumerate(days):
        until = days[index + 1] if index + 1 < len(days) else FOREVER
        seen = payload_on(cid, day, facts)
        if seen is None:
            continue
        columns, payload = seen
        columns |= judgements_on(cid, day, judgements)
        last = spans[-1] if spans else None
        if last is not None and last[1] == day and last[2] == columns and last[3] == payload:
            spans[-1] = (last[0], until, columns, payload)
            continue
        spans.append((day, until, columns, payload))
    return [
        CommitmentState(
            commitment_id=cid,
            plan_ref=plan.pk,
            valid_from=start,
            valid_until=until,
            payload=payload,
            rule_version=RULE_VERSION,
            **columns,
            **verdict,
        )
        for day, until, columns, payload in spans
        for start, until, verdict in _verdict_spans(day, until, State.from_json(payload), plan)
    ]


def _verdict_spans(first, until, state, plan):
    """Cut the days from `first` to before `until` (one state) where the verdict changes.

    The rule is only ever asked, never restated: it names the days where its verdict may
    change (`semaforo.breakpoints`) and promises that between two of them the status moves
    one way, so a bisection finds where.
    """
    plan_end = plan.exercise.end_date
    source = state.progress_source or plan.default_progress_source
    inputs = state.inputs
    bends = semaforo.breakpoints(
        inputs,
        start=state.start,
        end=state.end,
        judged_until=plan_end,
        overrides=state.overrides,
    )
    cuts = sorted({first, until} | {day for day in bends if first < day < until})

    memo = {}

    def verdict(number):
        if number not in memo:
            on = min(date.fromordinal(number), plan_end)
            memo[number] = semaforo.judge_reduced(
                inputs,
                start=state.start,
                end=state.end,
                on=on,
                source=source,
                thresholds=plan.thresholds,
                override=asof.override_on(state.overrides, on),
            )
        return memo[number]

    def key(number):
        found = verdict(number)
        return found.status, found.stale, found.progress

    spans = []
    for low, high in itertools.pairwise(cuts):
        lo, hi = low.toordinal(), high.toordinal()
        while lo < hi:
            current = key(lo)
            if key(hi - 1) == current:
                end = hi
            else:
                # key(below) is `current`, key(end) is not.
                below, end = lo, hi - 1
                while end - below > 1:
                    middle = (below + end) // 2
                    if key(middle) == current:
                        below = middle
                    else:
                        end = middle
            spans.append((lo, end, _verdict_columns(verdict, lo, end)))
            lo = end
    return [(date.fromordinal(lo), date.fromordinal(hi), columns) for lo, hi, columns in spans]


def _verdict_columns(verdict, lo, hi):
    found = verdict(lo)
    following = verdict(lo + 1).expected if hi - lo > 1 else None
    return {
        "status": found.status,
        "stale": found.stale,
        "progress": found.progress,
        **stored.expected_line(found.expected, following, hi - lo),
        "from_day": lo,
    }


# What `out_of_date` compares of each stored span.
COMPARED = (
    "valid_from",
    "valid_until",
    "code",
    "title",
    "description",
    "objective_ref",
    "parties",
    "payload",
    "plan_ref",
    "unit_ref",
    "pillars",
    "sort_code",
    "sort_title",
    "search_text",
    "status",
    "stale",
    "progress",
    "expected",
    "expected_slope",
    "from_day",
    "last_public",
    "ratings",
    "assessment_completion",
    "assessment_potential",
    "assessment_starred",
    "assessor",
    "rule_version",
)


def rebuild(commitment_ids):
    """Recompute the spans of these commitments from their facts."""
    ids = sorted(set(commitment_ids))
    with transaction.atomic():
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            if connection.vendor == "postgresql":
                # Two writers rebuilding one commitment at once would each miss the other's
                # fact; the second waits here and then reads the first one's, committed.
                list(
                    Commitment.objects.select_for_update()
                    .filter(pk__in=chunk)
                    .order_by("pk")
                    .values_list("pk", flat=True)
                )
            facts = asof.load_facts({"pk__in": chunk}, EVERYTHING)
            judgements = load_judgements(chunk)
            plans = _plans(chunk)
            CommitmentState.objects.filter(commitment_id__in=chunk).delete()
            CommitmentState.objects.bulk_create(
                # A commitment deleted in this transaction has no plan and no spans.
                [
                    state
                    for cid in chunk
                    if cid in plans
                    for state in states_of(cid, facts, judgements, plans[cid])
                ],
                batch_size=2000,
            )


def _plans(commitment_ids):
    by_id = {}
    plans = {}
    for cid, plan_id in Commitment.objects.filter(pk__in=commitment_ids).values_list(
        "pk", "plan_id"
    ):
        by_id[cid] = plan_id
    for plan in ActionPlan.objects.filter(pk__in=set(by_id.values())).select_related("exercise"):
        plans[plan.pk] = plan
    return {cid: plans[plan_id] for cid, plan_id in by_id.items()}


def rebuild_all(plan=None):

    commitments = Commitment.objects.all() if plan is None else plan.commitments.all()
    rebuild(commitments.values_list("pk", flat=True))
    # Stored states are derived rows, which bump nothing: a rebuild by hand (a row changed
    # around the write path) may change what the lists show.
    bump_content_version()


def rebuild_stale():
    """Rebuild the states a former rule made, and those of commitments never built (a plan
    loaded before the states existed). Runs after every `migrate`, so a deploy that changes
    the rule never serves the old verdicts; returns how many commitments it rebuilt."""
    stale = set(
        CommitmentState.objects.exclude(rule_version=RULE_VERSION)
        .values_list("commitment_id", flat=True)
        .distinct()
    )
    built = CommitmentState.objects.filter(commitment=OuterRef("pk"))
    stale.update(Commitment.objects.filter(~Exists(built)).values_list("pk", flat=True))
    if stale:
        rebuild(stale)
        bump_content_version()
    return len(stale)


def after_migrate(sender, using="default", **kwargs):
    """`post_migrate`: only once the whole schema is current (not after `migrate app 0003`)."""
    from django.db import connections
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connections[using])
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        return
    rebuild_stale()


def out_of_date(plan):
    """Codes of the commitments of `plan` whose stored spans are not what their facts give
    (a row changed around the write path, e.g. by hand in the database)."""

    def spans(states):
        return [tuple(getattr(s, name) for name in COMPARED) for s in states]

    found = []
    commitments = list(plan.commitments.order_by("code").values_list("pk", "code"))
    for start in range(0, len(commitments), CHUNK):
        chunk = dict(commitments[start : start + CHUNK])
        facts = asof.load_facts({"pk__in": list(chunk)}, EVERYTHING)
        judgements = load_judgements(list(chunk))
        stored = {}
        for state in CommitmentState.objects.filter(commitment_id__in=chunk).order_by("valid_from"):
            stored.setdefault(state.commitment_id, []).append(state)
        found += [
            code
            for cid, code in chunk.items()
            if spans(stored.get(cid, [])) != spans(states_of(cid, facts, judgements, plan))
        ]
    return found


# --- Which commitments a write touched ------------------------------------------------------

_pending = threading.local()


def _state():
    if not hasattr(_pending, "depth"):
        _pending.depth = 0
        _pending.commitments = set()
        _pending.indicators = set()
        _pending.milestones = set()
    return _pending


@contextmanager
def batch():
    """Collect the commitments written inside, rebuild them once on the way out.

    The services run inside one; a write outside any (a migration, a shell) rebuilds at
    once."""
    state = _state()
    state.depth += 1
    try:
        yield
    except BaseException:
        state.depth -= 1
        if state.depth == 0:
            _clear(state)
        raise
    state.depth -= 1
    if state.depth == 0:
        flush()


def discard():
    """Forget what the current batch touched: its transaction is being rolled back."""
    _clear(_state())


def _clear(state):
    state.commitments.clear()
    state.indicators.clear()
    state.milestones.clear()


def touched(instance):
    """Note that `instance` (a version, publication or fact) changed its commitment."""
    state = _state()
    if isinstance(instance, Measurement):
        _note(state, instance, "indicator", state.indicators)
    elif isinstance(instance, MilestoneProgress):
        _note(state, instance, "milestone", state.milestones)
    elif getattr(instance, "commitment_id", None):
        state.commitments.add(instance.commitment_id)
    if state.depth == 0:
        flush()


def _note(state, instance, parent, pending):
    descriptor = type(instance)._meta.get_field(parent)
    if descriptor.is_cached(instance):
        state.commitments.add(getattr(instance, parent).commitment_id)
    else:
        pending.add(getattr(instance, f"{parent}_id"))


def flush():
    state = _state()
    ids = set(state.commitments)
    for model, pending in ((Indicator, state.indicators), (Milestone, state.milestones)):
        if pending:
            ids.update(model.objects.filter(pk__in=pending).values_list("commitment_id", flat=True))
    _clear(state)
    if ids:
        rebuild(ids)


# What of a plan and its exercise the verdict reads (`_verdict_spans`).
PLAN_RULE = ("green_max_gap", "yellow_max_gap", "default_progress_source")
EXERCISE_RULE = ("end_date",)


def _rule(instance):
    fields = PLAN_RULE if isinstance(instance, ActionPlan) else EXERCISE_RULE
    return tuple(getattr(instance, name) for name in fields)


def before_plan_save(sender, instance, **kwargs):
    """Remember what the verdict read of a plan or exercise before this save."""
    instance._stored_rule = None
    if instance.pk and not kwargs.get("raw"):
        stored = type(instance)._default_manager.filter(pk=instance.pk).first()
        instance._stored_rule = _rule(stored) if stored else None


def on_plan_save(sender, instance, created=False, **kwargs):
    """A new threshold, default source or end date changes every verdict of the plan."""
    if created or kwargs.get("raw") or getattr(instance, "_stored_rule", None) == _rule(instance):
        return
    plans = [instance] if isinstance(instance, ActionPlan) else instance.plans.all()
    state = _state()
    state.commitments.update(Commitment.objects.filter(plan__in=plans).values_list("pk", flat=True))
    if state.depth == 0:
        flush()


# The models whose rows `payload_on` and `judgements_on` read.
SOURCES = (
    CommitmentVersion,
    Publication,
    Measurement,
    MilestoneProgress,
    StatusOverride,
    TransversalRating,
    Assessment,
)


def on_save(sender, instance, **kwargs):
    if not kwargs.get("raw"):
        touched(instance)
