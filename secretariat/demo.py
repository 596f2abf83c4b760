"""Demo data for the Secretariado: sectors, example members, the 2025 call, sessions and the route.

The dates of the route up to the approval of the plan (29 August 2025) follow León's real 2025
exercise. People, agendas, attendance, agreements and every milestone after the approval are
invented and flagged `is_example`, so the public pages say so.

`load()` is idempotent: every row is found by a natural key and updated in place.
"""

from datetime import date, time, timedelta

from django.db import transaction
from django.utils.text import slugify

from commitments.demo_story import DEMO_TODAY
from core import clock
from portal import demo_files
from secretariat import services
from secretariat.models import (
    AgendaItem,
    Agreement,
    Call,
    Member,
    RouteMilestone,
    Sector,
    Session,
)

PLAN_APPROVAL_SLUG = "2a-sesion-ordinaria-2025"
# The session that approved the modification of PP-02 (12 June 2026) and the one that heard
# the first semester report, after the first reporting round closed (20 March 2026).
MODIFICATION_SLUG = "1a-sesion-extraordinaria-2026"
FIRST_REPORT_SLUG = "1a-sesion-ordinaria-2026"
TERM_START = date(2025, 4, 30)

SECTORS = [
    ("ciudadania", "Ciudadanía", "Personas que llegan de los consejos ciudadanos del municipio."),
    ("gobierno", "Gobierno", "Dependencias y entidades de la administración municipal."),
    ("academico", "Académico", "Universidades y centros de investigación de la ciudad."),
    ("juvenil", "Juvenil", "Colectivos y organizaciones de personas jóvenes."),
    (
        "grupos-vulnerables",
        "Grupos vulnerables",
        "Organizaciones que acompañan a grupos en situación de vulnerabilidad.",
    ),
    ("empresarial", "Empresarial", "Cámaras y organismos empresariales."),
]

K = Member.Kind
R = Member.Role

# name, sector, kind, role, organization, profile, consents (profile, photo, organization)
MEMBERS = [
    (
        "Lucía Arredondo Paredes",
        "gobierno",
        K.PUBLIC_SERVANT,
        R.PRESIDENCY,
        "Presidencia Municipal",
        "Representa a la Presidencia Municipal en el Secretariado y conduce sus sesiones.",
        (True, True, True),
    ),
    (
        "Mauricio Olvera Sandoval",
        "gobierno",
        K.PUBLIC_SERVANT,
        R.TECHNICAL_SECRETARY,
        "Unidad de Transparencia",
        "Lleva el registro de las sesiones, los acuerdos y el seguimiento del plan.",
        (True, False, True),
    ),
    (
        "Gabriela Ríos Montaño",
        "gobierno",
        K.PUBLIC_SERVANT,
        R.MEMBER,
        "Dirección de Innovación Gubernamental",
        "Acompaña los compromisos de datos abiertos y herramientas digitales.",
        (True, False, True),
    ),
    (
        "Héctor Zamudio Leal",
        "gobierno",
        K.PUBLIC_SERVANT,
        R.MEMBER,
        "Contraloría Municipal",
        "",
        (False, False, True),
    ),
    (
        "Rosa Elena Cárdenas Villalobos",
        "ciudadania",
        K.CITIZEN,
        R.COORDINATOR,
        "Consejo ciudadano de desarrollo urbano",
        "Vecina de la zona poniente; coordina la mesa de participación ciudadana.",
        (True, False, True),
    ),
    (
        "Joaquín Medrano Alcalá",
        "ciudadania",
        K.CITIZEN,
        R.MEMBER,
        "Consejo ciudadano de seguridad",
        "Texto de semblanza que la persona no autorizó publicar.",
        (False, False, False),
    ),
    (
        "Patricia Luna Ybarra",
        "ciudadania",
        K.CITIZEN,
        R.MEMBER,
        "Consejo ciudadano de medio ambiente",
        "Promueve el monitoreo ciudadano de áreas verdes.",
        (True, False, False),
    ),
    (
        "Ernesto Villagómez Tapia",
        "empresarial",
        K.CITIZEN,
        R.MEMBER,
        "Cámara empresarial local",
        "",
        (False, False, True),
    ),
    (
        "Daniela Ochoa Prieto",
        "academico",
        K.PERMANENT_GUEST,
        R.GUEST,
        "Universidad pública de la ciudad",
        "Investiga participación ciudadana y gobiernos locales.",
        (True, False, True),
    ),
    (
        "Iván Castañeda Ruelas",
        "juvenil",
        K.PERMANENT_GUEST,
        R.GUEST,
        "Colectivo juvenil de la zona norte",
        "Impulsa que las personas jóvenes propongan temas al Cabildo.",
        (True, False, True),
    ),
    (
        "Marisol Guerrero Anaya",
        "grupos-vulnerables",
        K.PERMANENT_GUEST,
        R.GUEST,
        "Asociación de personas con discapacidad",
        "",
        (False, False, True),
    ),
]

