"""Demo data for León 2025-2027: real pillars, axes and dates; example commitments.

The pillars, the four axes, the exercise and the approval date come from the public
record. Every commitment, indicator, milestone and organisation here is invented
for demonstration and flagged as example data (`is_example`), which every public
page shows. Loading is idempotent: each row is written by its natural key.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils.text import slugify

from commitments.models import (
    ActionPlan,
    Assessment,
    Axis,
    ClosingReport,
    Commitment,
    CoResponsibility,
    Dimension,
    Evidence,
    Exercise,
    Indicator,
    Measurement,
    Milestone,
    Modification,
    Objective,
    Organization,
    Pillar,
    RatingLevel,
    RatingRubric,
    ReportingRound,
    ResponsibleUnit,
    RoundReport,
    RoundReportEntry,
    TransversalRating,
)
from commitments.semaforo import ProgressSource, Status

# The demo is written as it stood on this day; pages computed later move on from it.
DEMO_TODAY = date(2026, 11, 25)
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


def _date_for(spec, index):
    if spec.code in STALE_CODES:
        return date(2025, 11, 30)
    last = min(LATEST_MEASUREMENT, spec.end)
    return month_end(last, 3 * (len(spec.history) - 1 - index))


@transaction.atomic
def load():
    from secretariat import demo as secretariat_demo

    secretariat_demo.load()
    approval_session = secretariat_demo.plan_approval_session()

    pillars = []
    for order, (name, summary) in enumerate(PILLARS):
        pillar, _ = Pillar.objects.update_or_create(
            slug=slugify(name), defaults={"name": name, "summary": summary, "order": order}
        )
        pillars.append(pillar)

    exercise, _ = Exercise.objects.update_or_create(
        number=3,
        defaults={
            "name": "Tercer Ejercicio de Gobierno Abierto Municipal 2025-2027",
            "start_date": date(2025, 2, 4),
            "end_date": date(2027, 9, 30),
            "status": Exercise.Status.IMPLEMENTATION,
        },
    )
    plan, _ = ActionPlan.objects.update_or_create(
        slug="plan-de-accion-2025-2027",
        defaults={
            "exercise": exercise,
            "title": "Plan de Acción Municipal de Gobierno Abierto 2025-2027",
            "version": "1.1",
            "approved_on": date(2025, 8, 29),
            "approved_at_session": approval_session,
            "document_url": "https://www.leon.gob.mx/transparencia/",
            "summary": (
                "Compromisos cocreados en las mesas de junio de 2025 y aprobados por el "
                "Secretariado Técnico en su 2ª Sesión Ordinaria. Los compromisos de este "
                "portal de demostración son datos de ejemplo."
            ),
            "is_published": True,
            "default_progress_source": ProgressSource.INDICATORS,
        },
    )

    axes = {}
    for order, (prefix, name, description) in enumerate(AXES):
        axis, _ = Axis.objects.update_or_create(
            slug=slugify(name),
            defaults={"plan": plan, "name": name, "description": description, "order": order},
        )
        objective, _ = Objective.objects.update_or_create(
            axis=axis,
            code=f"{prefix}-O1",
            defaults={"title": f"Fortalecer {name.lower()} en León (objetivo de ejemplo)"},
        )
        axes[prefix] = objective

    units = {}
    for name, acronym in UNITS:
        units[acronym], _ = ResponsibleUnit.objects.update_or_create(
            acronym=acronym, defaults={"name": name, "slug": slugify(acronym + " " + name)[:50]}
        )
    organizations = []
    for name, kind in ORGANIZATIONS:
        org, _ = Organization.objects.update_or_create(
            slug=slugify(name)[:50],
            defaults={
                "name": name,
                "kind": kind,
                "description": "Organización inventada para los datos de demostración.",
            },
        )
        organizations.append(org)

    levels = list(RatingLevel)
    for dimension, descriptions in RUBRIC.items():
        for level, description in zip(levels, descriptions, strict=True):
            RatingRubric.objects.update_or_create(
                dimension=dimension, level=level, defaults={"description": description}
            )

    rounds = _load_rounds(plan)
    commitments = {}
    for spec in SPECS:
        commitments[spec.code] = _load_commitment(
            spec, plan, axes, units, organizations, pillars, rounds
        )
    _load_modification(commitments["PP-02"])
    _load_assessments(commitments)
    _load_closing_report(commitments["DA-03"])
    _load_previous_exercise(units, pillars)
    return plan


def _load_rounds(plan):
    rounds = []
    for number, (title, period_end, opens, deadline) in enumerate(
        [
            ("Primer corte semestral", date(2026, 2, 28), date(2026, 3, 1), date(2026, 3, 20)),
            ("Segundo corte semestral", date(2026, 8, 31), date(2026, 9, 1), date(2026, 9, 18)),
            ("Tercer corte semestral", date(2027, 2, 28), date(2027, 3, 1), date(2027, 3, 19)),
        ],
        start=1,
    ):
        round_, _ = ReportingRound.objects.update_or_create(
            plan=plan,
            number=number,
            defaults={
                "title": title,
                "period_end": period_end,
                "opens_on": opens,
                "deadline": deadline,
            },
        )
        rounds.append(round_)
    return rounds


def _fraction_on(spec, day):
    """The spec's progress fraction reached by `day` (0 before its first measurement)."""
    reached = 0.0
    for index, fraction in enumerate(spec.history):
        if _date_for(spec, index) <= day:
            reached = fraction
    return reached


