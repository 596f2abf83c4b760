"""What each API answer looks like (OpenAPI 3.1 through django-ninja's pydantic schemas).

Field names are English, as in Popolo for the Secretariado (events, motions, memberships);
dates are ISO 8601; `url` is the public HTML page of the same thing, `api_url` this API's.
"""

import datetime as dt
from typing import Literal

from django.utils.translation import gettext_noop
from ninja import Field, Schema

from api import query

DAY_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
# The parameters' descriptions are marked for the catalogue only: the OpenAPI description
# stays Spanish, the documentation page (api/docs.py) translates what it shows.
DAY_HELP = gettext_noop(
    "Los datos como eran públicos al final de ese día (AAAA-MM-DD). Sin ella, o desde hoy: "
    "los de hoy."
)
Status = Literal[tuple(query.CHOICES[query.STATUS])]
Sort = Literal[tuple(query.CHOICES["orden"])]
Assessment = Literal[tuple(query.CHOICES["valoracion"])]


class BoardQuery(Schema):
    """The board's parameters (commitments/listing.py), with the same names."""

    fecha: str | None = Field(None, pattern=DAY_PATTERN, description=DAY_HELP)
    plan: str | None = Field(
        None, description=gettext_noop("Identificador del plan; sin él, el vigente.")
    )
    pagina: int | None = Field(
        None, ge=1, le=999_999_999, description=gettext_noop("Página, desde 1.")
    )
    q: str | None = Field(
        None, max_length=100, description=gettext_noop("Busca en clave, título y texto.")
    )
    eje: str | None = Field(None, description=gettext_noop("Identificador de un eje (ver /ejes/)."))
    dependencia: str | None = Field(
        None, description=gettext_noop("Dependencia responsable (identificador).")
    )
    estado: list[Status] | None = Field(
        None, description=gettext_noop("Uno o más estados (se repite).")
    )
    pilar: str | None = Field(None, description=gettext_noop("Identificador de un pilar."))
    corresponsable: str | None = Field(
        None,
        description=gettext_noop(
            "dependencia:<id> u organizacion:<id>: la encabeza o la comparte."
        ),
    )
    valoracion: Assessment | None = Field(
        None, description=gettext_noop("Con valoración independiente.")
    )
    orden: Sort | None = Field(None, description=gettext_noop("Orden; sin él, por clave."))


class Error(Schema):
    parameter: str | None = Field(description="El parámetro que se rechazó, si lo hay.")
    detail: str = Field(description="Por qué, en español.")


class Ref(Schema):
    slug: str
    name: str
    acronym: str = ""
    url: str = ""


class Exercise(Schema):
    number: int
    name: str
    start_date: dt.date
    end_date: dt.date


class Plan(Schema):
    slug: str
    title: str
    exercise: Exercise
    approved_on: dt.date | None
    summary: str
    document_url: str
    green_max_gap: int = Field(description="Puntos de brecha hasta los que es «en tiempo».")
    yellow_max_gap: int = Field(description="Puntos de brecha hasta los que es «con retraso».")
    default_progress_source: str
    url: str


class Plans(Schema):
    date: dt.date
    results: list[Plan]


class Objective(Schema):
    code: str
    title: str


class Axis(Schema):
    slug: str
    name: str
    order: int
    url: str
    objectives: list[Objective]


class Axes(Schema):
    plan: str
    date: dt.date
    results: list[Axis]


class Party(Schema):
    kind: str = Field(description="dependencia u organizacion")
    slug: str
    name: str
    role: str
    url: str


class CommitmentSummary(Schema):
    id: int
    slug: str
    code: str
    title: str
    axis: Ref
    objective: Objective
    unit: Ref
    pillars: list[Ref]
    co_responsible: list[Party]
    is_example: bool = Field(description="Dato de ejemplo (demostración).")
    start_date: dt.date
    end_date: dt.date
    status: str = Field(description="completo, en_tiempo, con_retraso, atrasado o no_iniciado.")
    status_label: str
    stale: bool = Field(description="Sin actualizar: datos más viejos que su periodicidad.")
    overridden: bool = Field(description="Estado asignado por el Secretariado.")
    progress: float | None = Field(description="Avance en %, o null sin datos.")
    expected: float | None = Field(description="Avance esperado en % a la fecha.")
    url: str
    api_url: str


class StatusCount(Schema):
    value: str
    label: str
    count: int


