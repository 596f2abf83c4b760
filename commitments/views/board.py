"""Public lists of commitments: the board, one axis, one unit, one organisation."""

from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from commitments import listing
from commitments.as_of import resolve_as_of
from commitments.listing import Row, Summary
from commitments.models import (
    ActionPlan,
    Axis,
    Commitment,
    CoResponsibility,
    Organization,
    ResponsibleUnit,
)
from portal.cache import public_page


def published_plans(request):
    """The published plans, and the one asked for with `?plan=` (else the current one).

    The model's ordering is the one `ActionPlan.objects.current()` uses, so the first
    plan is the current one; reading the list once also tells whether to offer a choice.
    """
    plans = list(ActionPlan.objects.published().select_related("exercise"))
    chosen = next((p for p in plans if p.slug == request.GET.get("plan")), None)
    return chosen or (plans[0] if plans else None), plans


def page_context(request, plan):
    """What every list page shows about the day it shows the plan on (time travel)."""
    as_of = resolve_as_of(request, plan)
    today = timezone.localdate()
    query = request.GET
    return {
        "plan": plan,
        "as_of": as_of,
        "day": as_of.day,
        "closed_rounds": [r for r in plan.rounds.all() if r.deadline < today],
        "today_query": listing.clean_query(listing.without_day(query)),
        "time_travel_hidden": listing.query_pairs(listing.without_day(query)),
        "context_query": listing.context_query(query),
        "context_hidden": listing.query_pairs(query, keep=listing.CONTEXT_PARAMS),
    }


def wants_fragment(request):
    return bool(request.htmx) and not request.htmx.history_restore_request


@public_page
def board(request):
    plan, plans = published_plans(request)
    if plan is None:
        return render(request, "commitments/board.html", {"plan": None})
    context = page_context(request, plan)
    published = Commitment.objects.published().in_plan(plan)
    rows = listing.load_rows(listing.with_parties(published), context["day"])
    form = listing.BoardFilterForm(request.GET, rows)
    results = form.filter(rows)
    page_obj = Paginator(results, listing.PAGE_SIZE).get_page(request.GET.get("pagina"))
    context |= {
        "plans": plans,
        "rows": rows,
        "form": form,
        "shown": len(results),
        "page_obj": page_obj,
        "page_range": page_obj.paginator.get_elided_page_range(page_obj.number, on_ends=1),
        "status_options": form.status_options(rows),
        "active_filters": form.active_filters(request.GET),
        "clear_query": listing.clean_query(request.GET, keep=(*listing.CONTEXT_PARAMS, "orden")),
        "has_examples": any(row.commitment.is_example for row in rows),
        "fragment": wants_fragment(request),
    }
    if context["fragment"]:
        response = render(request, "commitments/includes/_board_results.html", context)
        query = listing.clean_query(request.GET)
        response["HX-Push-Url"] = f"{request.path}?{query}" if query else request.path
        return response
    context |= board_summaries(rows, published, context["day"])
    return render(request, "commitments/board.html", context)


def board_summaries(rows, published, day):
    return {
        "summary": Summary.of(rows),
        "axes": listing.by_axis(rows),
        "last_update": listing.last_update(rows, day),
        "transversal": listing.transversal_summary(published),
        "assessments": listing.assessment_summary(published, day),
    }


@public_page
def axis_detail(request, slug):
    axis = get_object_or_404(
        Axis.objects.filter(plan__is_published=True).select_related("plan__exercise"), slug=slug
    )
    context = page_context(request, axis.plan)
    rows = listing.load_rows(
        Commitment.objects.published().filter(objective__axis=axis), context["day"]
    )
    objectives = [
        (objective, [row for row in rows if row.commitment.objective_id == objective.pk])
        for objective in axis.objectives.all()
    ]
    return render(
        request,
        "commitments/axis.html",
        context
        | {
            "axis": axis,
            "objectives": objectives,
            "summary": Summary.of(rows),
            "has_examples": any(row.commitment.is_example for row in rows),
        },
    )


@public_page
def unit_detail(request, slug):
    unit = get_object_or_404(ResponsibleUnit, slug=slug)
    return party_page(request, unit, Q(unit=unit), CoResponsibility.objects.filter(unit=unit))


@public_page
def organization_detail(request, slug):
    organization = get_object_or_404(Organization, slug=slug)
    shared = CoResponsibility.objects.filter(organization=organization)
    return party_page(request, organization, Q(pk__in=[]), shared)


def party_page(request, party, leads, shared):
    """A unit's or organisation's commitments: those it leads, and those it shares (its role)."""
    plan, plans = published_plans(request)
    context = {
        "party": party,
        "is_unit": isinstance(party, ResponsibleUnit),
        "plan": plan,
        "party_filter": listing.party_value(party),
    }
    if plan is not None:
        context |= page_context(request, plan) | {"plans": plans}
        commitments = (
            Commitment.objects.published()
            .in_plan(plan)
            .filter(leads | Q(co_responsibles__in=shared))
            .distinct()
            .prefetch_related(Prefetch("co_responsibles", queryset=shared, to_attr="roles_here"))
        )
        rows = listing.load_rows(commitments, context["day"])
        led = [row for row in rows if context["is_unit"] and row.commitment.unit_id == party.pk]
        context |= {
            "led": led,
            "shared": [
                Row(row.commitment, row.verdict, role=row.commitment.roles_here[0].role)
                for row in rows
                if row not in led and row.commitment.roles_here
            ],
            "summary": Summary.of(rows),
            "has_examples": any(row.commitment.is_example for row in rows),
        }
    return render(request, "commitments/party.html", context)