def _load_commitment(spec, plan, axes, units, organizations, pillars, rounds):
    prefix = spec.code.split("-")[0]
    description = (
        f"{spec.title}. Compromiso de ejemplo para mostrar cómo se da seguimiento a una acción "
        "del plan; no corresponde a un compromiso real del municipio."
    )
    defaults = {
        "plan": plan,
        "objective": axes[prefix],
        "slug": slugify(f"{spec.code} {spec.title}")[:120],
        "title": spec.title,
        "description": description,
        "unit": units[spec.unit],
        "contact_name": "Enlace de ejemplo",
        "contact_role": "Titular de área",
        "goal": spec.goal,
        "start_date": spec.start,
        "end_date": spec.end,
        "progress_source": spec.source,
        "is_example": True,
        "is_published": True,
        "status_override": spec.override[0] if spec.override else "",
        "override_reason": spec.override[1] if spec.override else "",
        "override_since": date(2026, 11, 10) if spec.override else None,
    }
    commitment, _ = Commitment.objects.update_or_create(
        plan=plan, code=spec.code, defaults=defaults
    )
    chosen = [pillars[i] for i in _pillar_indexes(prefix)]
    commitment.pillars.set(chosen)

    for order, (name, unit, baseline, target, periodicity) in enumerate(spec.indicators):
        direction = Indicator.Direction.UP if target > baseline else Indicator.Direction.DOWN
        indicator, _ = Indicator.objects.update_or_create(
            commitment=commitment,
            order=order,
            defaults={
                "name": name,
                "unit": unit,
                "baseline": Decimal(baseline),
                "target": Decimal(target),
                "direction": direction,
                "periodicity": periodicity,
                "verification_means": (
                    "Reporte de la dependencia publicado en el portal de transparencia "
                    "(medio de verificación de ejemplo)."
                ),
                "verification_url": "https://www.leon.gob.mx/transparencia/",
            },
        )
        for index, fraction in enumerate(spec.history):
            day = _date_for(spec, index)
            value = Decimal(baseline) + (Decimal(target) - Decimal(baseline)) * Decimal(
                str(fraction)
            )
            Measurement.objects.update_or_create(
                indicator=indicator,
                date=day,
                defaults={
                    # Counts, percentages and days: whole numbers, as a unit would report them.
                    "value": value.quantize(Decimal("1")),
                    "narrative": f"Avance reportado por la dependencia al {day:%d/%m/%Y}.",
                    "status": Measurement.Status.PUBLISHED,
                    "published_on": day + timedelta(days=10),
                    "evidence_url": f"{EVIDENCE_BASE}/{spec.code.lower()}/avance-{index + 1}.pdf",
                },
            )

    milestones = _load_milestones(spec, commitment, units)
    _load_reports(spec, commitment, milestones, rounds)

    for unit_or_org, role in spec.co:
        if isinstance(unit_or_org, str):
            CoResponsibility.objects.update_or_create(
                commitment=commitment, unit=units[unit_or_org], defaults={"role": role}
            )
        else:
            CoResponsibility.objects.update_or_create(
                commitment=commitment,
                organization=organizations[unit_or_org],
                defaults={"role": role},
            )

    for dimension, level in zip(Dimension, spec.ratings, strict=True):
        TransversalRating.objects.update_or_create(
            commitment=commitment,
            dimension=dimension,
            defaults={
                "level": level,
                "justification": (
                    f"Valoración de ejemplo: nivel {level} en {dimension.label.lower()} según la "
                    "rúbrica publicada."
                ),
            },
        )
    return commitment


def _pillar_indexes(prefix):
    return {"DA": [0, 4], "PP": [3, 1], "MB": [3, 2], "CJ": [3, 0]}[prefix]


