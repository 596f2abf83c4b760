"""The full Plan de Acción PDF of a synthetic 160-action plan: cold build and cached download.

Run: .venv/bin/python benchmarks/reports_bench.py [--actions 160] [--repeat 3]
It builds the plan (commitments/synthetic.py) in a throwaway SQLite database (or in
BENCH_DATABASE_URL), keeps the reports in a temporary folder, and prints:
- «en frío»: building the PDF (reader + template + WeasyPrint), what the worker does;
- «en caché»: a download through the URL when the PDF is on disk (lookup + file send);
- the «se está preparando» answer while the worker builds it.
Numbers only: this is not a test and asserts nothing.
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


def setup_django(folder):
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    os.environ["DATABASE_URL"] = os.environ.get(
        "BENCH_DATABASE_URL", f"sqlite:///{folder}/bench.sqlite3"
    )
    os.environ["REPORTS_ROOT"] = f"{folder}/reports"
    os.environ["PAGE_CACHE_VERSION_FILE"] = f"{folder}/content-version"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--actions", type=int, default=160)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    folder = tempfile.TemporaryDirectory(prefix="reports-bench-")
    setup_django(folder.name)

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from commitments import synthetic
    from core import clock
    from portal.reports import store
    from portal.reports.documents import PlanReport

    clock.FIXED = clock.at_noon(AS_OF)
    plan, _counts = synthetic.build_plan(actions=options.actions, as_of=AS_OF, replace=True)
    report = PlanReport(plan, AS_OF)
    url = f"/reportes/plan-de-accion-{plan.exercise.period}.pdf"
    client = Client()

    cold, pages = [], 0
    for _ in range(options.repeat):
        for item in Path(folder.name, "reports").glob("**/*.pdf"):
            item.unlink()
        start = time.perf_counter()
        built = store.build(report)
        cold.append(time.perf_counter() - start)
        pages, size = built.pages, built.size

    start = time.perf_counter()
    report.html()
    html_time = time.perf_counter() - start

    waiting = []
    for _ in range(options.repeat):
        for item in Path(folder.name, "reports").glob("**/*"):
            if item.is_file():
                item.unlink()
        start = time.perf_counter()
        response = client.get(url)
        waiting.append(time.perf_counter() - start)
        assert response.status_code == 202, response.status_code
    store.build(report)

    cached = []
    for _ in range(options.repeat * 10):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url)
            body = b"".join(response.streaming_content)
            cached.append(time.perf_counter() - start)
        assert response.status_code == 200 and body.startswith(b"%PDF")

    def ms(values):
        return f"{statistics.median(values) * 1000:8.1f} ms"

    kb = size / 1024
    print(f"Plan de Acción completo, {options.actions} acciones: {pages} páginas, {kb:.0f} KB")
    print(f"  en frío (construir el PDF)        {ms(cold)}  (mediana de {len(cold)})")
    print(f"    de ellos, plan y HTML {html_time * 1000:.0f} ms; el resto WeasyPrint")
    print(f"  «se está preparando» (sin PDF)    {ms(waiting)}  (mediana de {len(waiting)})")
    print(
        f"  en caché (descarga desde disco)   {ms(cached)}  (mediana de {len(cached)}, "
        f"{len(queries)} consultas)"
    )
    folder.cleanup()


if __name__ == "__main__":
    main()
