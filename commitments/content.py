"""A commitment version's content, typed: the only place that reads `CommitmentVersion.data`
(JSON) into fields and writes it back.

The stored format is unchanged: `VersionContent.from_json(data).to_json() == data` for every
stored version (dates as ISO strings, decimals as strings, keys in the order below). Callers
read attributes (`content.end_date`, `milestone.weight`) and never the JSON's keys.
"""

from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class CoResponsible:
    """A party that shares the commitment: a unit or an organisation, with its role."""

    unit_id: int | None
    organization_id: int | None
    role: str

    @classmethod
    def from_json(cls, data):
        return cls(data["unit_id"], data["organization_id"], data["role"])

    def to_json(self):
        return {"unit_id": self.unit_id, "organization_id": self.organization_id, "role": self.role}


@dataclass(frozen=True)
class IndicatorContent:
    id: int
    name: str
    unit: str
    baseline: Decimal
    target: Decimal
    direction: str
    periodicity: str
    weight: Decimal
    verification_means: str
    verification_url: str
    order: int

    @classmethod
    def from_json(cls, data):
        return cls(
            id=data["id"],
            name=data["name"],
            unit=data["unit"],
            baseline=Decimal(data["baseline"]),
            target=Decimal(data["target"]),
            direction=data["direction"],
            periodicity=data["periodicity"],
            weight=Decimal(data["weight"]),
            verification_means=data["verification_means"],
            verification_url=data["verification_url"],
            order=data["order"],
        )

    def to_json(self):
        return {
            "id": self.id,
            "name": self.name,
            "unit": self.unit,
            "baseline": str(self.baseline),
            "target": str(self.target),
            "direction": self.direction,
            "periodicity": self.periodicity,
            "weight": str(self.weight),
            "verification_means": self.verification_means,
            "verification_url": self.verification_url,
            "order": self.order,
        }


@dataclass(frozen=True)
class MilestoneContent:
    id: int
    order: int
    title: str
    deliverable: str
    unit_id: int | None
    responsible_person: str
    start_date: date
    end_date: date
    weight: Decimal

    @classmethod
    def from_json(cls, data):
        return cls(
            id=data["id"],
            order=data["order"],
            title=data["title"],
            deliverable=data["deliverable"],
            unit_id=data["unit_id"],
            responsible_person=data["responsible_person"],
            start_date=date.fromisoformat(data["start_date"]),
            end_date=date.fromisoformat(data["end_date"]),
            weight=Decimal(data["weight"]),
        )

    def to_json(self):
        return {
            "id": self.id,
            "order": self.order,
            "title": self.title,
            "deliverable": self.deliverable,
            "unit_id": self.unit_id,
            "responsible_person": self.responsible_person,
            "start_date": self.start_date.isoformat(),
            "end_date": self.end_date.isoformat(),
            "weight": str(self.weight),
        }


@dataclass(frozen=True)
class VersionContent:
    """What one public version of a commitment says: its matrix row's texts, dates and
    parties, and its indicators and milestones with their weights."""

    code: str
    title: str
    description: str
    goal: str
    unit_id: int
    objective_id: int
    contact_name: str
    contact_role: str
    start_date: date
    end_date: date
    # Empty: the plan's default.
    progress_source: str
    pillar_ids: tuple[int, ...]
    co_responsibles: tuple[CoResponsible, ...]
    indicators: tuple[IndicatorContent, ...]
    milestones: tuple[MilestoneContent, ...]

    @classmethod
    def of(cls, commitment, *, pillar_ids, co_responsibles, indicators, milestones):
        """The content of a commitment (a working copy) and its parts, already in hand and
        in their order; pillars are sorted."""
        return cls(
            code=commitment.code,
            title=commitment.title,
            description=commitment.description,
            goal=commitment.goal,
            unit_id=commitment.unit_id,
            objective_id=commitment.objective_id,
            contact_name=commitment.contact_name,
            contact_role=commitment.contact_role,
            start_date=commitment.start_date,
            end_date=commitment.end_date,
            progress_source=commitment.progress_source,
            pillar_ids=tuple(sorted(pillar_ids)),
            co_responsibles=tuple(
                CoResponsible(co.unit_id, co.organization_id, co.role) for co in co_responsibles
            ),
            indicators=tuple(
                IndicatorContent(
                    id=i.pk,
                    name=i.name,
                    unit=i.unit,
                    baseline=_decimal(i.baseline),
                    target=_decimal(i.target),
                    direction=i.direction,
                    periodicity=i.periodicity,
                    weight=_decimal(i.weight),
                    verification_means=i.verification_means,
                    verification_url=i.verification_url,
                    order=i.order,
                )
                for i in indicators
            ),
            milestones=tuple(
                MilestoneContent(
                    id=m.pk,
                    order=m.order,
                    title=m.title,
                    deliverable=m.deliverable,
                    unit_id=m.unit_id,
                    responsible_person=m.responsible_person,
                    start_date=m.start_date,
                    end_date=m.end_date,
                    weight=_decimal(m.weight),
                )
                for m in milestones
            ),
        )

    @classmethod
    def from_json(cls, data):
        return cls(
            code=data["code"],
            title=data["title"],
            description=data["description"],
            goal=data["goal"],
            unit_id=data["unit_id"],
            objective_id=data["objective_id"],
            contact_name=data["contact_name"],
            contact_role=data["contact_role"],
            start_date=date.fromisoformat(data["start_date"]),
            end_date=date.fromisoformat(data["end_date"]),
            progress_source=data["progress_source"],
            pillar_ids=tuple(data["pillar_ids"]),
            co_responsibles=tuple(CoResponsible.from_json(co) for co in data["co_responsibles"]),
            indicators=tuple(IndicatorContent.from_json(i) for i in data["indicators"]),
            milestones=tuple(MilestoneContent.from_json(m) for m in data["milestones"]),
        )

    def to_json(self):
        return {
            "code": self.code,
            "title": self.title,
            "description": self.description,
            "goal": self.goal,
            "unit_id": self.unit_id,
            "objective_id": self.objective_id,
            "contact_name": self.contact_name,
            "contact_role": self.contact_role,
            "start_date": self.start_date.isoformat(),
            "end_date": self.end_date.isoformat(),
            "progress_source": self.progress_source,
            "pillar_ids": list(self.pillar_ids),
            "co_responsibles": [co.to_json() for co in self.co_responsibles],
            "indicators": [i.to_json() for i in self.indicators],
            "milestones": [m.to_json() for m in self.milestones],
        }

    def parts(self, kind):
        """The indicators or the milestones (`kind` as the fields are named)."""
        return {"indicators": self.indicators, "milestones": self.milestones}[kind]


def _decimal(value):
    """A working copy's number as a version keeps it (its text unchanged)."""
    return value if isinstance(value, Decimal) else Decimal(str(value))


def field_names(record):
    """The names of a content record's fields, in their stored order."""
    return [f.name for f in fields(record)]
