"""The Secretariado as the API shows it: sessions (events) and agreements (motions).

Read through `secretariat.reader`, the one reader of the Secretariado's record: on day D the
sessions announced by the end of D (held, with attendees and signed minutes, only if that was
public by then) and the agreements recorded by then, each with its status and overdue on D
from the follow-ups public then.
"""

from collections import defaultdict

from django.db.models import Prefetch

from commitments.models import Commitment
from secretariat import reader
from secretariat.models import Member, Session


def sessions(day):
    """Sessions announced by the end of `day`, newest first, as (view, model row) with the
    row's attendance prefetched, and the codes of each one's agreements recorded by then."""
    views = reader.sessions_on(day)
    rows = Session.objects.prefetch_related(
        Prefetch("attendance", queryset=Member.objects.in_display_order())
    ).in_bulk([v.pk for v in views])
    motions = defaultdict(list)
    for agreement in sorted(reader.agreements_on(day), key=lambda a: a.code):
        motions[agreement.session_pk].append(agreement.code)
    return [(view, rows[view.pk], motions[view.pk]) for view in views]


def agreements(day):
    """Agreements recorded by the end of `day`, newest session first (`reader.AgreementView`)."""
    return reader.agreements_on(day)


def event(found, link):
    """A session as a Popolo-like event; `link(path)` makes a path absolute."""
    view, session, motions = found
    return {
        "id": view.slug,
        "name": view.title,
        "classification": session.kind,
        "start_date": view.date,
        "start_time": session.start_time.isoformat("minutes") if session.start_time else None,
        "location": view.place,
        "status": "celebrada" if view.is_held else "programada",
        "summary": view.summary,
        "attendees": [
            {
                "person_name": member.name,
                "role": member.role,
                "role_label": member.get_role_display(),
                "sector": member.sector.name,
                "organization": member.organization if member.publish_organization else "",
            }
            for member in (session.attendance.all() if view.is_held else ())
        ],
        "motions": motions,
        "minutes_url": link(session.minutes.url) if view.has_minutes else None,
        "minutes_published_at": view.minutes_published_at,
        "url": link(view.url),
    }


def motions(agreements, link):
    """Agreements (`reader.AgreementView`) as Popolo-like motions, naming their commitments
    by the slug the API uses for them."""
    pks = {c.pk for agreement in agreements for c in agreement.commitments}
    slugs = dict(Commitment.objects.filter(pk__in=pks).values_list("pk", "slug"))
    return [_motion(agreement, slugs, link) for agreement in agreements]


def _motion(agreement, slugs, link):
    latest = agreement.latest
    return {
        "identifier": agreement.code,
        "text": agreement.text,
        "date": agreement.session_date,
        "event_id": agreement.session_slug,
        "responsible": agreement.responsible.name if agreement.responsible else "",
        "due_date": agreement.due_date,
        "status": agreement.status,
        "status_label": str(agreement.status_label),
        "overdue": agreement.is_overdue,
        "follow_up": latest.note if latest else "",
        "updated_on": latest.date if latest else None,
        "follow_ups": [
            {
                "date": f.date,
                "status": f.status,
                "status_label": str(f.status_label),
                "note": f.note,
                "evidence_url": f.evidence_url,
                "published_at": f.published_at,
                "correction_reason": f.correction_reason,
            }
            for f in agreement.follow_ups
        ],
        "commitments": [slugs[c.pk] for c in agreement.commitments],
        "url": link(agreement.session_url),
    }
