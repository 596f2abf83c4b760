"""generate_plan: synthetic plans for benchmarks, in their own exercise."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from commitments import synthetic
from commitments.checks import check_plan
from commitments.models import (
    ActionPlan,
    Commitment,
    Measurement,
    Milestone,
    ResponsibleUnit,
    RoundReport,
)
from commitments.reader import plan_view
from commitments.semaforo import Status
from core import clock

pytestmark = pytest.mark.django_db

AS_OF = date(2026, 11, 25)


def generate(*args):
    out = StringIO()
    call_command("generate_plan", *args, "--as-of", AS_OF.isoformat(), stdout=out)
    return out.getvalue()


def test_builds_the_plan_and_says_what_it_made():
    output = generate("--actions", "30")

    plan = ActionPlan.objects.get(exercise__number=synthetic.EXERCISE_NUMBER)
    commitments = Commitment.objects.filter(plan=plan)
    assert commitments.count() == 30
    assert not commitments.filter(is_example=False).exists()
    assert "Plan sintético «Plan sintético (pruebas de rendimiento)» al 25/11/2026" in output
    assert "30 compromisos" in output
    assert f"{Milestone.objects.count():,} hitos" in output
    assert f"{Measurement.objects.count():,} avances" in output
    assert f"{RoundReport.objects.count():,} reportes de corte" in output


def test_refuses_to_build_a_second_plan_without_replace():
    generate("--actions", "5")
    with pytest.raises(CommandError, match="use --replace"):
        generate("--actions", "5")


def test_replace_drops_the_previous_plan_and_leaves_other_data_alone(demo):
    before = Commitment.objects.exclude(plan__exercise__number=synthetic.EXERCISE_NUMBER).count()
    generate("--actions", "20")
    generate("--actions", "8", "--replace")

    assert Commitment.objects.filter(plan__exercise__number=synthetic.EXERCISE_NUMBER).count() == 8
    assert ResponsibleUnit.objects.filter(slug__startswith="sintetico-").count() == 12
    assert Commitment.objects.exclude(plan__exercise__number=synthetic.EXERCISE_NUMBER).count() == (
        before
    )


def test_the_same_seed_builds_the_same_plan():
    def fingerprint():
        plan = synthetic.existing_plan()
        return sorted(
            (row.code, row.start, row.end, row.verdict.status, row.verdict.explanation)
            for row in plan_view(plan, AS_OF).rows
        )

    synthetic.build_plan(actions=25, as_of=AS_OF, seed=7)
    first = fingerprint()
    synthetic.build_plan(actions=25, as_of=AS_OF, seed=7, replace=True)
    assert fingerprint() == first
    synthetic.build_plan(actions=25, as_of=AS_OF, seed=8, replace=True)
    assert fingerprint() != first


def test_forty_actions_show_every_colour_and_keep_the_evidence_rule():
    plan, _ = synthetic.build_plan(actions=40, as_of=AS_OF)
    verdicts = [row.verdict for row in plan_view(plan, AS_OF).rows]
    assert {v.status for v in verdicts} == set(Status)
    assert any(v.stale for v in verdicts)
    assert check_plan(plan, AS_OF) == []


def test_nothing_is_public_after_its_day_and_drafts_stay_drafts():
    plan, _ = synthetic.build_plan(actions=40, as_of=AS_OF)
    measurements = Measurement.objects.filter(indicator__commitment__plan=plan)

    assert not measurements.filter(published_at__gte=clock.end_of(AS_OF)).exists()
    assert measurements.drafts().exists()
    assert not measurements.drafts().filter(published_at__isnull=False).exists()
    assert not plan_view(plan, date(2024, 12, 31)).rows


def test_actions_must_be_positive():
    with pytest.raises(CommandError, match="invalid positive value"):
        generate("--actions", "0")


def test_drop_removes_the_synthetic_plan_and_leon_is_current_again(demo):
    generate("--actions", "5")
    assert ActionPlan.objects.current().exercise.number == synthetic.EXERCISE_NUMBER
    out = StringIO()
    call_command("generate_plan", "--drop", stdout=out)
    assert out.getvalue() == "Plan sintético borrado.\n"
    assert ActionPlan.objects.current() == demo
    assert not ResponsibleUnit.objects.filter(slug__startswith="sintetico-").exists()
