"""Stored states carry the version of the rule that made them (issue 28): a deploy that
changes the rule rebuilds them after `migrate` instead of serving the old verdicts."""

from datetime import date

from django.core.management import call_command

from commitments import projection, stored
from commitments.models import CommitmentState
from tests.commitments import builders
from tests.commitments.lists import listed, reference

DAY = date(2026, 9, 1)


def test_every_stored_state_names_the_rule_that_made_it(commitment):
    builders.add_measurement(commitment.indicators.get(), date(2026, 6, 30), 30)
    versions = set(CommitmentState.objects.values_list("rule_version", flat=True))
    assert versions == {stored.RULE_VERSION}


def test_any_change_to_the_rules_code_gives_another_version():
    rule = "def judge(): return 'verde'"
    assert stored.rule_version([rule]) != stored.rule_version([rule.replace("verde", "rojo")])
    assert len(stored.RULE_VERSION) == 16


def test_migrate_rebuilds_the_states_an_older_rule_made(commitment):
    builders.add_measurement(commitment.indicators.get(), date(2026, 6, 30), 30)
    plan = commitment.plan
    right = listed(plan, DAY)
    # What an older deploy left: another rule version, and rows that no longer say what the
    # current code would write.
    CommitmentState.objects.update(rule_version="regla-anterior", title="Lo que dejó la anterior")
    assert listed(plan, DAY) != right

    call_command("migrate", verbosity=0)

    assert listed(plan, DAY) == right == reference(plan, DAY)
    assert set(CommitmentState.objects.values_list("rule_version", flat=True)) == {
        stored.RULE_VERSION
    }


def test_a_current_plan_is_left_alone_and_a_never_built_one_is_built(commitment):
    assert projection.rebuild_stale() == 0
    CommitmentState.objects.all().delete()  # What migration 0008 leaves of a plan.
    assert projection.rebuild_stale() == 1
    assert listed(commitment.plan, DAY) == reference(commitment.plan, DAY)
