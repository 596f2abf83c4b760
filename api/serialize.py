"""Plain values from the reader turned into the API's JSON (api/schemas.py).

`link(path)` makes a site path absolute; nothing here reads a request or the database
beyond what the reader's values already hold.
"""

from django.urls import reverse

from commitments.models import MilestoneStatus


def ref(item, link):
    if item is None:
        return None
    return {
        "slug": item.slug,
        "name": item.name,
        "acronym": item.acronym,
        "url": link(item.url) if item.url else "",
    }


def objective(item):
    return {"code": item.slug, "title": item.name}


def commitment_summary(row, link, query=""):
    """A list row (`reader.Row`); `query` (plan and day) is kept in the links."""
    verdict = row.verdict
    suffix = f"?{query}" if query else ""
    return {
        "id": row.pk,
        "slug": row.slug,
        "code": row.code,
        "title": row.title,
        "axis": ref(row.axis, link),
        "objective": objective(row.objective),
        "unit": ref(row.unit, link),
        "pillars": [ref(p, link) for p in row.pillars],
        "co_responsible": [
            {
                "kind": kind,
                "slug": party.slug,
                "name": party.name,
                "role": role,
                "url": link(party.url) if party.url else "",
            }
            for kind, party, role in row.co_parties
        ],
        "is_example": row.is_example,
        "start_date": row.start,
        "end_date": row.end,
        "status": verdict.status,
        "status_label": str(verdict.label),
        "stale": verdict.stale,
        "overridden": verdict.overridden,
        "progress": verdict.progress,
        "expected": verdict.expected,
        "url": link(row.url) + suffix,
        "api_url": link(reverse("api:commitment", args=[row.slug])) + suffix,
    }


def _number(value):
    return None if value is None else float(value)


def evidence(item, link):
    return {
        "title": item.title,
        "date": item.date,
        "url": link(item.link) if item.link.startswith("/") else item.link,
        "published_on": item.published_on,
    }


def indicator(item, link):
    return {
        "id": item.pk,
        "name": item.name,
        "unit": item.unit,
        "baseline": _number(item.baseline),
        "target": _number(item.target),
        "direction": item.direction,
        "periodicity": item.periodicity,
        "weight": _number(item.weight),
        "verification_means": item.verification_means,
        "verification_url": item.verification_url,
        "measurements": [
            {
                "date": m.date,
                "value": _number(m.value),
                "narrative": m.narrative,
                "evidence_url": link(m.evidence_link)
                if m.evidence_link.startswith("/")
                else m.evidence_link,
                "published_on": m.published_on,
                "correction_reason": m.correction_reason,
            }
            for m in item.measurements
        ],
    }


def milestone(item, link):
    return {
        "id": item.pk,
        "number": item.number,
        "title": item.title,
        "deliverable": item.deliverable,
        "unit": ref(item.unit, link),
        "responsible_person": item.responsible_person,
        "start_date": item.start_date,
        "end_date": item.end_date,
        "weight": _number(item.weight),
        "percent": item.percent,
        "status": item.status,
        "status_label": str(MilestoneStatus(item.status).label),
        "narrative": item.narrative,
        "difficulties": item.difficulties,
        "success_factors": item.success_factors,
        "evidence": [evidence(e, link) for e in item.evidence],
    }


def commitment(view, link, query=""):
    """One commitment as public on a day (`reader.CommitmentView`)."""
    content = view.content
    return commitment_summary(view.row, link, query) | {
        "date": view.day,
        "plan": view.plan.slug,
        "description": content.description,
        "goal": content.goal,
        "contact_name": content.contact_name,
        "contact_role": content.contact_role,
        "progress_source": view.source,
        "explanation": str(view.verdict.explanation),
        "indicators": [indicator(i, link) for i in view.indicators],
        "milestones": [milestone(m, link) for m in view.milestones],
        "evidence": [evidence(e, link) for e in view.general_evidence],
        "versions": [
            {
                "number": v.number,
                "effective_on": v.effective_on,
                "published_at": v.published_at,
                "reason": v.reason,
                "is_modification": bool(v.modification_id),
            }
            for v in view.versions_public
        ],
        "history": [
            {"date": e.day, "kind": e.kind, "text": str(e.text), "reason": e.reason}
            for e in view.history
        ],
    }


def plan(item, link):
    exercise = item.exercise
    return {
        "slug": item.slug,
        "title": item.title,
        "exercise": {
            "number": exercise.number,
            "name": exercise.name,
            "start_date": exercise.start_date,
            "end_date": exercise.end_date,
        },
        "approved_on": item.approved_on,
        "summary": item.summary,
        "document_url": item.document_url,
        "green_max_gap": item.green_max_gap,
        "yellow_max_gap": item.yellow_max_gap,
        "default_progress_source": item.default_progress_source,
        "url": link(reverse("board")) + f"?plan={item.slug}",
    }


def change(item, link):
    return {
        "id": item.key,
        "published_at": item.at,
        "kind": item.kind,
        "kind_label": str(item.kind_label),
        "text": str(item.text),
        "reason": item.reason,
        "code": item.code,
        "title": item.title,
        "url": link(item.url) if item.url else "",
    }
