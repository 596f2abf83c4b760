"""What a list shows of a plan on a day, and what the facts say it should show."""

from commitments import reader


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
