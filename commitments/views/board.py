"""Public lists of commitments: the board, one axis, one unit, one organisation."""

from dataclasses import replace

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from commitments import listing, reader
from commitments.models import Axis, Organization, ResponsibleUnit
from portal import clock
from portal.cache import public_page


def published_plans(request):
    """The plans public today, and the one asked for with `?plan=` (else the current one)."""
    plans = reader.published_plans(clock.today())
    chosen = next((p for p in plans if p.slug == request.GET.get("plan")), None)
    return chosen or (plans[0] if plans else None), plans


def page_context(request, plan):
    """What every list page shows about the day it shows the plan on (time travel)."""
    rounds = list(plan.rounds.all())
    as_of = reader.resolve_day(request, plan, rounds)
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
    view = reader.plan_view(plan, context["day"])
    rows = list(view.rows)
    form = listing.BoardFilterForm(
        request.GET, rows, {a.commitment_id: a.is_starred for a in view.assessments}
    )
    results = form.filter(rows)
    context |= paginate(request, results) | {
        "plans": plans,
        "rows": rows,
        "form": form,
        "shown": len(results),
        "status_options": form.status_options(rows),
        "active_filters": form.active_filters(request.GET),
        "clear_query": listing.clean_query(request.GET, keep=(*listing.CONTEXT_PARAMS, "orden")),
        "has_examples": any(row.is_example for row in rows),
        "fragment": wants_fragment(request),
    }
    if context["fragment"]:
        response = render(request, "commitments/includes/_board_results.html", context)
        query = listing.clean_query(request.GET)
        response["HX-Push-Url"] = f"{request.path}?{query}" if query else request.path
        return response
    context |= {
        "summary": listing.Summary.of(rows),
        "axes": listing.by_axis(rows),
        "last_update": view.last_update,
        "transversal": listing.transversal_summary(view),
        "assessments": listing.assessment_summary(view.assessments),
    }
    return render(request, "commitments/board.html", context)


@public_page
def axis_detail(request, slug):
    axis = get_object_or_404(Axis.objects.select_related("plan__exercise"), slug=slug)
    if axis.plan not in reader.published_plans(clock.today()):
        raise Http404
    context = page_context(request, axis.plan)
    rows = list(reader.plan_view(axis.plan, context["day"], axis=axis).rows)
    axis_objectives = list(axis.objectives.all())
    order = {o.pk: i for i, o in enumerate(axis_objectives)}
    rows.sort(key=lambda r: (order.get(r.objective.pk, len(order)), r.code_key))
    context |= paginate(request, rows)
    # Every objective of the axis, with the rows of this page (an empty one says so).
    shown = context["page_obj"].object_list
    groups = [(o, [row for row in shown if row.objective.pk == o.pk]) for o in axis_objectives]
    if context["page_obj"].paginator.num_pages > 1:
        groups = [(o, rows) for o, rows in groups if rows]
    return render(
        request,
        "commitments/axis.html",
        context
        | {
            "axis": axis,
            "objectives": groups,
            "summary": listing.Summary.of(rows),
            "has_examples": any(row.is_example for row in rows),
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
        rows = []
        for row in reader.plan_view(plan, context["day"], party=(kind, party.pk)).rows:
            if key not in row.parties:
                continue
            if context["is_unit"] and row.unit.pk == party.pk:
                rows.append((0, row))
            else:
                role = next(
                    (r for k, ref, r in row.co_parties if ref.pk == party.pk and k == kind), ""
                )
                rows.append((1, replace(row, role=role)))
        rows.sort(key=lambda item: (item[0], item[1].code_key))
        context |= paginate(request, rows)
        shown = context["page_obj"].object_list
        all_rows = [row for _, row in rows]
        context |= {
            "led": [row for group, row in shown if group == 0],
            "shared": [row for group, row in shown if group == 1],
            "summary": listing.Summary.of(all_rows),
            "has_examples": any(row.is_example for row in all_rows),
        }
    return render(request, "commitments/party.html", context)