class CommitmentList(Schema):
    plan: str | None
    date: dt.date
    total: int = Field(description="Compromisos del plan en la fecha, sin filtros.")
    count: int = Field(description="Compromisos que dejan pasar los filtros.")
    page: int
    pages: int
    page_size: int
    previous: str | None
    next: str | None
    status_counts: list[StatusCount] = Field(
        description="Por estado, con los demás filtros: las casillas del tablero."
    )
    notice: str = Field(description="Aviso cuando no hay nada que mostrar en esa fecha.")
    results: list[CommitmentSummary]


class Measurement(Schema):
    date: dt.date
    value: float | None
    narrative: str
    evidence_url: str
    published_on: dt.date
    correction_reason: str


class Indicator(Schema):
    id: int
    name: str
    unit: str
    baseline: float | None
    target: float | None
    direction: str
    periodicity: str
    weight: float | None
    verification_means: str
    verification_url: str
    measurements: list[Measurement]


class Evidence(Schema):
    title: str
    date: dt.date
    url: str
    published_on: dt.date


class Milestone(Schema):
    id: int
    number: int
    title: str
    deliverable: str
    unit: Ref | None
    responsible_person: str
    start_date: dt.date
    end_date: dt.date
    weight: float | None
    percent: float | None
    status: str
    status_label: str
    narrative: str
    difficulties: str
    success_factors: str
    evidence: list[Evidence]


class Version(Schema):
    number: int
    effective_on: dt.date
    published_at: dt.datetime
    reason: str
    is_modification: bool


class HistoryEvent(Schema):
    date: dt.date
    kind: str
    text: str
    reason: str


class Commitment(CommitmentSummary):
    date: dt.date
    plan: str
    description: str
    goal: str
    contact_name: str
    contact_role: str
    progress_source: str
    explanation: str
    indicators: list[Indicator]
    milestones: list[Milestone]
    evidence: list[Evidence] = Field(description="Evidencias del compromiso (no de un hito).")
    versions: list[Version]
    history: list[HistoryEvent]


class Unit(Schema):
    slug: str
    name: str
    acronym: str
    website: str
    url: str


class Units(Schema):
    date: dt.date
    results: list[Unit]


class Round(Schema):
    number: int
    title: str
    period_end: dt.date
    opens_on: dt.date
    deadline: dt.date
    closed: bool


class Rounds(Schema):
    plan: str
    date: dt.date
    results: list[Round]


class Membership(Schema):
    person_name: str
    role: str
    role_label: str
    sector: str
    organization: str


class Event(Schema):
    id: str = Field(description="El identificador de la sesión.")
    name: str
    classification: str = Field(description="instalacion, ordinaria o extraordinaria.")
    start_date: dt.date
    start_time: str | None
    location: str
    status: str = Field(description="celebrada o programada.")
    summary: str
    attendees: list[Membership]
    motions: list[str] = Field(description="Claves de los acuerdos tomados.")
    minutes_url: str | None = Field(description="El acta firmada, si ya se había publicado.")
    minutes_published_at: dt.datetime | None
    url: str


class Events(Schema):
    date: dt.date
    results: list[Event]


class FollowUp(Schema):
    date: dt.date = Field(description="Día al que se refiere.")
    status: str = Field(description="pendiente, en_proceso o cumplido.")
    status_label: str
    note: str
    evidence_url: str
    published_at: dt.datetime = Field(description="Momento en que se hizo público.")
    correction_reason: str = Field(description="Motivo público, si corrige otro seguimiento.")


class Motion(Schema):
    identifier: str
    text: str
    date: dt.date = Field(description="Fecha de la sesión en que se tomó.")
    event_id: str
    responsible: str
    due_date: dt.date | None
    status: str = Field(description="pendiente, en_proceso o cumplido ese día.")
    status_label: str
    overdue: bool = Field(description="Vencido ese día: pasó su fecha compromiso sin cumplirse.")
    follow_up: str = Field(description="Nota del último seguimiento público ese día.")
    updated_on: dt.date | None = Field(description="Día al que se refiere ese seguimiento.")
    follow_ups: list[FollowUp] = Field(description="Sus seguimientos públicos ese día.")
    commitments: list[str] = Field(description="Identificadores de los compromisos públicos.")
    url: str


class Motions(Schema):
    date: dt.date
    count: int
    page: int
    pages: int
    results: list[Motion]


class Change(Schema):
    id: str
    published_at: dt.datetime
    kind: str
    kind_label: str
    text: str
    reason: str
    code: str
    title: str
    url: str


class Changes(Schema):
    date: dt.date
    count: int
    page: int
    pages: int
    results: list[Change]
