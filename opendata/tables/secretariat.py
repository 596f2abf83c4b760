"""The Secretariado's tables: sessions with their attendance counts, agreements with their
status, their follow-ups, and the methodological route.

Sessions, agreements and follow-ups are read through `secretariat.reader`, the one reader of
the Secretariado's record: on day D a table shows the sessions announced by the end of D (held
and with signed minutes only if that was public by then), the agreements recorded by then with
their status and overdue on D from the follow-ups public then, and every follow-up published
by then. A route stage counts as done on D only if it is done and ended by D, and as under way
only if it had started by D.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from opendata.tables import (
    BOOLEAN,
    DATE,
    DATETIME,
    INTEGER,
    STRING,
    Column,
    ForeignKey,
    Table,
)
from opendata.tables.plan import CORRECTION_COLUMNS, _moment
from secretariat import reader
from secretariat.models import Member, RouteMilestone, Session
from secretariat.quorum import Quorum


@dataclass(frozen=True)
class SessionRecord:
    session: object  # the model row, for what the reader's view does not carry
    view: object  # reader.SessionView: as public at the end of the day
    voting_present: int
    voting_in_office: int
    has_quorum: bool


def _session_records(snapshot):
    views = reader.sessions_on(snapshot.day)
    rows = Session.objects.prefetch_related("attendance").in_bulk([v.pk for v in views])
    # Everyone who ever sat, read once: the quorum rule then counts per session in Python.
    members = list(Member.objects.all())
    found = []
    for view in reversed(views):  # oldest first
        session = rows[view.pk]
        voters = [m for m in members if m.has_vote and m.in_office_on(session.date)]
        present = [m for m in session.attendance.all() if m in voters] if view.is_held else []
        quorum = Quorum(in_office=len(voters), present=len(present))
        found.append(
            SessionRecord(
                session, view, quorum.present, quorum.in_office, view.is_held and quorum.is_met
            )
        )
    return found


def _agreements(snapshot):
    return sorted(reader.agreements_on(snapshot.day), key=lambda a: (a.session_date, a.code))


def _latest(name):
    return lambda a: getattr(a.latest, name) if a.latest else None


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
            "celebrada",
            BOOLEAN,
            _("Verdadero si ese día ya se había hecho público que se llevó a cabo."),
            lambda r: r.view.is_held,
        ),
        Column(
            "asistentes", INTEGER, _("Integrantes presentes."), lambda r: r.view.attendance_count
        ),
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
            lambda r: r.session.held_without_quorum_note if r.view.is_held else "",
        ),
        Column("resumen", STRING, _("Resumen de la sesión."), lambda r: r.view.summary),
        Column(
            "acta",
            STRING,
            _("Acta firmada, si ese día ya se había publicado."),
            lambda r: r.session.minutes.url if r.view.has_minutes else "",
            link=True,
        ),
        Column(
            "acta_publicada_el",
            DATETIME,
            _("Momento en que se publicó el acta firmada (hora de México)."),
            lambda r: _moment(r.view.minutes_published_at),
        ),
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
        "estado ese día según el último seguimiento público sobre un día hasta entonces."
    ),
    primary_key=("id",),
    foreign_keys=(ForeignKey(("sesion_id",), "sesiones", ("id",)),),
    records=_agreements,
    columns=(
        Column("id", INTEGER, _("Identificador estable del acuerdo."), lambda a: a.pk),
        Column("clave", STRING, _("Clave del acuerdo, p. ej. STMGA-2025-02-03."), lambda a: a.code),
        Column("sesion_id", INTEGER, _("La sesión (id en sesiones)."), lambda a: a.session_pk),
        Column("acuerdo", STRING, _("Texto del acuerdo."), lambda a: a.text),
        Column(
            "responsable",
            STRING,
            _("Quién lo cumple."),
            lambda a: a.responsible.name if a.responsible else "",
        ),
        Column(
            "fecha_compromiso", DATE, _("Fecha comprometida para cumplirlo."), lambda a: a.due_date
        ),
        Column(
            "estado",
            STRING,
            _("pendiente, en_proceso o cumplido ese día (pendiente si no tenía seguimiento)."),
            lambda a: a.status,
        ),
        Column(
            "vencido",
            BOOLEAN,
            _("Verdadero si ese día ya pasó su fecha compromiso y no estaba cumplido."),
            lambda a: a.is_overdue,
        ),
        Column(
            "seguimiento",
            STRING,
            _("Nota del último seguimiento público ese día (todos en seguimientos_de_acuerdos)."),
            _latest("note"),
        ),
        Column(
            "actualizado_el",
            DATE,
            _("Día al que se refiere ese último seguimiento."),
            _latest("date"),
        ),
        Column(
            "compromisos",
            STRING,
            _("Claves de los compromisos públicos a los que se refiere, separadas por «; »."),
            lambda a: "; ".join(c.slug for c in a.commitments),
        ),
        Column(
            "dato_de_ejemplo",
            BOOLEAN,
            _("Verdadero si es un registro inventado para demostrar el portal."),
            lambda a: a.is_example,
        ),
    ),
)

FOLLOW_UPS = Table(
    name="seguimientos_de_acuerdos",
    title=_("Seguimiento de los acuerdos"),
    description=_(
        "Cada seguimiento publicado de un acuerdo hasta ese día, con sus dos fechas: el día al "
        "que se refiere y el momento en que se hizo público. Una corrección o un retiro es un "
        "registro nuevo que apunta al que sustituye."
    ),
    primary_key=("id",),
    foreign_keys=(
        ForeignKey(("acuerdo_id",), "acuerdos", ("id",)),
        ForeignKey(("corrige_a",), "", ("id",)),
    ),
    records=lambda s: reader.follow_up_records(s.day),
    columns=(
        Column("id", INTEGER, _("Identificador estable del registro."), lambda f: f.pk),
        Column("acuerdo_id", INTEGER, _("El acuerdo (id en acuerdos)."), lambda f: f.owner),
        Column(
            "fecha_del_dato", DATE, _("Día al que se refiere el seguimiento."), lambda f: f.date
        ),
        Column(
            "estado",
            STRING,
            _("pendiente, en_proceso o cumplido: el estado del acuerdo ese día."),
            lambda f: f.value,
        ),
        Column("nota", STRING, _("Nota del seguimiento."), lambda f: f.details["note"]),
        Column("enlace_a_evidencia", STRING, _("Evidencia."), lambda f: f.details["evidence_url"]),
        *CORRECTION_COLUMNS,
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

TABLES = (SESSIONS, AGREEMENTS, FOLLOW_UPS, ROUTE)
