"""Every figure of «Rendimiento» in one run: `make bench` (`make bench ARGS=--quick` in CI).

Run: .venv/bin/python benchmarks/bench.py [--quick] [--only pages pdfs …]
It builds synthetic plans (commitments/synthetic.py) in a throwaway SQLite database (or in
BENCH_DATABASE_URL) and prints one table: each figure beside its reference, measured in the
same run on the same machine, then writes the same figures to var/bench-<date>.json.

Times are CPU seconds of this process (`time.process_time`) unless the unit says «ms
reloj»: the machine may be shared, and CPU time depends less on the others' load. PDFs are
built in a process of their own, like the report worker, so its memory (peak RSS) is the
worker's. Numbers only: this is not a test and asserts nothing (`--quick` runs small sizes
so the scripts never rot).

A new group of figures is one function `name(options) -> [Figure, …]` added to GROUPS.
"""

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
AS_OF = date(2026, 11, 25)
# Cached downloads timed per report.
DOWNLOADS = 20


@dataclass
class Figure:
    group: str
    name: str
    value: float
    unit: str
    reference: float | None = None
    reference_name: str = ""
    note: str = ""

    @property
    def ratio(self):
        return self.value / self.reference if self.reference else None


def cpu(run):
    """(CPU seconds, result) of run()."""
    started = time.process_time()
    result = run()
    return time.process_time() - started, result


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def setup(folder):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    # Never the project's database (nor CI's): a throwaway one unless BENCH_DATABASE_URL.
    os.environ["DATABASE_URL"] = os.environ.get(
        "BENCH_DATABASE_URL", f"sqlite:///{folder}/bench.sqlite3"
    )
    os.environ["REPORTS_ROOT"] = f"{folder}/reports"
    os.environ["PAGE_CACHE_VERSION_FILE"] = f"{folder}/content-version"
    os.environ["STATIC_ROOT"] = f"{folder}/static"
    Path(folder, "static").mkdir(exist_ok=True)
    # As in production: DEBUG off, or pages are never cached.
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("SECRET_KEY", "benchmark-" + "x" * 60)
    os.environ["SECURE_SSL_REDIRECT"] = "false"
    os.environ["SECURE_COOKIES"] = "false"
    os.environ["ALLOWED_HOSTS"] = "testserver,127.0.0.1,localhost"
    import django

    django.setup()


def plan_of(size):
    from commitments import synthetic
    from core import clock

    clock.FIXED = clock.at_noon(AS_OF)
    existing = synthetic.existing_plan()
    if existing is not None and existing.commitments.count() == size:
        return existing
    plan, _counts = synthetic.build_plan(actions=size, as_of=AS_OF, replace=True)
    return plan


# --- pages -------------------------------------------------------------------------------


