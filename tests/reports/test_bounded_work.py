"""Reports are bounded work: staff drafts never stale them, a report is queued once, the
queue has a ceiling (503 «inténtalo más tarde»), and the worker never rebuilds a current file."""

import statistics
import time
from datetime import timedelta

import pytest
from django_tasks_db.models import DBTaskResult

from commitments import services
from core.content_version import content_version
from portal.reports import store, tasks
from tests.commitments import builders
from tests.conftest import TODAY
from tests.reports.conftest import download, pdf_of, run_worker

pytestmark = pytest.mark.django_db


def progress_url(day):
    return f"/reportes/avance/{day.isoformat()}.pdf"


def test_draft_and_review_activity_leave_the_public_content_version(tracked):
    indicator = tracked.indicators.get()
    before = content_version()
    fact = builders.add_measurement(indicator, builders.HALFWAY, 64, draft=True)
    services.update_draft(fact=fact, value=65)
    services.submit(fact=fact)
    services.return_for_changes(fact=fact, comment="Falta el informe.")
    services.update_draft(fact=fact, value=66)
    services.submit(fact=fact)
    other = builders.add_progress(tracked.milestones.get(), builders.HALFWAY, 40, draft=True)
    services.delete_draft(fact=other)
    assert content_version() == before
    builders.publish(fact, TODAY)
    assert content_version() != before


def test_a_draft_keeps_a_built_report_current(client, tracked, builds):
    url = f"/compromisos/{tracked.slug}/ficha.pdf"
    pdf_of(client.get(url))
    builders.add_measurement(tracked.indicators.get(), builders.HALFWAY, 64, draft=True)
    pdf_of(client.get(url))
    assert len(builds) == 1


def test_two_requests_for_one_report_queue_one_task(client, tracked):
    url = progress_url(TODAY - timedelta(days=3))
    assert client.get(url).status_code == 202
    # Even with the marker beside the file gone (another machine, a cleaned folder), the
    # task waiting in the queue is found and joined.
    for marker in store.Path(store.settings.REPORTS_ROOT).rglob("*.pending"):
        marker.unlink()
    assert client.get(url).status_code == 202
    assert DBTaskResult.objects.count() == 1


def test_beyond_the_ceiling_the_answer_is_try_later_with_retry_after(client, tracked, settings):
    settings.REPORTS_QUEUE_MAX = 2
    settings.REPORTS_RETRY_AFTER = 120
    answers = [client.get(progress_url(TODAY - timedelta(days=n))) for n in range(3)]
    assert [a.status_code for a in answers] == [202, 202, 503]
    full = answers[-1]
    assert full["Retry-After"] == "120"
    assert full["Cache-Control"] == "no-store"
    assert "Inténtalo más tarde" in full.content.decode()
    assert DBTaskResult.objects.count() == 2
    # Those already asked for are still «se está preparando», not refused.
    assert client.get(progress_url(TODAY)).status_code == 202
    run_worker()
    assert client.get(progress_url(TODAY - timedelta(days=2))).status_code == 202


def test_the_worker_skips_a_report_whose_file_is_current(client, tracked, builds):
    url = "/reportes/plan-de-accion-2025-2027.pdf"
    pdf_of(download(client, url))
    assert len(builds) == 1
    (report_path,) = store.Path(store.settings.REPORTS_ROOT).glob("plan/*/*.pdf")
    mtime = report_path.stat().st_mtime_ns
    # Asked again (e.g. twice before the first build ran): nothing is drawn.
    task = DBTaskResult.objects.get()
    tasks.build_report.enqueue(**task.args_kwargs["kwargs"])
    run_worker()
    assert len(builds) == 1
    assert report_path.stat().st_mtime_ns == mtime


def test_a_storm_of_500_report_urls_leaves_the_queue_at_its_ceiling(
    client, tracked, builds, settings
):
    settings.REPORTS_QUEUE_MAX = 20
    timings, statuses = [], {}
    for n in range(500):
        started = time.perf_counter()
        response = client.get(progress_url(TODAY - timedelta(days=n)))
        timings.append(time.perf_counter() - started)
        statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
    queued = DBTaskResult.objects.count()
    median_ms = statistics.median(timings) * 1000
    print(f"\nstorm: 500 URLs → queue {queued}, answers {statuses}, median {median_ms:.1f} ms")
    assert queued <= settings.REPORTS_QUEUE_MAX
    assert statuses == {202: 20, 503: 480}
    assert builds == []  # Nothing drawn in a request.
    assert median_ms < 250
