"""The Secretariado as the API shows it: sessions (events) and agreements (motions).

The one place the API reads the Secretariado, so it can be rewired at once when agreement
follow-ups become dated facts: today an agreement's status and follow-up are its latest
ones, whatever the day asked for; sessions and agreements are those of sessions held by
that day (today: also the scheduled ones, as the Secretariado's page shows them).
"""

from django.db.models import Prefetch

from secretariat.models import Agreement, Member, Session


def sessions(day, *, is_past):
    """Sessions up to `day`, newest first, with their attendance and agreements."""
    found = Session.objects.prefetch_related(
        Prefetch("attendance", queryset=Member.objects.in_display_order()),
        Prefetch("agreements", queryset=Agreement.objects.order_by("code")),
    ).newest_first()
    return found.filter(date__lte=day) if is_past else found


def agreements(day):
    """Agreements of sessions held by `day`, newest session first, with their public
    commitments (`public_commitments`)."""
    return (
        Agreement.objects.filter(session__date__lte=day).in_list_order().with_public_commitments()
    )


def event(session, link):
    """A session as a Popolo-like event; `link(path)` makes a path absolute."""
    return {
        "id": session.slug,
        "name": session.title,
        "classification": session.kind,
        "start_date": session.date,
        "start_time": session.start_time.isoformat("minutes") if session.start_time else None,
        "location": session.place,
        "status": "celebrada" if session.is_held else "programada",
        "summary": session.summary,
        "attendees": [
            {
                "person_name": member.name,
                "role": member.role,
                "role_label": member.get_role_display(),
                "sector": member.sector.name,
                "organization": member.organization if member.publish_organization else "",
            }
            for member in session.attendance.all()
        ],
        "motions": [agreement.code for agreement in session.agreements.all()],
        "url": link(session.get_absolute_url()),
    }


def motion(agreement, day, link):
    """An agreement as a Popolo-like motion, overdue or not on `day`."""
    return {
        "identifier": agreement.code,
        "text": agreement.text,
        "date": agreement.session.date,
        "event_id": agreement.session.slug,
        "responsible": agreement.responsible,
        "due_date": agreement.due_date,
        "status": agreement.status,
        "status_label": agreement.get_status_display(),
        "overdue": agreement.is_overdue_on(day),
        "follow_up": agreement.follow_up,
        "updated_on": agreement.updated_on,
        "commitments": [c.slug for c in agreement.public_commitments],
        "url": link(agreement.session.get_absolute_url()),
    }
