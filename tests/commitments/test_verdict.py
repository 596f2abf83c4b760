"""The semáforo as the public reads it (through the reader) on fixed dates."""

from datetime import date

import pytest

from commitments import reader
from commitments.models import Indicator
from commitments.semaforo import ProgressSource, Status
from tests.commitments.builders import (
    END,
    HALFWAY,
    START,
    add_evidence,
    add_measurement,
    add_progress,
    complete_milestone,
    make_commitment,
    make_plan,
    set_override,
)

pytestmark = pytest.mark.django_db

STALE_CLAUSE = "; sus datos no se han actualizado con la periodicidad comprometida."


def verdict(commitment, day):
    """The verdict on the commitment page and on the list pages, which must agree."""
    page = reader.commitment_view(commitment, day).verdict
    row = next(r for r in reader._plan_view(commitment.plan, day).rows if r.pk == commitment.pk)
    assert page == row.verdict
    return page


def with_indicator(**fields):
    return make_commitment(indicators=[fields or {"name": "Indicador"}])


@pytest.fixture
def halfway_commitment():
    """Reported 45 % on 30/06/2026, published the next day."""
    commitment = with_indicator(periodicity=Indicator.Periodicity.QUARTERLY)
    add_measurement(
        commitment.indicators.get(), date(2026, 6, 30), 45, published_on=date(2026, 7, 1)
    )
    return commitment


@pytest.mark.parametrize(
    ("day", "status", "explanation"),
    [
        (
            date(2025, 12, 31),
            Status.NOT_STARTED,
            "Inicia el 1 de enero de 2026; al 31 de diciembre de 2025 aún no debía tener avance.",
        ),
        (
            HALFWAY,
            Status.ON_TRACK,
            "Avance 45 % de 50 % esperado al 2 de julio de 2026 según sus indicadores: en tiempo.",
        ),
        (
            date(2026, 8, 15),
            Status.DELAYED,
            "Avance 45 % de 62 % esperado al 15 de agosto de 2026 según sus indicadores: con "
            "retraso.",
        ),
        (
            date(2026, 9, 30),
            Status.AT_RISK,
            "Avance 45 % de 75 % esperado al 30 de septiembre de 2026 según sus indicadores: "
            "atrasado.",
        ),
    ],
)
def test_verdict_on_fixed_dates(halfway_commitment, day, status, explanation):
    found = verdict(halfway_commitment, day)
    assert found.status == status
    assert found.explanation == explanation
    assert not found.stale


def test_reaching_the_target_is_complete(halfway_commitment):
    add_measurement(halfway_commitment.indicators.get(), date(2026, 8, 31), 100)
    found = verdict(halfway_commitment, date(2026, 9, 1))
    assert found.status == Status.COMPLETE
    assert found.progress == 100
    assert (
        found.explanation
        == "Avance 100 % al 1 de septiembre de 2026 según sus indicadores: completo."
    )


@pytest.mark.parametrize(
    ("value", "progress", "status"),
    [
        (20, 50, Status.ON_TRACK),  # halfway from 30 down to 10 days
        (35, 0, Status.AT_RISK),  # worse than the baseline counts as no progress
        (10, 100, Status.COMPLETE),
        (5, 100, Status.COMPLETE),  # beyond the target is still 100 %
    ],
)
def test_decreasing_indicator_progress(value, progress, status):
    commitment = make_commitment(indicators=[{"baseline": 30, "target": 10}])
    indicator = commitment.indicators.get()
    assert indicator.direction == Indicator.Direction.DOWN
    add_measurement(indicator, date(2026, 6, 30), value)
    found = verdict(commitment, HALFWAY)
    assert found.progress == progress
    assert found.status == status


@pytest.mark.parametrize(
    ("periodicity", "last_value_on", "fresh_until"),
    [
        # The allowed age is the period plus two weeks of grace for publication.
        (Indicator.Periodicity.MONTHLY, date(2026, 5, 31), date(2026, 7, 15)),
        (Indicator.Periodicity.QUARTERLY, date(2026, 3, 31), date(2026, 7, 15)),
        (Indicator.Periodicity.HALF_YEARLY, date(2026, 1, 31), date(2026, 8, 16)),
    ],
)
def test_stale_when_data_is_older_than_its_periodicity(periodicity, last_value_on, fresh_until):
    commitment = with_indicator(periodicity=periodicity)
    add_measurement(commitment.indicators.get(), last_value_on, 40)

    on_time = verdict(commitment, fresh_until)
    late = verdict(commitment, date.fromordinal(fresh_until.toordinal() + 1))

    assert not on_time.stale
    assert STALE_CLAUSE not in on_time.explanation
    assert late.stale
    assert late.explanation.endswith(STALE_CLAUSE)


def test_past_its_start_without_any_value_it_is_rated_by_its_gap():
    """«No iniciado» is only for before the start; then nothing reported counts as 0 %."""
    commitment = with_indicator(periodicity=Indicator.Periodicity.MONTHLY)
    early = verdict(commitment, date(2026, 2, 14))
    late = verdict(commitment, date(2026, 2, 16))
    months_later = verdict(commitment, date(2026, 10, 12))
    assert (early.status, early.stale) == (Status.DELAYED, False)
    assert early.explanation == (
        "Sin avance reportado al 14 de febrero de 2026; se esperaba 12 %: con retraso."
    )
    assert (late.status, late.stale) == (Status.DELAYED, True)
    assert late.explanation == (
        "Sin avance reportado al 16 de febrero de 2026; se esperaba 13 %: con retraso"
        + STALE_CLAUSE
    )
    assert months_later.status == Status.AT_RISK
    assert months_later.progress is None