# Left the Secretariado during the exercise; stays on record.
FORMER_MEMBERS = [
    (
        "Tomás Benavides Orozco",
        "ciudadania",
        K.CITIZEN,
        R.MEMBER,
        "Consejo ciudadano de movilidad",
        date(2026, 1, 31),
    ),
    (
        "Alicia Pedroza Lara",
        "gobierno",
        K.PUBLIC_SERVANT,
        R.ALTERNATE,
        "Tesorería Municipal",
        date(2025, 12, 15),
    ),
]

S = Session.Kind
A = Agreement.Status

SESSIONS = [
    {
        "slug": "sesion-de-instalacion-2025",
        "kind": S.INSTALLATION,
        "number": 1,
        "date": date(2025, 4, 30),
        "start_time": time(10, 0),
        "place": "Salón del Ayuntamiento, Palacio Municipal",
        "is_held": True,
        "summary": (
            "Se instaló el Secretariado para el ejercicio 2025-2027, sus integrantes rindieron "
            "protesta y se presentó la ruta para construir el plan. Se sumó la figura de "
            "invitadas e invitados permanentes."
        ),
        "agenda": [
            ("Lista de asistencia y declaración de quórum", ""),
            ("Mensaje de bienvenida", ""),
            ("Toma de protesta de las personas integrantes", ""),
            (
                "Presentación de la ruta metodológica 2025",
                "Etapas, fechas tentativas y papel del Secretariado en cada una.",
            ),
            ("Incorporación de invitadas e invitados permanentes", ""),
            ("Asuntos generales", ""),
        ],
        "absent": ["Ernesto Villagómez Tapia"],
        "agreements": [
            (
                "STMGA-2025-I-01",
                "Se aprueba el calendario de sesiones ordinarias para 2025.",
                "Secretaría técnica",
                date(2025, 5, 15),
                A.FULFILLED,
                "Calendario enviado a todas las personas integrantes el 6 de mayo.",
                date(2025, 5, 6),
            ),
            (
                "STMGA-2025-I-02",
                "Se aprueba la ruta metodológica para construir el Plan de Acción 2025-2027.",
                "Secretariado Técnico",
                date(2025, 4, 30),
                A.FULFILLED,
                "Aprobada por unanimidad en la misma sesión.",
                date(2025, 4, 30),
            ),
            (
                "STMGA-2025-I-03",
                "Organizar talleres de sensibilización para integrantes y personal municipal.",
                "Unidad de Transparencia",
                date(2025, 5, 31),
                A.FULFILLED,
                "Se impartieron talleres entre abril y mayo.",
                date(2025, 6, 2),
            ),
        ],
    },
    {
        "slug": "1a-sesion-ordinaria-2025",
        "kind": S.ORDINARY,
        "number": 1,
        "date": date(2025, 6, 27),
        "start_time": time(9, 30),
        "place": "Sala de juntas de la Unidad de Transparencia",
        "is_held": True,
        "summary": (
            "Se revisaron los resultados de la encuesta de diagnóstico y de las cuatro jornadas "
            "de mesas de cocreación, y se acordó cómo integrar el informe de resultados."
        ),
        "agenda": [
            ("Lista de asistencia y declaración de quórum", ""),
            ("Resultados de la encuesta ciudadana de diagnóstico", ""),
            ("Relatoría de las mesas de cocreación", "Cuatro jornadas, del 9 al 12 de junio."),
            ("Estructura del informe de resultados", ""),
            ("Asuntos generales", ""),
        ],
        "absent": ["Héctor Zamudio Leal", "Marisol Guerrero Anaya"],
        "agreements": [
            (
                "STMGA-2025-01-01",
                "Integrar el informe de resultados de las mesas de cocreación durante julio.",
                "Secretaría técnica",
                date(2025, 7, 31),
                A.FULFILLED,
                "Informe concluido y compartido con el Secretariado.",
                date(2025, 7, 30),
            ),
            (
                "STMGA-2025-01-02",
                "Publicar en datos abiertos las respuestas anonimizadas de la encuesta.",
                "Dirección de Innovación Gubernamental",
                date(2025, 9, 30),
                A.IN_PROGRESS,
                "La base está anonimizada; falta revisar el diccionario de datos.",
                date(2026, 10, 14),
            ),
        ],
    },
    {
        "slug": PLAN_APPROVAL_SLUG,
        "kind": S.ORDINARY,
        "number": 2,
        "date": date(2025, 8, 29),
        "start_time": time(10, 0),
        "place": "Salón del Ayuntamiento, Palacio Municipal",
        "is_held": True,
        "summary": (
            "El Secretariado aprobó el Plan de Acción Municipal de Gobierno Abierto 2025-2027, "
            "que incluye datos abiertos, presupuesto participativo, Mi Barrio Habla y Cabildo "
            "Abierto Juvenil, y definió cómo se dará seguimiento a sus compromisos."
        ),
        "agenda": [
            ("Lista de asistencia y declaración de quórum", ""),
            ("Presentación del proyecto de Plan de Acción 2025-2027", ""),
            ("Discusión y, en su caso, aprobación del Plan de Acción", ""),
            (
                "Mecanismo de seguimiento",
                "Reportes semestrales de avance y tablero público.",
            ),
            ("Asuntos generales", ""),
        ],
        "absent": [],
        "agreements": [
            (
                "STMGA-2025-02-01",
                "Se aprueba el Plan de Acción Municipal de Gobierno Abierto 2025-2027.",
                "Secretariado Técnico",
                date(2025, 8, 29),
                A.FULFILLED,
                "Aprobado por unanimidad.",
                date(2025, 8, 29),
            ),
            (
                "STMGA-2025-02-02",
                "Publicar el plan aprobado en la página de la Unidad de Transparencia.",
                "Unidad de Transparencia",
                date(2025, 9, 15),
                A.FULFILLED,
                "Publicado en el portal municipal de transparencia.",
                date(2025, 9, 10),
            ),
            (
                "STMGA-2025-02-03",
                "Poner en línea un tablero público con el avance de cada compromiso.",
                "Dirección de Innovación Gubernamental",
                date(2026, 3, 31),
                A.IN_PROGRESS,
                "El tablero está en pruebas con datos de ejemplo.",
                date(2026, 11, 3),
            ),
            (
                "STMGA-2025-02-04",
                "Capacitar a las personas enlace de cada dependencia en el reporte de avances.",
                "Unidad de Transparencia",
                date(2025, 10, 31),
                A.FULFILLED,
                "Se capacitó a las personas enlace en dos grupos.",
                date(2025, 10, 24),
            ),
            (
                "STMGA-2025-02-05",
                "Presentar una propuesta de indicadores transversales de participación.",
                "Coordinación de la mesa de participación ciudadana",
                date(2026, 12, 11),
                A.PENDING,
                "",
                date(2025, 8, 29),
            ),
        ],
    },
    {
        "slug": FIRST_REPORT_SLUG,
        "kind": S.ORDINARY,
        "number": 1,
        "date": date(2026, 4, 24),
        "start_time": time(10, 0),
        "place": "Sala de juntas de la Unidad de Transparencia",
        "is_held": True,
        "summary": (
            "Se presentó el primer reporte semestral de avance de los compromisos (el corte "
            "cerró el 28 de febrero y las dependencias entregaron sus reportes hasta el 20 de "
            "marzo) y se tomó nota de los cambios en la integración del Secretariado."
        ),
        "agenda": [
            ("Lista de asistencia y declaración de quórum", ""),
            ("Primer reporte semestral de avance", ""),
            ("Cambios en la integración del Secretariado", ""),
            ("Asuntos generales", ""),
        ],
        "absent": ["Iván Castañeda Ruelas"],
        "agreements": [
            (
                "STMGA-2026-01-01",
                "Solicitar a las dependencias con retraso un plan de trabajo para ponerse al día.",
                "Secretaría técnica",
                date(2026, 5, 29),
                A.FULFILLED,
                "Las dependencias entregaron su plan de trabajo.",
                date(2026, 5, 27),
            ),
            (
                "STMGA-2026-01-02",
                "Pedir al consejo ciudadano de movilidad que proponga a otra persona integrante.",
                "Presidencia",
                date(2026, 6, 30),
                A.PENDING,
                "Se envió la invitación; el consejo no ha respondido.",
                date(2026, 9, 1),
            ),
        ],
    },
    {
        "slug": MODIFICATION_SLUG,
        "kind": S.EXTRAORDINARY,
        "number": 1,
        "date": date(2026, 6, 12),
        "start_time": time(12, 0),
        "place": "Sala de juntas de la Unidad de Transparencia",
        "is_held": True,
        "summary": (
            "Sesión extraordinaria para resolver la solicitud de ampliar el plazo del "
            "compromiso de presupuesto participativo PP-02."
        ),
        "agenda": [
            ("Lista de asistencia y declaración de quórum", ""),
            ("Solicitud de modificación del compromiso PP-02", ""),
        ],
        "absent": ["Ernesto Villagómez Tapia", "Daniela Ochoa Prieto"],
        "agreements": [
            (
                "STMGA-2026-E1-01",
                "Se aprueba ampliar hasta agosto de 2027 el plazo del compromiso PP-02 y añadir "
                "fotografías de cada obra a su meta.",
                "Secretariado Técnico",
                date(2026, 6, 12),
                A.FULFILLED,
                "Aprobado por mayoría; la versión original queda publicada en el compromiso.",
                date(2026, 6, 12),
            ),
        ],
    },
    {
        "slug": "2a-sesion-ordinaria-2026",
        "kind": S.ORDINARY,
        "number": 2,
        "date": date(2026, 10, 9),
        "start_time": time(10, 0),
        "place": "Salón del Ayuntamiento, Palacio Municipal",
        "is_held": True,
        "summary": (
            "Se presentó el segundo reporte semestral (corte al 31 de agosto, reportes "
            "entregados hasta el 18 de septiembre) y arrancó la revisión de medio término."
        ),
        "agenda": [
            ("Lista de asistencia y declaración de quórum", ""),
            ("Segundo reporte semestral de avance", ""),
            ("Arranque de la revisión de medio término", ""),
            ("Asuntos generales", ""),
        ],
        "absent": ["Joaquín Medrano Alcalá"],
        "agreements": [
            (
                "STMGA-2026-02-01",
                "Pedir a la dependencia responsable de MB-02 el reporte del segundo corte, "
                "que no entregó.",
                "Secretaría técnica",
                date(2026, 10, 30),
                A.PENDING,
                "Se envió el recordatorio por oficio el 12 de octubre.",
                date(2026, 10, 12),
            ),
            (
                "STMGA-2026-02-02",
                "Revisar compromiso por compromiso el avance de medio término y presentar "
                "los resultados en la siguiente sesión ordinaria.",
                "Coordinación de la mesa de participación ciudadana",
                date(2026, 12, 11),
                A.IN_PROGRESS,
                "Se han revisado 10 de los 16 compromisos.",
                date(2026, 11, 20),
            ),
        ],
    },
    {
        "slug": "3a-sesion-ordinaria-2026",
        "kind": S.ORDINARY,
        "number": 3,
        "date": date(2026, 12, 11),
        "start_time": time(10, 0),
        "place": "Salón del Ayuntamiento, Palacio Municipal",
        "is_held": False,
        "summary": "Se presentarán los resultados de la revisión de medio término.",
        "agenda": [
            ("Lista de asistencia y declaración de quórum", ""),
            ("Resultados de la revisión de medio término", ""),
            ("Propuesta de indicadores transversales de participación", ""),
            ("Asuntos generales", ""),
        ],
        "absent": None,
        "agreements": [],
    },
]

