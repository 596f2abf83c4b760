"""The one write path for the plan and its public facts.

Every function is keyword-only and atomic, validates with `full_clean`, records who acted
and refreshes the public page cache once the transaction commits. The admin, the demo,
`generate_plan`, the importers and the tests' builders write through here and nothing else.

Public facts (measurements, milestone progress, evidence, overrides, reports, assessments,
ratings) are stamped with the moment they became public by the project clock when they are
published; a published fact is never edited: `correct` and `withdraw` add rows that
supersede it. A commitment's public text, dates and weights change only by a new version.

Who acts matters (`commitments.permissions`): a liaison records drafts for their units'
commitments and submits them; only the Secretariado técnico (or a superuser, or the system
itself, `by=None`) publishes, returns, corrects and changes the plan. Each write is also
recorded in the audit history with that user.
"""

from decimal import Decimal
from functools import wraps

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import IntegrityError, OperationalError, transaction
from django.db.models import UniqueConstraint
from django.utils.translation import gettext as _

from commitments import effects, permissions, projection
from commitments.content import VersionContent
from commitments.models import (
    ActionPlan,
    Assessment,
    ClosingReport,
    Commitment,
    CommitmentVersion,
    CoResponsibility,
    Evidence,
    FactStatus,
    Indicator,
    Measurement,
    Milestone,
    MilestoneProgress,
    MilestoneStatus,
    Modification,
    Publication,
    PublicFact,
    RoundReport,
    RoundReportEntry,
    StatusOverride,
    TransversalRating,
)
from commitments.semaforo import Status
from portal import clock
from portal.content_version import bump_content_version


def _content_fields(model):
    """The fields a correction copies from the row it supersedes: what the fact says, not
    its publication record (PublicFact's own fields) nor its key."""
    from commitments.models import PublicFact

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


