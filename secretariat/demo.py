"""Demo data for the Secretariado: sectors, example members, the 2025 call, sessions and the route.

The dates of the route up to the approval of the plan (29 August 2025) follow León's real 2025
exercise. People, agendas, attendance, agreements and every milestone after the approval are
invented and flagged `is_example`, so the public pages say so.

`load()` is idempotent: every row is found by a natural key and updated in place.
"""

from datetime import date, time

from django.db import transaction
from django.utils.text import slugify

from portal import demo_files
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
        "slug": "3a-sesion-ordinaria-2026",
        "kind": S.ORDINARY,
        "number": 3,
        "date": date(2026, 2, 27),
        "start_time": time(10, 0),
        "place": "Sala de juntas de la Unidad de Transparencia",
        "is_held": True,
        "summary": (
            "Se presentó el primer reporte semestral de avance de los compromisos y se tomó "
            "nota de los cambios en la integración del Secretariado."
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
                "STMGA-2026-03-01",
                "Solicitar a las dependencias con retraso un plan de trabajo para ponerse al día.",
                "Secretaría técnica",
                date(2026, 4, 30),
                A.FULFILLED,
                "Las tres dependencias entregaron su plan de trabajo.",
                date(2026, 4, 28),
            ),
            (
                "STMGA-2026-03-02",
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
        "slug": "4a-sesion-ordinaria-2026",
        "kind": S.ORDINARY,
        "number": 4,
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
        date(2026, 1, 30),
        None,
        ST.DONE,
        "Fecha límite para que cada dependencia reporte el avance del semestre.",
        {},
        True,
    ),
    (
        "Primer reporte semestral ante el Secretariado",
        M.FOLLOW_UP,
        date(2026, 2, 27),
        None,
        ST.DONE,
        "Presentación del avance de los compromisos en la 3ª sesión ordinaria.",
        {"session": "3a-sesion-ordinaria-2026"},
        True,
    ),
    (
        "Segundo corte semestral de avances",
        M.FOLLOW_UP,
        date(2026, 7, 31),
        None,
        ST.DONE,
        "Fecha límite para reportar el avance del segundo semestre.",
        {},
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
        "Los resultados de la revisión se presentan en la 4ª sesión ordinaria.",
        {"session": "4a-sesion-ordinaria-2026"},
        True,
    ),
    (
        "Tercer corte semestral de avances",
        M.FOLLOW_UP,
        date(2027, 1, 29),
        None,
        ST.PLANNED,
        "Fecha límite para reportar el avance del tercer semestre.",
        {},
        True,
    ),
    (
        "Cuarto corte semestral de avances",
        M.FOLLOW_UP,
        date(2027, 7, 30),
        None,
        ST.PLANNED,
        "Último reporte de avance antes del cierre del ejercicio.",
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


def _save(model, lookup, values):
    """Find a row by its natural key, set `values`, validate and save it."""
    obj = model.objects.filter(**lookup).first() or model(**lookup)
    for field, value in values.items():
        setattr(obj, field, value)
    obj.full_clean()
    obj.save()
    return obj


@transaction.atomic
def load():
    sectors = {
        slug: _save(Sector, {"slug": slug}, {"name": name, "order": i, "description": text})
        for i, (slug, name, text) in enumerate(SECTORS, start=1)
    }

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
                "is_example": True,
            },
        )

    sessions = {}
    for spec in SESSIONS:
        session = _save(
            Session,
            {"slug": spec["slug"]},
            {
                key: spec[key]
                for key in ["kind", "number", "date", "start_time", "place", "is_held", "summary"]
            }
            | {"is_example": True},
        )
        sessions[spec["slug"]] = session
        if session.is_held:
            demo_files.attach(
                session,
                "minutes",
                f"acta-{session.slug}.pdf",
                demo_files.pdf(
                    f"Acta: {session.title}",
                    [
                        f"Fecha: {session.date:%d/%m/%Y}. Lugar: {session.place}.",
                        "Documento de ejemplo generado para la demostración del portal.",
                    ],
                ),
            )
            session.save(update_fields=["minutes"])
        for order, (title, description) in enumerate(spec["agenda"], start=1):
            _save(
                AgendaItem,
                {"session": session, "order": order},
                {"title": title, "description": description},
            )
        session.agenda_items.filter(order__gt=len(spec["agenda"])).delete()
        if spec["absent"] is None:
            session.attendance.clear()
        else:
            session.attendance.set(
                member
                for member in members.values()
                if member.term_start <= session.date
                and (member.term_end is None or member.term_end >= session.date)
                and member.name not in spec["absent"]
            )
        for code, text, responsible, due, status, follow_up, updated in spec["agreements"]:
            _save(
                Agreement,
                {"code": code},
                {
                    "session": session,
                    "text": text,
                    "responsible": responsible,
                    "due_date": due,
                    "status": status,
                    "follow_up": follow_up,
                    "updated_on": updated,
                },
            )

    call = _save(
        Call,
        {"slug": "convocatoria-stmga-2025"},
        {
            "title": "Convocatoria para integrar el Secretariado Técnico Municipal de Gobierno "
            "Abierto 2025-2027",
            "published_on": date(2025, 2, 4),
            "deadline": None,
            "text": CALL_TEXT,
        },
    )

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
