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
from commitments.services.core import _audit, _record, service
from core import clock
from secretariat.models import AgreementFollowUp, Member, SignOff


def _require_secretariat(by):
    if not permissions.is_reviewer(by):
        raise ValidationError(
            _("Solo el Secretariado técnico cambia el registro del Secretariado.")
        )


def _stamp(instance):
    """The moments the public learnt of it: a session announced, then held, an agreement
    recorded, a session's signed minutes uploaded. Stamped by the system, once; the pages at
    an earlier `?fecha=` do not show it."""
    if hasattr(instance, "published_at") and instance.published_at is None:
        instance.published_at = clock.now()
    if hasattr(instance, "held_published_at"):
        if not instance.is_held:
            instance.held_published_at = None
        elif instance.held_published_at is None:
            instance.held_published_at = clock.now()
    if hasattr(instance, "minutes_published_at"):
        if not instance.minutes:
            instance.minutes_published_at = None
        elif instance.minutes_published_at is None:
            instance.minutes_published_at = clock.now()


@service
def save(*, instance, by=None):
    """Validate and save a member, sector, call, session, agenda item, agreement or step."""
    _require_secretariat(by)
    instance.full_clean()
    _stamp(instance)
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
        _stamp(session)
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


@service
def record_follow_up(*, agreement, status, date, note="", evidence_url="", publish=True, by=None):
    """What is known of an agreement on `date`: its status, a note and its evidence. Public
    now (the system stamps the moment) when the Secretariado técnico records it; a draft to
    submit for review when the liaison of its responsible unit does. A published follow-up is
    corrected with `commitments.services.correct` (a new row with a public reason)."""
    fact = AgreementFollowUp(
        agreement=agreement,
        agreement_status=status,
        date=date,
        note=note,
        evidence_url=evidence_url,
    )
    return _record(fact, publish=publish, by=by)


# --- Civil society's sign-off of a progress report ------------------------------------------


def _require_own_name(member, by):
    """A member signs in their own name: with the account linked to them. `by=None` is the
    system itself (the demo), never a staff member acting for someone."""
    if by is not None and (member.user_id is None or member.user_id != by.pk):
        raise ValidationError(
            _("Solo la propia persona firma su opinión, con su cuenta; nadie firma por otra.")
        )


def _require_may_sign(round, member):
    today = clock.today()
    if not round.is_closed(today):
        raise ValidationError(
            _("El corte «%(round)s» aún no cierra: se firma cuando el informe está completo.")
            % {"round": round.title}
        )
    if member.kind not in Member.CIVIL_SOCIETY:
        raise ValidationError(
            _(
                "Solo firman las personas de la ciudadanía y las invitadas permanentes: el "
                "gobierno no firma por la sociedad civil."
            )
        )
    if not member.in_office_on(today):
        raise ValidationError(_("Solo firman las personas en funciones."))


@service
def sign_off(*, round, member, opinion, text="", by=None):
    """A civil-society member's opinion of the progress report of a closed round: once."""
    _require_own_name(member, by)
    _require_may_sign(round, member)
    row = SignOff(round=round, member=member, opinion=opinion, text=text.strip())
    row.signed_at = clock.now()
    row.signed_by = by
    row.full_clean(exclude=["signed_at"])
    _audit(row, by)
    row.save()
    return row


@service
def correct_sign_off(*, sign_off, opinion, text="", reason, by=None):
    """Replace one's sign-off by a new one, with a public reason; the first stays on record."""
    stored = SignOff.objects.select_for_update().get(pk=sign_off.pk)
    _require_own_name(stored.member, by)
    _require_may_sign(stored.round, stored.member)
    if not (reason or "").strip():
        raise ValidationError(_("Escribe el motivo público de la corrección."))
    if stored.superseded:
        raise ValidationError(_("Ya tiene una corrección: corrige la más reciente."))
    SignOff.objects.filter(pk=stored.pk).update(superseded=True)
    row = SignOff(
        round=stored.round,
        member=stored.member,
        opinion=opinion,
        text=text.strip(),
        supersedes=stored,
        correction_reason=reason.strip(),
    )
    row.signed_at = clock.now()
    row.signed_by = by
    row.full_clean(exclude=["signed_at"])
    _audit(row, by)
    row.save()
    return row
