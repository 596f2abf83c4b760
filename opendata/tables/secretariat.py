"""The Secretariado's tables: sessions with their attendance counts, agreements with their
follow-up, and the methodological route.

Every read of the Secretariado for the downloads is here, and only here. Its records are
not dated facts yet: a session or an agreement counts on day D if its session was dated by
D (scheduled sessions count from today on), and an agreement's status and follow-up are
published only if they were last reviewed by D (`updated_on`), so a past day never shows a
later review. A route stage counts as done on D only if it is done and ended by D, and as
under way only if it had started by D.
"""

from dataclasses import dataclass

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from commitments.models import Commitment
from core import clock
from opendata.tables import BOOLEAN, DATE, INTEGER, STRING, Column, ForeignKey, Table
from secretariat.models import Agreement, Member, RouteMilestone, Session
from secretariat.quorum import Quorum


@dataclass(frozen=True)
class SessionRecord:
    session: object
    present: int
    voting_present: int
    voting_in_office: int
    has_quorum: bool


def _sessions(day):
    sessions = Session.objects.prefetch_related("attendance").order_by("date", "start_time", "pk")
    if day < clock.today():
        sessions = sessions.filter(date__lte=day)
    return sessions


def _session_records(snapshot):
    # Everyone who ever sat, read once: the quorum rule then counts per session in Python.
    members = list(Member.objects.all())
    found = []
    for session in _sessions(snapshot.day):
        attendance = list(session.attendance.all())
        voters = [m for m in members if m.has_vote and m.in_office_on(session.date)]
        quorum = Quorum(
            in_office=len(voters),
            present=sum(1 for m in attendance if m.has_vote and m.in_office_on(session.date)),
        )
        held = session.is_held
        found.append(
            SessionRecord(
                session,
                len(attendance) if held else 0,
                quorum.present if held else 0,
                quorum.in_office,
                held and quorum.is_met,
            )
        )
    return found


@dataclass(frozen=True)
class AgreementRecord:
    agreement: object
    # Reviewed by the day asked for: its status and follow-up are what they were then.
    reviewed: bool

    def reviewed_value(self, name):
        return getattr(self.agreement, name) if self.reviewed else ""


def _agreements(snapshot):
    public = Commitment.objects.published().order_by("code")
    agreements = (
        Agreement.objects.filter(session__in=_sessions(snapshot.day))
        .select_related("session")
        .prefetch_related(Prefetch("commitments", queryset=public, to_attr="public_commitments"))
        .order_by("session__date", "code")
    )
    return [AgreementRecord(a, a.updated_on <= snapshot.day) for a in agreements]


SESSIONS = Table(
    name="sesiones",
    title=_("Sesiones del Secretariado"),
    description=_(
        "Las sesiones del Secretariado Técnico con cuántas personas asistieron y si hubo quórum "
        "(sin nombres: quiénes asistieron está en la página de cada sesión)."
    ),
    primary_key=("id",),
    records=_session_records,
    columns=(
        Column("id", INTEGER, _("Identificador estable de la sesión."), lambda r: r.session.pk),
        Column(
            "identificador",
            STRING,
            _("Identificador de la sesión en su dirección."),
            lambda r: r.session.slug,
        ),
        Column("nombre", STRING, _("Nombre de la sesión."), lambda r: r.session.title),
        Column(
            "tipo",
            STRING,
            _("instalacion, ordinaria o extraordinaria."),
            lambda r: r.session.kind,
        ),
        Column(
            "numero", INTEGER, _("Consecutivo dentro de su tipo y año."), lambda r: r.session.number
        ),
        Column("fecha", DATE, _("Fecha de la sesión."), lambda r: r.session.date),
        Column("lugar", STRING, _("Lugar."), lambda r: r.session.place),
        Column(
            "celebrada", BOOLEAN, _("Verdadero si ya se llevó a cabo."), lambda r: r.session.is_held
        ),
        Column("asistentes", INTEGER, _("Integrantes presentes."), lambda r: r.present),
        Column(
            "asistentes_con_voto",
            INTEGER,
            _("Integrantes presentes con derecho a voto."),
            lambda r: r.voting_present,
        ),
        Column(
            "integrantes_con_voto",
            INTEGER,
            _("Integrantes con voto en funciones en la fecha de la sesión."),
            lambda r: r.voting_in_office,
        ),
        Column(
            "quorum",
            BOOLEAN,
            _("Verdadero si asistió más de la mitad de quienes tienen voto."),
            lambda r: r.has_quorum,
        ),
        Column(
            "motivo_sin_quorum",
            STRING,
            _("Por qué se sesionó sin quórum, si fue el caso."),
            lambda r: r.session.held_without_quorum_note,
        ),
        Column("resumen", STRING, _("Resumen de la sesión."), lambda r: r.session.summary),
        Column(
            "dato_de_ejemplo",
            BOOLEAN,
            _("Verdadero si es un registro inventado para demostrar el portal."),
            lambda r: r.session.is_example,
        ),
        Column(
            "pagina",
            STRING,
            _("Dirección de su página en el portal."),
            lambda r: reverse("secretariat:session", kwargs={"slug": r.session.slug}),
            link=True,
        ),
    ),
)

