"""What a list shows of a plan on a day, and what the facts say it should show."""

from commitments import reader
from commitments.models.projection import CommitmentStateQuerySet


def reference(plan, day):
    facts = reader.load_facts({"plan": plan}, day, plan_id=plan.pk)
    if not reader.is_published_at(facts.plan_events, day):
        return {}
    found = {}
    for cid, versions in facts.versions.items():
        version = reader.version_at(versions, day)
        if version is None or not reader.is_published_at(facts.publications.get(cid, ()), day):
            continue
        verdict = reader.verdict_at(plan=plan, version=version, facts=facts, day=day)
        found[cid] = (
            version.data["code"],
            version.data["title"],
            version.start,
            version.end,
            verdict,
        )
    return found


def listed(plan, day):
    return {
        r.pk: (r.code, r.title, r.start, r.end, r.verdict)
        for r in reader._plan_view(plan, day).rows
    }


def stored(plan, day):
    """What the lists' SQL filters, counts and sorts on for each commitment on `day`."""
    listing = reader.PlanList(plan, day)
    return {
        cid: (status, stale, progress, round(expected, 6))
        for cid, status, stale, progress, expected in listing.states.annotate(
            on_day=CommitmentStateQuerySet.expected_on(day)
        ).values_list("commitment_id", "status", "stale", "progress", "on_day")
    }


def judged(found):
    """The same of `reference`'s verdicts."""
    return {
        cid: (v.status, v.stale, v.progress, round(v.expected, 6))
        for cid, (*_rest, v) in found.items()
    }
