"""SQLite as the embedded default: writers in several processes at once, on a file.

The settings give SQLite a write-ahead log, a 20 s busy timeout and IMMEDIATE transactions
(`portal/settings.py`); without them most of these writers got «database is locked». The
test database is in memory, so the drill gets a file copy of it (already migrated) and
forks its writers there: `benchmarks/concurrent_writers.py`.
"""

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite's own drill; PostgreSQL races in threads"
)


def test_concurrent_writers_on_a_sqlite_file_one_winner_never_locked(
    django_db_setup, django_db_blocker, tmp_path
):
    database = tmp_path / "writers.sqlite3"
    with django_db_blocker.unblock():
        connection.ensure_connection()
        with sqlite3.connect(database) as copy:
            connection.connection.backup(copy)
        copy.close()

    drill = subprocess.run(
        [
            sys.executable,
            "benchmarks/concurrent_writers.py",
            "--writers",
            "4",
            "--database",
            f"sqlite:///{database}",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )

    report = drill.stdout + drill.stderr
    assert drill.returncode == 0, report
    assert "database is locked" not in report
    assert "Otra persona estaba guardando" not in report
    assert report.count("Ya tiene una corrección: corrige la más reciente.") == 2
    assert report.count("Ya está publicado.") == 2
    assert "todo ya estaba registrado, no cambia nada" in report
    lines = drill.stdout.splitlines()
    table = [line.split() for line in lines[2:] if not line.startswith(" ")]
    # winners refused busy errors live / expected slowest
    assert [row[-8:-4] for row in table] == [["1", "3", "0", "0"]] * 4, drill.stdout
