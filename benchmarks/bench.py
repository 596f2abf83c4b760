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
import re
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


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def cpu(run):
    """(CPU seconds, result) of run(), with the children it waited for (the report worker
    draws each PDF in a child process)."""
    started, children = time.process_time(), children_cpu()
    result = run()
    return time.process_time() - started + children_cpu() - children, result


def peak_mb(who=resource.RUSAGE_SELF):
    """Peak resident memory (MB) of this process, or of its largest child. Linux keeps a
    process's ru_maxrss across exec, so a worker started by this (larger) script would show
    the script's size: its own peak is read from /proc (VmHWM) where there is one."""
    if who == resource.RUSAGE_SELF:
        try:
            status = Path("/proc/self/status").read_text()
        except OSError:
            pass
        else:
            for line in status.splitlines():
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    return resource.getrusage(who).ru_maxrss / 1024


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
        figures.append(
            Figure(
                "PDF",
                f"arranque del trabajador, {size} acciones",
                result["warm_up"],
                "s CPU",
                note="una vez por proceso: URLs, traducciones, WeasyPrint y fuentes",
            )
        )
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
        if result["child_memory"]:
            figures.append(
                Figure(
                    "PDF",
                    f"memoria del proceso que dibuja, {size} acciones",
                    result["child_memory"],
                    "MB",
                    note="pico del mayor; sale al terminar cada PDF",
                )
            )
    return figures


def pdf_worker(size):
    """In the child: start like a worker (the first report of a process loads the URLs, the
    translations, WeasyPrint and the fonts: timed apart, as `warm_up`), build the plan and
    progress reports cold, then the plan again, then download the cached files; print JSON."""
    from django.test import Client
    from django.urls import get_resolver
    from django.utils import translation

    from portal.reports import store
    from portal.reports.documents import PlanReport, ProgressReport

    plan = plan_of(size)
    client, result, memory = Client(), {}, []

    def warm_up():
        get_resolver().url_patterns  # noqa: B018 (imported on first use)
        with translation.override("es-mx"):
            translation.gettext("Plan de Acción")
        store.render_pdf('<html lang="es-MX"><title>-</title><p>Á <b>1</b></p></html>')

    result["warm_up"], _ = cpu(warm_up)
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
    result["child_memory"] = peak_mb(resource.RUSAGE_CHILDREN)
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


# --- Lighthouse -----------------------------------------------------------------------------

LIGHTHOUSE_VERSION = "12.8"
# Installed here on first use, never versioned (var/ is ignored).
NODE_FOLDER = ROOT / "var" / "node"
CHROMIUM = "/usr/bin/chromium"


def lighthouse_command():
    """The lighthouse executable (installing it with npm the first time), or why there is none."""
    chromium = shutil.which("chromium") or (CHROMIUM if Path(CHROMIUM).exists() else None)
    if chromium is None:
        return None, None, "no hay Chromium"
    binary = NODE_FOLDER / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        if shutil.which("npm") is None:
            return None, None, "no hay npm para instalar lighthouse"
        print(f"instalando lighthouse {LIGHTHOUSE_VERSION} en {NODE_FOLDER}…", file=sys.stderr)
        NODE_FOLDER.mkdir(parents=True, exist_ok=True)
        installed = subprocess.run(
            [
                "npm",
                "install",
                "--prefix",
                str(NODE_FOLDER),
                "--no-audit",
                "--no-fund",
                f"lighthouse@{LIGHTHOUSE_VERSION}",
            ],
            capture_output=True,
            text=True,
        )
        if installed.returncode != 0 or not binary.exists():
            return None, None, "npm no pudo instalar lighthouse: " + installed.stderr[-200:]
    return str(binary), chromium, ""


def lighthouse(options):
    """Lighthouse's phone profile on the home, the board and a commitment page of a demo
    served by gunicorn (benchmarks/server.py): its four scores and LCP, TBT, CLS. Skipped in
    --quick (CI) and where there is no Chromium."""
    if options.quick:
        print("Lighthouse: omitido en --quick", flush=True)
        return []
    binary, chromium, missing = lighthouse_command()
    if binary is None:
        print(f"Lighthouse: omitido ({missing})", flush=True)
        return []
    from server import Server, fetch

    server = Server(workers=2)
    # Its own files, not the ones the other groups' process uses.
    server.env["PAGE_CACHE_VERSION_FILE"] = str(server.folder / "var" / "content-version")
    server.env["REPORTS_ROOT"] = str(server.folder / "var" / "reports")
    figures = []
    with server:
        board = fetch(server.url + "/tablero/").decode()
        commitment = re.search(r'href="(/compromisos/[^"/]+/)"', board)[1]
        for name, path in (("inicio", "/"), ("tablero", "/tablero/"), ("compromiso", commitment)):
            fetch(server.url + path)  # In the page cache, as a visitor finds it.
            found = subprocess.run(
                [
                    binary,
                    server.url + path,
                    "--quiet",
                    "--output=json",
                    "--output-path=stdout",
                    "--only-categories=performance,accessibility,best-practices,seo",
                    "--chrome-flags=--headless=new --no-sandbox",
                ],
                env={**os.environ, "CHROME_PATH": chromium},
                capture_output=True,
                text=True,
                timeout=180,
            )
            if found.returncode != 0:
                print(f"Lighthouse, {name}: falló: {found.stderr[-300:]}", flush=True)
                continue
            result = json.loads(found.stdout)
            if any(c["score"] is None for c in result["categories"].values()):
                print(f"Lighthouse, {name}: sin puntaje ({result.get('runtimeError')})")
                continue
            score = {key: round(c["score"] * 100) for key, c in result["categories"].items()}
            audit = {key: a.get("numericValue") for key, a in result["audits"].items()}
            figures += [
                Figure(
                    "Lighthouse (teléfono)",
                    f"{name}: rendimiento",
                    score["performance"],
                    "/100",
                    note=f"accesibilidad {score['accessibility']}, buenas prácticas "
                    f"{score['best-practices']}, SEO {score['seo']}",
                ),
                Figure(
                    "Lighthouse (teléfono)",
                    f"{name}: LCP",
                    audit["largest-contentful-paint"],
                    "ms",
                    note=f"TBT {audit['total-blocking-time']:.0f} ms, CLS "
                    f"{audit['cumulative-layout-shift']:.3f}; "
                    f"{audit['total-byte-weight'] / 1024:.0f} KiB transferidos",
                ),
            ]
    return figures


GROUPS = {
    "pages": pages,
    "board": board_vs_static,
    "api": api_warm,
    "weight": page_weight,
    "pdfs": pdfs,
    "imports": imports,
    "lighthouse": lighthouse,
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
            + "; ".join(part for part in (f.reference_name, f.note) if part)
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
