import contextlib
import logging
import time
import uuid
from collections import Counter
from datetime import UTC, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache

from commitments import listing, reader
from commitments.models import Pillar
from core import clock, params
from core.cache import public_page
from secretariat.models import RouteMilestone

logger = logging.getLogger(__name__)

HEALTH_KEY = "portal:health"
ROUTE_RECENT = 3
ROUTE_NEXT = 2
LATE_SHOWN = 8


@public_page
def home(request):
    today = clock.today()
    plans = reader.published_plans(today)
    plan = plans[0] if plans else None
    as_of = reader.day_on(params.asked(request), plan)
    plan_list = reader.PlanList(plan, as_of.day) if plan else None
    groups = plan_list.groups() if plan else []
    late, late_count = plan_list.late(LATE_SHOWN) if plan else ([], 0)
    pillar_counts = Counter()
    for group in groups:
        for pillar in group.pillars:
            pillar_counts[pillar.pk] += group.count
    pillars = list(Pillar.objects.order_by("order", "name"))
    for pillar in pillars:
        pillar.commitment_count = pillar_counts[pillar.pk]
    recent = list(RouteMilestone.objects.done().order_by("-start_date", "-order")[:ROUTE_RECENT])
    route = [*reversed(recent), *RouteMilestone.objects.upcoming(as_of.day)[:ROUTE_NEXT]]
    context = {
        "plan": plan,
        "as_of": as_of,
        "summary": listing.Summary.of_groups(groups),
        "last_update": reader.last_update(groups),
        "late": late,
        "late_count": late_count,
        "context_query": listing.context_query(request.GET),
        "pillars": pillars,
        "route": route,
        "has_examples": any(g.is_example for g in groups) or any(s.is_example for s in route),
    }
    return render(request, "portal/home.html", context)


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    # No request context: the context processors may be what failed.
    return HttpResponseServerError(render_to_string("500.html"))


@public_page
def privacy_notice(request):
    return render(request, "portal/privacy.html", {"unit": settings.TRANSPARENCY_UNIT})


@public_page
def privacy_notice_short(request):
    return render(request, "portal/privacy_short.html", {"unit": settings.TRANSPARENCY_UNIT})


@public_page
def accessibility(request):
    return render(request, "portal/accessibility.html", {"unit": settings.TRANSPARENCY_UNIT})


@never_cache
def health(request):
    """For monitoring: 503 when the database fails; a failing cache only slows pages down."""
    checks = {"database": _check(_database_answers), "cache": _check(_cache_answers)}
    if checks["database"] != "ok":
        status, code = "error", 503
    else:
        status, code = ("ok", 200) if checks["cache"] == "ok" else ("degradado", 200)
    return JsonResponse({"status": status, **checks}, status=code)


def _check(probe):
    try:
        probe()
    except Exception as error:
        logger.warning("Health check failed: %s: %s", type(error).__name__, error)
        return "error"
    return "ok"


def _database_answers():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _cache_answers():
    # A key of this check's own: concurrent pollers (several monitors, several server
    # processes) never read each other's value and report a healthy cache as failing.
    key = f"{HEALTH_KEY}:{uuid.uuid4().hex}"
    token = str(time.time_ns())
    try:
        cache.set(key, token, timeout=30)
        if cache.get(key) != token:
            raise RuntimeError("the cache did not return what was stored")
    finally:
        with contextlib.suppress(Exception):
            cache.delete(key)


def security_txt(request):
    """RFC 9116: where to report a vulnerability."""
    expires = clock.now().astimezone(UTC).replace(microsecond=0) + timedelta(days=365)
    lines = [
        f"Contact: {settings.SECURITY_CONTACT}",
        f"Expires: {expires.isoformat().replace('+00:00', 'Z')}",
        "Preferred-Languages: es, en",
        f"Canonical: {settings.SITE_URL}/.well-known/security.txt",
    ]
    response = HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "public, max-age=86400"
    return response
