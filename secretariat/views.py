from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.shortcuts import render
from django.views.generic import DetailView

from core import clock
from core.cache import public_page
from secretariat.forms import AgreementFilterForm
from secretariat.models import Agreement, Call, Member, RouteMilestone, Session

AGREEMENTS_PER_PAGE = 25


@public_page
def index(request):
    today = clock.today()
    members = Member.objects.in_display_order()
    current = list(members.current(today))
    former = list(members.former(today))
    sessions = list(Session.objects.with_agreement_counts().newest_first())
    return render(
        request,
        "secretariat/index.html",
        {
            "current_members": current,
            "former_members": former,
            "sessions": sessions,
            "calls": Call.objects.all(),
            "agreement_totals": agreement_totals(Agreement.objects.all(), today),
            "has_examples": any(item.is_example for item in [*current, *former, *sessions]),
        },
    )


def agreement_totals(agreements, day):
    """How many agreements there are, by status, and how many are overdue on `day`."""
    S = Agreement.Status
    return agreements.aggregate(
        total=Count("pk"),
        fulfilled=Count("pk", filter=Q(status=S.FULFILLED)),
        in_progress=Count("pk", filter=Q(status=S.IN_PROGRESS)),
        pending=Count("pk", filter=Q(status=S.PENDING)),
        overdue=Count("pk", filter=Q(pk__in=agreements.overdue(day).values("pk"))),
    )


@public_page
def agreements(request):
    today = clock.today()
    everything = Agreement.objects.all()
    form = AgreementFilterForm(request.GET, everything)
    results = form.filter(everything.in_list_order().with_public_commitments(), today)
    page_obj = Paginator(results, AGREEMENTS_PER_PAGE).get_page(request.GET.get("pagina"))
    context = {
        "form": form,
        "page_obj": page_obj,
        "page_range": page_obj.paginator.get_elided_page_range(page_obj.number, on_ends=1),
        "totals": agreement_totals(everything, today),
        "active_filters": form.active_filters(),
        "has_examples": Session.objects.filter(is_example=True).exists(),
        "fragment": bool(request.htmx) and not request.htmx.history_restore_request,
    }
    if context["fragment"]:
        response = render(request, "secretariat/includes/_agreement_results.html", context)
        query = form.query()
        response["HX-Push-Url"] = f"{request.path}?{query}" if query else request.path
        return response
    return render(request, "secretariat/agreement_list.html", context)


class SessionDetailView(DetailView):
    queryset = Session.objects.with_details()
    context_object_name = "session"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"quorum": self.object.quorum()}


class CallDetailView(DetailView):
    queryset = Call.objects.prefetch_related(
        "route_milestones",
        Prefetch("members_joined", queryset=Member.objects.in_display_order()),
    )
    context_object_name = "call"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "is_open": self.object.is_open_on(clock.today())
        }


@public_page
def route(request):
    return render(
        request,
        "secretariat/route.html",
        {"route": RouteMilestone.objects.as_of(clock.today())},
    )
