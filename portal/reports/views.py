"""/reportes/ and the stable URL of each report.

A PDF download bypasses the HTML page cache (core/cache.py) and has its own on disk
(portal/reports/store.py): a cached report costs a lookup of its subject and a file send.
"""

import re

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from commitments import reader
from core import clock, params
from core.content_version import content_version
from portal.reports import store, tasks
from portal.reports.documents import CommitmentSheet, PlanReport, ProgressReport, SessionMinutes
from secretariat.models import Session

PERIOD = re.compile(r"([0-9]{4})-([0-9]{4})")
# How often the «se está preparando» page looks again.
RETRY_SECONDS = 5


def busy(request, report):
    """Too many reports waiting for the worker: «inténtalo más tarde» (503, Retry-After)."""
    retry = settings.REPORTS_RETRY_AFTER
    response = render(
        request,
        "reports/busy.html",
        {"report": report, "retry_minutes": max(1, round(retry / 60))},
        status=503,
    )
    response["Retry-After"] = str(retry)
    response["Cache-Control"] = "no-store"
    # An expected answer under load, not a server error: django.request would log (and mail
    # ADMINS) one line per refused request of a storm.
    response._has_been_logged = True
    return response


def send(request, report, *, wait=False):
    """The PDF, from disk when it is current; else «se está preparando» (202), or
    «inténtalo más tarde» (503) when the worker's queue is full."""
    try:
        found = tasks.get(report, wait=wait)
    except tasks.Busy:
        return busy(request, report)
    if found is None:
        response = render(
            request,
            "reports/preparing.html",
            {"report": report, "retry": RETRY_SECONDS},
            status=202,
        )
        response["Retry-After"] = str(RETRY_SECONDS)
        # Browsers follow it without JavaScript: the download starts once the file is ready.
        response["Refresh"] = str(RETRY_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
    if found.path is None:
        response = HttpResponse(found.content, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{report.filename}"'
        response["Cache-Control"] = "no-store"
        return response
    etag = f'"{found.path.stem}"'
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponse(status=304)
    else:
        response = FileResponse(
            found.path.open("rb"), content_type="application/pdf", filename=report.filename
        )
    response["ETag"] = etag
    response["Cache-Control"] = "public, no-cache"
    return response


def current_plan():
    plans = reader.published_plans(clock.today())
    return plans[0] if plans else None


def report_links(plan, today):
    """What /reportes/ offers for `plan`: (report, URL, stored file or None)."""
    version = content_version()
    closed = [r for r in plan.rounds.order_by("number") if r.is_closed(today)]
    items = [
        (PlanReport(plan, today), reverse("reports:plan", args=[plan.exercise.period])),
        (ProgressReport(plan, today), reverse("reports:progress", args=[today.isoformat()])),
    ]
    for round_ in reversed(closed):
        items.append(
            (
                ProgressReport(plan, round_.deadline, round_),
                reverse("reports:round", args=[round_.number]),
            )
        )
    return [(report, url, store.find(report, version)) for report, url in items]


@require_safe
def index(request):
    today = clock.today()
    plan = current_plan()
    sessions = Session.objects.filter(is_held=True).newest_first()
    return render(
        request,
        "reports/index.html",
        {
            "plan": plan,
            "reports": report_links(plan, today) if plan else [],
            "sessions": sessions,
            "today": today,
        },
    )


@require_safe
def plan_report(request, period):
    match = PERIOD.fullmatch(period)
    if not match:
        raise Http404(_("No hay un plan de ese periodo."))
    start, end = int(match[1]), int(match[2])
    plan = next(
        (
            p
            for p in reader.published_plans(clock.today())
            if (p.exercise.start_date.year, p.exercise.end_date.year) == (start, end)
        ),
        None,
    )
    if plan is None:
        raise Http404(_("No hay un plan publicado del periodo %(period)s.") % {"period": period})
    return send(request, PlanReport(plan, clock.today()))


def parse_day(raw):
    """A real past (or today's) date in AAAA-MM-DD, or a 404: a report of the future
    cannot say what will be public."""
    day = params.iso_date(raw)
    if day is None:
        raise Http404(_("«%(raw)s» no es una fecha; usa AAAA-MM-DD.") % {"raw": raw[:20]})
    if day > clock.today():
        raise Http404(_("El %(day)s todavía no llega.") % {"day": raw})
    return day


@require_safe
def progress_report(request, day):
    day = parse_day(day)
    plans = reader.published_plans(day)
    if not plans:
        raise Http404(_("Ese día no había un plan publicado."))
    return send(request, ProgressReport(plans[0], day))


@require_safe
def round_report(request, number):
    plan = current_plan()
    round_ = None
    if plan is not None and params.ROUND_DIGITS.fullmatch(number):
        round_ = plan.rounds.filter(number=int(number)).first()
    if round_ is None:
        raise Http404(_("No existe el corte %(n)s.") % {"n": number[:20]})
    today = clock.today()
    if not round_.is_closed(today):
        raise Http404(_("El corte %(n)s todavía no cierra.") % {"n": number})
    return send(request, ProgressReport(plan, round_.deadline, round_))


@require_safe
def commitment_sheet(request, slug):
    commitment = get_object_or_404(CommitmentSheet.subjects(), slug=slug)
    # The same parameters as the commitment page, in the same canonical form.
    request.GET, request.asked = params.read_query(
        "reports:commitment", request.GET, params.known_values
    )
    as_of = reader.day_on(request.asked, commitment.plan)
    if as_of.error:
        raise Http404(as_of.error)
    report = CommitmentSheet(commitment, as_of.day)
    if report.view is None:
        raise Http404
    return send(request, report)


@require_safe
def session_minutes(request, slug):
    session = get_object_or_404(SessionMinutes.subjects(), slug=slug)
    return send(request, SessionMinutes(session, clock.today()))