def test_a_commitment_that_starts_later_is_not_started_and_not_urgent():
    commitment = make_commitment(
        indicators=[{"name": "Indicador"}], start_date=date(2027, 1, 1), end_date=END.replace(2027)
    )
    found = verdict(commitment, date(2026, 11, 25))
    assert found.status == Status.NOT_STARTED
    assert found.explanation.startswith("Inicia el 1 de enero de 2027")


def test_a_finished_indicator_is_never_stale():
    commitment = with_indicator(periodicity=Indicator.Periodicity.MONTHLY)
    add_measurement(commitment.indicators.get(), date(2026, 3, 31), 100)
    found = verdict(commitment, date(2026, 11, 25))
    assert found.status == Status.COMPLETE
    assert not found.stale


def test_override_shows_its_reason_only_from_the_day_it_was_published(halfway_commitment):
    set_override(
        halfway_commitment,
        Status.AT_RISK,
        date(2026, 7, 1),
        reason="La obra está suspendida por una resolución judicial.",
    )
    before = verdict(halfway_commitment, date(2026, 6, 30))
    since = verdict(halfway_commitment, date(2026, 7, 1))

    assert not before.overridden
    assert before.override_reason == ""
    assert "Estado asignado" not in before.explanation
    assert since.overridden
    assert since.status == Status.AT_RISK
    assert since.computed_status == Status.ON_TRACK
    assert since.explanation == (
        "Estado asignado por el Secretariado desde el 1 de julio de 2026: atrasado (el cálculo da "
        "en tiempo). Motivo: La obra está suspendida por una resolución judicial."
    )


def test_an_override_can_never_start_before_it_is_published(halfway_commitment):
    override = set_override(
        halfway_commitment, Status.ON_TRACK, date(2026, 8, 1), published_on=date(2026, 9, 10)
    )
    assert override.starts_on == date(2026, 9, 10)
    assert not verdict(halfway_commitment, date(2026, 9, 9)).overridden
    assert verdict(halfway_commitment, date(2026, 9, 10)).overridden


def test_a_past_date_ignores_later_publications_and_drafts():
    commitment = with_indicator()
    indicator = commitment.indicators.get()
    add_measurement(indicator, date(2026, 3, 31), 20, published_on=date(2026, 4, 5))
    add_measurement(indicator, date(2026, 6, 30), 60, published_on=date(2026, 7, 20))
    add_measurement(indicator, date(2026, 7, 10), 95, draft=True)

    for day, progress in [
        (date(2026, 4, 4), None),
        (date(2026, 4, 5), 20),
        (date(2026, 7, 19), 20),
        (date(2026, 7, 20), 60),
        (date(2026, 11, 25), 60),
    ]:
        assert verdict(commitment, day).progress == progress, day


def two_sources(source):
    """Indicators say 40 %, milestones say 80 %."""
    commitment = make_commitment(
        indicators=[{"name": "Indicador"}],
        milestones=[{"title": "Hito"}],
        progress_source=source,
    )
    add_measurement(commitment.indicators.get(), date(2026, 6, 30), 40)
    add_progress(commitment.milestones.get(), date(2026, 6, 30), 80)
    return commitment


@pytest.mark.parametrize(
    ("source", "progress", "phrase"),
    [
        (ProgressSource.INDICATORS, 40, "según sus indicadores:"),
        (ProgressSource.MILESTONES, 80, "según sus hitos:"),
        (ProgressSource.BOTH, 60, "según sus indicadores e hitos:"),
    ],
)
def test_progress_source_and_the_explanation_says_which(source, progress, phrase):
    found = verdict(two_sources(source), HALFWAY)
    assert found.source == source
    assert found.progress == progress
    assert (
        f"Avance {progress} % de 50 % esperado al 2 de julio de 2026 {phrase}" in found.explanation
    )


def test_blank_source_follows_the_plan_default():
    plan = make_plan(default_progress_source=ProgressSource.MILESTONES)
    commitment = make_commitment(plan, milestones=[{"title": "Hito"}])
    add_progress(commitment.milestones.get(), START, 30)
    found = verdict(commitment, HALFWAY)
    assert found.source == ProgressSource.MILESTONES
    assert "según sus hitos" in found.explanation


def test_milestone_progress_is_the_weighted_mean_of_their_percents():
    commitment = make_commitment(
        progress_source=ProgressSource.MILESTONES,
        milestones=[{"weight": 1}, {"weight": 3}, {"weight": 1}],
    )
    first, second, cancelled = commitment.milestones.order_by("order")
    complete_milestone(first, date(2026, 6, 1))
    add_progress(second, date(2026, 6, 1), 20)
    add_progress(cancelled, date(2026, 6, 1), 90, milestone_status="cancelado")
    assert verdict(commitment, HALFWAY).progress == 40  # (100 * 1 + 20 * 3) / 4


def test_milestone_expectation_comes_from_milestone_dates():
    commitment = make_commitment(
        progress_source=ProgressSource.MILESTONES,
        milestones=[
            {"start": START, "end": date(2026, 6, 30)},
            {"start": date(2026, 7, 1), "end": END},
        ],
    )
    first = commitment.milestones.order_by("order").first()
    add_evidence(first, day=date(2026, 6, 1))
    add_progress(first, date(2026, 6, 30), 100)
    # First milestone due (100 %), second not started (0 %): half of the work expected.
    assert verdict(commitment, date(2026, 7, 1)).expected == 50
    assert verdict(commitment, END).expected == 100


def test_every_weight_is_positive_so_the_rule_never_divides_by_zero():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        make_commitment(
            progress_source=ProgressSource.MILESTONES,
            milestones=[{"weight": 0}, {"weight": 0}],
        )