# The commitments (by code in the current plan) each agreement concerns.
AGREEMENT_COMMITMENTS = {
    "STMGA-2025-01-02": ["DA-01"],
    "STMGA-2026-01-01": ["MB-02", "CJ-03"],
    "STMGA-2026-E1-01": ["PP-02"],
    "STMGA-2026-02-01": ["MB-02"],
}

M = RouteMilestone.Stage
ST = RouteMilestone.Status

# title, stage, start, end, status, description, links, is_example (listed in route order)
ROUTE = [
    (
        "Convocatoria para integrar el Secretariado",
        M.CALL,
        date(2025, 2, 4),
        None,
        ST.DONE,
        "Se invitó al sistema de consejos municipales a proponer integrantes del Secretariado.",
        {"call": "convocatoria-stmga-2025"},
        False,
    ),
    (
        "Firma de la Declaratoria de Estado Abierto Guanajuato 2025-2027",
        M.DECLARATION,
        date(2025, 3, 14),
        None,
        ST.DONE,
        "El Ayuntamiento de León se sumó a la declaratoria estatal de gobierno abierto.",
        {},
        False,
    ),
    (
        "Instalación del Secretariado Técnico",
        M.INSTALLATION,
        date(2025, 4, 30),
        None,
        ST.DONE,
        "Se instaló el Secretariado 2025-2027, con invitadas e invitados permanentes.",
        {"session": "sesion-de-instalacion-2025"},
        False,
    ),
    (
        "Talleres de sensibilización y capacitación",
        M.TRAINING,
        date(2025, 4, 1),
        date(2025, 5, 31),
        ST.DONE,
        "Talleres para integrantes y personal municipal sobre qué es el gobierno abierto y "
        "qué le toca a cada quien.",
        {},
        False,
    ),
    (
        "Encuesta ciudadana de diagnóstico",
        M.SURVEY,
        date(2025, 5, 16),
        date(2025, 5, 23),
        ST.DONE,
        "Una encuesta abierta para saber qué problemas preocupan más a la ciudadanía.",
        {},
        False,
    ),
    (
        "Mesas de cocreación",
        M.COCREATION,
        date(2025, 6, 9),
        date(2025, 6, 12),
        ST.DONE,
        "Cuatro jornadas con comités de colonos, cámaras, colegios, organizaciones civiles, "
        "academia y ciudadanía para proponer soluciones.",
        {},
        False,
    ),
    (
        "Informe de resultados de las mesas",
        M.RESULTS,
        date(2025, 7, 1),
        date(2025, 7, 31),
        ST.DONE,
        "Reúne y ordena las propuestas de las mesas; de ahí salen los indicadores del plan.",
        {},
        False,
    ),
    (
        "Aprobación del Plan de Acción 2025-2027",
        M.APPROVAL,
        date(2025, 8, 29),
        None,
        ST.DONE,
        "El Secretariado aprobó el plan en su segunda sesión ordinaria.",
        {
            "session": PLAN_APPROVAL_SLUG,
            "document_url": "https://www.leon.gob.mx/transparencia/",
        },
        False,
    ),
    (
        "Implementación de los compromisos",
        M.IMPLEMENTATION,
        date(2025, 9, 1),
        date(2027, 8, 31),
        ST.IN_PROGRESS,
        "Las dependencias responsables ejecutan las acciones de cada compromiso.",
        {},
        True,
    ),
    (
        "Primer corte semestral de avances",
        M.FOLLOW_UP,
        date(2026, 3, 20),
        None,
        ST.DONE,
        "Fecha límite para que cada dependencia reporte el avance del semestre que cerró el "
        "28 de febrero.",
        {},
        True,
    ),
    (
        "Primer reporte semestral ante el Secretariado",
        M.FOLLOW_UP,
        date(2026, 4, 24),
        None,
        ST.DONE,
        "Presentación del avance de los compromisos en la 1ª sesión ordinaria de 2026.",
        {"session": FIRST_REPORT_SLUG},
        True,
    ),
    (
        "Segundo corte semestral de avances",
        M.FOLLOW_UP,
        date(2026, 9, 18),
        None,
        ST.DONE,
        "Fecha límite para reportar el avance del semestre que cerró el 31 de agosto.",
        {},
        True,
    ),
    (
        "Segundo reporte semestral ante el Secretariado",
        M.FOLLOW_UP,
        date(2026, 10, 9),
        None,
        ST.DONE,
        "Presentación del avance en la 2ª sesión ordinaria de 2026.",
        {"session": "2a-sesion-ordinaria-2026"},
        True,
    ),
    (
        "Revisión de medio término",
        M.EVALUATION,
        date(2026, 10, 5),
        date(2026, 12, 4),
        ST.IN_PROGRESS,
        "El Secretariado revisa compromiso por compromiso si el plan va como se esperaba y "
        "qué ajustes hacen falta.",
        {},
        True,
    ),
    (
        "Presentación de la revisión de medio término",
        M.FOLLOW_UP,
        date(2026, 12, 11),
        None,
        ST.PLANNED,
        "Los resultados de la revisión se presentan en la 3ª sesión ordinaria de 2026.",
        {"session": "3a-sesion-ordinaria-2026"},
        True,
    ),
    (
        "Tercer corte semestral de avances",
        M.FOLLOW_UP,
        date(2027, 3, 19),
        None,
        ST.PLANNED,
        "Fecha límite para reportar el avance del tercer semestre.",
        {},
        True,
    ),
    (
        "Cuarto corte semestral de avances",
        M.FOLLOW_UP,
        date(2027, 9, 17),
        None,
        ST.PLANNED,
        "Último reporte de avance: el semestre que cierra el 31 de agosto de 2027.",
        {},
        True,
    ),
    (
        "Autoevaluación final del ejercicio",
        M.EVALUATION,
        date(2027, 8, 2),
        date(2027, 9, 30),
        ST.PLANNED,
        "Gobierno y ciudadanía valoran qué se cumplió, qué no y qué aprender para el siguiente "
        "ejercicio.",
        {},
        True,
    ),
]


