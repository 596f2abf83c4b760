"""Demo data for León 2025-2027: real pillars, axes and dates; example commitments.

The pillars, the four axes, the exercise, the approval date and the route come from the
public record. Every commitment, indicator, milestone and organisation here is invented for
demonstration and flagged as example data (`is_example`), which every public page shows.

The demo is written through `commitments.services` like any real data: its story is a list
of dated events replayed in date order, each at its own moment of the project clock, so
every "hecho público el" agrees with the story. Loading again throws the demo plans away and
replays the story; reference rows (pillars, units, organisations, rubric) are kept by their
natural key.
"""

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import slugify

from commitments import demo_english, services
from commitments.demo_story import DEMO_TODAY, PLAN_SLUG
from commitments.models import (
    ActionPlan,
    Assessment,
    Axis,
    ClosingReport,
    Commitment,
    Dimension,
    Exercise,
    Indicator,
    Measurement,
    Milestone,
    Objective,
    Organization,
    Pillar,
    RatingLevel,
    RatingRubric,
    ReportingRound,
    ResponsibleUnit,
    TransversalRating,
)
from commitments.semaforo import ProgressSource, Status
from core import clock

PREVIOUS_PLAN_SLUG = "plan-de-accion-2022-2024-ejemplo"
# Approved in the 2ª Sesión Ordinaria; published on the portal once the Unidad de
# Transparencia had it online (agreement STMGA-2025-02-02).
PLAN_APPROVED = date(2025, 8, 29)
PLAN_PUBLISHED = date(2025, 9, 10)
EVIDENCE_BASE = "https://example.org/gobierno-abierto-leon/evidencias"

PILLARS = [
    (
        "Transparencia",
        "El municipio publica, sin que nadie tenga que pedirlo, la información que genera: "
        "qué decide, cuánto gasta y con qué resultados. Saber es un derecho de todas las "
        "personas.",
    ),
    (
        "Rendición de Cuentas",
        "Quien gobierna explica qué hizo, cómo lo hizo y qué logró, y responde por ello ante "
        "la ciudadanía.",
    ),
    (
        "Evaluación al Desempeño",
        "Los programas y servicios se miden con regularidad para saber si cumplen sus "
        "objetivos y corregir el rumbo a tiempo.",
    ),
    (
        "Participación Ciudadana",
        "Vecinas, vecinos, organizaciones y gobierno deciden y trabajan juntos en los asuntos "
        "que les afectan.",
    ),
    (
        "Uso de TI e Innovación",
        "Herramientas digitales y nuevas formas de trabajo para que los trámites, los datos y "
        "los servicios sean más sencillos y mejores.",
    ),
]

AXES = [
    (
        "DA",
        "Datos Abiertos",
        "Información pública en formatos que cualquiera puede descargar, reutilizar y combinar.",
    ),
    (
        "PP",
        "Presupuesto Participativo",
        "La ciudadanía propone y vota en qué se invierte una parte del presupuesto municipal.",
    ),
    (
        "MB",
        "Mi Barrio Habla",
        "Diálogo directo con colonias y comités de colonos para atender sus problemas comunes.",
    ),
    (
        "CJ",
        "Cabildo Abierto Juvenil",
        "Las juventudes leonesas presentan propuestas ante el Ayuntamiento y les dan seguimiento.",
    ),
]

UNITS = [
    ("Dirección General de Innovación Gubernamental", "DGIG"),
    ("Unidad de Transparencia", "UT"),
    ("Tesorería Municipal", "TM"),
    ("Dirección General de Desarrollo Social y Humano", "DGDSH"),
    ("Dirección de Participación Ciudadana", "DPC"),
    ("Instituto Municipal de la Juventud", "IMJU"),
    ("Secretaría del H. Ayuntamiento", "SHA"),
    ("Contraloría Municipal", "CM"),
]

ORGANIZATIONS = [
    ("Colectivo Datos Abiertos del Bajío (ejemplo)", Organization.Kind.CIVIL_SOCIETY),
    ("Observatorio Ciudadano de León (ejemplo)", Organization.Kind.CIVIL_SOCIETY),
    ("Red de Comités de Colonos del Poniente (ejemplo)", Organization.Kind.COUNCIL),
    ("Universidad del Centro del Bajío (ejemplo)", Organization.Kind.ACADEMIA),
    ("Cámara de Comercio de León (ejemplo)", Organization.Kind.PRIVATE),
]

RUBRIC = {
    Dimension.PARTICIPATION: [
        "La ciudadanía no interviene en el diseño ni en la ejecución.",
        "Se informa o consulta a la ciudadanía, sin compromiso de tomar en cuenta lo que dice.",
        "La ciudadanía aporta propuestas que se incorporan y se le informa cómo se usaron.",
        "La ciudadanía decide o ejecuta junto con el gobierno (cocreación).",
    ],
    Dimension.TRANSPARENCY: [
        "No libera información nueva.",
        "Publica información existente, sin formato abierto.",
        "Publica información nueva y la mantiene actualizada.",
        "Publica información nueva en formatos abiertos, con calendario y documentación.",
    ],
    Dimension.AMBITION: [
        "Repite lo que ya se hacía.",
        "Mejora de forma incremental una práctica existente.",
        "Cambia una práctica de gobierno de manera visible.",
        "Transforma una práctica de gobierno y sus resultados para la ciudadanía.",
    ],
    Dimension.SUSTAINABILITY: [
        "Depende de una sola persona o de recursos no asegurados.",
        "Tiene responsable, pero no presupuesto ni norma que lo respalde.",
        "Tiene responsable y presupuesto asignado.",
        "Queda en norma, presupuesto y procesos; sobrevive al cambio de administración.",
    ],
}


