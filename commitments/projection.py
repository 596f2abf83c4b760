"""Each commitment's public state, stored day span by day span, for the lists.

A list (board, home, axis and unit pages, the progress report) shows every commitment of a
plan on one day. Reading every fact of thousands of commitments for that takes a second, so
the write path keeps, for each commitment, one `CommitmentState` row per span of days in
which nothing the public saw of it changed: its matrix row and the semáforo's inputs
reduced by `semaforo.reduce_inputs`. The spans are cut at every day a fact, version or
publication became public or took effect, which are the only days `reader.rule_inputs`
can give a different answer; only the expectation and staleness move inside a span, and
the rule computes those from the day judged.

The rows are derived from the facts by the reader's own functions and rebuilt whenever one
of those facts is written: the services collect the commitments they touched and rebuild
them before their transaction ends (`batch`). `tests/commitments/test_projection.py`
checks that a list reads the same verdicts as each commitment's page.
"""

import threading
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

from django.db import connection, transaction
from django.utils import timezone

from commitments import reader, semaforo
from commitments.models import (
    Commitment,
    CommitmentState,
    CommitmentVersion,
    Indicator,
    Measurement,
    Milestone,
    MilestoneProgress,
    Publication,
    StatusOverride,
)
from portal import clock

# The last span of a commitment never ends.
FOREVER = date(9999, 12, 31)
# Facts of any date: the day before FOREVER, whose end is still a valid moment.
EVERYTHING = date(9999, 12, 30)
# Commitments rebuilt per round of queries: keeps IN lists and memory small.
CHUNK = 500

# --- Reading ---------------------------------------------------------------------------


def party_tag(kind, pk):
    """How `parties` names a unit ("u") or an organisation ("o")."""
    return f"|{kind}:{pk}|"


def states_on(plan, day, *, objectives=None, party=None):
    """The stored state of each commitment of `plan` public at the end of `day`, in one
    query: (id, slug, is_example, code, title, description, payload). Only those under
    `objectives` (ids) or with `party` (a `party_tag`) among their parties, if given."""
    states = CommitmentState.objects.filter(
        commitment__plan=plan, valid_from__lte=day, valid_until__gt=day
    )
    if objectives is not None:
        states = states.filter(objective_ref__in=objectives)
    if party is not None:
        states = states.filter(parties__contains=party)
    return states.values_list(
        "commitment_id",
        "commitment__slug",
        "commitment__is_example",
        "code",
        "title",
        "description",
        "payload",
    ).order_by("commitment_id")


@dataclass(frozen=True)
class State:
    """A payload read back: the matrix row's references and dates, the semáforo's inputs."""

    objective_id: int
    unit_id: int
    # (unit id or None, organisation id or None, role) of each co-responsible party.
    co_responsibles: list
    pillar_ids: list
    start: date
    end: date
    progress_source: str
    inputs: semaforo.RuleInputs
    # (status, reason, starts on, ends on or None) of each public override, oldest first.
    overrides: list
    # When the latest measurement or milestone progress it shows became public.
    last: str | None


def read_payload(payload):
    objective, unit, co, pillars, start, end, source, *inputs, overrides, last = payload
    progress, reported, stale, m_progress, m_reported, windows = inputs
    return State(
        objective,
        unit,
        co,
        pillars,
        date.fromisoformat(start),
        date.fromisoformat(end),
        source,
        semaforo.RuleInputs(
            progress,
            reported,
            date.fromisoformat(stale) if stale else None,
            m_progress,
            m_reported,
            tuple((date.fromisoformat(s), date.fromisoformat(e), w) for s, e, w in windows),
        ),
        [
            (status, reason, date.fromisoformat(starts), date.fromisoformat(ends) if ends else None)
            for status, reason, starts, ends in overrides
        ],
        last,
    )


# --- Writing ---------------------------------------------------------------------------


