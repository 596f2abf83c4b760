"""Two app nodes behind one address: one PostgreSQL, one Redis, media on a shared folder.

Run: .venv/bin/python benchmarks/two_nodes.py [--seconds 10] [--rounds 3]
     [--ports 8207 8217 8227]
     [--database postgres://…/new_name] [--redis redis://…/N]

What a municipality does when one machine is not enough (README «Varios nodos»), on this
machine: two gunicorn nodes on two ports with the same DATABASE_URL, REDIS_URL, SECRET_KEY,
MEDIA_ROOT, REPORTS_ROOT and IMPORTS_ROOT (a shared folder standing in for a shared volume;
django-storages is not installed), each with a var/ of its own (its own version file and
gunicorn socket), and one report worker. Migrations and the demo run once, before the nodes.

1. Freshness: pages warmed on both nodes; a staff member logs in on node A and publishes a
   measurement through its admin (with an evidence PDF); at once node B shows it on the
   commitment page, its evidence file, and `?fecha=` of yesterday still without it; the
   session opened on A is valid on B; the API's Last-Modified is the same on both.
2. A progress report asked on node B is built by the worker (beside node A) into the shared
   folder, and both nodes serve the same file.
3. Login lockouts (django-axes, in the database) add up across nodes.
4. Requests per second: 1 node, 2 nodes (wrk against each, at once), and 1 node with as
   many processes as the two together, taking turns for a few rounds (the machine may be
   shared); with the server processes' CPU per request.

Without --database/--redis it starts a PostgreSQL (initdb) and a Redis of its own, like
drills.py; --database names a database that does not exist yet (created, then dropped).
Needs wrk. Bounded in time; prints numbers, asserts nothing.
"""

import argparse
import contextlib
import http.cookiejar
import io
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from datetime import date, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from drills import own_postgres, own_redis
from server import PYTHON, ROOT, Server, wrk

PASSWORD = "simulacro-dos-nodos-" + uuid.uuid4().hex[:8]
CLIENTS = 40
GZIP = {"Accept-Encoding": "gzip"}


# --- Services ------------------------------------------------------------------------------


@contextlib.contextmanager
def given_postgres(url):
    """A database of the given server, created now and dropped at the end."""
    import psycopg
    from psycopg import sql

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    maintenance = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as connection:
        if connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            sys.exit(f"la base {name!r} ya existe: bórrala o nombra otra (se crea y se borra)")
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield url
    finally:
        with psycopg.connect(maintenance, autocommit=True) as connection:
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


@contextlib.contextmanager
def services(options):
    with contextlib.ExitStack() as stack:
        if options.database:
            database = stack.enter_context(given_postgres(options.database))
        else:
            database, _restart = stack.enter_context(own_postgres())
        if options.redis:
            redis = options.redis
        else:
            port, _process = stack.enter_context(own_redis())
            redis = f"redis://127.0.0.1:{port}/0"
        yield database, redis


def shared_env(folder, database, redis):
    """What every node and the worker have alike: the data, the cache, the key, the files."""
    shared = folder / "shared"
    return {
        "DATABASE_URL": database,
        "REDIS_URL": redis,
        "SECRET_KEY": "dos-nodos-" + "x" * 60,
        "MEDIA_ROOT": str(shared / "media"),
        "REPORTS_ROOT": str(shared / "reports"),
        "IMPORTS_ROOT": str(shared / "imports"),
        # Built once here; each real node builds its own (or the image carries it).
        "STATIC_ROOT": str(shared / "static"),
        "BUILD_ID": "simulacro",
        "API_RATE_LIMIT": "100000/min",
    }


def node(name, folder, env, port, workers):
    var = folder / name
    return Server(
        env={**env, "VAR_DIR": str(var), "PAGE_CACHE_VERSION_FILE": str(var / "content-version")},
        workers=workers,
        port=port,
    )


def manage(server, *args, capture=False):
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=server.env,
        check=True,
        capture_output=capture,
        text=True,
    )
    return result.stdout


# --- HTTP ------------------------------------------------------------------------------------


