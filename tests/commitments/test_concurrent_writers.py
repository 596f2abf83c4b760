"""Two writers at once on the same fact: one wins, the other is told why, in Spanish.

On PostgreSQL each writer is a thread with its own connection, and both are inside their
transaction (a Barrier) before either writes: the database (a unique index, a row lock)
decides who wins. On SQLite the test database lives in memory, where two connections cannot
write at once; and a SQLite file with `transaction_mode: IMMEDIATE` runs two write
transactions one after the other anyway: the second begins once the first has committed,
holding the objects it loaded before. So on SQLite the same scenarios run in that order,
the second writer with its stale copies. `tests/test_sqlite_writers.py` runs real
concurrent writers on a SQLite file.
"""

import threading
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from commitments import services
from commitments.imports import MeasurementImporter
from commitments.imports.core import NEW
from commitments.models import FactStatus, Measurement
from tests.commitments import builders
from tests.imports.files import MEASUREMENT_HEADER, as_csv

pytestmark = pytest.mark.django_db(transaction=True)

CONCURRENT = connection.vendor == "postgresql"
DAY = date(2026, 3, 31)
ALREADY_CORRECTED = "Ya tiene una corrección: corrige la más reciente."
ALREADY_PUBLISHED = "Ya está publicado."
DAYS = [date(2026, month, 1) for month in range(1, 11)] + [
    date(2026, month, 15) for month in range(1, 6)
]


class _Queue:
    """SQLite's schedule: the writers run one after the other, nobody waits."""

    def wait(self):
        pass


def race(*writers):
    """Run `writer(barrier)` for each writer; returns what each returned or raised."""
    results = [None] * len(writers)

    def run(index, writer, barrier):
        try:
            results[index] = writer(barrier)
        except Exception as error:  # the loser's refusal is its result
            results[index] = error
        finally:
            if CONCURRENT:
                connection.close()

    if not CONCURRENT:
        for index, writer in enumerate(writers):
            run(index, writer, _Queue())
        return results
    barrier = threading.Barrier(len(writers), timeout=30)
    threads = [
        threading.Thread(target=run, args=(index, writer, barrier))
        for index, writer in enumerate(writers)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def in_transaction(write):
    """A writer that begins its transaction, waits for the other one, then writes."""

    def writer(barrier):
        with transaction.atomic():
            Measurement.objects.exists()  # the transaction has begun
            barrier.wait()
            return write()

    return writer


def refusals(results):
    return [r for r in results if isinstance(r, ValidationError)]


def winners(results):
    return [r for r in results if not isinstance(r, Exception)]


@pytest.fixture
def reviewer(django_user_model, frozen_today):
    return django_user_model.objects.create_superuser("stmga", "s@example.org", "x")


@pytest.fixture
def indicators(frozen_today):
    commitment = builders.make_commitment(
        builders.make_plan(),
        "C-01",
        indicators=[{"name": "Familias atendidas"}, {"name": "Quejas"}],
    )
    return list(commitment.indicators.order_by("order", "id"))


@pytest.fixture
def published(indicators):
    """6 families on 31 March, public since then."""
    return builders.add_measurement(indicators[0], DAY, 6)


def test_two_imports_of_the_same_measurements_write_them_once(indicators, reviewer):
    plan = indicators[0].commitment.plan
    rows = [["C-01", i.name, f"{day:%d/%m/%Y}", "10", "", ""] for i in indicators for day in DAYS]
    content = as_csv(MEASUREMENT_HEADER, rows)
    assert len(rows) == 30

    def importing(barrier):
        class Racing(MeasurementImporter):
            def write(self, rows):
                barrier.wait()  # both have checked the file inside their transaction
                super().write(rows)

        outcome = Racing(plan=plan, by=reviewer, publish=True).run(
            content, "avances.csv", dry_run=False
        )
        return outcome

    first, second = race(importing, importing)

    assert Measurement.objects.count() == 30
    assert Measurement.objects.published().count() == 30
    outcomes = sorted([first, second], key=lambda o: -o.count(NEW))
    won, lost = outcomes
    assert won.written and won.count(NEW) == 30
    assert lost.count(NEW) == 0
    if CONCURRENT:
        # It checked the file before the winner committed: every row is refused.
        assert not lost.ok
        assert "No se importó nada" in lost.summary()
        assert "Ese indicador ya tiene un avance para esa fecha" in str(lost.problems[0])
    else:
        assert "todo ya estaba registrado, no cambia nada" in lost.summary()


def test_two_corrections_of_the_same_measurement_one_wins(published, reviewer):
    def correcting(value):
        return in_transaction(
            lambda: services.correct(
                fact=published, reason=f"Dato de la dependencia: {value}", value=value, by=reviewer
            )
        )

    results = race(correcting(100), correcting(200))

    assert len(winners(results)) == 1
    [refused] = refusals(results)
    assert refused.messages == [ALREADY_CORRECTED]
    corrections = Measurement.objects.filter(supersedes=published)
    assert corrections.count() == 1
    assert corrections.get().value == winners(results)[0].value
    live = Measurement.objects.filter(indicator=published.indicator, date=DAY, superseded=False)
    assert list(live) == [winners(results)[0]]


def test_two_publishes_of_the_same_draft_one_wins(indicators, reviewer):
    draft = builders.add_measurement(indicators[0], DAY, 6, draft=True)
    copies = [Measurement.objects.get(pk=draft.pk) for _ in range(2)]

    def publishing(copy):
        return in_transaction(lambda: services.publish(fact=copy, by=reviewer))

    results = race(publishing(copies[0]), publishing(copies[1]))

    assert len(winners(results)) == 1
    [refused] = refusals(results)
    assert refused.messages == [ALREADY_PUBLISHED]
    stored = Measurement.objects.get(pk=draft.pk)
    assert stored.published_at == winners(results)[0].published_at
    stamps = Measurement.history.filter(id=draft.pk, status=FactStatus.PUBLISHED)
    assert stamps.count() == 1


def test_a_stale_publish_racing_a_correction_loses(indicators, reviewer):
    """A reviewer publishes from a page loaded while the fact was a draft, while another
    corrects it: the published moment is never rewritten, the correction stands."""
    draft = builders.add_measurement(indicators[0], DAY, 6, draft=True)
    stale = Measurement.objects.get(pk=draft.pk)
    fact = builders.publish(draft, DAY)
    first_published_at = fact.published_at

    results = race(
        in_transaction(
            lambda: services.correct(fact=fact, reason="Dato revisado.", value=100, by=reviewer)
        ),
        in_transaction(lambda: services.publish(fact=stale, by=reviewer)),
    )

    correction, refused = results
    assert isinstance(correction, Measurement) and correction.supersedes_id == fact.pk
    assert isinstance(refused, ValidationError)
    assert refused.messages == [ALREADY_PUBLISHED]
    assert Measurement.objects.get(pk=fact.pk).published_at == first_published_at
    assert Measurement.objects.filter(supersedes=fact).count() == 1


def test_the_database_refuses_a_second_live_fact_for_a_day(published, reviewer):
    """The rule holds even for a writer that skips the services' checks."""
    from django.db import IntegrityError

    twin = Measurement(
        indicator=published.indicator,
        date=DAY,
        value=7,
        status=FactStatus.PUBLISHED,
        published_at=published.published_at,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        twin.save()
    with pytest.raises(ValidationError) as refused:
        builders.add_measurement(published.indicator, DAY, 7)
    assert "Ese indicador ya tiene un avance para esa fecha" in refused.value.messages[0]
