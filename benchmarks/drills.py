"""Drills: load and outages against a production server of their own, on 127.0.0.1.

Run: .venv/bin/python benchmarks/drills.py [--seconds 60]
     [--only load,stale,redis,postgres,reports]

- load: 50 clients for --seconds each on the board, a commitment page and a media file.
- stale: three workers without Redis; a change saved by another process shows at once.
- redis: a Redis of its own, stopped in the middle of a run and started again.
- postgres: a PostgreSQL cluster of its own (initdb), restarted in the middle of a run.
- reports: 500 distinct report URLs from 4 clients with no worker running: the queue
  stops at REPORTS_QUEUE_MAX, the rest are answered 503 «inténtalo más tarde» at once.

Needs wrk (apt-get install wrk); the postgres drill needs PostgreSQL's initdb and pg_ctl,
and runs them as the `postgres` user when started as root. Bounded in time; prints numbers.
"""

import argparse
import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from server import PYTHON, ROOT, Server, fetch, free_port, wrk

CLIENTS = 50
HEADERS = {"Accept-Encoding": "gzip"}


def row(label, result):
    errors = result["socket_errors"] + result["non_2xx"]
    return (
        f"{label:<34}{result['rps']:>8.0f}{result['p50']:>9.1f}{result['p95']:>9.1f}"
        f"{result['p99']:>9.1f}{errors:>8}"
    )


HEADER = f"{'':<34}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}"


def page_paths(server):
    board = fetch(server.url + "/tablero/").decode()
    commitment = re.search(r'href="(/compromisos/[^"/]+/)"', board)[1]
    session = fetch(server.url + "/secretariado/sesiones/sesion-de-instalacion-2025/").decode()
    media = re.search(r'href="(/media/[^"]+)"', session)[1]
    return commitment, media


def drill_load(seconds):
    print(f"\n## Load: {CLIENTS} clients, {seconds} s per URL, gzip accepted")
    with Server() as server:
        commitment, media = page_paths(server)
        for path in ("/tablero/", commitment, media):  # Every worker renders its first copy.
            wrk(server.url + path, seconds=2, connections=CLIENTS, headers=HEADERS)
        print(HEADER)
        for label, path in (("board /tablero/", "/tablero/"), ("commitment page", commitment)):
            print(
                row(
                    label,
                    wrk(server.url + path, seconds=seconds, connections=CLIENTS, headers=HEADERS),
                )
            )
        print(
            row("media file (PDF)", wrk(server.url + media, seconds=seconds, connections=CLIENTS))
        )


def drill_stale():
    print("\n## Stale pages: 3 workers, no Redis, a change saved by another process")
    with Server(workers=3) as server:
        for _ in range(30):
            fetch(server.url + "/tablero/")  # Every worker has the board cached.
        code = (
            "from commitments.models import Commitment; "
            "c = Commitment.objects.get(code='DA-01'); "
            "c.title = 'Título cambiado en el simulacro'; c.save()"
        )
        subprocess.run(
            [PYTHON, "manage.py", "shell", "-c", code], cwd=ROOT, env=server.env, check=True
        )
        pages = [fetch(server.url + "/tablero/").decode() for _ in range(60)]
        stale = sum("Título cambiado en el simulacro" not in page for page in pages)
        print(f"requests after the change: {len(pages)}, stale: {stale}")


@contextlib.contextmanager
def own_redis():
    port = free_port()
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    time.sleep(0.5)
    try:
        yield port, process
    finally:
        with contextlib.suppress(ProcessLookupError):
            process.terminate()
            process.wait(timeout=10)


def drill_redis(seconds):
    print(f"\n## Redis stopped mid-run: {CLIENTS} clients on the board for {seconds} s")
    if shutil.which("redis-server") is None:
        print("skipped: no redis-server")
        return
    with own_redis() as (port, redis):
        server = Server({"REDIS_URL": f"redis://127.0.0.1:{port}/0"})
        with server:
            wrk(server.url + "/tablero/", seconds=2, connections=CLIENTS, headers=HEADERS)
            print(HEADER)
            print(
                row(
                    "Redis up",
                    wrk(server.url + "/tablero/", seconds=10, connections=CLIENTS, headers=HEADERS),
                )
            )
            threading.Timer(seconds / 3, redis.terminate).start()
            during = wrk(
                server.url + "/tablero/", seconds=seconds, connections=CLIENTS, headers=HEADERS
            )
            print(row(f"Redis stopped at {seconds / 3:.0f} s", during))
            lines = server.log_lines("Cache unavailable")
            print(
                row(
                    "Redis still down, 10 s more",
                    wrk(server.url + "/tablero/", seconds=10, connections=CLIENTS, headers=HEADERS),
                )
            )
            print(
                f"log lines about the outage: {len(server.log_lines('Cache unavailable'))}"
                f" ({len(lines)} by the end of the run where it stopped),"
                f" tracebacks: {len(server.log_lines('Traceback'))}"
            )