class Browser:
    """A person with cookies (same cookie on every port, as behind one address)."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, url):
        with self.opener.open(url, timeout=30) as response:
            return response.geturl(), response.read().decode()

    def post(self, url, fields, files=None):
        body, content_type = multipart(fields, files or {})
        request = urllib.request.Request(
            url, data=body, headers={"Content-Type": content_type, "Referer": url}
        )
        with self.opener.open(request, timeout=60) as response:
            return response.geturl(), response.read().decode()

    def csrf(self, page):
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]

    def cookie(self, name):
        return next((c.value for c in self.jar if c.name == name), None)


def multipart(fields, files):
    boundary = uuid.uuid4().hex
    out = io.BytesIO()
    for name, value in fields.items():
        for item in value if isinstance(value, list) else [value]:
            out.write(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
            )
            out.write(f"{item}\r\n".encode())
    for name, (filename, content, kind) in files.items():
        out.write(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: {kind}\r\n\r\n'.encode()
        )
        out.write(content + b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return out.getvalue(), f"multipart/form-data; boundary={boundary}"


def anonymous(url):
    """(status, headers, body) of an anonymous GET."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def small_pdf():
    import pikepdf

    pdf, out = pikepdf.new(), io.BytesIO()
    pdf.add_blank_page()
    pdf.save(out)
    return out.getvalue()


# --- 1 and 2: freshness, sessions, shared files, the report worker ---------------------


def target(a):
    """The first commitment on the board that has an indicator, and today in the site's zone."""
    board = anonymous(a.url + "/tablero/")[2].decode()
    slugs = list(dict.fromkeys(re.findall(r'href="/compromisos/([^"/]+)/"', board)))
    code = (
        "import json, sys; from commitments.models import Indicator; from core import clock; "
        f"slugs = {slugs!r}; "
        "i = min(Indicator.objects.filter(commitment__slug__in=slugs).select_related("
        "'commitment'), key=lambda i: slugs.index(i.commitment.slug)); "
        "print(json.dumps([i.pk, i.commitment.get_absolute_url(), str(clock.today())]))"
    )
    indicator, path, today = json.loads(
        manage(a, "shell", "-c", code, capture=True).splitlines()[-1]
    )
    return indicator, path, date.fromisoformat(today)


def freshness(a, b):
    print("\n## Freshness: a measurement published through node A, read through node B")
    indicator, page, today = target(a)
    yesterday = (today - timedelta(days=1)).isoformat()
    paths = (page, f"{page}?fecha={yesterday}", "/tablero/", "/api/v1/compromisos/")
    for server in (a, b):
        for _ in range(8):  # Every process of both nodes has the pages (and Redis has them).
            for path in paths:
                anonymous(server.url + path)
    narrative = f"Dato del simulacro de dos nodos {uuid.uuid4().hex[:6]}"

    staff = Browser()
    _url, login = staff.get(a.url + "/admin/login/")
    staff.post(
        a.url + "/admin/login/?next=/admin/",
        {"csrfmiddlewaretoken": staff.csrf(login), "username": "simulacro", "password": PASSWORD},
    )
    url, home_on_b = staff.get(b.url + "/admin/")
    print(
        "session opened on A, used on B:",
        "valid" if "/admin/login/" not in url and "simulacro" in home_on_b else "REFUSED",
    )

    add = a.url + "/admin/commitments/measurement/add/"
    _url, form = staff.get(add)
    written = time.time()
    saved, _page = staff.post(
        add,
        {
            "csrfmiddlewaretoken": staff.csrf(form),
            "indicator": indicator,
            "date": today.isoformat(),
            "value": "61",
            "narrative": narrative,
            "evidence_url": "",
            "_continue": "1",
        },
        {"evidence_file": ("evidencia-simulacro.pdf", small_pdf(), "application/pdf")},
    )
    measurement = re.search(r"/measurement/(\d+)/change/", saved)
    if measurement is None:
        sys.exit(f"the admin did not save the measurement (ended at {saved})")
    changelist = a.url + "/admin/commitments/measurement/"
    _url, listing = staff.get(changelist)
    _url, done = staff.post(
        changelist,
        {
            "csrfmiddlewaretoken": staff.csrf(listing),
            "action": "publish_selected",
            "_selected_action": measurement[1],
            "index": "0",
        },
    )
    published = time.perf_counter()
    print("published on A through its admin:", "yes" if "Publicaste 1 registro" in done else "NO")

    pages = [anonymous(b.url + page)[2].decode() for _ in range(20)]
    took = (time.perf_counter() - published) * 1000
    stale = sum(narrative not in body for body in pages)
    print(f"node B, commitment page, 20 requests right after: stale {stale} ({took:.0f} ms)")
    before = anonymous(f"{b.url}{page}?fecha={yesterday}")[2].decode()
    after = anonymous(f"{b.url}{page}?fecha={today.isoformat()}")[2].decode()
    print(
        f"node B, ?fecha={yesterday}: {'shown (WRONG)' if narrative in before else 'not shown'};"
        f" ?fecha={today.isoformat()}: {'shown' if narrative in after else 'NOT SHOWN'}"
    )
    row_html = next(part for part in pages[-1].split("<tr") if narrative in part)
    evidence = re.search(r'href="(/media/[^"]+)"', row_html)
    status, headers, _body = anonymous(b.url + evidence[1]) if evidence else (None, {}, b"")
    print(
        f"evidence uploaded on A, from node B: {status} {headers.get('Content-Type', '')}".rstrip()
    )
    modified = [anonymous(s.url + "/api/v1/compromisos/")[1]["Last-Modified"] for s in (a, b)]
    moment = parsedate_to_datetime(modified[1]).timestamp()
    same = len(set(modified)) == 1 and moment >= int(written)
    print(
        f"API Last-Modified: A {modified[0]}, B {modified[1]}"
        f" ({'same, at the write' if same else 'DIFFER'})"
    )
    return staff, today, page


