"""The embeddable semáforo: a commitment's or the board's status in a small page other
sites may frame, and a commitment's status as an SVG badge for an <img>.

Only these pages allow framing (`frame-ancestors *`, no X-Frame-Options); every other page
keeps refusing it. Like every public page they take `?fecha=` and are cached.
"""

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csp import csp_override

from commitments import listing, reader
from commitments.models import Commitment
from commitments.semaforo import STALE_LABEL, Status
from core import clock, l10n, params
from core.cache import public_page

FRAMEABLE = {**settings.SECURE_CSP, "frame-ancestors": ["*"]}

# Text and background of each status (shared/DESIGN.md), for the badge's presentation
# attributes: an <img> cannot use the site's stylesheet.
BADGE_COLOURS = {
    Status.COMPLETE: ("#0f385c", "#d2e2f1"),
    Status.ON_TRACK: ("#083d29", "#cfe4dc"),
    Status.DELAYED: ("#7a3c1c", "#ffee80"),
    Status.AT_RISK: ("#651b1b", "#f4d7d7"),
    Status.NOT_STARTED: ("#0b0c0c", "#e7e7e7"),
}
# Wide enough for the longest label at 11 px in a system font, without measuring text.
CHAR_WIDTH = 6.6


def frameable(view):
    return public_page(xframe_options_exempt(csp_override(FRAMEABLE)(view)))


def _commitment_on_day(request, slug):
    commitment = get_object_or_404(Commitment.objects.select_related("plan__exercise"), slug=slug)
    as_of = reader.day_on(params.asked(request), commitment.plan)
    view = reader.commitment_view(commitment, as_of.day)
    if view is None:
        raise Http404
    return view, as_of


@frameable
def commitment(request, slug):
    view, as_of = _commitment_on_day(request, slug)
    return render(
        request,
        "api/embed_commitment.html",
        {"view": view, "row": view.row, "as_of": as_of, "query": request.GET.urlencode()},
    )


@frameable
def board(request):
    plan, _plans = listing.chosen_plan(request.GET.get(params.PLAN))
    if plan is None:
        raise Http404
    as_of = reader.day_on(params.asked(request), plan)
    groups = reader.PlanList(plan, as_of.day).groups()
    return render(
        request,
        "api/embed_board.html",
        {
            "plan": plan,
            "as_of": as_of,
            "summary": listing.Summary.of_groups(groups),
            "axes": listing.by_axis_of_groups(groups),
            "query": request.GET.urlencode(),
        },
    )


@public_page
def badge(request, slug):
    view, as_of = _commitment_on_day(request, slug)
    verdict = view.row.verdict
    label = str(verdict.label)
    if verdict.stale:
        label = f"{label} · {STALE_LABEL}"
    figure = "" if verdict.progress is None else l10n.percent(f"{verdict.progress:.0f}", space=" ")
    code_width = round(len(view.row.code) * CHAR_WIDTH + 12)
    status_text = f"{label} · {figure}" if figure else label
    status_width = round(len(status_text) * CHAR_WIDTH + 12)
    text, background = BADGE_COLOURS[Status(verdict.status)]
    response = render(
        request,
        "api/badge.svg",
        {
            "row": view.row,
            "as_of": as_of,
            "today": clock.today(),
            "status_text": status_text,
            "code_width": code_width,
            "status_width": status_width,
            "width": code_width + status_width,
            "text_colour": text,
            "background": background,
        },
        content_type="image/svg+xml; charset=utf-8",
    )
    return response