def pages(options):
    """Uncached pages at each size: CPU time and queries, beside the smallest plan's."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from pages_bench import pages as urls

    from core.cache import recent_pages

    def measure(url):
        """(CPU seconds, wall seconds, queries) of one request with every cache emptied."""
        cache.clear()
        recent_pages.clear()
        with CaptureQueriesContext(connection) as captured:
            started, wall = time.process_time(), time.perf_counter()
            response = client.get(url)
            seconds = time.process_time() - started
        assert response.status_code == 200, (url, response.status_code)
        return seconds, time.perf_counter() - wall, len(captured)

    client, seen, figures = Client(), {}, []
    for size in options.sizes:
        plan = plan_of(size)
        measure(urls(plan)[0][1])  # Warm-up: templates, connection, this plan's first read.
        for name, url in urls(plan):
            runs = [measure(url) for _ in range(options.repeat)]
            per_request = statistics.median(run[0] for run in runs)
            seconds = statistics.median(run[1] for run in runs)
            queries = runs[-1][2]
            first = seen.setdefault(name, (per_request, queries))
            figures.append(
                Figure(
                    "páginas sin caché",
                    f"{name}, {size} acciones",
                    per_request * 1000,
                    "ms",
                    first[0] * 1000,
                    f"{options.sizes[0]} acciones",
                    f"{queries} consultas ({first[1]} con {options.sizes[0]}); "
                    f"{seconds * 1000:.0f} ms reloj",
                )
            )
    return figures


def board_vs_static(options):
    """The warm (cached) board beside a static file of the same bytes, both in-process
    through the same middleware stack (WhiteNoise serves the file)."""
    from django.conf import settings
    from django.test import Client

    plan_of(options.sizes[0])
    client = Client()
    html = client.get("/tablero/").content
    client.get("/tablero/", HTTP_ACCEPT_ENCODING="gzip")
    static = Path(settings.STATIC_ROOT)
    static.mkdir(parents=True, exist_ok=True)
    (static / "board-copy.html").write_bytes(html)
    fresh = Client()  # A new handler: WhiteNoise lists STATIC_ROOT again.
    assert fresh.get("/static/board-copy.html").status_code == 200

    def per_request(url):
        n = options.repeat * 20
        seconds, _ = cpu(
            lambda: [b"".join(fresh.get(url, HTTP_ACCEPT_ENCODING="gzip")) for _ in range(n)]
        )
        return seconds / n * 1000

    board, copy = per_request("/tablero/"), per_request("/static/board-copy.html")
    return [
        Figure(
            "tablero en caché",
            "tablero en caché",
            board,
            "ms",
            copy,
            "archivo estático igual",
            f"{len(html):,} bytes",
        )
    ]


def api_warm(options):
    """The API list once in the page cache, at the smallest and the largest plan: requests per
    second in one process (CPU), beside the warm board of the same plan."""
    from django.test import Client

    figures = []
    for size in (options.sizes[0], options.sizes[-1]):
        plan = plan_of(size)
        client = Client()
        board, api = f"/tablero/?plan={plan.slug}", f"/api/v1/compromisos/?plan={plan.slug}"
        for url in (board, api):
            assert client.get(url).status_code == 200, url  # Into the cache.

        def per_second(url, client=client):
            n = options.repeat * 50
            seconds, _ = cpu(lambda: [client.get(url).content for _ in range(n)])
            return n / seconds

        figures.append(
            Figure(
                "API en caché",
                f"lista de la API, {size} acciones",
                per_second(api),
                "pet/s",
                per_second(board),
                "tablero en caché",
                "peticiones por segundo de CPU en un proceso",
            )
        )
    return figures


def page_weight(options):
    """Bytes of the main pages as sent (gzip), beside the board."""
    import gzip

    from django.test import Client

    plan = plan_of(options.sizes[0])
    client = Client()
    figures = []
    from pages_bench import pages as urls

    weights = {}
    for name, url in urls(plan)[:5]:
        body = client.get(url).content
        weights[name] = (len(body), len(gzip.compress(body)))
    board = weights[next(iter(weights))][1]
    for name, (raw, packed) in weights.items():
        figures.append(
            Figure(
                "peso de página",
                name,
                packed / 1024,
                "KB gzip",
                board / 1024,
                "tablero",
                f"{raw / 1024:.0f} KB sin comprimir",
            )
        )
    return figures


# --- PDFs ---------------------------------------------------------------------------------


def pdfs(options):
    """Each size in a fresh process, like the report worker: cold builds (CPU), a cached
    download, and the process's peak memory after each report."""
    figures = []
    for size in options.pdf_sizes:
        plan_of(size)
        found = subprocess.run(
            [sys.executable, __file__, "--pdf-worker", str(size)],
            env=os.environ,
            capture_output=True,
            text=True,
            check=True,
        )
        result = json.loads(found.stdout.strip().splitlines()[-1])
        for kind, label in (("plan", "Plan completo"), ("avance", "Informe de avance")):
            item = result[kind]
            figures.append(
                Figure(
                    "PDF",
                    f"{label}, {size} acciones, en frío",
                    item["cold"],
                    "s CPU",
                    item["cached"],
                    "en caché",
                    f"{item['pages']} páginas, {item['kb']:.0f} KB",
                )
            )
        figures.append(
            Figure(
                "PDF",
                f"memoria del trabajador, {size} acciones",
                result["memory"][-1],
                "MB",
                result["memory"][0],
                "tras el primer reporte",
                "pico tras cada reporte: " + ", ".join(f"{m:.0f}" for m in result["memory"]),
            )
        )
    return figures


def pdf_worker(size):
    """In the child: build the plan and progress reports cold, then the plan again, then
    download the cached files; print JSON."""
    from django.test import Client

    from portal.reports import store
    from portal.reports.documents import PlanReport, ProgressReport

    plan = plan_of(size)
    client, result, memory = Client(), {}, []
    for kind, report, url in (
        ("plan", PlanReport(plan, AS_OF), f"/reportes/plan-de-accion-{plan.exercise.period}.pdf"),
        ("avance", ProgressReport(plan, AS_OF), f"/reportes/avance/{AS_OF.isoformat()}.pdf"),
    ):
        seconds, built = cpu(lambda report=report: store.build(report))
        memory.append(peak_mb())
        cached, _ = cpu(lambda url=url: [b"".join(client.get(url)) for _ in range(DOWNLOADS)])
        result[kind] = {
            "cold": seconds,
            "cached": cached / DOWNLOADS,
            "pages": built.pages,
            "kb": built.size / 1024,
        }
    store.build(PlanReport(plan, AS_OF))
    memory.append(peak_mb())
    result["memory"] = memory
    print(json.dumps(result))


