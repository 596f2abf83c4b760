"""Reports kept on disk: REPORTS_ROOT/<kind>/<subject>/<day>-<content version>.pdf.

Any change to the published data bumps the content version (portal/cache.py), so a file
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

from portal.cache import content_version
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
    return folder(report) / f"{report.day.isoformat()}-{version}.pdf"


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
    with translation.override(settings.LANGUAGE_CODE):
        pdf, pages = render_pdf(report.html())
    if version is None:
        return Stored(pages=pages, size=len(pdf), content=pdf)
    path = pdf_path(report, version)
    path.parent.mkdir(parents=True, exist_ok=True)
    _write(path, pdf)
    _write(path.with_suffix(".json"), json.dumps({"pages": pages}).encode())
    _prune(path.parent, keep=str(version), day=report.day.isoformat())
    return Stored(pages=pages, size=len(pdf), path=path, version=version)


def _prune(directory, keep, day):
    for item in directory.iterdir():
        if item.suffix not in {".pdf", ".json", ".pending"}:
            continue
        version = item.stem.rsplit("-", 1)[-1]
        if version != keep or (item.suffix == ".pending" and item.stem.startswith(day)):
            item.unlink(missing_ok=True)


class Busy(Exception):
    """The worker's queue is full (REPORTS_QUEUE_MAX): «inténtalo más tarde», not one more."""


def _marker(report, version):
    return pdf_path(report, version).with_suffix(".pending")


def is_pending(report, version):
    try:
        return time.time() - _marker(report, version).stat().st_mtime < PENDING_SECONDS
    except FileNotFoundError:
        return False


def _claim(report, version):
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


def queued():
    """(reports waiting in the worker's queue, (kind, args) of those waiting or running),
    in one query; nothing when reports are built in the request (ImmediateBackend)."""
    from django.tasks import task_backends
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    if not isinstance(task_backends["default"], DatabaseBackend):
        return 0, set()
    from django.tasks import TaskResultStatus
    from django.utils import timezone

    rows = DBTaskResult.objects.filter(
        queue_name="reports", status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING]
    ).values_list("status", "started_at", "args_kwargs")
    waiting, asked = 0, set()
    recent = timezone.now().timestamp() - PENDING_SECONDS
    for status, started_at, args_kwargs in rows:
        if status == TaskResultStatus.READY:
            waiting += 1
        elif started_at.timestamp() < recent:
            continue  # A worker stopped mid-build long ago: not a build to wait for.
        kwargs = args_kwargs.get("kwargs", {})
        asked.add((kwargs.get("kind"), json.dumps(kwargs.get("args"), sort_keys=True)))
    return waiting, asked


def get(report, *, wait=False):
    """The stored report, building it now unless it is a large one and no one `wait`s:
    then the worker is asked for it and None means «se está preparando».

    Bounded work: a report asked for again while it is prepared joins that build (the
    marker beside its file, or the same task waiting in the queue), never queues twice,
    and with REPORTS_QUEUE_MAX reports waiting a new one raises `Busy`."""
    version = content_version()
    if (found := find(report, version)) is not None:
        return found
    if version is None or wait or not report.background:
        return build(report)
    if is_pending(report, version):
        return None
    waiting, asked = queued()
    if (report.kind, json.dumps(report.args, sort_keys=True)) in asked:
        return None
    if waiting >= settings.REPORTS_QUEUE_MAX:
        raise Busy
    if _claim(report, version):
        from portal.reports import tasks

        tasks.build_report.enqueue(kind=report.kind, args=report.args)
    # An immediate backend (tests, TASKS_BACKEND) has built it already.
    return find(report, version)
