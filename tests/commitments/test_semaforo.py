"""The semáforo rule on plain values: no database, dates passed in."""

from datetime import date, timedelta

from hypothesis import assume, given
from hypothesis import strategies as st

from commitments.semaforo import (
    CompletionLevel,
    MilestoneInput,
    OverrideInput,
    ProgressSource,
    Status,
    Thresholds,
    completion_level,
    evaluate,
    expected_progress,
    indicator_progress,
    judge,
    weighted_mean,
)

START = date(2025, 9, 1)
END = date(2027, 8, 31)
ORDER = [Status.AT_RISK, Status.DELAYED, Status.ON_TRACK, Status.COMPLETE]

percent = st.floats(min_value=0, max_value=100, allow_nan=False)
days = st.dates(min_value=START, max_value=END)
numbers = st.decimals(min_value=-10_000, max_value=10_000, places=2, allow_nan=False)


def rate(progress, on=date(2026, 9, 1), **kwargs):
    expected = expected_progress(START, END, on)
    return evaluate(
        progress=progress,
        expected=expected,
        start=START,
        as_of=on,
        has_data=progress is not None,
        **kwargs,
    )


@given(baseline=numbers, target=numbers, value=numbers)
def test_indicator_progress_stays_between_0_and_100(baseline, target, value):
    assume(baseline != target)
    assert 0 <= indicator_progress(baseline, target, value) <= 100


def test_indicator_progress_for_a_decreasing_indicator():
    # Response time should fall from 30 to 10 days: at 20 days it is halfway.
    assert indicator_progress(30, 10, 20) == 50
    assert indicator_progress(30, 10, 35) == 0
    assert indicator_progress(30, 10, 5) == 100


@given(baseline=numbers, target=numbers, low=numbers, high=numbers)
def test_indicator_progress_is_monotonic_towards_the_target(baseline, target, low, high):
    assume(baseline != target and low <= high)
    if target > baseline:
        assert indicator_progress(baseline, target, low) <= indicator_progress(
            baseline, target, high
        )
    else:
        assert indicator_progress(baseline, target, low) >= indicator_progress(
            baseline, target, high
        )


def test_expected_progress_is_linear_between_start_and_end():
    assert expected_progress(START, END, START - timedelta(days=30)) == 0
    assert expected_progress(START, END, START) == 0
    assert expected_progress(START, END, END) == 100
    assert expected_progress(START, END, END + timedelta(days=1)) == 100
    middle = START + (END - START) / 2
    assert round(expected_progress(START, END, middle)) == 50


@given(low=percent, high=percent, on=days)
def test_more_progress_never_gives_a_worse_status(low, high, on):
    assume(low <= high)
    better, worse = rate(high, on=on), rate(low, on=on)
    assume(on >= START)
    assert ORDER.index(Status(better.status)) >= ORDER.index(Status(worse.status))


def test_thresholds_are_inclusive_boundaries():
    on = date(2026, 9, 1)
    expected = expected_progress(START, END, on)
    thresholds = Thresholds(green_max_gap=10, yellow_max_gap=25)
    assert rate(expected - 10, on, thresholds=thresholds).status == Status.ON_TRACK
    assert rate(expected - 10.01, on, thresholds=thresholds).status == Status.DELAYED
    assert rate(expected - 25, on, thresholds=thresholds).status == Status.DELAYED
    assert rate(expected - 25.01, on, thresholds=thresholds).status == Status.AT_RISK


def test_per_plan_thresholds_change_the_colour():
    on = date(2026, 9, 1)
    expected = expected_progress(START, END, on)
    strict = Thresholds(green_max_gap=2, yellow_max_gap=5)
    assert rate(expected - 8, on).status == Status.ON_TRACK
    assert rate(expected - 8, on, thresholds=strict).status == Status.AT_RISK


def test_before_the_start_date_it_is_not_started_whatever_the_data():
    verdict = rate(20, on=START - timedelta(days=1))
    assert verdict.status == Status.NOT_STARTED
    assert (
        verdict.explanation
        == "Inicia el 1 de septiembre de 2025; al 31 de agosto de 2025 aún no debía tener avance."
    )


