"""Reports kept on disk: REPORTS_ROOT/<kind>/<subject>/<day>-<language>-<content version>.pdf.

Any change to the published data bumps the content version (core/cache.py), so a file
whose name carries the current version shows exactly what the report would show now: it
is served as it is, and a report is rebuilt only when what it shows may have changed.
Beside each PDF a small JSON file says how many pages it has. Files of older versions are
removed when a newer one is written.
"""

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import translation

from core.content_version import content_version
from portal.reports.render import render_pdf

# A build asked of the worker that has not finished by then is asked again.
PENDING_SECONDS = 10 * 60


@dataclass(frozen=True)
class Stored:
    """A built report: on disk (`path`) or, when the content version is unknown, in memory."""

    pages: int
    size: int
    path: Path | None = None
    content: bytes = b""
    version: object = None


def folder(report):
    return Path(settings.REPORTS_ROOT) / report.kind / report.ident


def pdf_path(report, version):
    return folder(report) / f"{stem(report)}-{version}.pdf"


def stem(report):
    """What a report's files are named by besides the content version: its day and language."""
    return f"{report.day.isoformat()}-{report.language}"


def find(report, version=None):
    """The stored report for the current content version, or None."""
    version = content_version() if version is None else version
    if version is None:
        return None
    path = pdf_path(report, version)
    try:
        meta = json.loads(path.with_suffix(".json").read_bytes())
        size = path.stat().st_size
    except (FileNotFoundError, ValueError):
        return None
    return Stored(pages=meta["pages"], size=size, path=path, version=version)


def _write(path, data):
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def build(report):
    """Build the report now and keep it under the version read *before* its data."""
    version = content_version()
    # In the report's language wherever it is built (the worker has no request).
    with translation.override(report.language):
        pdf, pages = render_pdf(report.html())
    if version is None:
        return Stored(pages=pages, size=len(pdf), content=pdf)
    path = pdf_path(report, version)
    path.parent.mkdir(parents=True, exist_ok=True)
    _write(path, pdf)
    _write(path.with_suffix(".json"), json.dumps({"pages": pages}).encode())
    _prune(path.parent, keep=str(version), stem=stem(report))
    return Stored(pages=pages, size=len(pdf), path=path, version=version)


def _prune(directory, keep, stem):
    for item in directory.iterdir():
        if item.suffix not in {".pdf", ".json", ".pending"}:
            continue
        version = item.stem.rsplit("-", 1)[-1]
        if version != keep or (item.suffix == ".pending" and item.stem.startswith(f"{stem}-")):
            item.unlink(missing_ok=True)


def _marker(report, version):
    return pdf_path(report, version).with_suffix(".pending")


def is_pending(report, version):
    try:
        return time.time() - _marker(report, version).stat().st_mtime < PENDING_SECONDS
    except FileNotFoundError:
        return False


def claim(report, version):
    """Create the «asked for» marker, atomically: False when another request just did."""
    marker = _marker(report, version)
    marker.parent.mkdir(parents=True, exist_ok=True)
    if marker.exists() and not is_pending(report, version):
        marker.unlink(missing_ok=True)  # A leftover of a build that never finished.
    try:
        os.close(os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        return False
    return True
