"""The Secretariado Técnico: its members, sessions and agreements, and the route of the exercise."""

from secretariat.models.followups import AgreementFollowUp
from secretariat.models.members import Member, Sector
from secretariat.models.route import Route, RouteMilestone
from secretariat.models.sessions import AgendaItem, Agreement, Call, Session
from secretariat.models.signoffs import SignOff

__all__ = [
    "AgendaItem",
    "Agreement",
    "AgreementFollowUp",
    "Call",
    "Member",
    "Route",
    "RouteMilestone",
    "Sector",
    "Session",
    "SignOff",
]

from commitments.history import register_models

register_models(globals(), "secretariat")
