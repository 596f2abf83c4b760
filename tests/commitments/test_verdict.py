"""The semáforo through the models: Commitment.verdict on fixed dates."""

from datetime import date

import pytest

from commitments.models import Commitment, Indicator
from commitments.semaforo import ProgressSource, Status
from tests.commitments.builders import (
    END,
    HALFWAY,
    START,
    add_indicator,
    add_measurement,
    add_milestone,
    make_commitment,
    make_plan,
)
from tests.conftest import freeze_today

pytestmark = pytest.mark.django_db

STALE_SENTENCE = "Sus datos no se han actualizado con la periodicidad comprometida."


def fresh(commitment):
    """A new instance, so no verdict is cached from an earlier call."""
    return Commitment.objects.get(pk=commitment.pk)


def listed(commitment, day):
    """The same commitment read the way listing pages read it (prefetched)."""
    return Commitment.objects.for_listing().with_progress(day).get(pk=commitment.pk)


@pytest.fixture
def halfway_commitment():
    """Reported 45 % on 30/06/2026, published the next day."""
    commitment = make_commitment()
    indicator = add_indicator(commitment, periodicity=Indicator.Periodicity.QUARTERLY)
    add_measurement(indicator, date(2026, 6, 30), 45, published_on=date(2026, 7, 1))
    return commitment


@pytest.mark.parametrize(
    ("day", "status", "explanation"),
    [
        (
            date(2025, 12, 31),
            Status.NOT_STARTED,
            "Inicia el 01/01/2026; al 31/12/2025 aún no debía tener avance.",
        ),
        (
            HALFWAY,
            Status.ON_TRACK,
            "Avance 45 % de 50 % esperado al 02/07/2026 según sus indicadores: en tiempo.",
        ),
        (
            date(2026, 8, 15),
            Status.DELAYED,
            "Avance 45 % de 62 % esperado al 15/08/2026 según sus indicadores: con retraso.",
        ),
        (
            date(2026, 9, 30),
            Status.AT_RISK,
            "Avance 45 % de 75 % esperado al 30/09/2026 según sus indicadores: atrasado.",
        ),
    ],
)
def test_verdict_on_fixed_dates(halfway_commitment, day, status, explanation):
    for commitment in (fresh(halfway_commitment), listed(halfway_commitment, day)):
        verdict = commitment.verdict(day)
        assert verdict.status == status
        assert verdict.explanation == explanation
        assert not verdict.stale


def test_reaching_the_target_is_complete(halfway_commitment):
    add_measurement(halfway_commitment.indicators.get(), date(2026, 8, 31), 100)
    verdict = fresh(halfway_commitment).verdict(date(2026, 9, 1))
    assert verdict.status == Status.COMPLETE
    assert verdict.progress == 100
    assert verdict.explanation == "Avance 100 % al 01/09/2026 según sus indicadores: completo."


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
    commitment = make_commitment()
    indicator = add_indicator(commitment, baseline=30, target=10)
    assert indicator.direction == Indicator.Direction.DOWN
    add_measurement(indicator, date(2026, 6, 30), value)
    verdict = commitment.verdict(HALFWAY)
    assert verdict.progress == progress
    assert verdict.status == status


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
    commitment = make_commitment()
    indicator = add_indicator(commitment, periodicity=periodicity)
    add_measurement(indicator, last_value_on, 40)

    on_time = fresh(commitment).verdict(fresh_until)
    late = fresh(commitment).verdict(date.fromordinal(fresh_until.toordinal() + 1))

    assert not on_time.stale
    assert STALE_SENTENCE not in on_time.explanation
    assert late.stale
    assert late.explanation.endswith(STALE_SENTENCE)


def test_without_any_value_it_turns_stale_once_the_first_period_is_over():
    commitment = make_commitment()
    add_indicator(commitment, periodicity=Indicator.Periodicity.MONTHLY)
    early = commitment.verdict(date(2026, 2, 14))
    late = fresh(commitment).verdict(date(2026, 2, 16))
    assert (early.status, early.stale) == (Status.NOT_STARTED, False)
    assert (late.status, late.stale) == (Status.NOT_STARTED, True)
    assert late.explanation == (
        "Sin avances publicados al 16/02/2026; se esperaba 13 %: no iniciado. " + STALE_SENTENCE
    )


def test_a_finished_indicator_is_never_stale():
    commitment = make_commitment()
    indicator = add_indicator(commitment, periodicity=Indicator.Periodicity.MONTHLY)
    add_measurement(indicator, date(2026, 3, 31), 100)
    verdict = commitment.verdict(date(2026, 11, 25))
    assert verdict.status == Status.COMPLETE
    assert not verdict.stale


