"""Review: borrador → enviado → publicado, or devuelto with a comment.

Also the corrections and withdrawals that supersede a published fact, and the read-only
preview of what publishing would refuse."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from commitments import permissions
from commitments.models import (
    FactStatus,
    MilestoneProgress,
    RoundReport,
)
from commitments.services.core import (
    _audit,
    _check_publishable,
    _content_fields,
    _record,
    _require_reason,
    _stamp,
    _user,
    milestone_status_for,
    service,
)
from core import clock


def _fresh(fact):
    """The fact as stored now: a transition is decided on its saved status, not a stale copy."""
    model = type(fact)
    try:
        return model._default_manager.select_for_update().get(pk=fact.pk)
    except model.DoesNotExist:
        raise ValidationError(_("Ya no existe: otra persona lo borró mientras tanto.")) from None


@service
def submit(*, fact, by=None):
    """Send a draft (or a returned fact, once changed) to the Secretariat's review."""
    stored = _fresh(fact)
    if stored.status not in (FactStatus.DRAFT, FactStatus.RETURNED):
        raise ValidationError(
            _("Solo se envía a revisión un borrador o algo devuelto; esto está «%(status)s».")
            % {"status": stored.get_status_display()}
        )
    permissions.require_editor(by, stored)
    stored.status = FactStatus.SUBMITTED
    stored.submitted_by = _user(by)
    stored.submitted_at = clock.now()
    _audit(stored, by)
    stored.save()
    fact.__dict__.update(stored.__dict__)
    return fact


@service
def return_for_changes(*, fact, comment, by=None):
    """Send a submission back to its liaison with a comment saying what to change."""
    stored = _fresh(fact)
    permissions.require_reviewer(by)
    if stored.status != FactStatus.SUBMITTED:
        raise ValidationError(
            _("Solo se devuelve lo que está enviado a revisión; esto está «%(status)s».")
            % {"status": stored.get_status_display()}
        )
    if not (comment or "").strip():
        raise ValidationError(_("Escribe qué hay que cambiar: la dependencia verá tu comentario."))
    stored.status = FactStatus.RETURNED
    stored.review_comment = comment.strip()
    stored.reviewed_by = _user(by)
    stored.reviewed_at = clock.now()
    _audit(stored, by)
    stored.save()
    fact.__dict__.update(stored.__dict__)
    return fact


@service
def publish(*, fact, by=None):
    """Make a submitted fact (or the Secretariat's own draft) public now: the system stamps
    the moment. A returned fact goes back through its liaison first."""
    permissions.require_reviewer(by)
    # Decided on the row as stored, locked: of two reviewers publishing it at once, the
    # second one finds it published.
    stored = _fresh(fact)
    _check_may_publish(stored)
    _stamp(stored, by)
    if _user(by) is not None:
        stored.reviewed_by = by
        stored.reviewed_at = stored.published_at
    _audit(stored, by)
    stored.save()
    fact.__dict__.update(stored.__dict__)
    if isinstance(fact, RoundReport):
        _publish_report_entries(fact, by)
    return fact


def _check_may_publish(stored, earlier=()):
    if stored.status == FactStatus.PUBLISHED:
        raise ValidationError(_("Ya está publicado."))
    if stored.status == FactStatus.RETURNED:
        raise ValidationError(
            _("Se devolvió con comentarios: la dependencia debe atenderlos y enviarlo otra vez.")
        )
    stored.full_clean()
    _check_publishable(stored, earlier)


def report_progress(report):
    """The milestone progress that publishing a round report records (unsaved)."""
    day = min(report.round.period_end, clock.today())
    return [
        MilestoneProgress(
            milestone=entry.milestone,
            date=day,
            percent=entry.percent,
            milestone_status=milestone_status_for(entry.percent),
            narrative=entry.note,
            report=report,
        )
        for entry in report.entries.select_related("milestone")
    ]


def refusal_to_publish(facts):
    """Why `publish` would refuse one of `facts` if they were published now, in turn (its
    message), or "": the same checks, read only, nothing written or locked. The admin's
    status preview asks it."""
    earlier = []
    for fact in facts:
        try:
            stored = type(fact)._default_manager.filter(pk=fact.pk).first()
            if stored is None:
                raise ValidationError(_("Ya no existe: otra persona lo borró mientras tanto."))
            _check_may_publish(stored, earlier)
            earlier.append(stored)
            if isinstance(stored, RoundReport):
                for progress in report_progress(stored):
                    progress.full_clean()
                    _check_publishable(progress, earlier)
                    earlier.append(progress)
        except ValidationError as error:
            return " ".join(error.messages)
    return ""


def _new_row_like(fact, changes):
    model = type(fact)
    fields = _content_fields(model)
    values = {name: getattr(fact, name) for name in fields}
    unknown = set(changes) - set(fields)
    if unknown:
        raise TypeError(f"Campos que no se corrigen: {sorted(unknown)}")
    values.update(changes)
    return model(**values)


@service
def correct(*, fact, reason, by=None, **changes):
    """Replace a published fact by a corrected one, public now, with a public reason."""
    stored = _replace(fact, reason)
    row = _new_row_like(stored, changes)
    row.supersedes = fact
    row.correction_reason = reason
    return _record(row, publish=True, by=by)


@service
def withdraw(*, fact, reason, by=None):
    """Take a published fact off the public record from now on (past days keep it)."""
    stored = _replace(fact, reason)
    row = _new_row_like(stored, {})
    row.supersedes = fact
    row.is_withdrawal = True
    row.correction_reason = reason
    return _record(row, publish=True, by=by)


def _replace(fact, reason):
    """The fact as stored now, locked, and marked as replaced by the row about to be written.

    Of two corrections (or a correction and a withdrawal) of the same fact, the second one
    waits for the lock and then finds it replaced. Marking it first lets the new row be the
    one live fact for its day.
    """
    stored = _fresh(fact)
    if stored.status != FactStatus.PUBLISHED:
        raise ValidationError(_("Solo se corrige o retira lo ya publicado; edita el borrador."))
    _require_reason(reason)
    if stored.superseded:
        raise ValidationError(_("Ya tiene una corrección: corrige la más reciente."))
    type(stored)._default_manager.filter(pk=stored.pk).update(superseded=True)
    return stored


def _publish_report_entries(report, by):
    for progress in report_progress(report):
        _record(progress, publish=True, by=by)
