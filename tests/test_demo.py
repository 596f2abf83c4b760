"""The León demo data tells every story the public pages need, and loads idempotently."""

from collections import Counter
from datetime import date
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command

from commitments.models import (
    Assessment,
    Commitment,
    CoResponsibility,
    Milestone,
    Modification,
    Organization,
    ReportStatus,
    report_status,
)
from commitments.semaforo import Status
from tests.conftest import TODAY

pytestmark = pytest.mark.django_db


def everything():
    """Every row of the plan's tables, minus the save timestamps."""
    return {
        model._meta.label: [
            {k: v for k, v in row.items() if k != "updated_at"}
            for row in model.objects.order_by("pk").values()
        ]
        for model in apps.get_app_config("commitments").get_models()
    }


def test_loading_twice_changes_nothing():
    out = StringIO()
    call_command("load_demo", stdout=out)
    first = everything()
    call_command("load_demo", stdout=out)
    second = everything()

    assert {label: len(rows) for label, rows in second.items()} == {
        label: len(rows) for label, rows in first.items()
    }
    assert second == first
    assert "16 compromisos de ejemplo" in out.getvalue()


@pytest.fixture
def commitments(demo):
    return list(Commitment.objects.in_plan(demo).for_listing().with_progress(TODAY))


def test_every_colour_and_a_stale_commitment_on_the_demo_day(commitments):
    verdicts = [c.verdict(TODAY) for c in commitments]
    assert {v.status for v in verdicts} == set(Status)
    assert any(v.stale for v in verdicts)
    assert any(v.overridden for v in verdicts)


def test_every_commitment_is_marked_as_an_example(commitments):
    assert len(commitments) == 16
    assert all(c.is_example for c in commitments)


def test_three_to_six_milestones_with_evidence_once_started(commitments):
    counts = Counter(Milestone.objects.values_list("commitment", flat=True))
    assert {counts[c.pk] for c in commitments} <= {3, 4, 5, 6}
    started = Milestone.objects.exclude(status=Milestone.Status.PENDING)
    assert started.exists()
    assert all(m.evidence.exists() for m in started)


def test_a_civil_society_organisation_shares_a_commitment(demo):
    assert CoResponsibility.objects.filter(
        organization__kind=Organization.Kind.CIVIL_SOCIETY
    ).exists()


def test_two_past_rounds_with_one_missing_and_one_late_report(demo):
    past = list(demo.rounds.filter(deadline__lt=TODAY))
    assert len(past) == 2
    statuses = Counter()
    for commitment in demo.commitments.prefetch_related("round_reports"):
        reports = {r.round_id: r for r in commitment.round_reports.all()}
        for round_ in past:
            report = reports.get(round_.pk)
            statuses[report_status(round_, report, TODAY, starts_on=commitment.start_date)] += 1
    assert statuses[ReportStatus.MISSING] == 1
    assert statuses[ReportStatus.LATE] == 1
    assert statuses[ReportStatus.ON_TIME] > 20


def test_one_modification_keeps_the_original_version(demo):
    modification = Modification.objects.get()
    commitment = modification.commitment
    assert commitment.original_version()["end_date"] == "2027-02-28"
    assert commitment.end_date == date(2027, 8, 31)


def test_some_assessments_some_starred(demo):
    summary = Assessment.objects.published().summary()
    assert summary["assessed"] >= 3
    assert 0 < summary["starred"] < summary["assessed"]
