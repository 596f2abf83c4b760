"""Example questions and answers on two demo commitments, written through the services at
the moments of their story (`core.clock.moment`), like the rest of the demo. Every text
says it is example data. Loaded by `commitments.demo.load` (so `manage.py load_demo` and the
tests' demo) once the plan's story is told."""

from datetime import date

from commitments.demo_story import PLAN_SLUG
from commitments.models import Commitment
from core import clock
from engagement import services
from engagement.models import QuestionKind

EXAMPLE = "[Dato de ejemplo] "

# (commitment code, kind, name, text, asked on, approved on, answer, answered on)
QUESTIONS = [
    (
        "DA-01",
        QuestionKind.QUESTION,
        "Vecina de ejemplo",
        "¿En qué formatos se podrán descargar los conjuntos de datos del catálogo? "
        "Me interesa abrirlos en una hoja de cálculo.",
        date(2026, 3, 9),
        date(2026, 3, 11),
        "Cada conjunto se publicará en CSV (se abre en cualquier hoja de cálculo) y en JSON, "
        "con un diccionario de datos que explica cada columna.",
        date(2026, 3, 20),
    ),
    (
        "DA-01",
        QuestionKind.COMMENT,
        "",
        "Sería útil que cada conjunto diga cada cuánto se actualiza, por ejemplo en "
        "https://ejemplo.invalid/catalogo.",
        date(2026, 5, 4),
        date(2026, 5, 6),
        "",
        None,
    ),
    (
        "PP-02",
        QuestionKind.QUESTION,
        "Comité vecinal de ejemplo",
        "¿Dónde se puede ver el avance de la obra del parque que se votó en nuestra colonia?",
        date(2026, 8, 17),
        date(2026, 8, 18),
        "El avance físico y financiero de cada obra aparece en los avances de este compromiso "
        "y en el reporte de cada corte de seguimiento.",
        date(2026, 9, 2),
    ),
    (
        "PP-02",
        QuestionKind.QUESTION,
        "",
        "¿Habrá recorridos para que los comités revisen las obras terminadas?",
        date(2026, 11, 12),
        date(2026, 11, 16),
        "",
        None,
    ),
]


def load():
    """Add the example questions (the demo plan was just rebuilt, so they are new)."""
    commitments = {
        c.code: c
        for c in Commitment.objects.filter(
            plan__slug=PLAN_SLUG, code__in={row[0] for row in QUESTIONS}
        )
    }
    for code, kind, name, text, asked, approved, answer, answered in QUESTIONS:
        if code not in commitments:
            continue
        with clock.moment(asked):
            question = services.ask(
                commitment=commitments[code], kind=kind, name=name, text=EXAMPLE + text
            )
        with clock.moment(approved):
            services.approve(question=question)
        if answer:
            with clock.moment(answered):
                services.draft_answer(question=question, text=EXAMPLE + answer, publish=True)
