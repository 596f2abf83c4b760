"""The worker's side of the large reports (`manage.py db_worker`, started by `make run`)."""

from django.tasks import task

from portal.reports import documents, store


@task(queue_name="reports")
def build_report(*, kind, args):
    report = documents.KINDS[kind].from_args(args)
    # Deleted meanwhile, or built already (asked twice, or by someone who waited): nothing
    # to do.
    if report is not None and store.find(report) is None:
        store.build(report)
