"""Facts: measurements, milestone progress, evidence and assigned statuses.

Recorded as drafts (or published at once by the Secretariat); a draft is edited or deleted
by who may still change it, a published fact only corrected or withdrawn (`review`)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from commitments.models import (
    Evidence,
    FactStatus,
    Measurement,
    MilestoneProgress,
    StatusOverride,
)
from commitments.services.core import (
    _audit,
    _record,
    _require_editable,
    _save,
    _user,
    milestone_status_for,
    service,
)
from commitments.services.review import correct
from core import clock


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
