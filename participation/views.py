from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from core import params
from core.cache import public_page
from participation import reader
from participation.models import Origin, Outcome

PROPOSALS_PER_PAGE = 25


def _day_query(asked):
    """The query that keeps a past day in the links a page builds."""
    return f"?fecha={asked.day.isoformat()}" if asked.is_past else ""


@public_page
def index(request):
    asked = params.asked(request)
    return render(
        request,
        "participation/index.html",
        {
            "as_of": asked,
            "day_query": _day_query(asked),
            "overview": reader.overview(asked.day),
        },
    )


@public_page
def proposals(request):
    asked = params.asked(request)
    chosen = {
        "outcome": request.GET.get("destino"),
        "theme": request.GET.get("tema"),
        "origin": request.GET.get("origen"),
    }
    rows = reader.proposals(asked.day, **chosen)
    page_obj = Paginator(rows, PROPOSALS_PER_PAGE).get_page(request.GET.get(params.PAGE))
    return render(
        request,
        "participation/proposal_list.html",
        {
            "as_of": asked,
            "day_query": _day_query(asked),
            "page_obj": page_obj,
            "page_range": page_obj.paginator.get_elided_page_range(page_obj.number, on_ends=1),
            "chosen": chosen,
            "filtered": any(chosen.values()),
            "outcomes": [*Outcome.choices, (reader.PENDING, reader.PENDING_LABEL)],
            "origins": Origin.choices,
            "themes": reader.themes(),
            "has_examples": any(row.is_example for row in rows),
        },
    )


@public_page
def proposal(request, pk):
    asked = params.asked(request)
    page = reader.proposal(pk, asked.day)
    if page is None:
        raise Http404
    context = {"as_of": asked, "day_query": _day_query(asked), "page": page}
    return render(request, "participation/proposal_detail.html", context)