def test_without_published_progress_it_is_rated_by_its_gap():
    early = rate(None, on=date(2025, 10, 1))
    assert early.status == Status.ON_TRACK
    assert early.progress is None
    assert (
        early.explanation
        == "Sin avance reportado al 1 de octubre de 2025; se esperaba 4 %: en tiempo."
    )
    late = rate(None, on=date(2026, 9, 1))
    assert late.status == Status.AT_RISK
    assert "se esperaba 50 %: atrasado" in late.explanation


@given(on=st.dates(min_value=START - timedelta(days=300), max_value=END))
def test_not_started_only_before_the_start_date(on):
    for progress in (None, 0, 30):
        verdict = rate(progress, on=on)
        assert (verdict.status == Status.NOT_STARTED) == (on < START)


@given(
    weights=st.lists(st.integers(-3, 3), min_size=1, max_size=5),
    percents=st.lists(st.integers(0, 100), min_size=5, max_size=5),
    on=days,
)
def test_the_rule_never_fails_whatever_the_weights(weights, percents, on):
    milestones = [
        MilestoneInput(start=START, end=END, weight=w, percent=p)
        for w, p in zip(weights, percents, strict=False)
    ]
    verdict = judge(
        start=START, end=END, on=on, source=ProgressSource.MILESTONES, milestones=milestones
    )
    assert verdict.status in Status.values
    assert verdict.explanation


def test_after_the_end_date_unfinished_work_is_late():
    verdict = rate(60, on=END + timedelta(days=10))
    assert verdict.expected == 100
    assert verdict.status == Status.AT_RISK


@given(on=days)
def test_full_progress_is_complete_at_any_date_after_start(on):
    assert rate(100, on=on).status == Status.COMPLETE


def test_the_explanation_is_one_sentence_with_the_numbers():
    on = date(2026, 11, 25)
    verdict = evaluate(
        progress=45,
        expected=60,
        start=START,
        as_of=on,
        has_data=True,
        source=ProgressSource.INDICATORS,
    )
    assert verdict.status == Status.DELAYED
    assert verdict.explanation == (
        "Avance 45 % de 60 % esperado al 25 de noviembre de 2026 según sus indicadores: con "
        "retraso."
    )


def test_the_explanation_names_milestones_when_they_are_the_source():
    verdict = rate(50, source=ProgressSource.MILESTONES)
    assert "según sus hitos" in verdict.explanation


def test_an_override_wins_shows_its_reason_and_keeps_the_computed_status():
    override = OverrideInput(Status.ON_TRACK, "El presupuesto llegó tarde.", date(2026, 8, 1))
    verdict = rate(5, override=override)
    assert verdict.status == Status.ON_TRACK
    assert verdict.overridden
    assert verdict.computed_status == Status.AT_RISK
    assert verdict.explanation == (
        "Estado asignado por el Secretariado desde el 1 de agosto de 2026: en tiempo (el cálculo "
        "da "
        "atrasado). Motivo: El presupuesto llegó tarde."
    )
    assert not rate(5, on=date(2026, 7, 31), override=override).overridden


def test_stale_flag_is_carried_but_does_not_change_the_colour():
    assert rate(40, stale=True).stale
    assert rate(40, stale=True).status == rate(40).status


def test_completion_levels_as_ogp_rates_them():
    assert completion_level(None) == CompletionLevel.NOT_STARTED
    assert completion_level(0) == CompletionLevel.NOT_STARTED
    assert completion_level(1) == CompletionLevel.LIMITED
    assert completion_level(49.9) == CompletionLevel.LIMITED
    assert completion_level(50) == CompletionLevel.SUBSTANTIAL
    assert completion_level(100) == CompletionLevel.COMPLETE


def test_weighted_mean_skips_missing_values():
    assert weighted_mean([(None, 1), (40, 1), (80, 3)]) == 70
    assert weighted_mean([(None, 1)]) is None
