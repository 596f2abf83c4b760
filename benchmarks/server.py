"""A production server of the benchmarks' own: gunicorn on 127.0.0.1, a throwaway database.

Used by static_vs_board.py and drills.py; nothing here touches the project's db.sqlite3.
"""

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """`with Server(env) as server:` migrates, loads the demo, collects static, serves."""

    def __init__(self, env=None, workers=4, port=None):
        self.folder = Path(tempfile.mkdtemp(prefix="portal-bench-"))
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            "DEBUG": "false",
            "SECRET_KEY": "benchmark-" + "x" * 60,
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_COOKIES": "false",
            "DATABASE_URL": f"sqlite:///{self.folder}/db.sqlite3",
            "STATIC_ROOT": str(self.folder / "static"),
            "MEDIA_ROOT": str(self.folder / "media"),
            "VAR_DIR": str(self.folder / "var"),
            "HOST": "127.0.0.1",
            "PORT": str(self.port),
            "WEB_CONCURRENCY": str(workers),
            **(env or {}),
        }
        self.process = None
        self.log = self.folder / "server.log"

    def manage(self, *args):
        subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=self.env, check=True)

    def prepare(self):
        self.manage("migrate", "--noinput", "--verbosity", "0")
        self.manage("load_demo")
        self.manage("collectstatic", "--noinput", "--verbosity", "0")

    def start(self):
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [GUNICORN], cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT
            )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError):
                urllib.request.urlopen(self.url + "/salud/", timeout=2)
                return
            time.sleep(0.2)
        raise RuntimeError(f"the server did not start; see {self.log}")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def log_lines(self, pattern):
        return [line for line in self.log.read_text().splitlines() if re.search(pattern, line)]

    def __enter__(self):
        self.prepare()
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


def fetch(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.read()


PERCENTILES = str(Path(__file__).with_name("percentiles.lua"))


def wrk(url, *, seconds, connections, threads=2, headers=None, paths=(), script=PERCENTILES):
    """Run wrk; return requests/s, p50/p95/p99 latency (ms), errors and non-2xx answers.

    With `paths`, requests cycle through them (on the server of `url`).
    """
    if shutil.which("wrk") is None:
        sys.exit("wrk is needed: apt-get install wrk")
    # A slow answer is not an error: only a request unanswered after 10 s counts as one.
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s"]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    if script:
        command += ["-s", script]
    output = subprocess.run(
        [*command, url],
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 60,
        env={**os.environ, "WRK_PATHS": " ".join(paths)},
    ).stdout
    return parse_wrk(output)


def parse_wrk(output):
    result = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1])}
    percentiles = re.search(r"PERCENTILES ([\d.]+) ([\d.]+) ([\d.]+)", output)
    for index, name in enumerate(("p50", "p95", "p99"), start=1):
        result[name] = float(percentiles[index]) if percentiles else None
    result["requests"] = int(re.search(r"(\d+) requests in", output)[1])
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    result["socket_errors"] = sum(map(int, errors.groups())) if errors else 0
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    result["non_2xx"] = int(non_2xx[1]) if non_2xx else 0
    return result
