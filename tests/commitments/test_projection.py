"""Lists read each commitment's stored public state; a commitment's page reads its facts.

Both must say the same on every day: the same commitments, texts, dates and verdicts.
`lists.reference` is the rule applied to the facts themselves, as the commitment page does.
"""

from datetime import date, timedelta

import pytest

from commitments import projection, reader, synthetic
from commitments.models import CommitmentState, Measurement
from core import clock
from tests.commitments import builders
from tests.commitments.lists import judged, listed, reference, stored

pytestmark = pytest.mark.django_db


def change_days(plan):
    facts = reader.load_facts({"plan": plan}, projection.EVERYTHING)
    return sorted({d for cid in facts.versions for d in projection.change_days(cid, facts)})


def around(days):
    """Each day, the day before and the day after: where a stored span starts and ends."""
    return sorted({d + timedelta(days=k) for d in days for k in (-1, 0, 1)})


def test_the_demo_lists_what_each_page_says_on_every_day_it_changed(demo):
    days = around(change_days(demo))
    # And the plan's whole life at a monthly step, after its end too (judged at its end).
    days += [date(2025, 1, 1) + timedelta(days=30 * n) for n in range(40)]
    assert len(days) > 100
    for day in days:
        found = reference(demo, day)
        assert listed(demo, day) == found, day
        assert stored(demo, day) == judged(found), day


def test_the_stored_verdict_is_the_rules_on_every_day_of_the_demo(demo):
    """Spans are cut where the verdict changes, found by bisection: check every day, so
    a cut one day off would show."""
    facts = reader.load_facts({"plan": demo}, projection.EVERYTHING, plan_id=demo.pk)
    day = date(2025, 6, 1)
    checked = 0
    while day <= date(2028, 3, 1):
        expected = {}
        for cid, versions in facts.versions.items():
            version = reader.version_at(versions, day)
            if version is None or not reader.is_published_at(facts.publications.get(cid, ()), day):
                continue
            verdict = reader.verdict_at(plan=demo, version=version, facts=facts, day=day)
            expected[cid] = (
                verdict.status,
                verdict.stale,
                verdict.progress,
                round(verdict.expected, 6),
            )
        if reader.is_published_at(facts.plan_events, day):
            assert stored(demo, day) == expected, day
            checked += len(expected)
        day += timedelta(days=1)
    assert checked > 10_000


def test_a_generated_plan_loaded_in_bulk_lists_what_its_facts_say():
    plan, _counts = synthetic.build_plan(actions=30, as_of=date(2026, 11, 25), seed=3)
    days = change_days(plan)
    assert listed(plan, date(2026, 11, 25))
    for day in [*days[:: max(1, len(days) // 40)], date(2026, 11, 25), date(2028, 6, 1)]:
        found = reference(plan, day)
        assert listed(plan, day) == found, day
        assert stored(plan, day) == judged(found), day


def test_a_value_entered_later_about_an_earlier_day_reaches_the_list_only_from_then(commitment):
    indicator = commitment.indicators.get()
    builders.add_measurement(indicator, date(2026, 3, 31), 20, published_on=date(2026, 4, 2))
    builders.add_measurement(indicator, date(2026, 3, 15), 80, published_on=date(2026, 9, 1))
    plan = commitment.plan
    for day in (date(2026, 4, 1), date(2026, 4, 2), date(2026, 8, 31), date(2026, 9, 1)):
        assert listed(plan, day) == reference(plan, day), day
    assert listed(plan, date(2026, 8, 31))[commitment.pk][4].progress == 20
    assert listed(plan, date(2026, 9, 1))[commitment.pk][4].progress == 20  # 31/03 is later


def test_a_write_outside_the_services_still_updates_the_list(commitment):
    """A shell or a migration writing rows directly: the state follows at once."""
    indicator = commitment.indicators.get()
    with clock.moment(date(2026, 5, 1)):
        fact = builders.add_measurement(indicator, date(2026, 4, 30), 40)
        fact.pk = None
        fact.value = 60
        fact.supersedes_id = Measurement.objects.get(indicator=indicator).pk
        # The database keeps one live fact per indicator and day: the old row is replaced.
        Measurement.objects.filter(pk=fact.supersedes_id).update(superseded=True)
        fact.save()
    assert listed(commitment.plan, date(2026, 5, 1))[commitment.pk][4].progress == 60


def test_a_commitment_never_published_has_no_state(plan):
    draft = builders.make_commitment(plan, code="B-01", publish=False)
    assert not CommitmentState.objects.filter(commitment=draft).exists()
    assert draft.pk not in listed(plan, date(2026, 11, 25))


def test_axis_and_party_pages_read_exactly_their_share_of_the_plan(demo):
    from commitments.models import Organization, ResponsibleUnit

    for day in (date(2025, 12, 1), date(2026, 6, 30), date(2026, 11, 25)):
        rows = reader._plan_view(demo, day).rows
        assert rows
        plan_list = reader.PlanList(demo, day)
        for axis in demo.axes.all():
            subset = plan_list.rows(plan_list.under_axis(axis).by_code())
            assert subset == sorted((r for r in rows if r.axis.pk == axis.pk), key=code)
        for kind, model in (("dependencia", ResponsibleUnit), ("organizacion", Organization)):
            for party in model.objects.all():
                key = reader.party_key(kind, party.slug)
                subset = plan_list.rows(plan_list.with_party(kind, party.pk).by_code())
                expected = sorted((r for r in rows if key in r.parties), key=code)
                assert subset == expected, (party, day)


def code(row):
    return row.code_key


def test_new_thresholds_or_a_new_end_of_the_exercise_change_the_stored_verdicts(commitment):
    from commitments import services
    from commitments.semaforo import Status

    plan, day = commitment.plan, date(2026, 11, 25)
    assert stored(plan, day)[commitment.pk][0] == Status.AT_RISK  # nothing reported yet
    plan.green_max_gap, plan.yellow_max_gap = 100, 100
    services.save(instance=plan)
    assert stored(plan, day)[commitment.pk][0] == Status.ON_TRACK
    assert stored(plan, day) == judged(reference(plan, day))
    # Ended early, the plan is judged on its last day, whatever later day is shown.
    exercise = plan.exercise
    exercise.end_date = date(2026, 3, 31)
    services.save(instance=exercise)
    plan.refresh_from_db()
    assert stored(plan, day) == judged(reference(plan, day))
    assert stored(plan, day) == stored(plan, date(2026, 3, 31))