# --- imports ------------------------------------------------------------------------------


def imports(options):
    """The matrix of a generated plan, exported by the project and imported into an empty
    plan, then measurements of its indicators: dry run and real, beside the same file again
    (everything registered already: the cost of reading and comparing alone). The note gives
    the wall time and the SQL statements per row (`benchmarks/import_bench.py`)."""
    from import_bench import steps

    done = steps(options.import_rows, options.measurement_rows)
    again = {
        step.label.rsplit(", ", 1)[0]: step for step in done if step.label.endswith("otra vez")
    }
    figures = []
    for step in done:
        what, _sep, kind = step.label.rpartition(", ")
        if kind == "otra vez":
            continue
        figures.append(
            Figure(
                "importaciones",
                step.label,
                step.cpu,
                "s CPU",
                again[what].cpu,
                "el mismo archivo otra vez",
                f"{step.wall:.1f} s reloj, {step.per_row:.2f} consultas por fila; "
                f"{step.outcome.summary()}",
            )
        )
    return figures


GROUPS = {
    "pages": pages,
    "board": board_vs_static,
    "api": api_warm,
    "weight": page_weight,
    "pdfs": pdfs,
    "imports": imports,
}


def table(figures):
    lines = [
        f"{'cifra':<46}{'valor':>16}{'referencia':>14}  {'razón':>6}  referencia / nota",
    ]
    group = None
    for f in figures:
        if f.group != group:
            group = f.group
            lines.append(f"-- {group}")
        reference = "" if f.reference is None else f"{f.reference:.3g}"
        ratio = "" if f.ratio is None else f"{f.ratio:.1f}x"
        lines.append(
            f"{f.name:<46}{f'{f.value:.2f} {f.unit}':>16}{reference:>14}  {ratio:>6}  "
            f"{f.reference_name}{'; ' if f.note else ''}{f.note}"
        )
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="Tamaños chicos, en segundos.")
    parser.add_argument("--only", nargs="+", choices=list(GROUPS), default=list(GROUPS))
    parser.add_argument("--pdf-worker", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--output", type=Path, default=None)
    parser.add_argument("--sizes", type=int, nargs="+", help="Acciones de las páginas.")
    parser.add_argument("--pdf-sizes", type=int, nargs="+", help="Acciones de los PDF.")
    options = parser.parse_args()
    own_folder = not os.environ.get("BENCH_FOLDER")
    folder = os.environ.get("BENCH_FOLDER") or tempfile.mkdtemp(prefix="bench-")
    os.environ["BENCH_FOLDER"] = folder
    setup(folder)
    if options.pdf_worker:
        pdf_worker(options.pdf_worker)
        return
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    sizes, pdf_sizes = options.sizes, options.pdf_sizes
    if options.quick:
        options.sizes, options.pdf_sizes, options.repeat = [10, 40], [16], 1
        options.import_rows, options.measurement_rows = 40, 40
    else:
        options.sizes, options.pdf_sizes, options.repeat = [40, 400, 4000], [16, 160, 400], 3
        options.import_rows, options.measurement_rows = 1000, 5000
    options.sizes = sizes or options.sizes
    options.pdf_sizes = pdf_sizes or options.pdf_sizes
    figures = []
    for name in options.only:
        started = time.monotonic()
        figures += GROUPS[name](options)
        print(f"{name}: {time.monotonic() - started:.0f} s", file=sys.stderr, flush=True)
    print(table(figures))
    machine = f"{platform.node()}, {os.cpu_count()} núcleos, {platform.python_version()}"
    load = os.getloadavg()[0]
    print(f"{date.today().isoformat()} · {machine} · carga {load:.1f}")
    output = options.output or ROOT / "var" / f"bench-{date.today().isoformat()}.json"
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(
        json.dumps(
            {
                "date": date.today().isoformat(),
                "machine": machine,
                "load": load,
                "quick": options.quick,
                "figures": [asdict(f) | {"ratio": f.ratio} for f in figures],
            },
            ensure_ascii=False,
            indent=1,
        )
    )
    print(f"JSON: {output}")
    if own_folder:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
