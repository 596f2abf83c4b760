"""What every write shares, below the other modules of the package.

The `service` decorator (atomic, with the write's effects at its end), the refusal of a
write that lost a race to another one (`BUSY`, `lost_race`), and the checks, stamps and
recording of a public fact that several kinds of write use."""

import hashlib
from functools import wraps

from django.core.exceptions import ValidationError
from django.db import IntegrityError, OperationalError, transaction
from django.db.models import UniqueConstraint
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commitments import effects, permissions
from commitments.models import (
    Assessment,
    ClosingReport,
    Commitment,
    Evidence,
    FactStatus,
    Indicator,
    Measurement,
    Milestone,
    MilestoneProgress,
    MilestoneStatus,
    PublicFact,
    RoundReport,
    RoundReportEntry,
    StatusOverride,
    TransversalRating,
)
from commitments.semaforo import Status
from core import clock


def _content_fields(model):
    """The fields a correction copies from the row it supersedes: what the fact says, not
    its publication record (PublicFact's own fields) nor its key."""
    record = {f.name for f in PublicFact._meta.fields}
    return [
        f.name
        for f in model._meta.concrete_fields
        if not f.primary_key and f.name not in record and not f.name.endswith("_ptr")
    ]


# Every public fact model, with its path to the plan.
_PLAN_FACTS = {
    Measurement: "indicator__commitment__plan",
    MilestoneProgress: "milestone__commitment__plan",
    Evidence: "commitment__plan",
    StatusOverride: "commitment__plan",
    RoundReport: "commitment__plan",
    Assessment: "commitment__plan",
    TransversalRating: "commitment__plan",
    ClosingReport: "commitment__plan",
}


def service(function):
    """Atomic, with the write's effects as one explicit step at its end
    (`commitments.effects.after_write`): the touched commitments' stored states rebuilt once
    each, and the content version moved once at the commit if anything public changed.

    A write that loses a race to another one (the database refused a second live fact or a
    second correction, or picked it to break a deadlock) is refused like any other: a
    ValidationError in Spanish, after its own writes were rolled back.
    """

    @wraps(function)
    def wrapped(**kwargs):
        try:
            with transaction.atomic(), effects.after_write():
                return function(**kwargs)
        except IntegrityError as error:
            raise ValidationError(_integrity_message(error)) from error
        except OperationalError as error:
            if not lost_race(error):
                raise
            raise ValidationError(BUSY) from error

    return wrapped


# Lazy: said in the language of the request that lost the race.
BUSY = gettext_lazy(
    "Otra persona estaba guardando un cambio sobre lo mismo en ese momento: vuelve a "
    "cargar la página, revisa lo que quedó y, si hace falta, inténtalo de nuevo."
)


def _integrity_message(error):
    """The message of the fact constraint the database names (PostgreSQL names the
    constraint, SQLite its columns)."""
    text = str(error)
    for model in _PLAN_FACTS:
        table = model._meta.db_table
        for constraint in model._meta.constraints:
            if not isinstance(constraint, UniqueConstraint):
                continue
            columns = [f"{table}.{model._meta.get_field(f).column}" for f in constraint.fields]
            if constraint.name in text or all(column in text for column in columns):
                return constraint.get_violation_error_message()
    return BUSY


def lost_race(error):
    """A deadlock or serialization failure (PostgreSQL), or a busy SQLite file."""
    code = getattr(error.__cause__, "sqlstate", None)
    return code in ("40P01", "40001") or "database is locked" in str(error)


def _user(by):
    return by if getattr(by, "pk", None) else None


def _save(instance, *, exclude=None, by=None):
    instance.full_clean(exclude=exclude)
    _fingerprint(instance)
    _audit(instance, by)
    instance.save()
    return instance


def _fingerprint(fact):
    """An evidence's file fingerprint (SHA-256), taken when a file is attached, so anyone
    can later check the published file was not swapped."""
    if not isinstance(fact, Evidence):
        return
    attached = fact.evidence_file
    if not attached:
        fact.file_sha256 = ""
        return
    if attached._committed and fact.file_sha256:
        return
    digest = hashlib.sha256()
    attached.open("rb")
    for chunk in attached.chunks():
        digest.update(chunk)
    attached.seek(0)
    fact.file_sha256 = digest.hexdigest()


def _audit(instance, by):
    """The audit history names `by` (outside a request there is no request user)."""
    if _user(by) is not None:
        instance._history_user = by


