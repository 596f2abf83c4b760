"""How long, how many queries and how much memory the semáforo of a whole plan costs.

Run: .venv/bin/python benchmarks/semaforo_bench.py [--sizes 40 400 4000] [--repeat 3]

It builds synthetic plans (commitments/synthetic.py) in a throwaway SQLite database,
or in BENCH_DATABASE_URL if set (that database's synthetic plan is replaced), and
computes every commitment's verdict the way listing pages do. Numbers only: this
is not a test and asserts nothing.
"""

import argparse
import os
import sys
import tempfile
import time
import tracemalloc
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AS_OF = date(2026, 11, 25)
WIDTHS = [9, 10, 12, 10, 10]


def setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    database_url = os.environ.get("BENCH_DATABASE_URL")
    folder = None
    if not database_url:
        folder = tempfile.TemporaryDirectory(prefix="semaforo-bench-")
        database_url = f"sqlite:///{folder.name}/bench.sqlite3"
    os.environ["DATABASE_URL"] = database_url

    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    return database_url, folder


def all_verdicts(plan):
    from commitments.models import Commitment

    commitments = Commitment.objects.in_plan(plan).for_listing().with_progress(AS_OF)
    return [c.verdict(AS_OF) for c in commitments]


def measure(plan, repeat):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            verdicts = all_verdicts(plan)
        timings.append(time.perf_counter() - started)
    tracemalloc.start()
    all_verdicts(plan)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return len(verdicts), len(queries), min(timings), peak


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[40, 400, 4000])
    parser.add_argument("--repeat", type=int, default=3, help="Best of N timings.")
    args = parser.parse_args()

    database_url, folder = setup_django()
    from commitments import synthetic

    print(f"Semáforo de todo el plan al {AS_OF:%d/%m/%Y} · base: {database_url}")
    headers = ["acciones", "consultas", "tiempo (ms)", "ms/acción", "pico (MB)"]
    print(" ".join(f"{h:>{w}}" for h, w in zip(headers, WIDTHS, strict=True)))
    for size in args.sizes:
        plan, _ = synthetic.build_plan(actions=size, as_of=AS_OF, replace=True)
        count, queries, seconds, peak = measure(plan, args.repeat)
        cells = [f"{count:,}", queries, f"{seconds * 1000:.1f}", f"{seconds * 1000 / count:.3f}"]
        cells.append(f"{peak / 1024 / 1024:.1f}")
        print(" ".join(f"{c:>{w}}" for c, w in zip(cells, WIDTHS, strict=True)))
    synthetic.drop()
    if folder:
        folder.cleanup()


if __name__ == "__main__":
    main()
