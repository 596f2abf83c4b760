"""The survey's aggregated results from a spreadsheet: one row per question and option.

Built on the plan's import machinery (`commitments.imports.core`): the file is read and
checked whole, every problem reported with its row and column, and the results replaced in
one transaction through `participation.services`, or nothing written at all.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commitments import permissions
from commitments.imports.core import CHANGED, NEW, UNCHANGED, Column, Importer, Preview
from commitments.imports.reading import Refused
from commitments.imports.values import BadValue, name_key, parse_number
from participation import services
from participation.models import SurveyOption


def parse_count(value):
    number = parse_number(value)
    if number != number.to_integral_value() or number < 0:
        raise BadValue(_("debe ser un número entero de respuestas, cero o más"))
    return int(number)


class SurveyImporter(Importer):
    title = gettext_lazy("Importar los resultados de la encuesta")
    columns = (
        Column("Pregunta", "question"),
        Column("Opción", "option", aliases=("Opcion", "Respuesta")),
        Column("Número de respuestas", "count", parse_count, aliases=("Conteo",)),
    )

    def __init__(self, *, survey, **options):
        super().__init__(**options)
        self.survey = survey

    def authorize(self):
        if not permissions.is_reviewer(self.by):
            raise Refused(_("Solo el Secretariado técnico carga los resultados de la encuesta."))

    def check(self, rows):
        before = {
            (name_key(o.question.text), name_key(o.label)): o.count
            for o in SurveyOption.objects.filter(question__survey=self.survey)
        }
        seen = {}
        for done, row in enumerate(rows, start=1):
            self.tick(done, len(rows), _("Filas revisadas"))
            if not self.require(row, "question", "option", "count") or not row.ok:
                continue
            found = (name_key(row.values["question"]), name_key(row.values["option"]))
            if found in seen:
                self.problem(
                    row,
                    "option",
                    _("ya aparece en la fila %(row)s para la misma pregunta")
                    % {"row": seen[found]},
                )
                continue
            seen[found] = row.number
            if row.values["count"] > self.survey.responses:
                self.problem(
                    row,
                    "count",
                    _("es mayor que el número de respuestas de la encuesta (%(n)s)")
                    % {"n": self.survey.responses},
                )
                continue
            old = before.get(found)
            kind = NEW if old is None else (UNCHANGED if old == row.values["count"] else CHANGED)
            changes = [] if kind == UNCHANGED else [(_("Respuestas"), old, row.values["count"])]
            label = f"{row.values['question']} · {row.values['option']}"
            self.previews.append(Preview(row=row.number, label=label, kind=kind, changes=changes))

    def write(self, rows):
        if self.problems:
            return
        # In the file's order; a question typed twice with other accents or case is one.
        questions = {}
        for row in rows:
            text = row.values["question"]
            _first, options = questions.setdefault(name_key(text), (text, []))
            options.append((row.values["option"], row.values["count"]))
        services.replace_survey_results(
            survey=self.survey, questions=list(questions.values()), by=self.by
        )
