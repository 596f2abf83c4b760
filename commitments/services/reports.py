"""Round reports, and the other public facts: assessments, ratings, closing reports."""

from commitments import permissions
from commitments.models import (
    RoundReport,
    RoundReportEntry,
)
from commitments.services.core import (
    _record,
    _save,
    _user,
    service,
)

# Functions taking a `publish` flag call the service through this name.
from commitments.services.review import publish as _publish_fact


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


@service
def record_fact(*, fact, publish=True, by=None):
    """Record any other public fact (assessment, transversal rating, closing report)."""
    return _record(fact, publish=publish, by=by)
