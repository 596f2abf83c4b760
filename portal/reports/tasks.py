"""The worker's queue of large reports (`manage.py db_worker`, started by `make run`): asking
for a report (`get`) and building it there (`build_report`). The files themselves are
`portal.reports.store`'s; this module only decides when one is built and where."""

import json

from django.conf import settings
from django.tasks import task

from core.content_version import content_version
from portal.reports import documents, store


@task(queue_name="reports")
def build_report(*, kind, args):
    report = documents.KINDS[kind].from_args(args)
    # Deleted meanwhile, or built already (asked twice, or by someone who waited): nothing
    # to do.
    if report is not None and store.find(report) is None:
        store.build(report)


class Busy(Exception):
    """The worker's queue is full (REPORTS_QUEUE_MAX): «inténtalo más tarde», not one more."""


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
    recent = timezone.now().timestamp() - store.PENDING_SECONDS
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
    if (found := store.find(report, version)) is not None:
        return found
    if version is None or wait or not report.background:
        return store.build(report)
    if store.is_pending(report, version):
        return None
    waiting, asked = queued()
    if (report.kind, json.dumps(report.args, sort_keys=True)) in asked:
        return None
    if waiting >= settings.REPORTS_QUEUE_MAX:
        raise Busy
    if store.claim(report, version):
        build_report.enqueue(kind=report.kind, args=report.args)
    # An immediate backend (tests, TASKS_BACKEND) has built it already.
    return store.find(report, version)