def _check_structure(instance, by):
    """The plan's structure is the Secretariat's; a liaison only fills a report's entries."""
    if isinstance(instance, RoundReportEntry) and permissions.is_liaison(by):
        permissions.require_in_scope(by, instance.report)
        if instance.report.status == FactStatus.PUBLISHED:
            raise ValidationError(_("El reporte ya se entregó: su avance ya es público."))
        _require_editable(instance.report, by)
        return
    if not permissions.is_reviewer(by):
        raise ValidationError(_("Solo el Secretariado técnico cambia el plan."))


def _check_snapshot(content):
    errors = []
    for item in content.indicators:
        if item.weight <= 0:
            errors.append(
                _("El indicador «%(name)s» debe pesar más que cero.") % {"name": item.name}
            )
    for item in content.milestones:
        if item.weight <= 0:
            errors.append(_("El hito «%(title)s» debe pesar más que cero.") % {"title": item.title})
        if item.end_date > content.end_date:
            errors.append(
                _("El hito «%(title)s» termina después que el compromiso.") % {"title": item.title}
            )
    if errors:
        raise ValidationError(errors)


def _require_reason(reason):
    if not (reason or "").strip():
        raise ValidationError(_("Escribe el motivo público."))


def _stamp(fact, by):
    fact.status = FactStatus.PUBLISHED
    fact.published_at = clock.now()
    fact.published_by = _user(by)


def _check_publishable(fact, earlier=()):
    """Refuse what may not become public. `earlier`: facts taken as published just before
    (a preview of several pending facts published in turn)."""
    complete = MilestoneStatus.COMPLETE
    if (
        isinstance(fact, MilestoneProgress)
        and fact.milestone_status == complete
        and not any(
            isinstance(e, Evidence) and e.milestone_id == fact.milestone_id for e in earlier
        )
        and not Evidence.objects.published().filter(milestone=fact.milestone_id).exists()
    ):
        raise ValidationError(
            _(
                "El hito «%(title)s» no puede publicarse como completo sin al menos una "
                "evidencia de verificación publicada (archivo o enlace)."
            )
            % {"title": fact.milestone.title}
        )
    if isinstance(fact, StatusOverride) and fact.status_value == Status.COMPLETE:
        commitment = fact.commitment
        has_evidence = (
            any(
                (isinstance(e, Evidence) and e.commitment_id == commitment.pk)
                or (
                    isinstance(e, Measurement)
                    and e.indicator.commitment_id == commitment.pk
                    and (e.evidence_file or e.evidence_url)
                )
                for e in earlier
            )
            or Evidence.objects.published().filter(commitment=commitment).exists()
            or Measurement.objects.published()
            .filter(indicator__commitment=commitment)
            .exclude(evidence_file="", evidence_url="")
            .exists()
        )
        if not has_evidence:
            raise ValidationError(
                _(
                    "Un compromiso solo puede marcarse como completo si tiene al menos una "
                    "evidencia de verificación publicada (en un hito o en un avance)."
                )
            )


# A new fact locks the row it is about, so two writers of the same indicator (or milestone,
# or commitment) and day take turns: the second one sees the first one's fact.
_LOCKED_PARENT = {
    Measurement: (Indicator, "indicator_id"),
    MilestoneProgress: (Milestone, "milestone_id"),
    RoundReport: (Commitment, "commitment_id"),
}


def _lock_parent(fact):
    model, field = _LOCKED_PARENT.get(type(fact), (None, None))
    if model is not None and getattr(fact, field):
        list(
            model.objects.select_for_update()
            .filter(pk=getattr(fact, field))
            .order_by()
            .values("pk")
        )


def _record(fact, *, publish, by):
    permissions.require_editor(by, fact)
    if publish:
        permissions.require_reviewer(by)
    _lock_parent(fact)
    fact.recorded_by = _user(by)
    fact.recorded_at = clock.now()
    fact.full_clean()
    if publish:
        _check_publishable(fact)
        _stamp(fact, by)
    _fingerprint(fact)
    _audit(fact, by)
    fact.save()
    return fact


def milestone_status_for(percent):
    """A milestone's status when its progress is recorded without one."""
    if percent == 100:
        return MilestoneStatus.COMPLETE
    return MilestoneStatus.IN_PROGRESS if percent else MilestoneStatus.PENDING


def _require_editable(fact, by):
    """Who may still change a fact that is not public yet."""
    permissions.require_editor(by, fact)
    if fact.status == FactStatus.SUBMITTED and not permissions.is_reviewer(by):
        raise ValidationError(
            _("Está en revisión del Secretariado: espera su respuesta para cambiarlo.")
        )
