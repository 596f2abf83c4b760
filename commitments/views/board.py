"""Public lists of commitments: the board, one axis, one unit, one organisation."""

from dataclasses import replace

from django.core.paginator import Paginator
from django.db.models import Case, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from commitments import listing, reader
from commitments.models import Axis, Organization, ResponsibleUnit
from core import clock, params
from core.cache import public_page
from secretariat import reader as secretariat_reader


def published_plans(request):
    """The plans public today, and the one asked for with `?plan=` (else the current one)."""
    return listing.chosen_plan(request.GET.get("plan"))


def page_context(request, plan):
    """What every list page shows about the day it shows the plan on (time travel)."""
    rounds = list(plan.rounds.all())
    as_of = reader.day_on(params.asked(request), plan, rounds)
    today = clock.today()
    query = request.GET
    return {
        "plan": plan,
        "as_of": as_of,
        "day": as_of.day,
        "closed_rounds": [r for r in rounds if r.deadline < today],
        "today_query": listing.clean_query(listing.without_day(query)),
        "time_travel_hidden": listing.query_pairs(listing.without_day(query)),
        "context_query": listing.context_query(query),
        "context_hidden": listing.query_pairs(query, keep=listing.CONTEXT_PARAMS),
    }


def paginate(request, rows):
    page_obj = Paginator(rows, listing.PAGE_SIZE).get_page(request.GET.get("pagina"))
    return {
        "page_obj": page_obj,
        "page_range": page_obj.paginator.get_elided_page_range(page_obj.number, on_ends=1),
    }


def wants_fragment(request):
    return bool(request.htmx) and not request.htmx.history_restore_request


@public_page
def board(request):
    plan, plans = published_plans(request)
    if plan is None:
        return render(request, "commitments/board.html", {"plan": None})
    context = page_context(request, plan)
    found = listing.board(plan, context["day"], request.GET)
    plan_list, groups, form, narrowed = found.plan_list, found.groups, found.form, found.narrowed
    results = found.results
    context |= paginate(request, results) | {
        "plans": plans,
        "total": found.total,
        "form": form,
        "shown": len(results),
        "status_options": form.status_options(narrowed),
        "active_filters": form.active_filters(request.GET),
        "clear_query": listing.clean_query(request.GET, keep=(*listing.CONTEXT_PARAMS, "orden")),
        "has_examples": any(g.is_example for g in groups),
        "not_yet_public": plan_list.not_yet_public,
        "first_public_day": plan_list.not_yet_public and plan_list.first_public_day,
        "fragment": wants_fragment(request),
    }
    if context["fragment"]:
        response = render(request, "commitments/includes/_board_results.html", context)
        query = listing.clean_query(request.GET)
        response["HX-Push-Url"] = f"{request.path}?{query}" if query else request.path
        return response
    context |= {
        "summary": listing.Summary.of_groups(groups),
        "axes": listing.by_axis_of_groups(groups),
        "last_update": reader.last_update(groups),
        "transversal": listing.transversal_summary(plan_list.ratings()),
        "assessments": listing.assessment_summary(plan_list.assessments()),
        "sign_offs": secretariat_reader.round_sign_offs(plan, context["day"]),
        "fecha": context["day"].isoformat() if context["as_of"].is_past else "",
    }
    return render(request, "commitments/board.html", context)


@public_page
def axis_detail(request, slug):
    axis = get_object_or_404(Axis.objects.select_related("plan__exercise"), slug=slug)
    if axis.plan not in reader.published_plans(clock.today()):
        raise Http404
    context = page_context(request, axis.plan)
    plan_list = reader.PlanList(axis.plan, context["day"])
    states = plan_list.under_axis(axis)
    groups = plan_list.groups(states)
    axis_objectives = list(axis.objectives.all())
    in_order = Case(
        *(When(objective_ref=o.pk, then=Value(i)) for i, o in enumerate(axis_objectives)),
        default=Value(len(axis_objectives)),
    )
    ordered = states.by_code(in_order)
    context |= paginate(
        request, listing.StateRows(plan_list, ordered, sum(g.count for g in groups))
    )
    # Every objective of the axis, with the rows of this page (an empty one says so).
    shown = context["page_obj"].object_list
    found = [(o, [row for row in shown if row.objective.pk == o.pk]) for o in axis_objectives]
    if context["page_obj"].paginator.num_pages > 1:
        found = [(o, rows) for o, rows in found if rows]
    return render(
        request,
        "commitments/axis.html",
        context
        | {
            "axis": axis,
            "objectives": found,
            "summary": listing.Summary.of_groups(groups),
            "has_examples": any(g.is_example for g in groups),
        },
    )


@public_page
def unit_detail(request, slug):
    unit = get_object_or_404(ResponsibleUnit, slug=slug)
    return party_page(request, unit, listing.UNIT_PARTY)


@public_page
def organization_detail(request, slug):
    organization = get_object_or_404(Organization, slug=slug)
    return party_page(request, organization, listing.ORGANIZATION_PARTY)


def party_page(request, party, kind):
    """A unit's or organisation's commitments: those it leads, and those it shares (its role)."""
    plan, plans = published_plans(request)
    key = listing.party_value(party, kind)
    context = {
        "party": party,
        "is_unit": kind == listing.UNIT_PARTY,
        "plan": plan,
        "party_filter": key,
    }
    if plan is not None:
        context |= page_context(request, plan) | {"plans": plans}
        plan_list = reader.PlanList(plan, context["day"])
        states = plan_list.with_party(kind, party.pk)
        groups = plan_list.groups(states)
        # Those it leads first, then those it shares.
        leads = When(unit_ref=party.pk, then=Value(0)) if context["is_unit"] else None
        rank = Case(leads, default=Value(1)) if leads else Value(1)
        ordered = states.by_code(rank)
        context |= paginate(
            request, listing.StateRows(plan_list, ordered, sum(g.count for g in groups))
        )
        shown = context["page_obj"].object_list
        led = [row for row in shown if context["is_unit"] and row.unit.pk == party.pk]
        shared = [
            replace(row, role=_role(row, kind, party))
            for row in shown
            if not (context["is_unit"] and row.unit.pk == party.pk)
        ]
        context |= {
            "led": led,
            "shared": shared,
            "summary": listing.Summary.of_groups(groups),
            "has_examples": any(g.is_example for g in groups),
        }
    return render(request, "commitments/party.html", context)


def _role(row, kind, party):
    return next((r for k, ref, r in row.co_parties if ref.pk == party.pk and k == kind), "")
