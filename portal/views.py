from django.db.models import Count, Q
from django.shortcuts import render
from django.utils import timezone

from commitments import listing
from commitments.models import ActionPlan, Commitment, Pillar
from portal.cache import public_page
from secretariat.models import RouteMilestone

ROUTE_RECENT = 3
ROUTE_NEXT = 2


@public_page
def home(request):
    today = timezone.localdate()
    plan = ActionPlan.objects.current()
    published = Commitment.objects.published().in_plan(plan)
    rows = listing.load_rows(published, today) if plan else []
    recent = list(RouteMilestone.objects.done().order_by("-start_date", "-order")[:ROUTE_RECENT])
    route = [*reversed(recent), *RouteMilestone.objects.upcoming(today)[:ROUTE_NEXT]]
    context = {
        "plan": plan,
        "summary": listing.Summary.of(rows),
        "last_update": listing.last_update(rows, today),
        "pillars": Pillar.objects.annotate(
            commitment_count=Count("commitments", filter=Q(commitments__in=published))
        ).order_by("order", "name"),
        "route": route,
        "has_examples": any(row.commitment.is_example for row in rows)
        or any(step.is_example for step in route),
    }
    return render(request, "portal/home.html", context)


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)
