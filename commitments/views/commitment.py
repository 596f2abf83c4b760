from django.http import Http404
from django.shortcuts import get_object_or_404, render

from commitments import reader
from commitments.commitment_page import CommitmentPage, Snapshot
from commitments.models import Commitment
from core import clock, params
from core.cache import public_page
from participation import reader as participation_reader
from secretariat import reader as secretariat_reader


def _commitment(slug):
    return get_object_or_404(Commitment.objects.select_related("plan__exercise"), slug=slug)


@public_page
def commitment_detail(request, slug):
    """One commitment with everything the plan records about it, as it stood on a day."""
    commitment = _commitment(slug)
    as_of = reader.day_on(params.asked(request), commitment.plan)
    view = reader.commitment_view(commitment, as_of.day)
    if view is None:
        if not as_of.is_past or reader.commitment_view(commitment, clock.today()) is None:
            raise Http404
        # Public today, not yet on the day asked for: say so rather than "not found".
        return render(
            request,
            "commitments/not_yet_public.html",
            {"commitment": commitment, "as_of": as_of},
        )
    page = CommitmentPage(view, as_of)
    return render(
        request,
        "commitments/commitment_detail.html",
        {
            "commitment": page,
            "page": page,
            "as_of": as_of,
            "origin_proposals": participation_reader.for_commitment(commitment.pk, as_of.day),
            # Secretariado agreements about it, from sessions held by the day.
            "agreements": secretariat_reader.agreements_on(as_of.day, commitment=commitment),
        },
    )


@public_page
def original_version(request, slug):
    """The commitment as first approved (version 1), which never changes."""
    commitment = _commitment(slug)
    as_of = reader.day_on(params.asked(request), commitment.plan)
    view = reader.commitment_view(commitment, as_of.day)
    if view is None or len(view.versions_public) < 2:
        raise Http404
    original = view.original.content
    unit = view.refs["units"].get(original.unit_id)
    page = CommitmentPage(view, as_of)
    return render(
        request,
        "commitments/original_version.html",
        {
            "commitment": page,
            "original": Snapshot.read(original, unit_name=str(unit) if unit else ""),
            "modifications": view.modifications,
            "as_of": as_of,
        },
    )
