from django.http import Http404
from django.shortcuts import get_object_or_404, render

from commitments.as_of import resolve_as_of
from commitments.commitment_page import CommitmentPage, Snapshot
from commitments.models import ActionPlan, Commitment
from portal.cache import public_page


@public_page
def commitment_detail(request, slug):
    """One commitment with everything the plan records about it, as it stood on a day."""
    published = Commitment.objects.published().filter(slug=slug)
    plan = get_object_or_404(ActionPlan.objects.filter(commitments__in=published))
    as_of = resolve_as_of(request, plan)
    commitment = get_object_or_404(published.with_details(as_of.day))
    page = CommitmentPage(commitment, as_of)
    return render(
        request,
        "commitments/commitment_detail.html",
        {"commitment": commitment, "page": page, "as_of": as_of},
    )


@public_page
def original_version(request, slug):
    """The commitment as first approved, before any modification."""
    commitment = get_object_or_404(Commitment.objects.published().select_related("unit"), slug=slug)
    original = commitment.original_version()
    if original is None:
        raise Http404
    return render(
        request,
        "commitments/original_version.html",
        {
            "commitment": commitment,
            "original": Snapshot.read(original),
            "modifications": list(commitment.modifications.all()),
        },
    )
