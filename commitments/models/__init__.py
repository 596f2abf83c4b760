from .assessment import Assessment, ClosingReport
from .commitment import Commitment
from .commitment_extras import (
    CoResponsibility,
    Dimension,
    Modification,
    RatingLevel,
    RatingRubric,
    StatusOverride,
    TransversalRating,
)
from .facts import CommitmentVersion, FactStatus, Publication, PublicFact
from .indicators import Indicator, Measurement
from .milestones import (
    Evidence,
    Milestone,
    MilestoneProgress,
    MilestoneStatus,
    ReportingRound,
    ReportStatus,
    RoundReport,
    RoundReportEntry,
    report_status,
)
from .plan import ActionPlan, Axis, Exercise, Objective, Organization, Pillar, ResponsibleUnit
from .projection import CommitmentState
from .staff import Liaison

__all__ = [
    "ActionPlan",
    "Assessment",
    "Axis",
    "ClosingReport",
    "CoResponsibility",
    "Commitment",
    "CommitmentState",
    "CommitmentVersion",
    "Dimension",
    "Evidence",
    "Exercise",
    "FactStatus",
    "Indicator",
    "Liaison",
    "Measurement",
    "Milestone",
    "MilestoneProgress",
    "MilestoneStatus",
    "Modification",
    "Objective",
    "Organization",
    "Pillar",
    "PublicFact",
    "Publication",
    "RatingLevel",
    "RatingRubric",
    "ReportStatus",
    "ReportingRound",
    "ResponsibleUnit",
    "RoundReport",
    "RoundReportEntry",
    "StatusOverride",
    "TransversalRating",
    "report_status",
]

from commitments.history import register_models

register_models(globals(), "commitments")