UNIT_RESPONSIBLES = ["Unidad de Transparencia"]


def _save(model, lookup, values):
    """Find a row by its natural key, set `values`, validate and save it."""
    obj = model.objects.filter(**lookup).first() or model(**lookup)
    for field, value in values.items():
        setattr(obj, field, value)
    return services.save(instance=obj)


@transaction.atomic
def load():
    sectors = {
        slug: _save(Sector, {"slug": slug}, {"name": name, "order": i, "description": text})
        for i, (slug, name, text) in enumerate(SECTORS, start=1)
    }

    call = _save(
        Call,
        {"slug": "convocatoria-stmga-2025"},
        {
            "title": "Convocatoria para integrar el Secretariado Técnico Municipal de Gobierno "
            "Abierto 2025-2027",
            "published_on": date(2025, 2, 4),
            "deadline": date(2025, 3, 7),
            "text": CALL_TEXT,
            "requirements": CALL_REQUIREMENTS,
            "outcome": CALL_OUTCOME,
            "is_example": True,
        },
    )

    members = {}
    for i, (name, sector, kind, role, organization, profile, consents) in enumerate(MEMBERS):
        publish_profile, publish_photo, publish_organization = consents
        members[name] = _save(
            Member,
            {"name": name},
            {
                "sector": sectors[sector],
                "kind": kind,
                "role": role,
                "organization": organization,
                "profile": profile,
                "term_start": TERM_START,
                "term_end": None,
                "is_active": True,
                "email": _example_email(name),
                "phone": f"477 555 {i:04d}",
                "publish_profile": publish_profile,
                "publish_photo": publish_photo,
                "publish_organization": publish_organization,
                "joined_through_call": call if kind == K.CITIZEN else None,
                "is_example": True,
            },
        )
    for name, sector, kind, role, organization, term_end in FORMER_MEMBERS:
        members[name] = _save(
            Member,
            {"name": name},
            {
                "sector": sectors[sector],
                "kind": kind,
                "role": role,
                "organization": organization,
                "term_start": TERM_START,
                "term_end": term_end,
                "is_active": False,
                "email": _example_email(name),
                "publish_organization": True,
                "joined_through_call": call if kind == K.CITIZEN else None,
                "is_example": True,
            },
        )

    sessions = {}
    for spec in SESSIONS:
        sessions[spec["slug"]] = _tell_session(spec, members)

    for order, (title, stage, start, end, status, text, links, example) in enumerate(
        ROUTE, start=1
    ):
        _save(
            RouteMilestone,
            {"title": title},
            {
                "order": order,
                "stage": stage,
                "start_date": start,
                "end_date": end,
                "status": status,
                "description": text,
                "session": sessions.get(links.get("session")),
                "call": call if links.get("call") else None,
                "document_url": links.get("document_url", ""),
                "survey_url": links.get("survey_url", ""),
                "is_example": example,
            },
        )