def test_override_shows_its_reason_only_from_its_start_date(halfway_commitment):
    halfway_commitment.status_override = Status.AT_RISK
    halfway_commitment.override_reason = "La obra está suspendida por una resolución judicial."
    halfway_commitment.override_since = date(2026, 7, 1)
    halfway_commitment.save()

    before = fresh(halfway_commitment).verdict(date(2026, 6, 30))
    since = fresh(halfway_commitment).verdict(date(2026, 7, 1))
    listed_since = listed(halfway_commitment, HALFWAY).verdict(HALFWAY)

    assert not before.overridden
    assert before.override_reason == ""
    assert "Estado asignado" not in before.explanation
    assert since.overridden
    assert since.status == Status.AT_RISK
    assert since.override_reason == "La obra está suspendida por una resolución judicial."
    assert since.explanation == (
        "Estado asignado por el Secretariado: atrasado. "
        "Motivo: La obra está suspendida por una resolución judicial."
    )
    assert listed_since.status == Status.AT_RISK
    assert listed_since.overridden


def test_an_override_starts_on_the_day_it_is_saved(halfway_commitment, monkeypatch):
    freeze_today(monkeypatch, date(2026, 9, 10))
    halfway_commitment.status_override = Status.ON_TRACK
    halfway_commitment.override_reason = "El presupuesto llegó tarde."
    halfway_commitment.save()
    assert halfway_commitment.override_since == date(2026, 9, 10)

    halfway_commitment.status_override = ""
    halfway_commitment.save()
    assert halfway_commitment.override_since is None


def test_changing_the_assigned_status_restarts_its_date(halfway_commitment, monkeypatch):
    freeze_today(monkeypatch, date(2026, 9, 10))
    halfway_commitment.status_override = Status.ON_TRACK
    halfway_commitment.override_reason = "El presupuesto llegó tarde."
    halfway_commitment.save()

    freeze_today(monkeypatch, date(2026, 10, 20))
    commitment = fresh(halfway_commitment)
    commitment.status_override = Status.AT_RISK
    commitment.override_reason = "Se canceló el contrato."
    commitment.save()

    # On 1 October the Secretariat had said "en tiempo", never "atrasado".
    assert commitment.override_since == date(2026, 10, 20)
    assert not fresh(commitment).verdict(date(2026, 10, 1)).overridden


def test_a_past_date_ignores_later_publications_and_drafts():
    commitment = make_commitment()
    indicator = add_indicator(commitment)
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
        for instance in (fresh(commitment), listed(commitment, day)):
            assert instance.verdict(day).progress == progress, day


@pytest.fixture
def two_sources():
    """Indicators say 40 %, milestones say 80 %."""
    commitment = make_commitment()
    add_measurement(add_indicator(commitment), date(2026, 6, 30), 40)
    add_milestone(commitment, percent=80, updated_on=date(2026, 6, 30))
    return commitment


@pytest.mark.parametrize(
    ("source", "progress", "phrase"),
    [
        (ProgressSource.INDICATORS, 40, "según sus indicadores:"),
        (ProgressSource.MILESTONES, 80, "según sus hitos:"),
        (ProgressSource.BOTH, 60, "según sus indicadores e hitos:"),
    ],
)
def test_progress_source_and_the_explanation_says_which(two_sources, source, progress, phrase):
    Commitment.objects.filter(pk=two_sources.pk).update(progress_source=source)
    for commitment in (fresh(two_sources), listed(two_sources, HALFWAY)):
        verdict = commitment.verdict(HALFWAY)
        assert verdict.source == source
        assert verdict.progress == progress
        assert f"Avance {progress} % de 50 % esperado al 02/07/2026 {phrase}" in (
            verdict.explanation
        )


def test_blank_source_follows_the_plan_default():
    plan = make_plan(default_progress_source=ProgressSource.MILESTONES)
    commitment = make_commitment(plan)
    add_milestone(commitment, percent=30, updated_on=START)
    verdict = commitment.verdict(HALFWAY)
    assert verdict.source == ProgressSource.MILESTONES
    assert "según sus hitos" in verdict.explanation


def test_milestone_progress_is_the_weighted_mean_of_their_percents():
    commitment = make_commitment(progress_source=ProgressSource.MILESTONES)
    add_milestone(commitment, percent=100, weight=1)
    add_milestone(commitment, percent=20, weight=3)
    add_milestone(commitment, percent=90, status="cancelado")
    assert commitment.verdict(HALFWAY).progress == 40  # (100 * 1 + 20 * 3) / 4


def test_milestone_expectation_comes_from_milestone_dates():
    commitment = make_commitment(progress_source=ProgressSource.MILESTONES)
    add_milestone(commitment, START, date(2026, 6, 30), percent=100)
    add_milestone(commitment, date(2026, 7, 1), END, percent=0)
    # First milestone due (100 %), second not started (0 %): half of the work expected.
    assert commitment.verdict(date(2026, 7, 1)).expected == 50
    assert fresh(commitment).verdict(END).expected == 100


def test_milestones_that_have_not_started_expect_nothing():
    commitment = make_commitment(progress_source=ProgressSource.MILESTONES)
    add_milestone(commitment, date(2026, 7, 1), END, percent=0)
    verdict = commitment.verdict(date(2026, 3, 1))
    assert verdict.expected == 0
    assert verdict.explanation == (
        "Sin avances publicados al 01/03/2026; se esperaba 0 %: no iniciado."
    )
