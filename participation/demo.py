"""Demo data for participation: León's diagnostic survey and co-creation tables with their
real dates (16 to 23 May and 9 to 12 June 2025, results report in July 2025), and invented
aggregates, attendance, proposals and fates, each marked as example data.

Written through `participation.services` at the moments they happened (`clock.moment`), so
`?fecha=` shows the story as it unfolded: proposals recorded at their table, fates public
with the plan (10 September 2025), and one fate changed in June 2026.
"""

from datetime import date

from commitments.models import Commitment, Milestone
from core import clock
from participation import services
from participation.models import (
    CocreationTable,
    Origin,
    Outcome,
    Proposal,
    ResultsReport,
    Sector,
    Survey,
    Theme,
)
from portal import demo_files

EXAMPLE = "Dato de ejemplo."
SURVEY_END = date(2025, 5, 23)
REPORT_DAY = date(2025, 7, 31)
FATES_DECIDED = date(2025, 8, 29)  # The plan's approval
FATES_PUBLISHED = date(2025, 9, 10)  # The plan on the portal
FATE_CHANGED = date(2026, 6, 19)

THEMES = [
    ("datos-abiertos", "Datos abiertos"),
    ("presupuesto-participativo", "Presupuesto participativo"),
    ("mi-barrio-habla", "Mi Barrio Habla"),
    ("juventudes", "Cabildo Abierto Juvenil"),
    ("seguridad-y-movilidad", "Seguridad y movilidad"),
]
# Example English names of two themes; the others fall back to Spanish on the English site.
ENGLISH_THEMES = {
    "datos-abiertos": "Open data",
    "presupuesto-participativo": "Participatory budgeting",
}

S = Sector
# day, theme, {sector: attendance}, facilitating organisations (invented)
TABLES = [
    (
        date(2025, 6, 9),
        "datos-abiertos",
        {S.ACADEMIA: 14, S.CIVIL_SOCIETY: 11, S.PROFESSIONALS: 6, S.CITIZENS: 9},
        ["Observatorio Ciudadano de León (ejemplo)", "Colectivo Datos del Bajío (ejemplo)"],
    ),
    (
        date(2025, 6, 10),
        "presupuesto-participativo",
        {S.NEIGHBOURS: 22, S.CIVIL_SOCIETY: 7, S.BUSINESS: 5, S.CITIZENS: 12},
        ["Red de Comités Vecinales (ejemplo)"],
    ),
    (
        date(2025, 6, 11),
        "mi-barrio-habla",
        {S.NEIGHBOURS: 26, S.CIVIL_SOCIETY: 9, S.ACADEMIA: 4, S.CITIZENS: 15},
        [
            "Red de Comités Vecinales (ejemplo)",
            "Universidad del Bajío, área de extensión (ejemplo)",
        ],
    ),
    (
        date(2025, 6, 12),
        "juventudes",
        {S.ACADEMIA: 18, S.BUSINESS: 4, S.PROFESSIONALS: 5, S.CITIZENS: 21},
        ["Consejo Juvenil Leonés (ejemplo)"],
    ),
]

QUESTIONS = [
    (
        "¿Qué tema debería atender primero el plan de gobierno abierto?",
        [
            ("Seguridad y movilidad", 412),
            ("Uso del presupuesto", 318),
            ("Servicios públicos en mi colonia", 276),
            ("Información pública y datos", 154),
            ("Participación de las juventudes", 88),
        ],
    ),
    (
        "¿Has participado antes en un ejercicio de participación del municipio?",
        [("Sí", 381), ("No", 803), ("No recuerdo", 64)],
    ),
    (
        "¿Cómo prefieres conocer el avance de los compromisos?",
        [
            ("Un tablero en internet", 590),
            ("Reuniones en la colonia", 297),
            ("Redes sociales", 301),
            ("Informes impresos", 60),
        ],
    ),
]
RESPONSES = 1248

