"""Structure: the working copy staff edit, its versions and its publication.

A commitment's public text, dates and weights change only by a new version
(`publish_version`); plans and commitments are published and unpublished with a record."""

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _

from commitments import permissions
from commitments.content import VersionContent
from commitments.models import (
    Commitment,
    CommitmentVersion,
    CoResponsibility,
    Indicator,
    Milestone,
    MilestoneProgress,
    Modification,
    Publication,
)
from commitments.services.core import (
    _PLAN_FACTS,
    _audit,
    _check_snapshot,
    _check_structure,
    _require_reason,
    _save,
    _user,
    service,
)
from core import clock


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
