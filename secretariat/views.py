from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from commitments.models import ActionPlan, ReportingRound
from core import clock, params
from core.cache import public_page
from secretariat import reader
from secretariat.forms import AgreementFilterForm
from secretariat.models import Call, Member, RouteMilestone, Session

AGREEMENTS_PER_PAGE = 25


def _day(request):
    """The day asked for with `?fecha=` (today without it), and what every page's context
    carries about it: the notice's value and the query its links keep."""
    as_of = params.asked(request)
    fecha = as_of.day.isoformat() if as_of.is_past else ""
    return as_of.day, {
        "as_of": as_of,
        "day": as_of.day,
        "fecha": fecha,
        # For links built inside a translated sentence.
        "q_fecha": f"?fecha={fecha}" if fecha else "",
        "and_fecha": f"&fecha={fecha}" if fecha else "",
    }


def _not_yet(request, page, heading):
    """Public today, not yet on the day asked for: say so rather than "not found"."""
    heading %= {"day": date_format(page["day"])}
    return render(request, "secretariat/not_yet.html", {**page, "heading": heading})


@public_page
def index(request):
    day, page = _day(request)
    members = reader.members_on(day)
    sessions = reader.sessions_on(day)
    agreements = reader.agreements_on(day)
    return render(
        request,
        "secretariat/index.html",
        {
            **page,
            "current_members": members.current,
            "former_members": members.former,
            "sessions": sessions,
            "calls": Call.objects.filter(published_on__lte=day),
            "agreement_totals": reader.totals(agreements),
            "has_examples": any(
                item.is_example for item in [*members.current, *members.former, *sessions]
            ),
        },
    )


@public_page
def agreements(request):
    day, page = _day(request)
    everything = reader.agreements_on(day)
    form = AgreementFilterForm(request.GET, everything)
    results = form.filter(everything)
    page_obj = Paginator(results, AGREEMENTS_PER_PAGE).get_page(request.GET.get("pagina"))
    context = {
        **page,
        "form": form,
        "page_obj": page_obj,
        "page_range": page_obj.paginator.get_elided_page_range(page_obj.number, on_ends=1),
        "totals": reader.totals(everything),
        "active_filters": form.active_filters(),
        "has_examples": any(a.is_example for a in everything),
        "fragment": bool(request.htmx) and not request.htmx.history_restore_request,
    }
    if context["fragment"]:
        response = render(request, "secretariat/includes/_agreement_results.html", context)
        query = form.query()
        response["HX-Push-Url"] = f"{request.path}?{query}" if query else request.path
        return response
    return render(request, "secretariat/agreement_list.html", context)


@public_page
def obligations(request):
    day, page = _day(request)
    return render(
        request,
        "secretariat/obligations.html",
        {**page, "checks": reader.obligations_on(day), "due_days": settings.MINUTES_DUE_DAYS},
    )


@public_page
def round_sign_offs(request, number):
    """A reporting round: the government's report (its PDF) and civil society's sign-offs."""
    day, page = _day(request)
    plan = ActionPlan.objects.current()
    found = get_object_or_404(ReportingRound, plan=plan, number=number)
    return render(
        request,
        "secretariat/round.html",
        {
            **page,
            "round": found,
            "is_closed": found.is_closed(day),
            "sign_offs": reader.sign_offs_on(found, day),
        },
    )


@public_page
def session(request, slug):
    day, page = _day(request)
    found = get_object_or_404(Session.objects.with_details(), slug=slug)
    shown = reader.session_on(found, day)
    if shown is None:
        if not page["as_of"].is_past or reader.session_on(found, clock.today()) is None:
            raise Http404
        return _not_yet(request, page, _("Esta sesión aún no se había anunciado el %(day)s."))
    return render(
        request,
        "secretariat/session_detail.html",
        {
            **page,
            "session": found,
            "shown": shown,
            "agreements": reader.agreements_on(day, session=found),
            "quorum": found.quorum(),
        },
    )


@public_page
def call(request, slug):
    day, page = _day(request)
    found = get_object_or_404(
        Call.objects.prefetch_related(
            "route_milestones",
            Prefetch("members_joined", queryset=Member.objects.in_display_order()),
        ),
        slug=slug,
    )
    if found.published_on > day:
        return _not_yet(request, page, _("Esta convocatoria aún no se publicaba el %(day)s."))
    return render(
        request,
        "secretariat/call_detail.html",
        {**page, "call": found, "is_open": found.is_open_on(day)},
    )


@public_page
def route(request):
    day, page = _day(request)
    return render(
        request,
        "secretariat/route.html",
        {**page, "route": RouteMilestone.objects.as_of(day)},
    )