def _load_milestones(spec, commitment, units):
    titles = spec.milestone_titles
    span = (spec.end - spec.start).days
    milestones = []
    final = _fraction_on(spec, DEMO_TODAY)
    for order, title in enumerate(titles):
        start = spec.start + timedelta(days=span * order // len(titles))
        end = spec.start + timedelta(days=span * (order + 1) // len(titles)) - timedelta(days=1)
        # Milestones fill up in order until they account for the commitment's progress.
        share = 1 / len(titles)
        percent = round(max(0.0, min(1.0, (final - order * share) / share)) * 100)
        status = (
            Milestone.Status.COMPLETE
            if percent == 100
            else Milestone.Status.IN_PROGRESS
            if percent > 0
            else Milestone.Status.PENDING
        )
        milestone, _ = Milestone.objects.update_or_create(
            commitment=commitment,
            order=order,
            defaults={
                "title": title,
                "deliverable": f"Entregable de ejemplo: {title.lower()}",
                "unit": units[spec.unit],
                "responsible_person": "Enlace de ejemplo",
                "start_date": start,
                "end_date": end,
                "percent_done": percent,
                "progress_updated_on": date(2026, 10, 15),
                "status": status,
                "narrative": (
                    "Se realizaron las actividades previstas (texto de ejemplo)." if percent else ""
                ),
                "difficulties": "Retrasos en la contratación (ejemplo)."
                if 0 < percent < 100
                else "",
                "success_factors": "Colaboración con la sociedad civil (ejemplo)."
                if percent == 100
                else "",
            },
        )
        if percent > 0:
            Evidence.objects.update_or_create(
                commitment=commitment,
                milestone=milestone,
                title=f"Evidencia: {title}",
                defaults={
                    "date": min(end, DEMO_TODAY),
                    "evidence_url": f"{EVIDENCE_BASE}/{spec.code.lower()}/hito-{order + 1}.pdf",
                },
            )
        milestones.append(milestone)
    return milestones


def _load_reports(spec, commitment, milestones, rounds):
    """Reports for the two past rounds; MB-02 misses the second one, CJ-03 files it late."""
    for round_ in rounds[:2]:
        if round_.number == 2 and spec.code == "MB-02":
            RoundReport.objects.filter(round=round_, commitment=commitment).delete()
            continue
        if commitment.start_date > round_.period_end:
            continue
        late = round_.number == 2 and spec.code == "CJ-03"
        submitted = round_.deadline + timedelta(days=12) if late else round_.deadline
        report, _ = RoundReport.objects.update_or_create(
            round=round_,
            commitment=commitment,
            defaults={
                "narrative": (
                    f"Informe de ejemplo del {round_.title.lower()}: avances del periodo y "
                    "siguientes pasos."
                ),
                "difficulties": "Ninguna relevante (ejemplo)." if not late else "Cambio de enlace.",
                "submitted_on": submitted - timedelta(days=2),
            },
        )
        fraction = _fraction_on(spec, round_.period_end)
        share = 1 / len(milestones)
        for order, milestone in enumerate(milestones):
            percent = round(max(0.0, min(1.0, (fraction - order * share) / share)) * 100)
            RoundReportEntry.objects.update_or_create(
                report=report, milestone=milestone, defaults={"percent": percent}
            )


def _load_modification(commitment):
    """PP-02 was given six more months; its original version stays on record."""
    from secretariat.models import Session

    if commitment.modifications.exists():
        return
    session = Session.objects.order_by("-date").first()
    original = commitment.snapshot()
    original["end_date"] = date(2027, 2, 28).isoformat()
    original["goal"] = "Publicar ficha y avance del 100 % de los proyectos ganadores."
    Modification.objects.create(
        commitment=commitment,
        approved_on=date(2026, 6, 12),
        session=session,
        summary="Se amplía el plazo a agosto de 2027 y se añaden fotografías a la meta.",
        reason=(
            "Las obras ganadoras arrancaron tarde por la licitación; el Secretariado aprobó "
            "ampliar el plazo (modificación de ejemplo)."
        ),
        previous_version=original,
    )


def _load_assessments(commitments):
    A = Assessment
    rows = [
        ("DA-01", True, A.Potential.SUBSTANTIAL, A.Completion.SUBSTANTIAL, A.EarlyResults.MAJOR),
        ("DA-03", True, A.Potential.SUBSTANTIAL, A.Completion.COMPLETE, A.EarlyResults.MAJOR),
        ("PP-01", True, A.Potential.SUBSTANTIAL, A.Completion.LIMITED, A.EarlyResults.MARGINAL),
        ("MB-02", True, A.Potential.MODEST, A.Completion.LIMITED, A.EarlyResults.NO_CHANGE),
        ("CJ-02", False, A.Potential.UNCLEAR, A.Completion.NO_EVIDENCE, ""),
    ]
    for code, verifiable, potential, completion, early in rows:
        Assessment.objects.update_or_create(
            commitment=commitments[code],
            assessed_on=date(2026, 10, 30),
            defaults={
                "assessor": "Comité de monitoreo independiente (ejemplo)",
                "verifiable": verifiable,
                "verifiable_justification": "La meta y sus medios de verificación permiten "
                "comprobar el cumplimiento (ejemplo)."
                if verifiable
                else "La meta no define cómo se comprobará el dictamen (ejemplo).",
                "relevance_access_to_information": code.startswith("DA"),
                "relevance_civic_participation": not code.startswith("DA"),
                "relevance_public_accountability": code in {"DA-03", "MB-02", "CJ-02"},
                "relevance_technology_innovation": code == "DA-01",
                "relevance_justification": "Abre información o espacios de decisión que antes "
                "no estaban disponibles (ejemplo).",
                "potential": potential,
                "potential_justification": "Valoración de ejemplo del potencial.",
                "completion": completion,
                "completion_justification": "Valoración de ejemplo con base en las evidencias.",
                "early_results": early,
                "early_results_justification": "Valoración de ejemplo." if early else "",
            },
        )


def _load_closing_report(commitment):
    ClosingReport.objects.update_or_create(
        commitment=commitment,
        defaults={
            "submitted_on": date(2026, 9, 25),
            "results": "El promedio de respuesta bajó a 8 días hábiles (resultado de ejemplo).",
            "lessons": "El turnado electrónico fue la pieza clave (lección de ejemplo).",
            "evidence_url": f"{EVIDENCE_BASE}/da-03/informe-de-cierre.pdf",
        },
    )


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


def _load_previous_exercise(units, pillars):
    """A closed earlier exercise (invented), so the board can show how past plans ended."""
    exercise, _ = Exercise.objects.update_or_create(
        number=2,
        defaults={
            "name": "Segundo Ejercicio de Gobierno Abierto Municipal (ejemplo)",
            "start_date": date(2022, 3, 1),
            "end_date": date(2024, 9, 30),
            "status": Exercise.Status.CLOSED,
        },
    )
    plan, _ = ActionPlan.objects.update_or_create(
        slug="plan-de-accion-2022-2024-ejemplo",
        defaults={
            "exercise": exercise,
            "title": "Plan de Acción Municipal de Gobierno Abierto 2022-2024 (ejemplo)",
            "approved_on": date(2022, 6, 30),
            "summary": "Ejercicio anterior inventado para mostrar cómo se consultan planes "
            "concluidos; sus compromisos son datos de ejemplo.",
            "is_published": True,
        },
    )
    axis, _ = Axis.objects.update_or_create(
        slug="transparencia-proactiva-2022-2024",
        defaults={
            "plan": plan,
            "name": "Transparencia proactiva",
            "description": "Información publicada sin que nadie la pida (eje de ejemplo).",
        },
    )
    objective, _ = Objective.objects.update_or_create(
        axis=axis,
        code="TP-O1",
        defaults={"title": "Publicar de oficio la información más consultada (ejemplo)"},
    )
    start, end = date(2022, 9, 1), date(2024, 8, 31)
    for code, title, unit, history in PREVIOUS_COMMITMENTS:
        commitment, _ = Commitment.objects.update_or_create(
            plan=plan,
            code=code,
            defaults={
                "objective": objective,
                "slug": slugify(f"{code} {title} 2022")[:120],
                "title": title,
                "description": f"{title}. Compromiso de ejemplo de un ejercicio anterior.",
                "unit": units[unit],
                "goal": "Meta de ejemplo del ejercicio anterior.",
                "start_date": start,
                "end_date": end,
                "is_example": True,
            },
        )
        commitment.pillars.set([pillars[0]])
        indicator, _ = Indicator.objects.update_or_create(
            commitment=commitment,
            order=0,
            defaults={
                "name": "Avance de la publicación",
                "unit": "%",
                "baseline": Decimal(0),
                "target": Decimal(100),
                "periodicity": Indicator.Periodicity.YEARLY,
                "verification_means": "Informe anual de la dependencia (ejemplo).",
            },
        )
        for day, fraction in zip((date(2023, 8, 31), date(2024, 8, 31)), history, strict=True):
            Measurement.objects.update_or_create(
                indicator=indicator,
                date=day,
                defaults={
                    "value": Decimal(round(fraction * 100)),
                    "status": Measurement.Status.PUBLISHED,
                    "published_on": day + timedelta(days=15),
                    "evidence_url": f"{EVIDENCE_BASE}/{code.lower()}/informe-{day.year}.pdf",
                },
            )
