"""Writes to the Secretariado that span a session and its attendance.

The rules live in the models (`Session.clean_attendance`, `secretariat.quorum`); these
functions make sure they are checked against the attendance being saved, not the stored one.
"""

from django.db import transaction


@transaction.atomic
def save_session(*, session, attendance):
    """Validate and save a session together with who attended it."""
    members = list(attendance)
    session.attendance_to_save = members
    try:
        session.full_clean()
        session.save()
        session.attendance.set(members)
    finally:
        session.attendance_to_save = None
    return session