def payload_on(cid, day, facts):
    """What the public saw of commitment `cid` on `day`, from facts loaded for any date, as
    the state's columns and a payload for `read_payload`; None when it was not public."""
    if not reader.is_published_at(facts.publications.get(cid, ()), day):
        return None
    version = reader.version_at(facts.versions.get(cid, ()), day)
    if version is None:
        return None
    indicators, milestones, overrides = reader.rule_inputs(version=version, facts=facts, day=day)
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
    data = version.data
    fields = reader.row_fields(data)
    payload = [
        fields["objective_id"],
        fields["unit_id"],
        [list(co) for co in fields["co_responsibles"]],
        fields["pillar_ids"],
        data["start_date"],
        data["end_date"],
        data["progress_source"],
        inputs.indicator_progress,
        inputs.indicators_reported,
        inputs.stale_after.isoformat() if inputs.stale_after else None,
        inputs.milestone_progress,
        inputs.milestones_reported,
        [[s.isoformat(), e.isoformat(), w] for s, e, w in inputs.windows],
        [
            [status, reason, starts.isoformat(), ends.isoformat() if ends else None]
            for status, reason, starts, ends in overrides
        ],
        last.isoformat() if last else None,
    ]
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
    }
    return columns, payload


def _ids(facts, cid, kind):
    """Ids of the indicators or milestones in any public version of `cid`: facts of others
    never reach a public page."""
    return {item["id"] for v in facts.versions.get(cid, ()) for item in v.data[kind]}


def change_days(cid, facts):
    """The days on which what the public saw of `cid` may change, in order."""
    days = set()
    for version in facts.versions.get(cid, ()):
        days.update((version.effective_on, timezone.localdate(version.published_at)))
    days.update(timezone.localdate(at) for at, _ in facts.publications.get(cid, ()))
    for group, kind in ((facts.measurements, "indicators"), (facts.progress, "milestones")):
        for pk in _ids(facts, cid, kind):
            for fact in group.get(pk, ()):
                days.update((fact.date, fact.published_on))
    days.update(fact.published_on for fact in facts.overrides.get(cid, ()))
    return sorted(days)


def states_of(cid, facts):
    """The spans of `cid`, with consecutive days of equal state merged."""
    states = []
    days = change_days(cid, facts)
    for index, day in enumerate(days):
        until = days[index + 1] if index + 1 < len(days) else FOREVER
        seen = payload_on(cid, day, facts)
        if seen is None:
            continue
        columns, payload = seen
        last = states[-1] if states else None
        if (
            last is not None
            and last.valid_until == day
            and _columns(last) == columns
            and last.payload == payload
        ):
            last.valid_until = until
            continue
        states.append(
            CommitmentState(
                commitment_id=cid, valid_from=day, valid_until=until, payload=payload, **columns
            )
        )
    return states


def _columns(state):
    return {
        name: getattr(state, name)
        for name in ("code", "title", "description", "objective_ref", "parties")
    }


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
            facts = reader.load_facts({"pk__in": chunk}, EVERYTHING)
            CommitmentState.objects.filter(commitment_id__in=chunk).delete()
            CommitmentState.objects.bulk_create(
                [state for cid in chunk for state in states_of(cid, facts)], batch_size=2000
            )


def rebuild_all(plan=None):
    commitments = Commitment.objects.all() if plan is None else plan.commitments.all()
    rebuild(commitments.values_list("pk", flat=True))


def out_of_date(plan):
    """Codes of the commitments of `plan` whose stored spans are not what their facts give
    (a row changed around the write path, e.g. by hand in the database)."""

    def spans(states):
        return [(s.valid_from, s.valid_until, _columns(s), s.payload) for s in states]

    found = []
    commitments = list(plan.commitments.order_by("code").values_list("pk", "code"))
    for start in range(0, len(commitments), CHUNK):
        chunk = dict(commitments[start : start + CHUNK])
        facts = reader.load_facts({"pk__in": list(chunk)}, EVERYTHING)
        stored = {}
        for state in CommitmentState.objects.filter(commitment_id__in=chunk).order_by("valid_from"):
            stored.setdefault(state.commitment_id, []).append(state)
        found += [
            code
            for cid, code in chunk.items()
            if spans(stored.get(cid, [])) != spans(states_of(cid, facts))
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


# The models whose rows `payload_on` reads.
SOURCES = (CommitmentVersion, Publication, Measurement, MilestoneProgress, StatusOverride)


def on_save(sender, instance, **kwargs):
    if not kwargs.get("raw"):
        touched(instance)
