"""The admin's «si se publica» preview computes the status; it never publishes."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commitments import services
from commitments.admin.verdicts import staff_verdict, verdict_if_published
from commitments.models import CommitmentState, FactStatus
from tests.commitments import builders
from tests.roles.conftest import OCT

pytestmark = pytest.mark.django_db


def draft_measurement(commitment, value, day=OCT):
    return services.record_measurement(
        indicator=commitment.indicators.get(), date=day, value=value, evidence_url="https://x.org"
    )


def draft_progress(commitment, percent, day=OCT):
    return services.record_milestone_progress(
        milestone=commitment.milestones.get(), date=day, percent=percent
    )


def draft_evidence(commitment):
    return services.add_evidence(
        title="Lista de asistencia",
        milestone=commitment.milestones.get(),
        date=OCT,
        evidence_url="https://example.org/lista.pdf",
    )


def draft_report(commitment, percent):
    round_ = builders.add_round(commitment.plan, 1, date(2026, 9, 30))
    return services.file_round_report(
        round=round_,
        commitment=commitment,
        narrative="Avance del corte.",
        entries=[(commitment.milestones.get(), percent, "")],
    )


SCENARIOS = {
    "a value": lambda c: [draft_measurement(c, 90)],
    "a low value": lambda c: [draft_measurement(c, 5)],
    "a milestone's progress": lambda c: [draft_progress(c, 50)],
    "evidence, then the milestone complete": lambda c: [
        draft_evidence(c),
        draft_progress(c, 100),
    ],
    "a value and a round report": lambda c: [draft_measurement(c, 40), draft_report(c, 60)],
}


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_the_preview_is_the_status_once_published(own, scenario):
    builders.add_measurement(own.indicators.get(), builders.START, 5)
    pending = SCENARIOS[scenario](own)
    before = staff_verdict(own)
    preview, refusal = verdict_if_published(own, pending)
    assert refusal is None
    assert staff_verdict(own) == before  # nothing happened
    for fact in pending:
        services.publish(fact=fact)
    assert preview == staff_verdict(own)


def test_the_preview_gives_the_services_refusal(own):
    progress = draft_progress(own, 100)
    verdict, refusal = verdict_if_published(own, [progress])
    assert verdict is None
    assert "no puede publicarse como completo" in refusal
    progress.refresh_from_db()
    assert progress.status == FactStatus.DRAFT


def test_the_preview_writes_nothing(own):
    builders.add_measurement(own.indicators.get(), builders.START, 5)
    pending = [draft_measurement(own, 90), draft_evidence(own), draft_progress(own, 100)]
    states = list(CommitmentState.objects.values_list())
    with CaptureQueriesContext(connection) as queries:
        verdict, refusal = verdict_if_published(own, pending)
    assert verdict is not None and refusal is None
    verbs = {q["sql"].split()[0].upper() for q in queries.captured_queries}
    # Reads only. (Django evaluates a conditional constraint's check, in `full_clean`, as a
    # SELECT inside a savepoint of its own: that is the services' validation, not a write.)
    assert verbs <= {"SELECT", "SAVEPOINT", "RELEASE"}, verbs
    assert not any("INSERT" in q["sql"] or "UPDATE" in q["sql"] for q in queries.captured_queries)
    assert list(CommitmentState.objects.values_list()) == states
    assert {type(f).objects.get(pk=f.pk).status for f in pending} == {FactStatus.DRAFT}
