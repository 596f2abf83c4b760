"""Uncached public pages and API answers at 40, 400 and 4,000 actions, today and on a past
date; then the board and the API's list warm (from the page cache), in requests per second.

Run: .venv/bin/python benchmarks/pages_bench.py [--sizes 40 400 4000] [--repeat 3]
(`make benchmark`). It builds synthetic plans (commitments/synthetic.py) in a throwaway
SQLite database, or in BENCH_DATABASE_URL if set, and requests each page in-process with
the cache emptied before every request, so no cached page helps. It prints the median
time, the SQL queries and the ratio of the largest plan to the smallest. Numbers only:
this is not a test and asserts nothing.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AS_OF = date(2026, 11, 25)
PAST = "2026-06-30"


def setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    database_url = os.environ.get("BENCH_DATABASE_URL")
    folder = None
    if not database_url:
        folder = tempfile.TemporaryDirectory(prefix="pages-bench-")
        database_url = f"sqlite:///{folder.name}/bench.sqlite3"
    os.environ["DATABASE_URL"] = database_url

    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    return folder


def pages(plan):
    first = plan.commitments.order_by("code").first()
    base = [
        ("tablero", "/tablero/"),
        ("inicio", "/"),
        ("eje", f"/ejes/{plan.axes.order_by('order').first().slug}/"),
        ("dependencia", f"/dependencias/{first.unit.slug}/"),
        ("compromiso", f"/compromisos/{first.slug}/"),
        ("API lista", "/api/v1/compromisos/"),
        ("API compromiso", f"/api/v1/compromisos/{first.slug}/"),
    ]
    return [(f"{name} hoy", url) for name, url in base] + [
        (f"{name} {PAST}", f"{url}?fecha={PAST}") for name, url in base
    ]


def measure(client, url, repeat):
    from django.core.cache import cache
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    times, queries = [], 0
    for _ in range(repeat):
        # Building a plan fills Django's query log (9,000 entries), which would make the
        # count below read 0.
        reset_queries()
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(captured)
    return statistics.median(times), queries


# Warm: the board and the API's list, as served again from the page cache.
WARM = [("tablero", "/tablero/"), ("API lista", "/api/v1/compromisos/")]


def warm_rate(client, url, seconds=1.0):
    """Requests per second for `url` once it is in the page cache (as in production: DEBUG
    off, an anonymous client)."""
    from django.test.utils import override_settings

    with override_settings(DEBUG=False, ALLOWED_HOSTS=["testserver"]):
        assert client.get(url).status_code == 200
        done, start = 0, time.perf_counter()
        while time.perf_counter() - start < seconds:
            assert client.get(url).status_code == 200
            done += 1
        return done / (time.perf_counter() - start)


def warm_table(rates, results, sizes):
    print()
    print("Caché caliente: peticiones por segundo (un proceso); c = consultas sin caché")
    print(f"{'página':<28}" + "".join(f"{f'{s} acciones':>20}" for s in sizes))
    for name, _url in WARM:
        cells = [f"{rates[s, name]:>8.0f}/s ({results[s, f'{name} hoy'][1]:>2} c)" for s in sizes]
        print(f"{name:<28}" + "".join(f"{c:>20}" for c in cells))


def table(title, results, sizes, names):
    print()
    print(title)
    print(f"{'página':<28}" + "".join(f"{f'{s} acciones':>20}" for s in sizes) + f"{'razón':>9}")
    for name in names:
        cells = []
        for size in sizes:
            seconds, queries = results[size, name]
            cells.append(f"{seconds * 1000:>9.0f} ms ({queries:>2} c)")
        first = results[sizes[0], name][0]
        last = results[sizes[-1], name][0]
        print(f"{name:<28}" + "".join(f"{c:>20}" for c in cells) + f"{last / first:>8.1f}x")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[40, 400, 4000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    folder = setup_django()

    from django.conf import settings
    from django.test import Client

    from commitments import synthetic
    from core import clock

    clock.FIXED = clock.at_noon(AS_OF)
    # Every answer the API computes here counts against one address's rate limit.
    settings.API_RATE_LIMIT = "1000000/min"
    client = Client()
    results, names, rates = {}, [], {}
    for size in args.sizes:
        started = time.perf_counter()
        plan, _counts = synthetic.build_plan(actions=size, as_of=AS_OF, replace=True)
        print(f"plan de {size} acciones: {time.perf_counter() - started:.1f} s", flush=True)
        names = [name for name, _ in pages(plan)]
        for name, url in pages(plan):
            results[size, name] = measure(client, url, args.repeat)
        for name, url in WARM:
            rates[size, name] = warm_rate(client, url)
    table("Caché vacía; c = consultas SQL", results, args.sizes, names)
    warm_table(rates, results, args.sizes)
    if folder:
        folder.cleanup()


if __name__ == "__main__":
    main()
