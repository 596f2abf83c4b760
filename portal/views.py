from collections import Counter

from django.shortcuts import render

from commitments import listing, reader
from commitments.models import Pillar
from portal import clock
from portal.cache import public_page
from secretariat.models import RouteMilestone

ROUTE_RECENT = 3
ROUTE_NEXT = 2


@public_page
def home(request):
    today = clock.today()
    plans = reader.published_plans(today)
    plan = plans[0] if plans else None
    as_of = reader.resolve_day(request, plan)
    view = reader.plan_view(plan, as_of.day) if plan else None
    rows = view.rows if view else ()
    pillar_counts = Counter(p.pk for row in rows for p in row.pillars)
    pillars = list(Pillar.objects.order_by("order", "name"))
    for pillar in pillars:
        pillar.commitment_count = pillar_counts[pillar.pk]
    recent = list(RouteMilestone.objects.done().order_by("-start_date", "-order")[:ROUTE_RECENT])
    route = [*reversed(recent), *RouteMilestone.objects.upcoming(as_of.day)[:ROUTE_NEXT]]
    context = {
        "plan": plan,
        "as_of": as_of,
        "summary": listing.Summary.of(rows),
        "last_update": view.last_update if view else None,
        "pillars": pillars,
        "route": route,
        "has_examples": any(row.is_example for row in rows) or any(s.is_example for s in route),
    }
    return render(request, "portal/home.html", context)


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)
