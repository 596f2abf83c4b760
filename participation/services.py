"""The one write path of participation: the survey, the tables, proposals and their fates.

Every function is keyword-only and runs inside `commitments.services.service` (atomic, the
content version moved once at the commit when something public changed). The Secretariado
técnico keeps this record (`by=None` is the system: demo, imports). A fate goes through the
plan's review workflow (`commitments.services.review`): a draft, submitted or published, a
published fate corrected or withdrawn only by a new row with a public reason.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from commitments import permissions
from commitments import services as plan_services
from commitments.services.core import _audit, _save, service
from participation.models import (
    Attendance,
    CocreationTable,
    Outcome,
    Proposal,
    ProposalFate,
    ResultsReport,
    Survey,
    SurveyOption,
    SurveyQuestion,
    Theme,
)


def _require_secretariat(by):
    if not permissions.is_reviewer(by):
        raise ValidationError(
            _(
                "Solo el Secretariado técnico registra la participación y el destino de las "
                "propuestas."
            )
        )


@service
def save(*, instance, by=None):
    """Create or change a survey, a table, a theme, a proposal or a results report."""
    _require_secretariat(by)
    if isinstance(instance, ProposalFate):
        raise TypeError("A fate is recorded with record_fate and changed through review.")
    return _save(instance, by=by)


@service
def delete(*, instance, by=None):
    _require_secretariat(by)
    _audit(instance, by)
    instance.delete()


@service
def drop_record(*, by=None):
    """Throw the whole participation record away (`load_demo --reset`, like the plan's
    `drop_plan`): fates first, since they protect the proposals."""
    _require_secretariat(by)
    fates = ProposalFate.objects.all()
    fates.exclude(supersedes=None).update(supersedes=None)
    fates.delete()
    for model in (Proposal, ResultsReport, CocreationTable, SurveyQuestion, Survey, Theme):
        model.objects.all().delete()


@service
def set_attendance(*, table, counts, by=None):
    """The attendance of a table by sector ({sector: count}); a sector left out had nobody."""
    _require_secretariat(by)
    for row in table.attendance.exclude(sector__in=list(counts)):
        _audit(row, by)
        row.delete()
    for sector, count in counts.items():
        row = Attendance.objects.filter(table=table, sector=sector).first()
        row = row or Attendance(table=table, sector=sector)
        row.count = count
        _save(row, by=by)
    return table


@service
def replace_survey_results(*, survey, questions, by=None):
    """The survey's aggregated results, replaced as a whole: `questions` is a list of
    (question text, [(option label, count), …]) in the order they are shown."""
    _require_secretariat(by)
    for question in survey.questions.all():
        _audit(question, by)
        question.delete()
    for order, (text, options) in enumerate(questions, start=1):
        question = _save(SurveyQuestion(survey=survey, order=order, text=text), by=by)
        for position, (label, count) in enumerate(options, start=1):
            _save(
                SurveyOption(question=question, order=position, label=label, count=count),
                by=by,
            )
    return survey


# --- fates: the plan's review workflow -------------------------------------------------


@service
def record_fate(
    *,
    proposal,
    date,
    outcome,
    reason,
    commitment=None,
    milestone=None,
    merged_into=None,
    publish=False,
    by=None,
):
    """What became of `proposal`, decided on `date`: a draft, or public now if `publish`."""
    if milestone is not None and commitment is None:
        commitment = milestone.commitment
    fact = ProposalFate(
        proposal=proposal,
        date=date,
        outcome=outcome,
        explanation=reason,
        commitment=commitment,
        milestone=milestone,
        merged_into=merged_into,
    )
    return record_fact(fact=fact, publish=publish, by=by)


@service
def record_fact(*, fact, publish=False, by=None):
    """Record an unsaved fate (the admin's form builds it)."""
    _require_secretariat(by)
    return plan_services.record_fact(fact=fact, publish=publish, by=by)


@service
def update_draft(*, fact, by=None, **changes):
    _require_secretariat(by)
    return plan_services.update_draft(fact=fact, by=by, **changes)


@service
def delete_draft(*, fact, by=None):
    _require_secretariat(by)
    return plan_services.delete_draft(fact=fact, by=by)


@service
def submit(*, fact, by=None):
    _require_secretariat(by)
    return plan_services.submit(fact=fact, by=by)


@service
def return_for_changes(*, fact, comment, by=None):
    return plan_services.return_for_changes(fact=fact, comment=comment, by=by)


@service
def publish(*, fact, by=None):
    return plan_services.publish(fact=fact, by=by)


@service
def correct(*, fact, reason, by=None, **changes):
    """A published fate replaced by another one, public now, with a public reason; the
    earlier one stays visible on the days before."""
    _require_secretariat(by)
    if changes.get("outcome", fact.outcome) != Outcome.INCORPORATED:
        changes.setdefault("commitment", None)
        changes.setdefault("milestone", None)
    if changes.get("outcome", fact.outcome) != Outcome.MERGED:
        changes.setdefault("merged_into", None)
    return plan_services.correct(fact=fact, reason=reason, by=by, **changes)


@service
def withdraw(*, fact, reason, by=None):
    _require_secretariat(by)
    return plan_services.withdraw(fact=fact, reason=reason, by=by)
