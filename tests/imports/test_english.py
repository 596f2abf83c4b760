"""An import under English: the Spanish headers are still the file's format, the words a
person reads are English, and what the import writes into the public record stays Spanish."""

import io
import re
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.template.loader import render_to_string
from django.utils import translation

from commitments.imports import importer
from commitments.imports.values import choice
from commitments.management.commands.import_plan import Command as ImportPlan
from commitments.models import Evidence, Indicator, Measurement
from tests.imports.files import (
    MATRIX_HEADER,
    MEASUREMENT_HEADER,
    MILESTONE_HEADER,
    as_csv,
    as_xlsx,
    matrix_row,
)

pytestmark = pytest.mark.django_db


def shown(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_spanish_header_imports_under_english_and_the_preview_is_english(matrix_plan):
    data = as_xlsx(MATRIX_HEADER, [matrix_row()])
    with translation.override("en"):
        outcome = importer("matriz", plan=matrix_plan).run(data, "matriz.xlsx")
        page = shown(
            render_to_string("admin/commitments/_import_outcome.html", {"outcome": outcome})
        )
    assert outcome.ok, [str(p) for p in outcome.problems]
    assert [p.kind for p in outcome.previews] == ["nuevo"]
    assert "Review without saving: 1 row (1 new, 0 changed, 0 unchanged)." in page
    assert "N-01 · Conjuntos publicados new" in page
    assert "nuevo" not in page and "Revisión" not in page


def test_problems_are_english_sentences_naming_the_spanish_column(matrix_plan):
    data = as_csv(MEASUREMENT_HEADER, [["C-01", "Avance de prueba", "31/02/2026", "x", "", ""]])
    with translation.override("en"):
        outcome = importer("avances", plan=matrix_plan).run(data, "avances.csv")
        problems = [str(p) for p in outcome.problems]
        summary = outcome.summary()
    assert summary == "Nothing was imported: the file has 2 problems."
    assert problems[0].startswith("Row 2, column “Fecha”: “31/02/2026” is not a valid date")
    assert problems[1] == "Row 2, column “Valor”: “x” is not a number"
    assert not Measurement.objects.exists()


def test_a_missing_column_is_named_as_the_file_must_spell_it(matrix_plan):
    header = [name for name in MILESTONE_HEADER if name != "Avance %"]
    data = as_csv(header, [["C-01", "Hito de prueba", "31/03/2026", "", ""]])
    with translation.override("en"):
        outcome = importer("hitos", plan=matrix_plan).run(data, "hitos.csv")
        problems = [str(p) for p in outcome.problems]
    assert problems == ["The column “Avance %” is missing from the header (row 1)."]


def test_what_an_english_import_writes_into_the_record_is_spanish(matrix_plan):
    first = as_csv(MILESTONE_HEADER, [["C-01", "Hito de prueba", "31/03/2026", "40", "", ""]])
    importer("hitos", plan=matrix_plan, publish=True).run(first, "hitos.csv", dry_run=False)
    corrected = as_csv(
        MILESTONE_HEADER,
        [["C-01", "Hito de prueba", "31/03/2026", "50", "", "https://ejemplo.mx/acta.pdf"]],
    )
    with translation.override("en"):
        outcome = importer("hitos", plan=matrix_plan, publish=True).run(
            corrected, "hitos.csv", dry_run=False
        )
    assert outcome.written, [str(p) for p in outcome.problems]
    evidence = Evidence.objects.get(evidence_url="https://ejemplo.mx/acta.pdf")
    assert evidence.title == "Evidencia del avance al 31/03/2026"
    correction = (
        matrix_plan.commitments.get().milestones.get().progress.get(supersedes__isnull=False)
    )
    assert correction.correction_reason.startswith("Corrección por importación del ")
    assert correction.date == date(2026, 3, 31)


def test_the_command_speaks_english_and_takes_the_spanish_file(matrix_plan, tmp_path):
    path = tmp_path / "matriz.csv"
    path.write_bytes(as_csv(MATRIX_HEADER, [matrix_row()]))
    out = io.StringIO()
    with translation.override("en"):
        call_command("import_plan", str(path), "--plan", matrix_plan.slug, "--dry-run", stdout=out)
        bad = tmp_path / "avances.csv"
        bad.write_bytes(as_csv(MEASUREMENT_HEADER, [["C-01", "Avance de prueba", "", "1", "", ""]]))
        err = io.StringIO()
        with pytest.raises(CommandError, match="Nothing was imported"):
            call_command("import_measurements", str(bad), stdout=io.StringIO(), stderr=err)
        parser = ImportPlan().create_parser("manage.py", "import_plan")
        help_text = parser.format_help()
    assert "Row 2 · N-01 · Conjuntos publicados: new" in out.getvalue()
    assert "Row 2, column “Fecha”: is empty" in err.getvalue()
    assert "Imports the plan matrix" in help_text and "FILE" in help_text


def test_choices_are_read_by_their_spanish_labels_under_english():
    with translation.override("en"):
        parse = choice(Indicator.Direction.choices, "a direction")
        assert parse("Descendente (menos es mejor)") == "descendente"
        assert parse("descendente") == "descendente"
