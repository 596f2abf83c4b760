"""The participation tables: the co-creation proposals with their fate on the day, and the
diagnostic survey's aggregated results (no answer of any one person).

Read through `participation.reader` (`proposal_data`, `survey_data`): its plain rows, keyed
by the names the columns below publish.
"""

from django.utils.translation import gettext_lazy as _

from opendata.tables import BOOLEAN, DATE, INTEGER, NUMBER, STRING, Column, Table
from participation import reader


def _key(name):
    return lambda row: row[name]


def _column(name, type_, description):
    return Column(name, type_, description, _key(name))


PROPOSALS = Table(
    name="propuestas",
    title=_("Propuestas ciudadanas"),
    description=_(
        "Cada propuesta de las mesas de cocreación y de la encuesta con su destino ese día: "
        "en qué compromiso quedó, o por qué no."
    ),
    primary_key=("numero",),
    records=lambda s: reader.proposal_data(s.day),
    columns=(
        _column("numero", INTEGER, _("Número estable de la propuesta.")),
        _column("propuesta", STRING, _("Texto de la propuesta.")),
        _column("tema", STRING, _("Tema.")),
        _column("origen", STRING, _("De dónde vino (mesa, encuesta…).")),
        _column("fuente", STRING, _("La mesa o el instrumento que la recogió.")),
        _column("sector", STRING, _("Sector de quien la propuso.")),
        _column("destino", STRING, _("Qué se hizo con ella ese día; vacío si aún sin destino.")),
        _column("motivo", STRING, _("Por qué ese destino.")),
        _column("compromiso", STRING, _("Clave del compromiso en que quedó, si es el caso.")),
        _column("fecha_del_destino", DATE, _("Día al que se refiere el destino.")),
        _column("publicado_el", DATE, _("Día en que el destino se hizo público.")),
        _column(
            "dato_de_ejemplo",
            BOOLEAN,
            _("Verdadero si es un registro inventado para demostrar el portal."),
        ),
    ),
)

SURVEY = Table(
    name="encuesta",
    title=_("Resultados de la encuesta de diagnóstico"),
    description=_(
        "Cuántas personas eligieron cada opción de cada pregunta de la encuesta (solo totales)."
    ),
    primary_key=("pregunta", "opcion"),
    records=lambda s: reader.survey_data(),
    columns=(
        _column("pregunta", STRING, _("La pregunta.")),
        _column("opcion", STRING, _("Una de sus opciones.")),
        _column("respuestas", INTEGER, _("Cuántas respuestas la eligieron.")),
        _column("porcentaje", NUMBER, _("Porcentaje de quienes respondieron la pregunta.")),
        _column(
            "dato_de_ejemplo",
            BOOLEAN,
            _("Verdadero si es un registro inventado para demostrar el portal."),
        ),
    ),
)

TABLES = (PROPOSALS, SURVEY)
