"""The W3C Nu Html Checker (vnu.jar, from the `vnu-jar` npm package) for the tests.

`make test` installs it under var/node (see the Makefile); a pytest run without make installs it
the same way. Without Java or npm it fails under CI=true and skips, saying why, elsewhere.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Keep in step with VNU_VERSION in the Makefile.
VERSION = "26.9.27"
PREFIX = ROOT / "var" / "node"
JAR = PREFIX / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def _unavailable(reason):
    message = f"El validador W3C (vnu.jar) no puede correr: {reason}"
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(message)
    pytest.skip(message)


def jar():
    """The path of vnu.jar, installed if it is missing."""
    if shutil.which("java") is None:
        _unavailable("falta Java 17 (apt-get install openjdk-17-jre-headless).")
    if not JAR.exists():
        if shutil.which("npm") is None:
            _unavailable("falta npm para instalar el paquete vnu-jar (apt-get install npm).")
        subprocess.run(
            [
                "npm",
                "install",
                "--prefix",
                str(PREFIX),
                "--no-audit",
                "--no-fund",
                f"vnu-jar@{VERSION}",
            ],
            check=True,
            capture_output=True,
        )
    return JAR


def errors(paths):
    """Every error vnu finds in the HTML files `paths`, checked in one run (one JVM start,
    which costs more than the checking): a list of (file name, line, message)."""
    result = subprocess.run(
        [
            "java",
            "-Xss4m",
            "-jar",
            str(jar()),
            "--errors-only",
            "--format",
            "json",
            "--exit-zero-always",
            *map(str, paths),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    messages = json.loads(result.stderr)["messages"]
    return [
        (Path(m.get("url", "")).name, m.get("lastLine"), m["message"])
        for m in messages
        if m["type"] in {"error", "non-document-error"}
    ]