@contextlib.contextmanager
def own_postgres():
    folder = Path(tempfile.mkdtemp(prefix="drill-pg-"))
    port = free_port()
    as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if as_postgres:
        shutil.chown(folder, "postgres")
    data = folder / "data"

    def pg_ctl(*args):
        subprocess.run(
            [*as_postgres, "pg_ctl", "-D", str(data), "-w", "-l", str(folder / "pg.log"), *args],
            check=True,
            stdout=subprocess.DEVNULL,
        )

    subprocess.run(
        [*as_postgres, "initdb", "-D", str(data), "-U", "postgres", "--auth=trust"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1"
    pg_ctl("-o", options, "start")
    try:
        subprocess.run(
            [
                *as_postgres,
                "createdb",
                "-h",
                "127.0.0.1",
                "-p",
                str(port),
                "-U",
                "postgres",
                "drill",
            ],
            check=True,
        )
        yield (
            f"postgres://postgres@127.0.0.1:{port}/drill",
            lambda: pg_ctl("-o", options, "-m", "fast", "restart"),
        )
    finally:
        with contextlib.suppress(subprocess.CalledProcessError):
            pg_ctl("-m", "fast", "stop")
        shutil.rmtree(folder, ignore_errors=True)


def drill_postgres(seconds):
    print(f"\n## PostgreSQL restarted mid-run: {CLIENTS} clients for {seconds} s")
    if shutil.which("initdb") is None:
        print("skipped: no initdb")
        return
    with (
        own_postgres() as (database_url, restart),
        Server({"DATABASE_URL": database_url}) as server,
    ):
        commitment, _media = page_paths(server)
        # Cached pages need no database; health checks and searches (uncached) do.
        paths = [
            "/tablero/",
            commitment,
            "/salud/",
            *(f"/tablero/?q=palabra{i}" for i in range(40)),
        ]
        wrk(server.url, seconds=20, connections=CLIENTS, paths=paths)  # Each worker caches them.
        print(HEADER)
        print(row("before", wrk(server.url, seconds=10, connections=CLIENTS, paths=paths)))
        restarted = {}

        def restart_now():
            start = time.monotonic()
            restart()
            restarted["seconds"] = time.monotonic() - start

        threading.Timer(seconds / 3, restart_now).start()
        print(
            row(
                f"restart at {seconds / 3:.0f} s",
                wrk(server.url, seconds=seconds, connections=CLIENTS, paths=paths),
            )
        )
        print(
            row(
                "after (same server processes)",
                wrk(server.url, seconds=10, connections=CLIENTS, paths=paths),
            )
        )
        print("errors while it restarts: /salud/ answers 503 and uncached pages 500, then recover")
        print(
            f"PostgreSQL restart took {restarted.get('seconds', float('nan')):.1f} s;"
            f" the app was not restarted"
        )


def drill_reports(clients=4, urls=500):
    """A storm of distinct report URLs: every one a new PDF, none of them built in the
    request; the queue stops at REPORTS_QUEUE_MAX and the rest are told to come back."""
    import statistics
    import urllib.error
    import urllib.request
    from concurrent.futures import ThreadPoolExecutor
    from datetime import date, timedelta

    print(f"\n## Report storm: {urls} distinct report URLs from {clients} clients, no worker")
    ceiling = 20
    with Server(env={"REPORTS_QUEUE_MAX": str(ceiling)}, workers=2) as server:
        today = date.today()
        paths = [f"/reportes/avance/{today - timedelta(days=n)}.pdf" for n in range(urls)]

        def ask(path):
            started = time.perf_counter()
            try:
                with urllib.request.urlopen(server.url + path, timeout=10) as response:
                    response.read()
                    status = response.status
            except urllib.error.HTTPError as error:
                status = error.code
            return status, (time.perf_counter() - started) * 1000

        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=clients) as pool:
            answers = list(pool.map(ask, paths))
        took = time.perf_counter() - started
        code = (
            "from django_tasks_db.models import DBTaskResult; "
            "print(DBTaskResult.objects.filter(queue_name='reports').count())"
        )
        queued = subprocess.run(
            [PYTHON, "manage.py", "shell", "-c", code],
            cwd=ROOT,
            env=server.env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split()[-1]
        times = sorted(ms for _status, ms in answers)
        statuses = {}
        for status, _ms in answers:
            statuses[status] = statuses.get(status, 0) + 1
        print(f"answers: {dict(sorted(statuses.items()))} in {took:.1f} s")
        print(
            f"queue: {queued} (REPORTS_QUEUE_MAX={ceiling}); answer p50 "
            f"{statistics.median(times):.1f} ms, p95 {times[int(len(times) * 0.95)]:.1f} ms, "
            f"max {times[-1]:.1f} ms"
        )


DRILLS = {
    "load": drill_load,
    "stale": drill_stale,
    "redis": drill_redis,
    "postgres": drill_postgres,
    "reports": drill_reports,
}


def main():
    # Stopped with a signal, still stop the servers it started (the `with` blocks).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("stopped"))
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--only", default=",".join(DRILLS))
    args = parser.parse_args()
    print(f"drills on {os.cpu_count()} cores, {time.strftime('%Y-%m-%d %H:%M')}")
    for name in args.only.split(","):
        drill = DRILLS[name]
        drill() if name in {"stale", "reports"} else drill(args.seconds)


if __name__ == "__main__":
    main()
