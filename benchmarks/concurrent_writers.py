"""Concurrent writers drill: N processes write the same facts at the same instant.

Run: .venv/bin/python benchmarks/concurrent_writers.py [--writers 8] [--database URL]
Without --database it migrates a throwaway SQLite file (the `make run` default, with the
settings' write-ahead log, busy timeout and IMMEDIATE transactions); BENCH_DATABASE_URL or
--database point it at another one (a PostgreSQL database is written to, not dropped).

Each scenario builds a small plan through the services, then forks N writers that wait at
a barrier and all write at once through the services: the same 30-row import, a correction
of the same measurement (each with its own value), a publish of the same draft, and stale
publishes racing corrections of one fact. It prints, per scenario, the winners (1 is right),
the writers refused with a message, the errors (any other exception: should be 0; a
"database is locked" would count here, or as "busy" if the services turned it into a
message) and the live facts left against what one winner leaves. Exit status 1 if a
scenario has other than one winner, an error, a busy writer, or a live fact too many.
"""

import argparse
import multiprocessing
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 30)
DAY = date(2026, 3, 31)
DAYS = [date(2026, month, 1) for month in range(1, 11)] + [
    date(2026, month, 15) for month in range(1, 6)
]


def setup_django(database_url):
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    os.environ["DATABASE_URL"] = database_url

    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)

    from core import clock

    clock.FIXED = clock.at_noon(TODAY)


# --- the cast and the writers (each writer runs in its own process) ----------------------


def make_cast(tag):
    from tests.commitments import builders

    plan = builders.make_plan(slug=f"simulacro-{tag}")
    commitment = builders.make_commitment(
        plan, "C-01", indicators=[{"name": "Familias atendidas"}, {"name": "Quejas"}]
    )
    return plan, list(commitment.indicators.order_by("order", "id"))


def import_scenario(tag):
    from tests.imports.files import MEASUREMENT_HEADER, as_csv

    plan, indicators = make_cast(tag)
    rows = [["C-01", i.name, f"{day:%d/%m/%Y}", "10", "", ""] for i in indicators for day in DAYS]
    content = as_csv(MEASUREMENT_HEADER, rows)

    def prepare(n):
        return content

    def write(content):
        from commitments.imports import importer
        from commitments.imports.core import NEW

        outcome = importer("avances", plan=plan, publish=True).run(
            content, "avances.csv", dry_run=False
        )
        if outcome.written and outcome.count(NEW):
            return "won", outcome.summary()
        from commitments.services import BUSY

        if outcome.ok:
            return "refused", outcome.summary()
        message = str(outcome.problems[0])
        return ("busy" if str(BUSY) in message else "refused"), message

    return prepare, write, indicators, len(rows)


def correction_scenario(tag, *, stale_publish=False):
    """Every writer corrects the same published measurement with its own value; with
    `stale_publish` every other writer instead publishes it from a copy loaded while it
    was still a draft (a page opened before someone else published it)."""
    from commitments.models import Measurement
    from tests.commitments import builders

    _plan, indicators = make_cast(tag)
    draft = builders.add_measurement(indicators[0], DAY, 6, draft=True)
    stale = Measurement.objects.get(pk=draft.pk)
    fact = builders.publish(draft, DAY)

    def prepare(n):
        return n, stale if stale_publish and n % 2 else Measurement.objects.get(pk=fact.pk)

    def write(prepared):
        from commitments import services

        n, copy = prepared
        if copy is stale:
            services.publish(fact=copy)
        else:
            services.correct(fact=copy, reason=f"Dato revisado ({n}).", value=100 * (n + 1))
        return "won", ""

    return prepare, write, indicators[:1], 1


def publish_scenario(tag):
    from commitments.models import Measurement
    from tests.commitments import builders

    _plan, indicators = make_cast(tag)
    draft = builders.add_measurement(indicators[0], DAY, 6, draft=True)

    def prepare(n):
        return Measurement.objects.get(pk=draft.pk)

    def write(copy):
        from commitments import services

        services.publish(fact=copy)
        return "won", ""

    return prepare, write, indicators[:1], 1


SCENARIOS = [
    ("same 30-row import", import_scenario),
    ("correct the same measurement", correction_scenario),
    ("publish the same draft", publish_scenario),
    (
        "stale publishes vs corrections",
        lambda tag: correction_scenario(tag, stale_publish=True),
    ),
]


def writer(n, prepare, write, barrier, results):
    from django.core.exceptions import ValidationError
    from django.db import connections

    from commitments.services import BUSY

    try:
        prepared = prepare(n)
        connections.close_all()
        barrier.wait()
        started = time.monotonic()
        try:
            kind, message = write(prepared)
        except ValidationError as error:
            message = " ".join(error.messages)
            kind = "busy" if message == str(BUSY) else "refused"
        results.put((kind, message, time.monotonic() - started))
    except Exception as error:  # the drill counts it
        results.put(("error", repr(error), 0.0))
    finally:
        connections.close_all()


def run(name, build, writers, tag):
    from django.db import connections

    from commitments.models import Measurement

    prepare, write, indicators, expected = build(tag)
    connections.close_all()
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(writers)
    results = context.Queue()
    processes = [
        context.Process(target=writer, args=(n, prepare, write, barrier, results))
        for n in range(writers)
    ]
    for process in processes:
        process.start()
    outcomes = [results.get(timeout=120) for _ in processes]
    for process in processes:
        process.join()
    live = Measurement.objects.filter(
        indicator__in=indicators, superseded=False, is_withdrawal=False
    ).count()
    counts = {k: sum(1 for o in outcomes if o[0] == k) for k in ("won", "refused", "busy", "error")}
    slowest = max(o[2] for o in outcomes) * 1000
    print(
        f"{name:34} {counts['won']:>7} {counts['refused']:>7} {counts['busy']:>5} "
        f"{counts['error']:>6} {live:>5} / {expected:<5} {slowest:>8.0f}"
    )
    messages = sorted({o[1] for o in outcomes if o[0] != "won" and o[1]})
    for message in messages:
        print(f"    {message[:150]}")
    return counts["won"] == 1 and not counts["error"] and not counts["busy"] and live == expected


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--database", default=os.environ.get("BENCH_DATABASE_URL"))
    args = parser.parse_args()
    folder = None
    database_url = args.database
    if not database_url:
        folder = tempfile.TemporaryDirectory(prefix="writers-drill-")
        database_url = f"sqlite:///{folder.name}/drill.sqlite3"
    setup_django(database_url)
    from django.db import connection

    print(f"## Concurrent writers: {args.writers} processes at once, {connection.vendor}")
    print(
        f"{'scenario':34} {'winners':>7} {'refused':>7} {'busy':>5} {'errors':>6} "
        f"{'live facts':>13} {'slowest ms':>8}"
    )
    tag = f"{os.getpid()}-{int(time.time())}"
    # Every scenario runs, even after one fails.
    passed = [
        run(name, build, args.writers, f"{tag}-{i}") for i, (name, build) in enumerate(SCENARIOS)
    ]
    ok = all(passed)
    if folder:
        folder.cleanup()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