# The demo's record has dates: each session announced two weeks ahead, its signed minutes
# uploaded ten days after it, its agreements recorded on its day and followed on theirs.
ANNOUNCED_AHEAD = timedelta(days=14)
MINUTES_AFTER = timedelta(days=10)


def _tell_session(spec, members):
    session = Session.objects.filter(slug=spec["slug"]).first() or Session(slug=spec["slug"])
    for key in ["kind", "number", "date", "start_time", "place", "summary"]:
        setattr(session, key, spec[key])
    session.is_example = True
    session.is_held = False
    with clock.moment(min(session.date - ANNOUNCED_AHEAD, DEMO_TODAY)):
        services.save_session(session=session, attendance=[])
        for order, (title, description) in enumerate(spec["agenda"], start=1):
            _save(
                AgendaItem,
                {"session": session, "order": order},
                {"title": title, "description": description},
            )
        for item in session.agenda_items.filter(order__gt=len(spec["agenda"])):
            services.delete(instance=item)
    if spec["is_held"]:
        present = [
            member
            for member in members.values()
            if member.in_office_on(session.date) and member.name not in (spec["absent"] or [])
        ]
        session.is_held = True
        with clock.moment(session.date):
            services.save_session(
                session=session, attendance=present if spec["absent"] is not None else []
            )
        with clock.moment(min(session.date + MINUTES_AFTER, DEMO_TODAY)):
            demo_files.attach(
                session,
                "minutes",
                f"acta-{session.slug}.pdf",
                demo_files.pdf(
                    f"Acta firmada: {session.title}",
                    [
                        f"Fecha: {session.date:%d/%m/%Y}. Lugar: {session.place}.",
                        "Documento de ejemplo generado para la demostración del portal.",
                    ],
                ),
            )
            services.save(instance=session)
    for code, text, responsible, due, status, note, updated in spec["agreements"]:
        with clock.moment(min(session.date, DEMO_TODAY)):
            # Linked to its unit by `link_commitments` on an earlier load: keep the link.
            linked = Agreement.objects.filter(code=code, responsible_unit__name=responsible)
            agreement = _save(
                Agreement,
                {"code": code},
                {
                    "session": session,
                    "text": text,
                    "responsible": "" if linked.exists() else responsible,
                    "due_date": due,
                },
            )
        if not agreement.follow_ups.exists():
            _follow(agreement, status, note, updated)
    return session