# number, origin (table day or None for the survey), sector, theme, text
PROPOSALS = [
    (
        1,
        None,
        "",
        "seguridad-y-movilidad",
        "Publicar en un mapa los reportes de alumbrado y baches de cada colonia.",
    ),
    (
        2,
        None,
        "",
        "presupuesto-participativo",
        "Que la ciudadanía vea en qué se gastó el presupuesto participativo de cada año.",
    ),
    (3, None, "", "datos-abiertos", "Abrir los datos de calidad del aire por zona de la ciudad."),
    (4, None, "", "seguridad-y-movilidad", "Crear rutas seguras para ir caminando a las escuelas."),
    (
        5,
        None,
        "",
        "juventudes",
        "Tener un espacio donde las juventudes propongan proyectos al Ayuntamiento.",
    ),
    (6, None, "", "datos-abiertos", "Responder más rápido las solicitudes de información."),
    (
        7,
        date(2025, 6, 9),
        S.ACADEMIA,
        "datos-abiertos",
        "Un catálogo único de datos abiertos con diccionario de cada conjunto.",
    ),
    (
        8,
        date(2025, 6, 9),
        S.CIVIL_SOCIETY,
        "datos-abiertos",
        "Publicar el avance físico y financiero de cada obra pública.",
    ),
    (
        9,
        date(2025, 6, 9),
        S.PROFESSIONALS,
        "datos-abiertos",
        "Datos de obra pública con fotografías de su avance.",
    ),
    (
        10,
        date(2025, 6, 9),
        S.CITIZENS,
        "datos-abiertos",
        "Publicar los datos de ruido por colonia junto con los del aire.",
    ),
    (
        11,
        date(2025, 6, 9),
        S.ACADEMIA,
        "datos-abiertos",
        "Convenios con universidades para analizar los datos publicados.",
    ),
    (
        12,
        date(2025, 6, 10),
        S.NEIGHBOURS,
        "presupuesto-participativo",
        "Capacitar a los comités vecinales para formular sus proyectos.",
    ),
    (
        13,
        date(2025, 6, 10),
        S.NEIGHBOURS,
        "presupuesto-participativo",
        "Dar seguimiento público a las obras elegidas por votación.",
    ),
    (
        14,
        date(2025, 6, 10),
        S.BUSINESS,
        "presupuesto-participativo",
        "Un padrón de todos los proyectos participativos de años anteriores.",
    ),
    (
        15,
        date(2025, 6, 10),
        S.CITIZENS,
        "presupuesto-participativo",
        "Votar los proyectos también por internet.",
    ),
    (
        16,
        date(2025, 6, 10),
        S.CIVIL_SOCIETY,
        "presupuesto-participativo",
        "Duplicar el monto del presupuesto participativo.",
    ),
    (
        17,
        date(2025, 6, 11),
        S.NEIGHBOURS,
        "mi-barrio-habla",
        "Mesas de diálogo en las colonias con más rezago.",
    ),
    (
        18,
        date(2025, 6, 11),
        S.NEIGHBOURS,
        "mi-barrio-habla",
        "Publicar qué se acordó en cada reunión vecinal y en qué va.",
    ),
    (
        19,
        date(2025, 6, 11),
        S.CIVIL_SOCIETY,
        "mi-barrio-habla",
        "Formar promotoras y promotores vecinales de gobierno abierto.",
    ),
    (
        20,
        date(2025, 6, 11),
        S.CITIZENS,
        "seguridad-y-movilidad",
        "Más vigilancia policial en los parques por la noche.",
    ),
    (
        21,
        date(2025, 6, 11),
        S.ACADEMIA,
        "mi-barrio-habla",
        "Un mapa de los reportes ciudadanos por colonia.",
    ),
    (
        22,
        date(2025, 6, 12),
        S.CITIZENS,
        "juventudes",
        "Sesiones del Cabildo Abierto Juvenil con temas propuestos por jóvenes.",
    ),
    (
        23,
        date(2025, 6, 12),
        S.ACADEMIA,
        "juventudes",
        "Que el Ayuntamiento responda por escrito cada propuesta juvenil.",
    ),
    (
        24,
        date(2025, 6, 12),
        S.BUSINESS,
        "juventudes",
        "Un laboratorio de innovación cívica con empresas y universidades.",
    ),
    (
        25,
        date(2025, 6, 12),
        S.PROFESSIONALS,
        "juventudes",
        "Explicar el presupuesto municipal en lenguaje sencillo para jóvenes.",
    ),
    (
        26,
        date(2025, 6, 12),
        S.CITIZENS,
        "juventudes",
        "Becas para jóvenes que participen en los proyectos.",
    ),
]