def report_across(a, b, today):
    print("\n## A progress report asked on node B, built by the worker beside node A")
    path = f"/reportes/avance/{today.isoformat()}.pdf"
    worker = subprocess.Popen(
        [PYTHON, "manage.py", "db_worker", "--queue-name", "reports", "--interval", "0.5"],
        cwd=ROOT,
        env=a.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        started = time.perf_counter()
        first, _headers, _body = anonymous(b.url + path)
        status, headers = first, {}
        deadline = time.monotonic() + 180
        while status != 200 and time.monotonic() < deadline:
            time.sleep(1)
            status, headers, _body = anonymous(b.url + path)
        took = time.perf_counter() - started
        on_a, headers_a, _body = anonymous(a.url + path)
        print(
            f"node B answered {first} at first, {status} after {took:.1f} s;"
            f" node A: {on_a}, same file: {headers.get('ETag') == headers_a.get('ETag')}"
        )
    finally:
        worker.send_signal(signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            worker.wait(timeout=20)
        if worker.poll() is None:
            worker.kill()


def lockout_across(a, b):
    print("\n## Login lockouts (django-axes) counted across nodes")
    answers = []
    for index in range(6):
        server = (a, b)[index % 2]
        person = Browser()
        _url, login = person.get(server.url + "/admin/login/")
        try:
            person.post(
                server.url + "/admin/login/",
                {
                    "csrfmiddlewaretoken": person.csrf(login),
                    "username": "simulacro",
                    "password": "contraseña-equivocada",
                },
            )
            answers.append(f"{'AB'[index % 2]}:200")
        except urllib.error.HTTPError as error:
            answers.append(f"{'AB'[index % 2]}:{error.code}")
    print("failed logins, alternating nodes:", " ".join(answers), "(429: locked out)")
    manage(a, "axes_reset", capture=True)


# --- 4: requests per second ------------------------------------------------------------


def cpu_seconds(pid):
    """User + system CPU of a gunicorn master and its workers, from /proc."""
    total, ticks = 0, os.sysconf("SC_CLK_TCK")
    pids = [pid, *Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    for each in pids:
        with contextlib.suppress(FileNotFoundError):
            fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
    return total / ticks


def load(servers, seconds, clients, paths):
    """wrk against every server at once, the clients split evenly; summed requests/s."""
    before = sum(cpu_seconds(s.process.pid) for s in servers)
    results = {}

    def run(server):
        results[server.url] = wrk(
            server.url,
            seconds=seconds,
            connections=clients // len(servers),
            threads=1,
            paths=paths,
            headers=GZIP,
        )

    threads = [threading.Thread(target=run, args=(s,)) for s in servers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    used = sum(cpu_seconds(s.process.pid) for s in servers) - before
    parts = list(results.values())
    requests = sum(p["requests"] for p in parts)
    return {
        "rps": sum(p["rps"] for p in parts),
        "p50": max(p["p50"] for p in parts),
        "p95": max(p["p95"] for p in parts),
        "p99": max(p["p99"] for p in parts),
        "socket_errors": sum(p["socket_errors"] for p in parts),
        "non_2xx": sum(p["non_2xx"] for p in parts),
        "cpu_ms": used / max(requests, 1) * 1000,
    }


def throughput(a, b, c, seconds, rounds, page):
    print(
        f"\n## Requests per second: {rounds} rounds of {seconds} s, the setups taking turns, on"
        f" {os.cpu_count()} cores; medians (req/s: lowest-highest round). With 2 nodes half the"
        " clients go to each; latency is the slower node's; CPU is gunicorn's, not PostgreSQL's"
    )
    words = ("datos", "agua", "movilidad", "transparencia", "presupuesto", "salud", "empleo")
    mixes = (
        ("cached pages", CLIENTS, ["/tablero/", page]),
        ("board searches, uncached", CLIENTS // 5, [f"/tablero/?q={w}" for w in words]),
    )
    setups = (
        ("1 node, 2 processes", [a]),
        ("2 nodes, 2 processes each", [a, b]),
        ("1 node, 4 processes", [c]),
    )
    print(
        f"{'':<30}{'req/s':>8}{'range':>12}{'p50 ms':>9}{'p95 ms':>9}{'errors':>8}"
        f"{'CPU ms/req':>12}"
    )
    for mix, clients, paths in mixes:
        print(f"{mix}, {clients} clients")
        for server in (a, b, c):  # Every process has the pages, the connections are open.
            wrk(server.url, seconds=2, connections=8, paths=paths, headers=GZIP)
        runs = {label: [] for label, _servers in setups}
        for _round in range(rounds):
            for label, servers in setups:
                runs[label].append(load(servers, seconds, clients, paths))
        for label, results in runs.items():

            def median(key, results=results):
                return statistics.median(result[key] for result in results)

            rates = sorted(result["rps"] for result in results)
            errors = sum(result["socket_errors"] + result["non_2xx"] for result in results)
            print(
                f"  {label:<28}{median('rps'):>8.0f}{f'{rates[0]:.0f}-{rates[-1]:.0f}':>12}"
                f"{median('p50'):>9.1f}{median('p95'):>9.1f}{errors:>8}{median('cpu_ms'):>12.2f}"
            )


def main():
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("stopped"))
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--ports", type=int, nargs=3, default=(None, None, None))
    parser.add_argument("--database", help="postgres://…/a_new_name (created and dropped)")
    parser.add_argument("--redis", help="redis://…/N, a database nothing else uses")
    options = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is needed: apt-get install wrk")
    print(f"two nodes on {os.cpu_count()} cores, {time.strftime('%Y-%m-%d %H:%M')}")
    folder = Path(tempfile.mkdtemp(prefix="two-nodes-"))
    try:
        with services(options) as (database, redis):
            env = shared_env(folder, database, redis)
            port_a, port_b, port_c = options.ports
            a = node("node-a", folder, env, port_a, workers=2)
            b = node("node-b", folder, env, port_b, workers=2)
            c = node("node-c", folder, env, port_c, workers=4)
            with contextlib.ExitStack() as running:
                for server in (a, b, c):  # Stops it and removes its folder.
                    running.callback(server.__exit__, None, None, None)
                started = time.perf_counter()
                # Once, before any node starts: migrations, the demo, static files, staff.
                a.prepare()
                a.env |= {"DJANGO_SUPERUSER_USERNAME": "simulacro"}
                a.env |= {"DJANGO_SUPERUSER_PASSWORD": PASSWORD}
                manage(a, "createsuperuser", "--noinput", "--email", "simulacro@example.org")
                print(f"migrate + demo + static, once: {time.perf_counter() - started:.0f} s")
                a.start()
                b.start()
                _staff, today, page = freshness(a, b)
                report_across(a, b, today)
                # Searches must stay uncached for the second load: no variant is stored.
                for server in (a, b, c):
                    server.stop()
                    server.env["PAGE_CACHE_MAX_VARIANTS"] = "0"
                    server.start()
                throughput(a, b, c, options.seconds, options.rounds, page)
                lockout_across(a, b)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
