from .assessment import Assessment, ClosingReport
from .commitment import Commitment
from .commitment_extras import (
    CoResponsibility,
    Dimension,
    Modification,
    RatingLevel,
    RatingRubric,
    TransversalRating,
)
from .indicators import Indicator, Measurement
from .milestones import (
    Evidence,
    Milestone,
    ReportingRound,
    ReportStatus,
    RoundReport,
    RoundReportEntry,
    report_status,
)
from .plan import ActionPlan, Axis, Exercise, Objective, Organization, Pillar, ResponsibleUnit

__all__ = [
    "ActionPlan",
    "Assessment",
    "Axis",
    "ClosingReport",
    "CoResponsibility",
    "Commitment",
    "Dimension",
    "Evidence",
    "Exercise",
    "Indicator",
    "Measurement",
    "Milestone",
    "Modification",
    "Objective",
    "Organization",
    "Pillar",
    "RatingLevel",
    "RatingRubric",
    "ReportStatus",
    "ReportingRound",
    "ResponsibleUnit",
    "RoundReport",
    "RoundReportEntry",
    "TransversalRating",
    "report_status",
]
