from django.shortcuts import render
from django.utils.timezone import localdate
from django.views.generic import DetailView

from portal.cache import public_page
from secretariat.models import Call, Member, RouteMilestone, Session


@public_page
def index(request):
    today = localdate()
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
            "has_examples": any(item.is_example for item in [*current, *former, *sessions]),
        },
    )


class SessionDetailView(DetailView):
    queryset = Session.objects.with_details()
    context_object_name = "session"


class CallDetailView(DetailView):
    model = Call
    context_object_name = "call"


@public_page
def route(request):
    return render(
        request, "secretariat/route.html", {"route": RouteMilestone.objects.as_of(localdate())}
    )
