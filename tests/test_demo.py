"""The León demo data tells every story the public pages need, with dates that agree, and
loading it again tells the same story."""

from collections import Counter
from datetime import date, timedelta
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command

from commitments.models import (
    Assessment,
    Commitment,
    CoResponsibility,
    Measurement,
    Organization,
    PublicFact,
    ReportStatus,
)
from commitments.reader import commitment_view, plan_view
from commitments.semaforo import Status
from core import clock
from secretariat.models import RouteMilestone
from tests.conftest import TODAY

pytestmark = pytest.mark.django_db


def public_record():
    """Every fact's model, publication moment and what it says, without ids."""
    record = {}
    for model in apps.get_app_config("commitments").get_models():
        if issubclass(model, PublicFact):
            fields = [
                f.attname
                for f in model._meta.concrete_fields
                if not f.is_relation and f.name not in {"id", "evidence_file"}
            ]
            record[model.__name__] = sorted(
                model.objects.values_list(*fields), key=lambda row: [str(v) for v in row]
            )
    return record


def test_loading_again_tells_the_same_story(settings, tmp_path, django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path
    out = StringIO()
    call_command("load_demo", stdout=out)
    first = public_record()
    uploads = sorted(p.name for p in tmp_path.rglob("*.pdf"))
    assert uploads, "the demo includes uploaded evidence and minutes"
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=out)

    assert public_record() == first
    assert Commitment.objects.filter(plan__slug="plan-de-accion-2025-2027").count() == 16
    assert "16 compromisos de ejemplo" in out.getvalue()
    # The previous load's uploads were removed with it.
    assert len(list(tmp_path.rglob("*.pdf"))) == len(uploads)


def test_if_empty_leaves_existing_data_alone(demo):
    out = StringIO()
    call_command("load_demo", "--if-empty", stdout=out)
    assert "La base ya tiene datos; no se cargó la demostración." in out.getvalue()


@pytest.fixture
def rows(demo):
    return plan_view(demo, TODAY).rows


def test_every_colour_a_stale_and_an_assigned_status_on_the_demo_day(rows):
    verdicts = [row.verdict for row in rows]
    assert {v.status for v in verdicts} == set(Status)
    assert any(v.stale for v in verdicts)
    assert any(v.overridden for v in verdicts)


def test_every_commitment_is_marked_as_an_example(rows):
    assert len(rows) == 16
    assert all(row.is_example for row in rows)


def view(code):
    return commitment_view(Commitment.objects.get(code=code, plan__exercise__number=3), TODAY)


def test_three_to_six_milestones_and_evidence_for_every_one_with_progress(rows):
    for row in rows:
        milestones = view(row.code).milestones
        assert 3 <= len(milestones) <= 6
        for milestone in milestones:
            assert not milestone.percent or milestone.evidence, (row.code, milestone.title)


def test_the_milestones_of_da_01_agree_with_its_datasets(demo):
    da01 = view("DA-01")
    (indicator,) = da01.indicators
    first_sixty = next(m for m in da01.milestones if m.title == "Primeros 60 conjuntos publicados")

    assert indicator.measurements[-1].value == 86
    assert first_sixty.percent == 100
    assert first_sixty.evidence


def test_a_civil_society_organisation_shares_a_commitment(demo):
    assert CoResponsibility.objects.filter(
        organization__kind=Organization.Kind.CIVIL_SOCIETY
    ).exists()


def test_two_past_rounds_with_one_missing_and_one_late_report(rows):
    statuses = Counter()
    for row in rows:
        for shown in view(row.code).rounds:
            if shown.round.deadline < TODAY:
                statuses[shown.status] += 1
    assert statuses[ReportStatus.MISSING] == 1
    assert statuses[ReportStatus.LATE] == 1
    assert statuses[ReportStatus.ON_TIME] > 20


def test_round_deadlines_are_the_route_dates(demo):
    steps = {step.title: step.start_date for step in RouteMilestone.objects.all()}
    for round_ in demo.rounds.all():
        assert steps[f"{round_.title} de avances"] == round_.deadline


def test_no_report_is_delivered_before_its_round_opens(demo):
    for round_ in demo.rounds.prefetch_related("reports"):
        for report in round_.reports.all():
            assert round_.opens_on <= report.delivered_on


def test_the_modification_keeps_the_original_and_was_approved_in_a_held_session(demo):
    pp02 = view("PP-02")
    (modification,) = pp02.modifications

    original = pp02.original.content
    assert original.end_date == date(2027, 2, 28)
    assert all(m.end_date <= date(2027, 2, 28) for m in original.milestones)
    assert pp02.content.end_date == date(2027, 8, 31)
    assert modification.session.is_held
    assert modification.session.date <= modification.approved_on


def test_values_are_published_ten_days_after_the_day_they_are_about(demo):
    for measurement in Measurement.objects.filter(
        indicator__commitment__plan=demo, supersedes=None
    ):
        assert measurement.published_on == measurement.date + timedelta(days=10)


def test_nothing_is_public_before_the_plan_or_after_the_demo_day(demo):
    for model in apps.get_app_config("commitments").get_models():
        if issubclass(model, PublicFact):
            for published_at in model.objects.values_list("published_at", flat=True):
                assert published_at < clock.end_of(TODAY)
    assert not plan_view(demo, date(2025, 9, 9)).rows


def test_some_assessments_some_starred(demo):
    summary = Assessment.objects.published().summary()
    assert summary["assessed"] >= 3
    assert 0 < summary["starred"] < summary["assessed"]