def _follow(agreement, status, note, updated):
    """pendiente on the session's day, en proceso halfway, then the status it reached."""
    A = Agreement.Status
    start = agreement.session.date
    steps = [(start, A.PENDING, "")]
    if status != A.PENDING and updated > start:
        if status == A.FULFILLED and (updated - start).days > 1:
            steps.append((start + (updated - start) / 2, A.IN_PROGRESS, ""))
        steps.append((updated, status, note))
    else:
        steps = [(max(start, updated), status, note)]
    for day, step_status, text in steps:
        with clock.moment(min(day, DEMO_TODAY)):
            services.record_follow_up(agreement=agreement, status=step_status, date=day, note=text)


def link_commitments():
    """Link the demo agreements to the commitments they concern, once the plan is loaded."""
    from commitments.models import ActionPlan, ResponsibleUnit

    plan = ActionPlan.objects.current()
    if plan is None:
        return
    # An agreement whose responsible is a unit of the plan links to it.
    for unit in ResponsibleUnit.objects.filter(name__in=UNIT_RESPONSIBLES):
        for agreement in Agreement.objects.filter(responsible=unit.name):
            agreement.responsible_unit, agreement.responsible = unit, ""
            services.save(instance=agreement)
    _sign_offs(plan)
    for code, commitment_codes in AGREEMENT_COMMITMENTS.items():
        agreement = Agreement.objects.filter(code=code).first()
        if agreement is not None:
            services.set_agreement_commitments(
                agreement=agreement,
                commitments=plan.commitments.filter(code__in=commitment_codes),
            )