@dataclass
class Spec:
    """One example commitment and the story its data tells."""

    code: str
    title: str
    unit: str
    goal: str
    indicators: list
    start: date = date(2025, 9, 1)
    end: date = date(2027, 8, 31)
    # Progress reached at each measurement, as a fraction of the way to the target.
    history: list = field(default_factory=list)
    source: str = ""
    co: list = field(default_factory=list)
    ratings: tuple = ("medio", "medio", "medio", "medio")
    override: tuple = ()
    milestone_titles: list = field(default_factory=list)
    # The progress fraction at which each milestone is done (evenly spread by default).
    done_at: tuple = ()

    def milestone_thresholds(self):
        count = len(self.milestone_titles)
        return self.done_at or tuple((n + 1) / count for n in range(count))


def month_end(day, months_back=0):
    """Last day of the month `months_back` months before `day`'s month."""
    month = day.month - 1 - months_back + 1
    first_of_next = date(day.year + month // 12, month % 12 + 1, 1)
    return first_of_next - timedelta(days=1)


SPECS = [
    Spec(
        "DA-01",
        "Publicar el catálogo municipal de datos abiertos",
        "DGIG",
        "Publicar 120 conjuntos de datos en formato abierto con su diccionario de datos.",
        [("Conjuntos de datos publicados en formato abierto", "conjuntos", 35, 120, "trimestral")],
        history=[0.1, 0.22, 0.35, 0.48, 0.6],
        co=[
            ("UT", "Revisa que cada conjunto cumpla la normativa de transparencia"),
            (0, "Valida la calidad y utilidad de los datos"),
        ],
        ratings=("medio", "alto", "alto", "medio"),
        milestone_titles=[
            "Inventario de datos de las dependencias",
            "Norma técnica de publicación",
            "Portal de datos en operación",
            "Primeros 60 conjuntos publicados",
            "Catálogo completo y documentado",
        ],
        # 60 conjuntos are 25 of the 85 beyond the baseline of 35.
        done_at=(0.1, 0.2, 0.25, 25 / 85, 1.0),
    ),
    Spec(
        "DA-02",
        "Abrir los datos de obra pública con su avance físico y financiero",
        "TM",
        "Publicar cada trimestre el 100 % de las obras contratadas con su avance.",
        [("Obras contratadas publicadas con avance", "%", 0, 100, "trimestral")],
        history=[0.05, 0.15, 0.22, 0.3],
        co=[("CM", "Verifica la información financiera"), (1, "Vigila la calidad de los reportes")],
        ratings=("bajo", "alto", "medio", "bajo"),
        milestone_titles=[
            "Definir los campos mínimos por obra",
            "Conectar el sistema de obra con el portal",
            "Publicación trimestral en operación",
        ],
    ),
    Spec(
        "DA-03",
        "Reducir el tiempo de respuesta de las solicitudes de información",
        "UT",
        "Bajar de 18 a 8 días hábiles el promedio de respuesta.",
        [("Días hábiles promedio de respuesta", "días", 18, 8, "mensual")],
        start=date(2025, 9, 1),
        end=date(2026, 8, 31),
        history=[0.3, 0.6, 0.85, 1.0],
        co=[("DGIG", "Automatiza el turnado de solicitudes")],
        ratings=("bajo", "alto", "medio", "alto"),
        milestone_titles=[
            "Diagnóstico de tiempos por dependencia",
            "Turnado electrónico de solicitudes",
            "Tablero interno de plazos",
            "Capacitación a enlaces de transparencia",
        ],
    ),
    Spec(
        "DA-04",
        "Publicar los datos de calidad del aire y ruido por colonia",
        "DGIG",
        "Publicar mediciones horarias de 10 estaciones en formato abierto.",
        [("Estaciones con datos publicados", "estaciones", 0, 10, "trimestral")],
        start=date(2027, 1, 15),
        end=date(2027, 8, 31),
        co=[(3, "Aporta la metodología de medición")],
        ratings=("medio", "alto", "alto", "bajo"),
        milestone_titles=[
            "Convenio con la red de monitoreo",
            "Instalación de estaciones",
            "Publicación en el portal de datos",
        ],
    ),
    Spec(
        "PP-01",
        "Realizar la consulta de presupuesto participativo 2026",
        "DPC",
        "Que al menos 40,000 personas voten los proyectos del presupuesto participativo.",
        [("Personas que votan en la consulta", "personas", 12000, 40000, "semestral")],
        history=[0.3, 0.55, 0.7],
        source=ProgressSource.BOTH,
        co=[
            ("TM", "Asigna y reporta el presupuesto de los proyectos"),
            (2, "Difunde la consulta en las colonias"),
        ],
        ratings=("alto", "medio", "alto", "medio"),
        milestone_titles=[
            "Reglas de operación publicadas",
            "Recepción de propuestas ciudadanas",
            "Validación técnica de propuestas",
            "Jornada de votación",
            "Publicación de resultados",
            "Arranque de obras ganadoras",
        ],
    ),
    Spec(
        "PP-02",
        "Dar seguimiento público a las obras del presupuesto participativo",
        "TM",
        "Publicar ficha, avance y fotografías del 100 % de los proyectos ganadores.",
        [("Proyectos ganadores con ficha pública de avance", "%", 0, 100, "trimestral")],
        history=[0.05, 0.12, 0.2],
        co=[("DPC", "Organiza los recorridos de verificación"), (1, "Acompaña los recorridos")],
        ratings=("medio", "alto", "medio", "medio"),
        milestone_titles=[
            "Ficha técnica de cada proyecto",
            "Recorridos de verificación con vecinos",
            "Micrositio de seguimiento",
            "Informe final de obras",
        ],
    ),
    Spec(
        "PP-03",
        "Capacitar a comités vecinales en la formulación de proyectos",
        "DGDSH",
        "Capacitar a 300 integrantes de comités de colonos.",
        [("Personas capacitadas", "personas", 0, 300, "trimestral")],
        history=[0.2, 0.4, 0.45],
        co=[(2, "Convoca a los comités")],
        ratings=("alto", "bajo", "medio", "medio"),
        milestone_titles=[
            "Diseño del taller",
            "Talleres en zonas oriente y poniente",
            "Talleres en zonas norte y sur",
        ],
    ),
    Spec(
        "PP-04",
        "Crear el padrón abierto de proyectos participativos históricos",
        "DGIG",
        "Publicar los proyectos participativos de 2019 a 2025 con su estado actual.",
        [("Proyectos históricos documentados", "proyectos", 0, 250, "trimestral")],
        start=date(2025, 10, 1),
        end=date(2027, 3, 31),
        co=[("DPC", "Aporta los expedientes")],
        ratings=("bajo", "medio", "bajo", "medio"),
        milestone_titles=[
            "Recopilar expedientes 2019-2025",
            "Depurar y clasificar proyectos",
            "Publicar el padrón",
        ],
    ),
    Spec(
        "MB-01",
        "Instalar mesas de diálogo Mi Barrio Habla en las colonias prioritarias",
        "DPC",
        "Realizar 48 mesas de diálogo con acuerdos públicos.",
        [("Mesas de diálogo realizadas", "mesas", 0, 48, "trimestral")],
        history=[0.12, 0.25, 0.38, 0.52, 0.6],
        source=ProgressSource.MILESTONES,
        co=[(2, "Coorganiza las mesas"), ("DGDSH", "Atiende los acuerdos sociales")],
        ratings=("alto", "medio", "medio", "medio"),
        milestone_titles=[
            "Selección de colonias prioritarias",
            "Primeras 12 mesas",
            "Mesas 13 a 24",
            "Mesas 25 a 36",
            "Mesas 37 a 48 y balance",
        ],
        # Each milestone is done when its count of the 48 mesas is reached.
        done_at=(0.1, 0.25, 0.5, 0.75, 1.0),
    ),
    Spec(
        "MB-02",
        "Publicar el seguimiento de los acuerdos vecinales",
        "SHA",
        "Que el 90 % de los acuerdos de las mesas tenga respuesta pública en 60 días.",
        [("Acuerdos con respuesta pública en plazo", "%", 20, 90, "trimestral")],
        history=[0.1, 0.18, 0.25, 0.3],
        co=[("DPC", "Registra los acuerdos"), (1, "Revisa las respuestas")],
        ratings=("medio", "alto", "medio", "bajo"),
        milestone_titles=[
            "Formato único de acuerdos",
            "Registro en línea de acuerdos",
            "Reporte trimestral público",
        ],
    ),
    Spec(
        "MB-03",
        "Mapear los reportes ciudadanos de servicios públicos por colonia",
        "DGIG",
        "Mapa público con los reportes de alumbrado, baches y limpia, actualizado cada mes.",
        [("Colonias con reportes georreferenciados", "%", 0, 100, "mensual")],
        history=[0.15, 0.3, 0.42],
        co=[(0, "Propone las capas del mapa")],
        ratings=("medio", "alto", "alto", "medio"),
        milestone_titles=[
            "Unificar catálogos de reportes",
            "Georreferenciar reportes",
            "Publicar el mapa",
            "Actualización mensual automática",
        ],
    ),
    Spec(
        "MB-04",
        "Formar promotores vecinales de gobierno abierto",
        "DGDSH",
        "Formar 120 promotoras y promotores vecinales.",
        [("Promotores formados", "personas", 0, 120, "trimestral")],
        history=[0.3, 0.6, 1.0],
        source=ProgressSource.MILESTONES,
        start=date(2025, 9, 1),
        end=date(2026, 9, 30),
        co=[(3, "Imparte el diplomado")],
        ratings=("alto", "medio", "medio", "alto"),
        milestone_titles=[
            "Convocatoria a promotores",
            "Diplomado primera generación",
            "Diplomado segunda generación",
        ],
    ),
    Spec(
        "CJ-01",
        "Celebrar sesiones del Cabildo Abierto Juvenil",
        "IMJU",
        "Realizar 4 sesiones de Cabildo Abierto Juvenil con propuestas dictaminadas.",
        [("Sesiones realizadas", "sesiones", 0, 4, "semestral")],
        history=[0.25, 0.5, 0.5],
        co=[("SHA", "Turna las propuestas a comisiones"), (3, "Acompaña a las juventudes")],
        ratings=("alto", "medio", "alto", "medio"),
        milestone_titles=[
            "Convocatoria a juventudes",
            "Primera sesión",
            "Segunda sesión",
            "Tercera sesión",
            "Cuarta sesión y memoria",
        ],
        done_at=(0.05, 0.25, 0.5, 0.75, 1.0),
    ),
    Spec(
        "CJ-02",
        "Dar respuesta pública a las propuestas del Cabildo Juvenil",
        "SHA",
        "Que el 100 % de las propuestas juveniles reciba dictamen público.",
        [("Propuestas con dictamen público", "%", 0, 100, "trimestral")],
        history=[0.05, 0.1],
        co=[("IMJU", "Da seguimiento con las juventudes")],
        ratings=("medio", "medio", "medio", "bajo"),
        override=(
            Status.DELAYED,
            "Las comisiones del Ayuntamiento acordaron dictaminar en bloque en enero de 2027; "
            "el avance medido aún no lo refleja.",
        ),
        milestone_titles=[
            "Ruta de dictaminación",
            "Dictámenes de la primera sesión",
            "Dictámenes de la segunda sesión",
        ],
    ),
    Spec(
        "CJ-03",
        "Laboratorio juvenil de innovación cívica",
        "IMJU",
        "Desarrollar 6 prototipos cívicos con equipos juveniles.",
        [("Prototipos desarrollados", "prototipos", 0, 6, "trimestral")],
        history=[0.15, 0.3, 0.5, 0.62],
        co=[("DGIG", "Mentoría técnica"), (4, "Patrocina los premios")],
        ratings=("alto", "bajo", "alto", "medio"),
        milestone_titles=[
            "Convocatoria del laboratorio",
            "Hackatón cívico",
            "Incubación de prototipos",
            "Presentación pública",
        ],
    ),
    Spec(
        "CJ-04",
        "Publicar el presupuesto municipal en lenguaje ciudadano para jóvenes",
        "TM",
        "Publicar cada año una versión ciudadana del presupuesto con participación juvenil.",
        [("Versiones ciudadanas publicadas", "documentos", 0, 2, "semestral")],
        history=[0.5],
        co=[("IMJU", "Integra el grupo juvenil de revisión")],
        ratings=("medio", "alto", "medio", "medio"),
        milestone_titles=[
            "Grupo juvenil de revisión",
            "Presupuesto ciudadano 2026",
            "Presupuesto ciudadano 2027",
        ],
    ),
]

# Measurements are quarterly, the latest at the end of October 2026 (or at the end of a
# commitment that finished earlier); CJ-04 stopped reporting to show "sin actualizar".
LATEST_MEASUREMENT = date(2026, 10, 31)
STALE_CODES = {"CJ-04"}
# A value is published ten days after the day it is about.
PUBLISH_DELAY = timedelta(days=10)

# The follow-up rounds, with the deadlines the route publishes ("Primer corte semestral de
# avances" on 20/03/2026, …): title, last day covered, opens, deadline.
ROUNDS = [
    ("Primer corte semestral", date(2026, 2, 28), date(2026, 3, 1), date(2026, 3, 20)),
    ("Segundo corte semestral", date(2026, 8, 31), date(2026, 9, 1), date(2026, 9, 18)),
    ("Tercer corte semestral", date(2027, 2, 28), date(2027, 3, 1), date(2027, 3, 19)),
    ("Cuarto corte semestral", date(2027, 8, 31), date(2027, 9, 1), date(2027, 9, 17)),
]
# Units deliver two days before the deadline; MB-02 misses the second round and CJ-03
# delivers it twelve days late.
DELIVERED_BEFORE_DEADLINE = timedelta(days=2)
MISSED_REPORT = ("MB-02", 2)
LATE_REPORT = ("CJ-03", 2)
LATE_BY = timedelta(days=12)

# PP-02 got six more months in the extraordinary session of June 2026 (secretariat/demo.py).
MODIFICATION_SESSION = "1a-sesion-extraordinaria-2026"
MODIFICATION_DAY = date(2026, 6, 12)
PP02_ORIGINAL_END = date(2027, 2, 28)
PP02_ORIGINAL_GOAL = "Publicar ficha y avance del 100 % de los proyectos ganadores."

ASSESSED_ON = date(2026, 10, 30)
CLOSING_REPORT_ON = date(2026, 9, 25)
OVERRIDE_ON = date(2026, 11, 10)
# MB-03's July value counted some colonias twice; it was corrected ten days later.
CORRECTED = ("MB-03", date(2026, 7, 31), Decimal(7), date(2026, 8, 20))


def _date_for(spec, index):
    if spec.code in STALE_CODES:
        return date(2025, 11, 30)
    last = min(LATEST_MEASUREMENT, spec.end)
    return month_end(last, 3 * (len(spec.history) - 1 - index))


def _fraction_on(spec, day):
    """The spec's progress fraction reached by `day` (0 before its first measurement)."""
    reached = 0.0
    for index, fraction in enumerate(spec.history):
        if _date_for(spec, index) <= day:
            reached = fraction
    return reached


def _percents(spec, fraction):
    """Each milestone's percent when the commitment has come `fraction` of the way."""
    percents, previous = [], 0.0
    for threshold in spec.milestone_thresholds():
        share = (fraction - previous) / (threshold - previous)
        percents.append(round(max(0.0, min(1.0, share)) * 100))
        previous = threshold
    return percents


class Story:
    """Dated events, replayed in date order (ties in the order they were told), each at
    noon of its day on the project clock."""

    def __init__(self):
        self.events = []

    def on(self, day, action, *args):
        self.events.append((day, len(self.events), action, args))

    def play(self):
        for day, _, action, args in sorted(self.events, key=lambda event: event[:2]):
            with clock.moment(day):
                action(*args)


@transaction.atomic
def load():
    from engagement import demo as engagement_demo
    from participation import demo as participation_demo
    from secretariat import demo as secretariat_demo

    secretariat_demo.load()
    participation_demo.reset()
    reset()
    cast = {"approval_session": secretariat_demo.plan_approval_session()}
    story = Story()
    story.on(date(2022, 3, 1), _reference_data, cast)
    _tell_previous_exercise(story, cast)
    _tell_plan(story, cast)
    story.play()
    participation_demo.load(cast["plan"])
    engagement_demo.load()
    return cast["plan"]


def reset():
    """Throw the demo plans away (their whole record), so the story can be told again."""
    for plan in ActionPlan.objects.filter(slug__in=[PLAN_SLUG, PREVIOUS_PLAN_SLUG]):
        services.drop_plan(plan=plan)


def _upsert(model, lookup, values):
    """Find a reference row by its natural key, set `values` and save it."""
    instance = model.objects.filter(**lookup).first() or model(**lookup)
    for name, value in values.items():
        setattr(instance, name, value)
    return services.save(instance=instance)


def _reference_data(cast):
    cast["pillars"] = [
        _upsert(Pillar, {"slug": slugify(name)}, {"name": name, "summary": summary, "order": n})
        for n, (name, summary) in enumerate(PILLARS)
    ]
    cast["units"] = {
        acronym: _upsert(
            ResponsibleUnit,
            {"acronym": acronym},
            {"name": name, "slug": slugify(acronym + " " + name)[:50]},
        )
        for name, acronym in UNITS
    }
    cast["organizations"] = [
        _upsert(
            Organization,
            {"slug": slugify(name)[:50]},
            {
                "name": name,
                "kind": kind,
                "description": "Organización inventada para los datos de demostración.",
            },
        )
        for name, kind in ORGANIZATIONS
    ]
    for dimension, descriptions in RUBRIC.items():
        for level, description in zip(RatingLevel, descriptions, strict=True):
            _upsert(
                RatingRubric,
                {"dimension": dimension, "level": level},
                {"description": description},
            )


# --- The plan 2025-2027 --------------------------------------------------------------------


def _tell_plan(story, cast):
    story.on(date(2025, 2, 4), _exercise, cast)
    story.on(PLAN_APPROVED, _plan, cast)
    story.on(PLAN_PUBLISHED, _rounds, cast)
    for spec in SPECS:
        story.on(PLAN_PUBLISHED, _commitment, spec, cast)
    story.on(PLAN_PUBLISHED, lambda: services.publish_plan(plan=cast["plan"]))
    story.on(PLAN_PUBLISHED, demo_english.translate, cast)
    for spec in SPECS:
        _tell_commitment(story, spec, cast)
    story.on(ASSESSED_ON, _assessments, cast)


def _exercise(cast):
    # The exercise opened with the call to form the Secretariado (4 February 2025).
    cast["exercise"] = _upsert(
        Exercise,
        {"number": 3},
        {
            "name": "Tercer Ejercicio de Gobierno Abierto Municipal 2025-2027",
            "start_date": date(2025, 2, 4),
            "end_date": date(2027, 9, 30),
            "status": Exercise.Status.IMPLEMENTATION,
        },
    )


def _plan(cast):
    plan = services.save(
        instance=ActionPlan(
            exercise=cast["exercise"],
            slug=PLAN_SLUG,
            title="Plan de Acción Municipal de Gobierno Abierto 2025-2027",
            version="1.1",
            approved_on=PLAN_APPROVED,
            approved_at_session=cast["approval_session"],
            document_url="https://www.leon.gob.mx/transparencia/",
            summary=(
                "Compromisos cocreados en las mesas de junio de 2025 y aprobados por el "
                "Secretariado Técnico en su 2ª Sesión Ordinaria. Los compromisos de este "
                "portal de demostración son datos de ejemplo."
            ),
            default_progress_source=ProgressSource.INDICATORS,
        )
    )
    cast["plan"] = plan
    cast["objectives"] = {}
    for order, (prefix, name, description) in enumerate(AXES):
        axis = services.save(
            instance=Axis(
                plan=plan, name=name, slug=slugify(name), description=description, order=order
            )
        )
        cast["objectives"][prefix] = services.save(
            instance=Objective(
                axis=axis,
                code=f"{prefix}-O1",
                title=f"Fortalecer {name.lower()} en León (objetivo de ejemplo)",
            )
        )


def _rounds(cast):
    cast["rounds"] = {
        number: services.save(
            instance=ReportingRound(
                plan=cast["plan"],
                number=number,
                title=title,
                period_end=period_end,
                opens_on=opens,
                deadline=deadline,
            )
        )
        for number, (title, period_end, opens, deadline) in enumerate(ROUNDS, start=1)
    }


def _original(spec):
    """The end and goal of the approved original (only PP-02 changed since)."""
    if spec.code == "PP-02":
        return PP02_ORIGINAL_END, PP02_ORIGINAL_GOAL
    return spec.end, spec.goal


def _commitment(spec, cast):
    prefix = spec.code.split("-")[0]
    units, organizations = cast["units"], cast["organizations"]
    end, goal = _original(spec)
    commitment = services.save(
        instance=Commitment(
            objective=cast["objectives"][prefix],
            code=spec.code,
            slug=slugify(f"{spec.code} {spec.title}")[:120],
            title=spec.title,
            description=(
                f"{spec.title}. Compromiso de ejemplo para mostrar cómo se da seguimiento a una "
                "acción del plan; no corresponde a un compromiso real del municipio."
            ),
            unit=units[spec.unit],
            contact_name="Enlace de ejemplo",
            contact_role="Titular de área",
            goal=goal,
            start_date=spec.start,
            end_date=end,
            progress_source=spec.source,
            is_example=True,
        )
    )
    for order, (name, unit, baseline, target, periodicity) in enumerate(spec.indicators, 1):
        services.save(
            instance=Indicator(
                commitment=commitment,
                order=order,
                name=name,
                unit=unit,
                baseline=Decimal(baseline),
                target=Decimal(target),
                direction=Indicator.Direction.UP if target > baseline else Indicator.Direction.DOWN,
                periodicity=periodicity,
                verification_means=(
                    "Reporte de la dependencia publicado en el portal de transparencia "
                    "(medio de verificación de ejemplo)."
                ),
                verification_url="https://www.leon.gob.mx/transparencia/",
            )
        )
    titles = spec.milestone_titles
    span = (end - spec.start).days
    # Each milestone's window ends where the plan expects it done, so none is finished
    # before it starts (DA-01's first 60 datasets come early in its two years).
    bounds = [
        Fraction(0),
        *(Fraction(t).limit_denominator(1000) for t in spec.milestone_thresholds()),
    ]
    for n, title in enumerate(titles):
        services.save(
            instance=Milestone(
                commitment=commitment,
                order=n + 1,
                title=title,
                deliverable=f"Entregable de ejemplo: {title.lower()}",
                unit=units[spec.unit],
                responsible_person="Enlace de ejemplo",
                start_date=spec.start + timedelta(days=int(span * bounds[n])),
                end_date=spec.start + timedelta(days=int(span * bounds[n + 1]) - 1),
            )
        )
    services.set_parties(
        commitment=commitment,
        pillars=[cast["pillars"][i] for i in _pillar_indexes(prefix)],
        co_responsibles=[
            (units[party] if isinstance(party, str) else organizations[party], role)
            for party, role in spec.co
        ],
    )
    services.publish_version(commitment=commitment, effective_on=PLAN_APPROVED)
    services.publish_commitment(commitment=commitment)
    for dimension, level in zip(Dimension, spec.ratings, strict=True):
        services.record_fact(
            fact=TransversalRating(
                commitment=commitment,
                dimension=dimension,
                level=level,
                justification=(
                    f"Valoración de ejemplo: nivel {level} en {dimension.label.lower()} según "
                    "la rúbrica publicada."
                ),
            )
        )
    cast[spec.code] = commitment


def _pillar_indexes(prefix):
    return {"DA": [0, 4], "PP": [3, 1], "MB": [3, 2], "CJ": [3, 0]}[prefix]


def _tell_commitment(story, spec, cast):
    for index, fraction in enumerate(spec.history):
        day = _date_for(spec, index)
        story.on(day + PUBLISH_DELAY, _measure, spec, cast, index, day, fraction)
    for number, (_, period_end, _, deadline) in enumerate(ROUNDS, start=1):
        if deadline >= DEMO_TODAY:
            break
        if spec.start > period_end or (spec.code, number) == MISSED_REPORT:
            continue
        if (spec.code, number) == LATE_REPORT:
            delivered = deadline + LATE_BY
        else:
            delivered = deadline - DELIVERED_BEFORE_DEADLINE
        story.on(delivered, _report, spec, cast, number)
    if spec.history and spec.code not in STALE_CODES:
        # Milestones are brought up to date with the latest value.
        day = _date_for(spec, len(spec.history) - 1)
        story.on(day + PUBLISH_DELAY, _milestone_update, spec, cast, day)
    if spec.code == CORRECTED[0]:
        story.on(CORRECTED[3], _correct, cast)
    if spec.code == "PP-02":
        _tell_modification(story, spec, cast)
    if spec.override:
        status, reason = spec.override
        story.on(
            OVERRIDE_ON,
            lambda: services.set_override(
                commitment=cast[spec.code], status=status, reason=reason, starts_on=OVERRIDE_ON
            ),
        )
    if spec.code == "DA-03":
        story.on(CLOSING_REPORT_ON, _closing_report, cast)


def _measure(spec, cast, index, day, fraction):
    baseline, target = spec.indicators[0][2:4]
    value = Decimal(baseline) + (Decimal(target) - Decimal(baseline)) * Decimal(str(fraction))
    # Counts, percentages and days: whole numbers, as a unit would report them.
    value = value.quantize(Decimal("1"))
    code, corrected_day, error, _ = CORRECTED
    wrong = spec.code == code and day == corrected_day
    services.record_measurement(
        indicator=cast[spec.code].indicators.get(),
        date=day,
        value=value + error if wrong else value,
        narrative=f"Avance reportado por la dependencia al {day:%d/%m/%Y}.",
        evidence_url=f"{EVIDENCE_BASE}/{spec.code.lower()}/avance-{index + 1}.pdf",
        publish=True,
    )


def _correct(cast):
    code, day, error, _ = CORRECTED
    measurement = Measurement.objects.get(indicator__commitment=cast[code], date=day)
    services.correct(
        fact=measurement,
        reason="Se habían contado dos veces siete colonias del poniente (corrección de ejemplo).",
        value=measurement.value - error,
    )


def _milestones(cast, spec):
    return list(cast[spec.code].milestones.order_by("order"))


def _add_missing_evidence(spec, milestones, percents):
    """A milestone with progress shows what backs it, published before its percent."""
    for milestone, percent in zip(milestones, percents, strict=True):
        if percent and not milestone.evidence.exists():
            is_upload = spec.code == "DA-01" and milestone.order == 4
            services.add_evidence(
                milestone=milestone,
                title=f"Respaldo del hito: {milestone.title}",
                date=min(milestone.end_date, clock.today()),
                evidence_url=""
                if is_upload
                else (f"{EVIDENCE_BASE}/{spec.code.lower()}/hito-{milestone.order}.pdf"),
                evidence_file=_pdf_file(milestone.title) if is_upload else None,
                publish=True,
            )


def _report(spec, cast, number):
    round_ = cast["rounds"][number]
    milestones = _milestones(cast, spec)
    percents = _percents(spec, _fraction_on(spec, round_.period_end))
    _add_missing_evidence(spec, milestones, percents)
    late = (spec.code, number) == LATE_REPORT
    services.file_round_report(
        round=round_,
        commitment=cast[spec.code],
        narrative=(
            f"Informe de ejemplo del {round_.title.lower()}: avances del periodo y siguientes "
            "pasos."
        ),
        difficulties="Cambio de enlace." if late else "Ninguna relevante (ejemplo).",
        entries=[(m, p, "") for m, p in zip(milestones, percents, strict=True)],
        publish=True,
    )


def _milestone_update(spec, cast, day):
    milestones = _milestones(cast, spec)
    percents = _percents(spec, _fraction_on(spec, day))
    _add_missing_evidence(spec, milestones, percents)
    for milestone, percent in zip(milestones, percents, strict=True):
        latest = milestone.progress.published().order_by("-date", "-published_at").first()
        if (latest.percent if latest else 0) == percent:
            continue
        services.record_milestone_progress(
            milestone=milestone,
            date=day,
            percent=percent,
            narrative="Se realizaron las actividades previstas (texto de ejemplo).",
            difficulties="Retrasos en la contratación (ejemplo)." if percent < 100 else "",
            success_factors="Colaboración con la sociedad civil (ejemplo)."
            if percent == 100
            else "",
            publish=True,
        )


def _tell_modification(story, spec, cast):
    """PP-02 was given six more months; its original version stays on record. It is
    approved in the session that reviewed the first reports, if the Secretariado's demo
    has it as held; otherwise on that day without a session."""
    from secretariat.models import Session

    session = Session.objects.filter(
        slug=MODIFICATION_SESSION, is_held=True, date__lte=DEMO_TODAY
    ).first()
    day = session.date if session else MODIFICATION_DAY

    def approve():
        commitment = cast[spec.code]
        commitment.end_date = spec.end
        commitment.goal = spec.goal
        services.save(instance=commitment)
        last = commitment.milestones.order_by("order").last()
        last.end_date = spec.end
        services.save(instance=last)
        services.approve_modification(
            commitment=commitment,
            approved_on=day,
            session=session,
            summary="Se amplía el plazo a agosto de 2027 y se añaden fotografías a la meta.",
            reason=(
                "Las obras ganadoras arrancaron tarde por la licitación; el Secretariado aprobó "
                "ampliar el plazo (modificación de ejemplo)."
            ),
        )

    story.on(day, approve)


def _assessments(cast):
    A = Assessment
    rows = [
        ("DA-01", True, A.Potential.SUBSTANTIAL, A.Completion.SUBSTANTIAL, A.EarlyResults.MAJOR),
        ("DA-03", True, A.Potential.SUBSTANTIAL, A.Completion.COMPLETE, A.EarlyResults.MAJOR),
        ("PP-01", True, A.Potential.SUBSTANTIAL, A.Completion.LIMITED, A.EarlyResults.MARGINAL),
        ("MB-02", True, A.Potential.MODEST, A.Completion.LIMITED, A.EarlyResults.NO_CHANGE),
        ("CJ-02", False, A.Potential.UNCLEAR, A.Completion.NO_EVIDENCE, ""),
    ]
    for code, verifiable, potential, completion, early in rows:
        services.record_fact(
            fact=Assessment(
                commitment=cast[code],
                assessed_on=ASSESSED_ON,
                assessor="Comité de monitoreo independiente (ejemplo)",
                verifiable=verifiable,
                verifiable_justification="La meta y sus medios de verificación permiten "
                "comprobar el cumplimiento (ejemplo)."
                if verifiable
                else "La meta no define cómo se comprobará el dictamen (ejemplo).",
                relevance_access_to_information=code.startswith("DA"),
                relevance_civic_participation=not code.startswith("DA"),
                relevance_public_accountability=code in {"DA-03", "MB-02", "CJ-02"},
                relevance_technology_innovation=code == "DA-01",
                relevance_justification="Abre información o espacios de decisión que antes "
                "no estaban disponibles (ejemplo).",
                potential=potential,
                potential_justification="Valoración de ejemplo del potencial.",
                completion=completion,
                completion_justification="Valoración de ejemplo con base en las evidencias.",
                early_results=early,
                early_results_justification="Valoración de ejemplo." if early else "",
            )
        )


def _closing_report(cast):
    services.record_fact(
        fact=ClosingReport(
            commitment=cast["DA-03"],
            results="El promedio de respuesta bajó a 8 días hábiles (resultado de ejemplo).",
            lessons="El turnado electrónico fue la pieza clave (lección de ejemplo).",
            evidence_file=_pdf_file("Informe de cierre DA-03"),
        )
    )


def _pdf_file(title):
    """A one-page PDF that says it is a demo document, as an upload."""
    return ContentFile(_pdf(f"Documento de ejemplo: {title}"), name=f"{slugify(title)}.pdf")


def _pdf(text):
    escaped = re.sub(r"([()\\])", r"\\\1", text).encode("latin-1")
    content = b"BT /F1 14 Tf 72 770 Td (" + escaped + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


# --- The closed exercise 2022-2024 -------------------------------------------------------

PREVIOUS_COMMITMENTS = [
    (
        "TP-01",
        "Publicar las agendas de las personas titulares de dependencias",
        "SHA",
        [0.5, 1.0],
    ),
    (
        "TP-02",
        "Abrir el padrón de proveedores con sus contratos",
        "TM",
        [0.4, 0.8],
    ),
    (
        "TP-03",
        "Crear el buzón ciudadano de propuestas de mejora regulatoria",
        "DGIG",
        [0.3, 0.45],
    ),
]
PREVIOUS_APPROVED = date(2022, 6, 30)
PREVIOUS_MEASUREMENTS = (date(2023, 8, 31), date(2024, 8, 31))


def _tell_previous_exercise(story, cast):
    """A closed earlier exercise (invented), so the board can show how past plans ended."""
    story.on(date(2022, 3, 1), _previous_exercise, cast)
    story.on(PREVIOUS_APPROVED, _previous_plan, cast)
    for code, _, _, history in PREVIOUS_COMMITMENTS:
        for day, fraction in zip(PREVIOUS_MEASUREMENTS, history, strict=True):
            story.on(day + timedelta(days=15), _previous_measurement, cast, code, day, fraction)


def _previous_exercise(cast):
    cast["previous_exercise"] = _upsert(
        Exercise,
        {"number": 2},
        {
            "name": "Segundo Ejercicio de Gobierno Abierto Municipal (ejemplo)",
            "start_date": date(2022, 3, 1),
            "end_date": date(2024, 9, 30),
            "status": Exercise.Status.CLOSED,
        },
    )


def _previous_plan(cast):
    plan = services.save(
        instance=ActionPlan(
            exercise=cast["previous_exercise"],
            slug=PREVIOUS_PLAN_SLUG,
            title="Plan de Acción Municipal de Gobierno Abierto 2022-2024 (ejemplo)",
            approved_on=PREVIOUS_APPROVED,
            summary="Ejercicio anterior inventado para mostrar cómo se consultan planes "
            "concluidos; sus compromisos son datos de ejemplo.",
        )
    )
    axis = services.save(
        instance=Axis(
            plan=plan,
            slug="transparencia-proactiva-2022-2024",
            name="Transparencia proactiva",
            description="Información publicada sin que nadie la pida (eje de ejemplo).",
        )
    )
    objective = services.save(
        instance=Objective(
            axis=axis,
            code="TP-O1",
            title="Publicar de oficio la información más consultada (ejemplo)",
        )
    )
    for code, title, unit, _ in PREVIOUS_COMMITMENTS:
        commitment = services.save(
            instance=Commitment(
                objective=objective,
                code=code,
                slug=slugify(f"{code} {title} 2022")[:120],
                title=title,
                description=f"{title}. Compromiso de ejemplo de un ejercicio anterior.",
                unit=cast["units"][unit],
                goal="Meta de ejemplo del ejercicio anterior.",
                start_date=date(2022, 9, 1),
                end_date=date(2024, 8, 31),
                is_example=True,
            )
        )
        services.save(
            instance=Indicator(
                commitment=commitment,
                order=1,
                name="Avance de la publicación",
                unit="%",
                baseline=Decimal(0),
                target=Decimal(100),
                periodicity=Indicator.Periodicity.YEARLY,
                verification_means="Informe anual de la dependencia (ejemplo).",
            )
        )
        services.set_parties(commitment=commitment, pillars=[cast["pillars"][0]])
        services.publish_version(commitment=commitment, effective_on=PREVIOUS_APPROVED)
        services.publish_commitment(commitment=commitment)
        cast[code] = commitment
    services.publish_plan(plan=plan)


def _previous_measurement(cast, code, day, fraction):
    services.record_measurement(
        indicator=cast[code].indicators.get(),
        date=day,
        value=Decimal(round(fraction * 100)),
        evidence_url=f"{EVIDENCE_BASE}/{code.lower()}/informe-{day.year}.pdf",
        publish=True,
    )
