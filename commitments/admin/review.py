"""The Secretariat's review queue and a liaison's home: what waits for whom.

«Pendientes de revisión» lists what liaisons submitted, oldest first, each with what it
changes: the value reported and the public status of its commitment today and once it is
published (`verdict_if_published`). A liaison's home lists their commitments, what the
current reporting round still expects from them and what was returned with a comment.
"""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from commitments import permissions
from commitments.admin.files import staff_file_url
from commitments.admin.verdicts import staff_verdict, verdict_if_published
from commitments.models import (
    Commitment,
    Evidence,
    FactStatus,
    Measurement,
    MilestoneProgress,
    ReportingRound,
    RoundReport,
    report_status,
)
from core import clock

# The facts a liaison reports, with what to read with each.
REPORTED = [
    (Measurement, ["indicator__commitment__plan"]),
    (MilestoneProgress, ["milestone__commitment__plan"]),
    (Evidence, ["commitment__plan", "milestone"]),
    (RoundReport, ["commitment__plan", "round"]),
]
QUEUE_SIZE = 50


def describe(fact):
    """What a submission says, in a line."""
    if isinstance(fact, Measurement):
        return _("Avance de «%(name)s» al %(day)s: %(value)s %(unit)s") % {
            "name": fact.indicator.name,
            "day": date_format(fact.date),
            "value": format(fact.value.normalize(), "f"),
            "unit": fact.indicator.unit,
        }
    if isinstance(fact, MilestoneProgress):
        return _("Hito %(n)s. «%(title)s» al %(day)s: %(percent)s %% (%(status)s)") % {
            "n": fact.milestone.order,
            "title": fact.milestone.title,
            "day": date_format(fact.date),
            "percent": fact.percent,
            "status": fact.get_milestone_status_display(),
        }
    if isinstance(fact, Evidence):
        return _("Evidencia «%(title)s» del %(day)s") % {
            "title": fact.title,
            "day": date_format(fact.date),
        }
    return _("Reporte del %(round)s") % {"round": fact.round.title}


def commitment_of(fact):
    return permissions.commitment_of(fact)


def change_url(fact):
    opts = fact._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[fact.pk])


def facts_with_status(status, user=None, commitment=None):
    """Facts of the reported kinds with `status`, oldest submission first."""
    found = []
    for model, related in REPORTED:
        queryset = model.objects.filter(status=status).select_related(*related, "submitted_by")
        path = permissions.COMMITMENT_PATHS[model.__name__]
        if commitment is not None:
            queryset = queryset.filter(**{path: commitment})
        if user is not None:
            queryset = permissions.scope(queryset, user, path)
        found += list(queryset)
    return sorted(found, key=lambda f: (f.submitted_at or f.recorded_at, f.pk))


def count_submitted(user=None):
    total = 0
    for model, _related in REPORTED:
        queryset = model.objects.filter(status=FactStatus.SUBMITTED)
        if user is not None:
            queryset = permissions.scope(
                queryset, user, permissions.COMMITMENT_PATHS[model.__name__]
            )
        total += queryset.count()
    return total


def review_queue(request, site):
    if not permissions.is_reviewer(request.user):
        raise PermissionDenied
    items = []
    submitted = facts_with_status(FactStatus.SUBMITTED)
    for fact in submitted[:QUEUE_SIZE]:
        commitment = commitment_of(fact)
        after, refusal = verdict_if_published(commitment, [fact])
        items.append(
            {
                "fact": fact,
                "what": describe(fact),
                "commitment": commitment,
                "submitted_by": fact.submitted_by,
                "submitted_at": fact.submitted_at,
                "now": staff_verdict(commitment),
                "after": after,
                "refusal": refusal,
                "url": change_url(fact),
                "file_url": staff_file_url(fact),
            }
        )
    context = {
        **site.each_context(request),
        "title": _("Pendientes de revisión"),
        "items": items,
        "total": len(submitted),
        "shown": len(items),
    }
    return TemplateResponse(request, "admin/commitments/review_queue.html", context)


def liaison_home(user):
    """What a liaison's admin home shows: their commitments and what each still needs."""
    if not permissions.is_liaison(user):
        return None
    today = clock.today()
    commitments = list(
        permissions.scope(Commitment.objects.all(), user)
        .select_related("plan__exercise", "unit")
        .prefetch_related("round_reports")
        .order_by("plan", "code")
    )
    # A finished plan is read-only for liaisons: nothing of it is theirs to do.
    plans = {c.plan_id: c.plan for c in commitments}
    closed = {pk for pk, plan in plans.items() if plan.is_closed(today)}
    finished_only = bool(commitments) and len(closed) == len(plans)
    commitments = [c for c in commitments if c.plan_id not in closed]
    current, upcoming = {}, {}
    for round_ in ReportingRound.objects.filter(
        plan__in={c.plan_id for c in commitments}, deadline__gte=today
    ).order_by("plan", "number"):
        if round_.opens_on <= today:
            current.setdefault(round_.plan_id, round_)
        else:
            upcoming.setdefault(round_.plan_id, round_)
    rows = []
    for commitment in commitments:
        round_ = current.get(commitment.plan_id)
        status = None
        if round_ is not None:
            report = next(
                (r for r in commitment.round_reports.all() if r.round_id == round_.pk), None
            )
            status = report_status(round_, report, today, starts_on=commitment.start_date)
        rows.append(
            {
                "commitment": commitment,
                "url": reverse("admin:commitments_commitment_change", args=[commitment.pk]),
                "round_status": status,
            }
        )
    # The round is the plan's, the same for every row: said once per plan, above the table.
    rounds = [
        {"plan": plans[pk], "round": current.get(pk), "next_round": upcoming.get(pk)}
        for pk in dict.fromkeys(c.plan_id for c in commitments)
    ]
    returned = [
        {"fact": f, "what": describe(f), "url": change_url(f), "comment": f.review_comment}
        for f in facts_with_status(FactStatus.RETURNED, user=user)
    ]
    waiting = count_submitted(user)
    return {
        "commitments": rows,
        "rounds": rounds,
        "finished_only": finished_only,
        "returned": returned,
        "waiting": waiting,
    }
