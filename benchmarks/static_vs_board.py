"""The warm board against a static file of the same bytes, side by side on the same server.

Run: .venv/bin/python benchmarks/static_vs_board.py [--seconds 10] [--connections 20]

Starts gunicorn (benchmarks/server.py) on a throwaway demo database, saves the board's HTML
as a static file (with the .gz/.br copies WhiteNoise serves, like collectstatic makes), then
measures both with wrk, gzip accepted, alternating rounds so a busy machine hurts both
alike. Also prints what the content-version check costs a cache hit. Numbers only.
"""

import argparse
import gzip
import signal
import statistics
import sys
import time
from pathlib import Path

import brotli

sys.path.insert(0, str(Path(__file__).resolve().parent))
from server import Server, fetch, wrk

HEADERS = {"Accept-Encoding": "gzip"}


def main():
    # Stopped with a signal, still stop the servers it started (the `with` blocks).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("stopped"))
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    with Server() as server:
        html = fetch(server.url + "/tablero/")
        static_root = Path(server.env["STATIC_ROOT"])
        copy = static_root / "board-copy.html"
        copy.write_bytes(html)
        copy.with_name(copy.name + ".gz").write_bytes(gzip.compress(html, 9))
        copy.with_name(copy.name + ".br").write_bytes(brotli.compress(html))
        server.stop()  # WhiteNoise lists the static files when it starts.
        server.start()
        board_url, static_url = server.url + "/tablero/", server.url + "/static/board-copy.html"
        gz_board = fetch(board_url, HEADERS)
        print(f"board: {len(html):,} bytes, {len(gz_board):,} gzipped as served")
        for url in (board_url, static_url):
            wrk(url, seconds=2, connections=args.connections, headers=HEADERS)  # warm up
        results = {"board": [], "static": []}
        for _round in range(args.rounds):
            for name, url in (("board", board_url), ("static", static_url)):
                results[name].append(
                    wrk(url, seconds=args.seconds, connections=args.connections, headers=HEADERS)
                )
        print(f"{args.rounds} rounds x {args.seconds} s, {args.connections} connections, gzip")
        print(f"{'':8}{'req/s':>10}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}")
        medians = {}
        for name, runs in results.items():
            medians[name] = statistics.median(run["rps"] for run in runs)
            errors = sum(run["socket_errors"] + run["non_2xx"] for run in runs)
            p50 = statistics.median(run["p50"] for run in runs)
            p99 = max(run["p99"] for run in runs)
            print(f"{name:8}{medians[name]:>10.0f}{p50:>9.1f}{p99:>9.1f}{errors:>8}")
        print(f"board / static: {medians['board'] / medians['static']:.2f}x")
    print(version_check_cost())


def version_check_cost(repeat=20000):
    """Time of reading the content version from its file, as a hit does without Redis."""
    import os

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()
    from core import content_version

    content_version.content_version()
    start = time.perf_counter()
    for _ in range(repeat):
        content_version.content_version()
    per_call = (time.perf_counter() - start) / repeat * 1e6
    return f"content version from its file: {per_call:.1f} µs per request"


if __name__ == "__main__":
    main()
