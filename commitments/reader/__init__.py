"""The one reader: what was public at the end of a day, as plain values.

Every public page (and the reports) asks this package, never the models. One rule of
visibility, in parts with one job each:

- `asof`: the core. Which plans were published, each commitment's version in force, the facts
  public by the end of day D and the semáforo's inputs and verdict. No request, URL or cache.
- `lists`: lists of commitments on a day (board, home, axis and unit pages; reports' rows),
  read from the stored public states that the write path builds with the core.
- `commitment`: one commitment's page as public on a day.
- `changes`: the public change log.
- `refs`: units, organisations, axes and pillars as plain references.
- `day`: the day a page shows, from the day its query asked for (read at the edge,
  core/params.py).

The names below are the package's public face; new code may import a part directly.
"""

from commitments.reader.asof import (
    Fact,
    PlanFacts,
    Version,
    current,
    facts_of,
    is_published_at,
    judged_on,
    latest_fact,
    load_facts,
    override_on,
    published_plans,
    rule_inputs,
    verdict_at,
    version_at,
)
from commitments.reader.changes import FILTER_KINDS, RECORDS, Change, matches, published_between
from commitments.reader.commitment import (
    CommitmentDetail,
    CommitmentView,
    EvidenceView,
    HistoryEvent,
    IndicatorView,
    MeasurementView,
    MilestoneView,
    RoundView,
    commitment_view,
    indicator_views,
    milestone_views,
    plan_details,
)
from commitments.reader.day import Day, day_on
from commitments.reader.lists import (
    PARTY_TAGS,
    AssessmentFact,
    Group,
    PlanList,
    PlanView,
    Row,
    _plan_view,
    _rows_of,
    assessment_tally,
    last_update,
    overrides_due_for_review,
    party_key,
    plan_view,
    ratings_summary,
)
from commitments.reader.refs import PARTY_FIELDS, Ref
from commitments.stored import fold, natural_key, row_fields, sort_code

__all__ = [
    "FILTER_KINDS",
    "PARTY_FIELDS",
    "PARTY_TAGS",
    "RECORDS",
    "AssessmentFact",
    "Change",
    "CommitmentDetail",
    "CommitmentView",
    "Day",
    "EvidenceView",
    "Fact",
    "Group",
    "HistoryEvent",
    "IndicatorView",
    "MeasurementView",
    "MilestoneView",
    "PlanFacts",
    "PlanList",
    "PlanView",
    "Ref",
    "RoundView",
    "Row",
    "Version",
    "_plan_view",
    "_rows_of",
    "assessment_tally",
    "commitment_view",
    "current",
    "day_on",
    "facts_of",
    "fold",
    "indicator_views",
    "is_published_at",
    "judged_on",
    "last_update",
    "latest_fact",
    "load_facts",
    "matches",
    "milestone_views",
    "natural_key",
    "override_on",
    "overrides_due_for_review",
    "party_key",
    "plan_details",
    "plan_view",
    "published_between",
    "published_plans",
    "ratings_summary",
    "row_fields",
    "rule_inputs",
    "sort_code",
    "verdict_at",
    "version_at",
]