INC, MER, DEF, NOT = Outcome.INCORPORATED, Outcome.MERGED, Outcome.DEFERRED, Outcome.NOT_TAKEN
# number: (outcome, commitment code or merged proposal number or None, milestone title, reason)
FATES = {
    1: (INC, "MB-03", "", "Se atiende con el mapa de reportes de servicios públicos por colonia."),
    2: (INC, "PP-02", "", "Es el objeto del compromiso de seguimiento de las obras."),
    3: (
        INC,
        "DA-04",
        "Publicación en el portal de datos",
        "Los datos del aire se publicarán en el portal.",
    ),
    4: (DEF, None, "", "Requiere un estudio de movilidad que no cabe en este ejercicio."),
    5: (MER, 22, "", "Coincide con la propuesta de sesiones del Cabildo Abierto Juvenil."),
    6: (INC, "DA-03", "", "El compromiso reduce los plazos de respuesta."),
    7: (INC, "DA-01", "Norma técnica de publicación", "El catálogo se publica con su diccionario."),
    8: (INC, "DA-02", "", "Se publicará el avance físico y financiero de las obras."),
    9: (MER, 8, "", "Se atiende junto con la publicación de los datos de obra."),
    10: (MER, 3, "", "Se suma a la apertura de los datos ambientales."),
    11: (
        NOT,
        None,
        "",
        "Los convenios con universidades no dependen del plan; se turnó a la dependencia.",
    ),
    12: (INC, "PP-03", "", "El compromiso capacita a los comités vecinales."),
    13: (MER, 2, "", "Es la misma idea que el seguimiento público de las obras."),
    14: (INC, "PP-04", "", "El padrón histórico es un compromiso del plan."),
    15: (
        DEF,
        None,
        "",
        "El voto en línea necesita reglas de operación nuevas; se revisará en 2026.",
    ),
    16: (
        NOT,
        None,
        "",
        "El monto lo fija el Ayuntamiento en el presupuesto; no es materia del plan.",
    ),
    17: (INC, "MB-01", "", "Las mesas se instalarán en las colonias prioritarias."),
    18: (INC, "MB-02", "", "El compromiso publica el seguimiento de los acuerdos vecinales."),
    19: (INC, "MB-04", "", "El compromiso forma promotoras y promotores vecinales."),
    20: (
        NOT,
        None,
        "",
        "La vigilancia es una tarea operativa de seguridad pública, fuera del plan.",
    ),
    21: (MER, 1, "", "Es la misma idea que el mapa de reportes de servicios."),
    22: (INC, "CJ-01", "", "El compromiso celebra sesiones del Cabildo Abierto Juvenil."),
    23: (INC, "CJ-02", "", "El compromiso da respuesta pública a cada propuesta juvenil."),
    24: (INC, "CJ-03", "", "El laboratorio juvenil es un compromiso del plan."),
    25: (INC, "CJ-04", "", "El presupuesto se explicará en lenguaje ciudadano."),
    26: (NOT, None, "", "Las becas tienen su propio programa municipal; no son materia del plan."),
}
# Deferred in 2025, taken up when PP-01 was extended in June 2026.
CHANGED = (
    15,
    {
        "outcome": INC,
        "commitment": "PP-01",
        "explanation": "La consulta 2026 incluye el voto en línea.",
    },
    "La modificación aprobada en junio de 2026 incorporó el voto en línea a la consulta.",
)


def reset():
    """Remove the demo's participation record before the commitments' demo drops its plan
    (the fates point at it)."""
    services.drop_record()


def load(plan):
    themes = {
        slug: services.save(
            instance=Theme(slug=slug, name=name, name_en=ENGLISH_THEMES.get(slug, ""), order=n)
        )
        for n, (slug, name) in enumerate(THEMES)
    }
    with clock.moment(date(2025, 5, 16)):
        survey = services.save(
            instance=Survey(
                title="Encuesta para el diagnóstico del 2° Plan de Acción de Gobierno Abierto",
                start_date=date(2025, 5, 16),
                end_date=SURVEY_END,
                spread=f"Sitio y redes sociales del municipio, y comités de colonos. {EXAMPLE}",
                responses=RESPONSES,
                is_example=True,
            )
        )
    with clock.moment(SURVEY_END):
        services.replace_survey_results(survey=survey, questions=QUESTIONS)
    tables = {}
    for day, theme, counts, facilitators in TABLES:
        with clock.moment(day):
            table = services.save(
                instance=CocreationTable(
                    date=day,
                    theme=themes[theme],
                    facilitators="\n".join(facilitators),
                    is_example=True,
                )
            )
            services.set_attendance(table=table, counts=counts)
        tables[day] = table
    proposals = {}
    for number, day, sector, theme, text in PROPOSALS:
        with clock.moment(day or SURVEY_END):
            proposals[number] = services.save(
                instance=Proposal(
                    number=number,
                    origin=Origin.TABLE if day else Origin.SURVEY,
                    table=tables.get(day),
                    survey=None if day else survey,
                    sector=sector,
                    theme=themes[theme],
                    text=text,
                    is_example=True,
                )
            )
    with clock.moment(REPORT_DAY):
        report = ResultsReport(
            title="Informe de resultados de las mesas de cocreación",
            published_on=REPORT_DAY,
            summary=(
                "Reúne las propuestas de la encuesta y de las cuatro mesas, ordenadas por tema, "
                f"y la respuesta a cada una. {EXAMPLE}"
            ),
            is_example=True,
        )
        demo_files.attach(
            report,
            "document",
            "informe-de-resultados-2025-ejemplo.pdf",
            demo_files.pdf(
                "Informe de resultados (ejemplo)",
                ["Documento de ejemplo para la demostración del portal."],
            ),
        )
        services.save(instance=report)
    _fates(plan, proposals)


def _fates(plan, proposals):
    commitments = {c.code: c for c in Commitment.objects.filter(plan=plan)}
    fates = {}
    with clock.moment(FATES_PUBLISHED):
        for number, (outcome, target, milestone, reason) in FATES.items():
            commitment = commitments.get(target) if outcome == Outcome.INCORPORATED else None
            fates[number] = services.record_fate(
                proposal=proposals[number],
                date=FATES_DECIDED,
                outcome=outcome,
                reason=reason,
                commitment=commitment,
                milestone=Milestone.objects.filter(commitment=commitment, title=milestone).first()
                if milestone
                else None,
                merged_into=proposals[target] if outcome == Outcome.MERGED else None,
                publish=True,
            )
    number, changes, why = CHANGED
    with clock.moment(FATE_CHANGED):
        services.correct(
            fact=fates[number],
            reason=why,
            date=FATE_CHANGED,
            **{**changes, "commitment": commitments[changes["commitment"]]},
        )
