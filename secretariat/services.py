"""The one write path for the Secretariado's record, as `commitments.services` is the plan's.

Members' terms, sessions with their attendance and agenda, agreements and their follow-up are
written here and nowhere else: the admin, the demo and the tests' builders call these
functions. Each one is a `commitments.services.service` (atomic, ending with the plan's
after-write step, `commitments.effects.after_write`, which moves the content version once when
something public changed) and records who acted in the audit history (django-simple-history,
`by=`). Only the Secretariado técnico (a reviewer, or the system itself, `by=None`) changes the
record; an agreement's follow-up is a public fact reviewed like the plan's
(`commitments.services.review`), so a liaison of the responsible unit may draft and submit it.

The model rules (`Session.clean_attendance`, `secretariat.quorum`) are checked against the
attendance being saved, not the stored one.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from commitments import permissions
from commitments.services.core import _audit, service


def _require_secretariat(by):
    if not permissions.is_reviewer(by):
        raise ValidationError(
            _("Solo el Secretariado técnico cambia el registro del Secretariado.")
        )


@service
def save(*, instance, by=None):
    """Validate and save a member, sector, call, session, agenda item, agreement or step."""
    _require_secretariat(by)
    instance.full_clean()
    _audit(instance, by)
    instance.save()
    return instance


@service
def delete(*, instance, by=None):
    _require_secretariat(by)
    _audit(instance, by)
    instance.delete()


@service
def save_session(*, session, attendance, by=None):
    """Validate and save a session together with who attended it."""
    _require_secretariat(by)
    members = list(attendance)
    session.attendance_to_save = members
    try:
        session.full_clean()
        _audit(session, by)
        session.save()
        session.attendance.set(members)
    finally:
        session.attendance_to_save = None
    return session


@service
def set_agreement_commitments(*, agreement, commitments, by=None):
    """The plan's commitments an agreement concerns (their pages list it)."""
    _require_secretariat(by)
    _audit(agreement, by)
    agreement.commitments.set(commitments)
    return agreement