BUSY = _(
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
    _audit(instance, by)
    instance.save()
    return instance


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


# --- Structure (the working copy staff edit) -----------------------------------------


@service
def save(*, instance, by=None):
    """Create or update a structural record (exercise, plan, axis, objective, unit, round,
    rubric, organisation, commitment, indicator, milestone…). Public pages see a
    commitment's changes only once a version is published (`publish_version`)."""
    _check_structure(instance, by)
    return _save(instance, by=by)


@service
def delete(*, instance, by=None):
    _check_structure(instance, by)
    if isinstance(instance, (Commitment, Indicator, Milestone)) and _is_public(instance):
        raise ValidationError(
            _("«%(name)s» ya se publicó: no se borra, se retira o se corrige con un motivo.")
            % {"name": instance}
        )
    _audit(instance, by)
    instance.delete()


@service
def drop_plan(*, plan, by=None):
    """Delete a demo or synthetic plan with its whole record, so it can be rebuilt.

    Never offered for a real plan (the admin cannot delete a published one). Versions and
    corrections go first: they protect the modifications and the rows they replace.
    """
    permissions.require_reviewer(by)
    files = []
    for model, path in _PLAN_FACTS.items():
        rows = model.objects.filter(**{path: plan})
        rows.exclude(supersedes=None).update(supersedes=None)
        if hasattr(model, "evidence_file"):
            files += list(rows.exclude(evidence_file="").values_list("evidence_file", flat=True))
    # Before their round reports: losing its report would make a report's percent compete
    # with the update recorded the same day (one live progress per milestone and day).
    MilestoneProgress.objects.filter(milestone__commitment__plan=plan).delete()
    CommitmentVersion.objects.filter(commitment__plan=plan).delete()
    Commitment.objects.filter(plan=plan).delete()
    plan.delete()

    def delete_files():
        for name in files:
            default_storage.delete(name)

    transaction.on_commit(delete_files)


def _is_public(instance):
    commitment = instance if isinstance(instance, Commitment) else instance.commitment
    return commitment.versions.exists()


def snapshot(commitment):
    """The public content of a commitment's working copy, as a version records it."""
    return VersionContent.of(
        commitment,
        pillar_ids=commitment.pillars.values_list("pk", flat=True),
        co_responsibles=commitment.co_responsibles.order_by("id"),
        indicators=commitment.indicators.order_by("order", "id"),
        milestones=commitment.milestones.order_by("order", "id"),
    )


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


@service
def publish_version(*, commitment, reason="", effective_on=None, modification=None, by=None):
    """Make the working copy public as the commitment's next version.

    Version 1 is the approved original; later versions need a public reason (a
    modification's, or the correction's). Past days keep showing the version they showed.
    """
    permissions.require_reviewer(by)
    commitment.full_clean()
    content = snapshot(commitment)
    _check_snapshot(content)
    last = commitment.versions.order_by("-number").first()
    number = last.number + 1 if last else 1
    if last is not None:
        if last.content == content:
            raise ValidationError(
                _("No hay cambios que publicar en %(code)s.") % {"code": content.code}
            )
        reason = reason or (modification.reason if modification else "")
        if not reason.strip():
            raise ValidationError(
                _("Escribe el motivo público del cambio: la versión anterior queda a la vista.")
            )
    effective_on = effective_on or (modification.approved_on if modification else clock.today())
    version = CommitmentVersion(
        commitment=commitment,
        number=number,
        effective_on=effective_on,
        published_at=clock.now(),
        reason=reason,
        modification=modification,
        data=content.to_json(),
        recorded_by=_user(by),
    )
    version.full_clean(exclude=["data"])
    _audit(version, by)
    version.save()
    return version


@service
def approve_modification(*, commitment, approved_on, summary, reason, session=None, by=None):
    """Record an approved change of the working copy and publish it as a new version that
    takes effect on the day it was approved."""
    permissions.require_reviewer(by)
    if session is not None and session.date > approved_on:
        raise ValidationError(
            _("La sesión %(session)s es posterior a la aprobación.") % {"session": session}
        )
    modification = _save(
        Modification(
            commitment=commitment,
            approved_on=approved_on,
            session=session,
            summary=summary,
            reason=reason,
        ),
        by=by,
    )
    publish_version(commitment=commitment, reason=reason, modification=modification, by=by)
    return modification


def _publication(*, plan=None, commitment=None, is_published, reason, by):
    if plan is not None and not permissions.may_publish_plan(by):
        raise ValidationError(
            _("Solo el Secretariado técnico o la Unidad de Transparencia publican un plan.")
        )
    if commitment is not None:
        permissions.require_reviewer(by)
    target = plan or commitment
    if target.is_published == is_published:
        return None
    if commitment is not None and is_published and not commitment.versions.exists():
        publish_version(commitment=commitment, by=by)
    target.is_published = is_published
    _audit(target, by)
    target.save(update_fields=["is_published"])
    publication = Publication(
        plan=plan,
        commitment=commitment,
        is_published=is_published,
        at=clock.now(),
        reason=reason,
        recorded_by=_user(by),
    )
    _audit(publication, by)
    publication.save()
    return publication


@service
def publish_plan(*, plan, reason="", by=None):
    return _publication(plan=plan, is_published=True, reason=reason, by=by)


@service
def unpublish_plan(*, plan, reason, by=None):
    _require_reason(reason)
    return _publication(plan=plan, is_published=False, reason=reason, by=by)


@service
def publish_commitment(*, commitment, reason="", by=None):
    return _publication(commitment=commitment, is_published=True, reason=reason, by=by)


@service
def unpublish_commitment(*, commitment, reason, by=None):
    _require_reason(reason)
    return _publication(commitment=commitment, is_published=False, reason=reason, by=by)


def _require_reason(reason):
    if not (reason or "").strip():
        raise ValidationError(_("Escribe el motivo público."))


@service
def set_parties(*, commitment, pillars=None, co_responsibles=None, by=None):
    """Replace the working copy's pillars and co-responsible parties (public at the next
    version)."""
    permissions.require_reviewer(by)
    if pillars is not None:
        _audit(commitment, by)  # The pillars' history row names who changed them.
        commitment.pillars.set(pillars)
    if co_responsibles is not None:
        commitment.co_responsibles.all().delete()
        for party, role in co_responsibles:
            field = "unit" if party.__class__.__name__ == "ResponsibleUnit" else "organization"
            _save(CoResponsibility(commitment=commitment, role=role, **{field: party}), by=by)


# --- Facts -------------------------------------------------------------------------------


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
    _audit(fact, by)
    fact.save()
    return fact


@service
def record_measurement(
    *,
    indicator,
    date,
    value,
    narrative="",
    evidence_url="",
    evidence_file=None,
    publish=False,
    by=None,
):
    """A value of an indicator about `date`; public only once published."""
    fact = Measurement(
        indicator=indicator,
        date=date,
        value=Decimal(str(value)),
        narrative=narrative,
        evidence_url=evidence_url,
    )
    if evidence_file is not None:
        fact.evidence_file = evidence_file
    return _record(fact, publish=publish, by=by)


def milestone_status_for(percent):
    """A milestone's status when its progress is recorded without one."""
    if percent == 100:
        return MilestoneStatus.COMPLETE
    return MilestoneStatus.IN_PROGRESS if percent else MilestoneStatus.PENDING


@service
def record_milestone_progress(
    *,
    milestone,
    date,
    percent,
    milestone_status=None,
    narrative="",
    difficulties="",
    success_factors="",
    report=None,
    publish=False,
    by=None,
):
    if milestone_status is None:
        milestone_status = milestone_status_for(percent)
    fact = MilestoneProgress(
        milestone=milestone,
        date=date,
        percent=percent,
        milestone_status=milestone_status,
        narrative=narrative,
        difficulties=difficulties,
        success_factors=success_factors,
        report=report,
    )
    return _record(fact, publish=publish, by=by)


@service
def add_evidence(
    *,
    title,
    commitment=None,
    milestone=None,
    report=None,
    date=None,
    evidence_url="",
    evidence_file=None,
    publish=False,
    by=None,
):
    commitment = commitment or (milestone.commitment if milestone else report.commitment)
    fact = Evidence(
        commitment=commitment,
        milestone=milestone,
        report=report,
        title=title,
        date=date or clock.today(),
        evidence_url=evidence_url,
    )
    if evidence_file is not None:
        fact.evidence_file = evidence_file
    return _record(fact, publish=publish, by=by)


@service
def set_override(
    *, commitment, status, reason, starts_on=None, ends_on=None, review_on=None, by=None
):
    """Assign a status by hand from `starts_on` (today by default, never earlier than the
    moment it is published: past days keep what they showed)."""
    today = clock.today()
    starts_on = max(starts_on or today, today)
    fact = StatusOverride(
        commitment=commitment,
        status_value=status,
        reason=reason,
        starts_on=starts_on,
        ends_on=ends_on,
        review_on=review_on,
    )
    return _record(fact, publish=True, by=by)


@service
def end_override(*, override, reason, ends_on=None, by=None):
    """Stop an assigned status from `ends_on` (today by default) on."""
    return correct(
        fact=override, reason=reason, ends_on=max(ends_on or clock.today(), clock.today()), by=by
    )


def _require_editable(fact, by):
    """Who may still change a fact that is not public yet."""
    permissions.require_editor(by, fact)
    if fact.status == FactStatus.SUBMITTED and not permissions.is_reviewer(by):
        raise ValidationError(
            _("Está en revisión del Secretariado: espera su respuesta para cambiarlo.")
        )


@service
def update_draft(*, fact, by=None, **changes):
    if fact.status == FactStatus.PUBLISHED:
        raise ValidationError(_("Lo publicado no se edita: registra una corrección con su motivo."))
    _require_editable(fact, by)
    for name, value in changes.items():
        setattr(fact, name, value)
    fact.recorded_by = _user(by) or fact.recorded_by
    return _save(fact, by=by)


@service
def delete_draft(*, fact, by=None):
    if fact.status == FactStatus.PUBLISHED:
        raise ValidationError(_("Lo publicado no se borra: se retira con un motivo público."))
    _require_editable(fact, by)
    _audit(fact, by)
    fact.delete()


# --- Review: borrador → enviado → publicado, or devuelto with a comment ---------------


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


# Functions taking a `publish` flag call the service through this name.
_publish_fact = publish


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


# --- Round reports -----------------------------------------------------------------------


@service
def file_round_report(
    *, round, commitment, narrative, difficulties="", entries=(), publish=False, by=None
):
    """A commitment's report for a round: its narrative and each milestone's percent.

    `entries` are (milestone, percent, note). Publishing it delivers it (the moment is the
    delivery date) and makes each percent a public milestone-progress fact.
    """
    report = RoundReport(
        round=round,
        commitment=commitment,
        narrative=narrative,
        difficulties=difficulties,
        filed_by=_user(by),
    )
    permissions.require_editor(by, report)
    if publish:
        permissions.require_reviewer(by)
    report.recorded_by = _user(by)
    _save(report, by=by)
    for milestone, percent, note in entries:
        _save(
            RoundReportEntry(report=report, milestone=milestone, percent=percent, note=note),
            by=by,
        )
    if publish:
        _publish_fact(fact=report, by=by)
    return report


def _publish_report_entries(report, by):
    for progress in report_progress(report):
        _record(progress, publish=True, by=by)


# --- Assessments, ratings, closing reports ----------------------------------------------


@service
def record_fact(*, fact, publish=True, by=None):
    """Record any other public fact (assessment, transversal rating, closing report)."""
    return _record(fact, publish=publish, by=by)


# --- Generated data sets ------------------------------------------------------------------


@service
def bulk_load(*, rows, by=None):
    """Write a large generated data set (a synthetic plan for benchmarks) in a few queries.

    `rows` are (day, instance) pairs in dependency order: the rows the other services would
    write, unsaved. Consecutive instances of one model are inserted together. Each version,
    publication and fact with status "publicado" is stamped by the clock at noon of its
    `day`; drafts stay drafts. A plan's or commitment's publication
    also sets its mirror `is_published`. Rows are not validated one by one (thousands of
    `full_clean` calls would take minutes): the first of each kind is, and every version's
    content is checked like `publish_version` does. Nor do they get audit history rows: only
    generated plans are loaded this way, and nobody edited them.
    """
    permissions.require_reviewer(by)
    by = _user(by)
    for model, group in _runs(rows):
        instances = []
        for day, instance in group:
            with clock.moment(day):
                _stamp_generated(instance, by)
            instances.append(instance)
        sample = instances[0]
        # Rows were built before their parents had ids; bulk_create fills them in, and the
        # sample needs them now to be validated.
        sample._prepare_related_fields_for_save(operation_name="bulk_load")
        with clock.moment(group[0][0]):
            sample.full_clean(validate_unique=False, validate_constraints=False)
        model.objects.bulk_create(instances, batch_size=2000)
        if model is Publication:
            _mirror_publications(instances)
        if model in projection.SOURCES:
            # bulk_create sends no signals.
            for instance in instances:
                projection.touched(instance)
    # Nor do bulk_create and update: the rows' signals cannot bump the version.
    bump_content_version()
    return len(rows)


def _runs(rows):
    run = []
    for day, instance in rows:
        if run and type(run[0][1]) is not type(instance):
            yield type(run[0][1]), run
            run = []
        run.append((day, instance))
    if run:
        yield type(run[0][1]), run


def _stamp_generated(instance, by):
    if isinstance(instance, PublicFact):
        instance.recorded_at = clock.now()
        instance.recorded_by = by
        if instance.status == FactStatus.PUBLISHED:
            _stamp(instance, by)
    elif isinstance(instance, CommitmentVersion):
        _check_snapshot(instance.content)
        instance.published_at = clock.now()
        instance.recorded_by = by
    elif isinstance(instance, Publication):
        instance.at = clock.now()
        instance.recorded_by = by


def _mirror_publications(publications):
    for model, field in ((ActionPlan, "plan_id"), (Commitment, "commitment_id")):
        for published in (True, False):
            ids = [getattr(p, field) for p in publications if p.is_published is published]
            ids = [pk for pk in ids if pk is not None]
            if ids:
                model.objects.filter(pk__in=ids).update(is_published=published)
