"""Independent assessments: when a commitment is destacado, and the summary counts."""

from datetime import date
from itertools import product

import pytest

from commitments import services
from commitments.models import Assessment
from core import clock
from tests.commitments.builders import make_commitment

pytestmark = pytest.mark.django_db

A = Assessment


def assessment(
    commitment=None, *, relevant=True, on=date(2026, 10, 30), is_published=True, **fields
):
    values = {
        "assessed_on": on,
        "assessor": "Comité de monitoreo",
        "verifiable": True,
        "verifiable_justification": "Se puede comprobar.",
        "relevance_civic_participation": relevant,
        "relevance_justification": "Abre espacios de decisión.",
        "potential": A.Potential.SUBSTANTIAL,
        "potential_justification": "Cambia la práctica.",
        "completion": A.Completion.SUBSTANTIAL,
        "completion_justification": "Hay evidencias.",
        **fields,
    }
    if commitment is None:
        return A(**values)
    with clock.moment(on):
        return services.record_fact(fact=A(commitment=commitment, **values), publish=is_published)


STARRED_COMPLETION = {A.Completion.SUBSTANTIAL, A.Completion.COMPLETE}


@pytest.mark.parametrize(
    ("verifiable", "relevant", "potential", "completion"),
    list(product([True, False], [True, False], A.Potential, A.Completion)),
)
def test_starred_truth_table(verifiable, relevant, potential, completion):
    rated = assessment(
        verifiable=verifiable, relevant=relevant, potential=potential, completion=completion
    )
    expected = (
        verifiable
        and relevant
        and potential == A.Potential.SUBSTANTIAL
        and completion in STARRED_COMPLETION
    )
    assert rated.is_starred is expected


def test_any_of_the_four_values_makes_it_relevant():
    fields = [
        "relevance_access_to_information",
        "relevance_civic_participation",
        "relevance_public_accountability",
        "relevance_technology_innovation",
    ]
    assert not assessment(relevant=False).is_relevant
    for name in fields:
        rated = assessment(relevant=False, **{name: True})
        assert rated.is_relevant
        assert rated.relevance_values == [A._meta.get_field(name).verbose_name]


def test_summary_counts_the_latest_published_assessment_of_each_commitment():
    starred = make_commitment(code="C-01")
    assessment(starred, on=date(2026, 4, 30), completion=A.Completion.LIMITED)
    assessment(starred, on=date(2026, 10, 30), completion=A.Completion.COMPLETE)
    modest = make_commitment(starred.plan, code="C-02")
    assessment(modest, potential=A.Potential.MODEST, completion=A.Completion.LIMITED)
    unverifiable = make_commitment(starred.plan, code="C-03")
    assessment(unverifiable, verifiable=False, relevant=False, completion=A.Completion.NO_EVIDENCE)
    hidden = make_commitment(starred.plan, code="C-04")
    assessment(hidden, is_published=False)

    summary = A.objects.published().summary()

    assert summary == {
        "assessed": 3,
        "verifiable": 2,
        "relevant": 2,
        "substantial_potential": 2,
        "starred": 1,
        "by_completion": {
            A.Completion.NO_EVIDENCE: 1,
            A.Completion.NOT_STARTED: 0,
            A.Completion.LIMITED: 1,
            A.Completion.SUBSTANTIAL: 0,
            A.Completion.COMPLETE: 1,
        },
    }


def test_summary_of_nothing_is_all_zero():
    summary = A.objects.published().summary()
    assert summary["assessed"] == summary["starred"] == 0
    assert set(summary["by_completion"].values()) == {0}