AGREEMENTS = Table(
    name="acuerdos",
    title=_("Acuerdos del Secretariado"),
    description=_(
        "Los acuerdos tomados en cada sesión con su responsable, su fecha compromiso y su "
        "seguimiento (estado y seguimiento solo si se revisaron a más tardar ese día)."
    ),
    primary_key=("clave",),
    foreign_keys=(ForeignKey(("sesion_id",), "sesiones", ("id",)),),
    records=_agreements,
    columns=(
        Column(
            "clave",
            STRING,
            _("Clave del acuerdo, p. ej. STMGA-2025-02-03."),
            lambda r: r.agreement.code,
        ),
        Column(
            "sesion_id", INTEGER, _("La sesión (id en sesiones)."), lambda r: r.agreement.session_id
        ),
        Column("acuerdo", STRING, _("Texto del acuerdo."), lambda r: r.agreement.text),
        Column("responsable", STRING, _("Quién lo cumple."), lambda r: r.agreement.responsible),
        Column(
            "fecha_compromiso",
            DATE,
            _("Fecha comprometida para cumplirlo."),
            lambda r: r.agreement.due_date,
        ),
        Column(
            "estado",
            STRING,
            _("pendiente, en_proceso o cumplido; vacío si su última revisión es posterior al día."),
            lambda r: r.reviewed_value("status"),
        ),
        Column(
            "seguimiento",
            STRING,
            _("Seguimiento registrado; vacío si su última revisión es posterior al día."),
            lambda r: r.reviewed_value("follow_up"),
        ),
        Column(
            "actualizado_el",
            DATE,
            _("Fecha de la última revisión del estado, si fue a más tardar ese día."),
            lambda r: r.reviewed_value("updated_on") or None,
        ),
        Column(
            "compromisos",
            STRING,
            _("Claves de los compromisos públicos a los que se refiere, separadas por «; »."),
            lambda r: "; ".join(c.code for c in r.agreement.public_commitments),
        ),
    ),
)


def _route_status(stage, day):
    """A stage's status as it could have stood on `day` (see the module's docstring)."""
    Status = RouteMilestone.Status
    if stage.status == Status.DONE and stage.last_day <= day:
        return Status.DONE
    if stage.status != Status.PLANNED and stage.start_date <= day:
        return Status.IN_PROGRESS
    return Status.PLANNED


@dataclass(frozen=True)
class StepRecord:
    step: object  # a RouteMilestone
    status: str


def _route(snapshot):
    return [
        StepRecord(step, _route_status(step, snapshot.day))
        for step in RouteMilestone.objects.in_route_order()
    ]


ROUTE = Table(
    name="ruta",
    title=_("Ruta metodológica"),
    description=_(
        "Las etapas de la ruta metodológica del ejercicio, de la convocatoria a la evaluación, "
        "con sus fechas y su estado."
    ),
    primary_key=("id",),
    records=_route,
    columns=(
        Column("id", INTEGER, _("Identificador estable de la etapa."), lambda m: m.step.pk),
        Column("orden", INTEGER, _("Orden en la ruta."), lambda m: m.step.order),
        Column("titulo", STRING, _("Título de la etapa."), lambda m: m.step.title),
        Column(
            "etapa",
            STRING,
            _("Tipo de etapa (convocatoria, instalacion, cocreacion…)."),
            lambda m: m.step.stage,
        ),
        Column("fecha_de_inicio", DATE, _("Fecha de inicio."), lambda m: m.step.start_date),
        Column(
            "fecha_de_termino",
            DATE,
            _("Fecha de término (vacía si dura un día)."),
            lambda m: m.step.end_date,
        ),
        Column(
            "estado",
            STRING,
            _("planned (programada), in_progress (en curso) o done (concluida)."),
            lambda m: m.status,
        ),
        Column("descripcion", STRING, _("Descripción."), lambda m: m.step.description),
        Column(
            "enlace_a_documento",
            STRING,
            _("Documento relacionado."),
            lambda m: m.step.document_url,
        ),
        Column(
            "enlace_a_encuesta", STRING, _("Encuesta relacionada."), lambda m: m.step.survey_url
        ),
        Column(
            "dato_de_ejemplo",
            BOOLEAN,
            _("Verdadero si es un registro inventado para demostrar el portal."),
            lambda m: m.step.is_example,
        ),
    ),
)

TABLES = (SESSIONS, AGREEMENTS, ROUTE)
