"""The rule owns its breakpoints (issue 28): for any inputs, the spans the projection cuts at
`semaforo.breakpoints` (and by bisection between them) give, on every day, exactly the verdict
the rule gives that day. If the rule ever stopped moving one way between its breakpoints,
this property test finds the day."""

import itertools
from datetime import date, timedelta
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from commitments import projection, semaforo, stored
from commitments.reader.asof import override_on

BASE = date(2025, 1, 1)
days = st.integers(min_value=0, max_value=1100).map(lambda n: BASE + timedelta(days=n))
statuses = st.sampled_from(list(semaforo.Status))
percent = st.floats(min_value=0, max_value=100, allow_nan=False)


@st.composite
def cases(draw):
    start = draw(days)
    end = start + timedelta(days=draw(st.integers(min_value=1, max_value=900)))
    windows = tuple(
        (s, s + timedelta(days=draw(st.integers(1, 400))), draw(st.integers(1, 5)))
        for s in draw(st.lists(days, max_size=3))
    )
    inputs = semaforo.RuleInputs(
        indicator_progress=draw(percent),
        indicators_reported=draw(st.booleans()),
        stale_after=draw(st.one_of(st.none(), days)),
        milestone_progress=draw(percent),
        milestones_reported=draw(st.booleans()),
        windows=windows,
    )
    overrides = [
        (
            draw(st.sampled_from(list(semaforo.Status))),
            "motivo",
            s,
            draw(st.one_of(st.none(), days)),
        )
        for s in draw(st.lists(days, max_size=2))
    ]
    green = draw(st.integers(0, 30))
    plan = SimpleNamespace(
        exercise=SimpleNamespace(end_date=draw(days)),
        default_progress_source=draw(st.sampled_from(list(semaforo.ProgressSource))),
        thresholds=semaforo.Thresholds(green, green + draw(st.integers(0, 30))),
    )
    state = SimpleNamespace(
        start=start, end=end, inputs=inputs, overrides=overrides, progress_source=""
    )
    return state, plan


@settings(max_examples=150, deadline=None)
@given(cases(), days, st.integers(min_value=1, max_value=500))
def test_every_day_of_every_span_has_the_rules_verdict(case, first, length):
    state, plan = case
    until = first + timedelta(days=length)
    spans = projection._verdict_spans(first, until, state, plan)
    assert spans[0][0] == first and spans[-1][1] == until
    for (_s, end, _c), (start, _e, _d) in itertools.pairwise(spans):
        assert end == start  # Contiguous: every day is in exactly one span.
    plan_end = plan.exercise.end_date
    for span_start, span_end, columns in spans:
        day = span_start
        while day < span_end:
            on = min(day, plan_end)
            rule = semaforo.judge_reduced(
                state.inputs,
                start=state.start,
                end=state.end,
                on=on,
                source=plan.default_progress_source,
                thresholds=plan.thresholds,
                override=override_on(state.overrides, on),
            )
            kept = (columns["status"], columns["stale"], columns["progress"])
            assert kept == (rule.status, rule.stale, rule.progress), day
            line = stored.expected_on(columns, day)
            assert abs(line - (rule.expected or 0.0)) < 1e-6, day
            day += timedelta(days=1)