# Example sign-offs of the first closed round: two citizens and a permanent guest.
SIGN_OFFS = [
    ("de_acuerdo", "El informe coincide con lo revisado en las mesas (opinión de ejemplo)."),
    (
        "con_observaciones",
        "De acuerdo, pero faltan evidencias públicas de dos hitos (opinión de ejemplo).",
    ),
    (
        "en_desacuerdo",
        "El avance reportado de un compromiso no se ve en campo (opinión de ejemplo).",
    ),
]


def _sign_offs(plan):
    first = plan.rounds.filter(deadline__lt=DEMO_TODAY).order_by("number").first()
    if first is None or first.sign_offs.exists():
        return
    signers = [
        *Member.objects.filter(kind=K.CITIZEN).in_office(DEMO_TODAY).order_by("name")[:2],
        *Member.objects.filter(kind=K.PERMANENT_GUEST).in_office(DEMO_TODAY).order_by("name")[:1],
    ]
    for days, (member, (opinion, text)) in enumerate(zip(signers, SIGN_OFFS, strict=False), 3):
        with clock.moment(min(first.deadline + timedelta(days=days), DEMO_TODAY)):
            services.sign_off(round=first, member=member, opinion=opinion, text=text)


def plan_approval_session():
    """The 2ª Sesión Ordinaria of 2025, where the action plan was approved."""
    session = Session.objects.filter(slug=PLAN_APPROVAL_SLUG).first()
    if session is None:
        load()
        session = Session.objects.get(slug=PLAN_APPROVAL_SLUG)
    return session


def _example_email(name):
    user = ".".join(slugify(word) for word in name.split()[:2])
    return f"{user}@ejemplo.invalid"


CALL_TEXT = """\
La Presidencia Municipal invitó al sistema de consejos de la administración pública municipal \
a proponer personas para integrar el Secretariado Técnico Municipal de Gobierno Abierto durante \
el periodo 2025-2027.

El Secretariado es el espacio donde instituciones públicas y representantes de la sociedad \
civil coordinan la elaboración del Plan de Acción Municipal de Gobierno Abierto y le dan \
seguimiento.

Este resumen se redactó para el portal; el documento oficial con requisitos y fundamentos \
legales se publicó en el sitio del municipio."""

# Invented for the demo, like the deadline: the official call lists its own.
CALL_REQUIREMENTS = """\
Formar parte de un consejo ciudadano municipal en funciones.
Vivir en el municipio de León.
No ocupar un cargo de elección popular ni de dirección en un partido político.
Presentar una carta de motivos y la propuesta firmada por su consejo."""

CALL_OUTCOME = """\
Los consejos propusieron a once personas; el Secretariado se instaló el 30 de abril de 2025 \
con cinco integrantes de la ciudadanía que llegaron por esta convocatoria."""
