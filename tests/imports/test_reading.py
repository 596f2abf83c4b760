"""Files as people make them: encodings, separators, loose headers, dates and numbers."""

import io
from datetime import date, datetime
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from commitments.imports import export, importer
from commitments.imports.values import BadValue, parse_number
from commitments.models import Commitment, Indicator, Measurement
from tests.imports.files import (
    MATRIX_HEADER,
    MEASUREMENT_HEADER,
    as_csv,
    as_xlsx,
    matrix_row,
)

pytestmark = pytest.mark.django_db


def imported(plan, content, name="m.csv", kind="matriz", sheet=None):
    outcome = importer(kind, plan=plan).run(content, name, dry_run=False, sheet=sheet)
    assert outcome.ok, [str(p) for p in outcome.problems]
    return outcome


ACCENTED = {"Acción": "Participación ciudadana en León", "Meta": "Año con más de 50 reuniones"}


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [("utf-8-sig", ","), ("utf-8", ";"), ("cp1252", ";"), ("latin-1", ","), ("cp1252", ",")],
)
def test_csv_encodings_and_separators(matrix_plan, encoding, delimiter):
    content = as_csv(
        MATRIX_HEADER, [matrix_row(**ACCENTED)], encoding=encoding, delimiter=delimiter
    )
    imported(matrix_plan, content)
    commitment = Commitment.objects.get(code="N-01")
    assert (commitment.title, commitment.goal) == tuple(ACCENTED.values())


def test_headers_in_any_order_case_and_accents_and_optional_columns_absent(matrix_plan):
    names = [n for n in MATRIX_HEADER if n not in ("Descripción", "Corresponsables", "Peso")]
    row = dict(zip(MATRIX_HEADER, matrix_row(), strict=True))
    loose = {
        "Línea base": "LINEA  BASE",
        "Fecha de término": "fecha de termino",
        "Código": "codigo",
    }
    header = [loose.get(n, n.upper()) for n in reversed(names)]
    content = as_csv(["Notas", *header], [["ignórame", *(row[n] for n in reversed(names))]])
    outcome = imported(matrix_plan, content)
    assert outcome.notes == ["Se ignoran las columnas «Notas»."]
    commitment = Commitment.objects.get(code="N-01")
    assert commitment.description == "Publicar datos abiertos"
    assert commitment.indicators.get().weight == 1


def test_a_title_above_the_header_and_blank_rows_keep_spreadsheet_row_numbers(matrix_plan):
    content = as_xlsx(
        ["Matriz de seguimiento 2026"],
        [[], MATRIX_HEADER, [], matrix_row(**{"Fecha de término": "31/02/2026"})],
    )
    outcome = importer("matriz", plan=matrix_plan).run(content, "m.xlsx")
    assert [str(p) for p in outcome.problems] == [
        "Fila 5, columna «Fecha de término»: «31/02/2026» no es una fecha válida"
    ]


def test_real_spreadsheet_dates_numbers_and_percent_cells(matrix_plan):
    book = Workbook()
    sheet = book.active
    sheet.append(MEASUREMENT_HEADER)
    sheet.append(["C-01", "Avance de prueba", datetime(2026, 3, 31), 0.455, "", ""])
    sheet["D2"].number_format = "0.0%"
    sheet.append(["c-01", "avance DE prueba", date(2026, 6, 30), 61.25, "", ""])
    out = io.BytesIO()
    book.save(out)
    imported(matrix_plan, out.getvalue(), "avances.xlsx", kind="avances")
    values = list(Measurement.objects.order_by("date").values_list("date", "value"))
    assert values == [(date(2026, 3, 31), Decimal("45.50")), (date(2026, 6, 30), Decimal("61.25"))]


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("1.234,50", "1234.50"),
        ("1,234.50", "1234.50"),
        ("12,5", "12.5"),
        ("1,234", "1234"),
        ("1 234 567", "1234567"),
        ("45 %", "45"),
        ("45%", "45"),
        ("-3,25", "-3.25"),
        ("'-3", "-3"),
        ("1.234.567", "1234567"),
        (7, "7"),
    ],
)
def test_numbers_as_people_type_them(typed, number):
    assert parse_number(typed) == Decimal(number)


@pytest.mark.parametrize("typed", ["doce", "1,2,3.4.5", "12-5", "", "1e5"])
def test_not_numbers(typed):
    with pytest.raises(BadValue):
        parse_number(typed)


def test_iso_dates_and_several_sheets_say_which_is_read(matrix_plan):
    rows = [matrix_row(**{"Fecha de inicio": "2026-02-01", "Fecha de término": "2026-11-30"})]
    content = as_xlsx(MATRIX_HEADER, rows, sheets={"Instrucciones": [["Llena la matriz"]]})
    outcome = imported(matrix_plan, content, "m.xlsx")
    assert outcome.notes == ["Se leyó la hoja «Hoja1» (el archivo tiene 2 hojas)."]
    commitment = Commitment.objects.get(code="N-01")
    assert (commitment.start_date, commitment.end_date) == (date(2026, 2, 1), date(2026, 11, 30))


def test_the_chosen_sheet_is_read(matrix_plan):
    content = as_xlsx(["nada"], [], sheets={"Matriz": [MATRIX_HEADER, matrix_row()]})
    outcome = imported(matrix_plan, content, "m.xlsx", sheet="Matriz")
    assert outcome.sheet == "Matriz"
    assert Commitment.objects.filter(code="N-01").exists()


RISKY = ["=HIPERVINCULO(A1;B1)", "+1+2", "-1+2", "@SUMA(A1)", "\tpestaña", "\rretorno"]


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_exports_neutralise_formulas_and_import_them_back(matrix_plan, file_format):
    # XML reads a carriage return back as a line feed, so XLSX cannot carry one unchanged.
    risky = RISKY if file_format == "csv" else RISKY[:-1]
    commitment = Commitment.objects.get(code="C-01")
    for order, text in enumerate(risky, start=1):
        Indicator.objects.create(
            commitment=commitment,
            name=text,
            unit="%",
            baseline=0,
            target=1,
            verification_means=text,
            order=10 + order,
        )
    content = export.export("matriz", Commitment.objects.all(), file_format)[0]
    if file_format == "csv":
        assert content.startswith(b"\xef\xbb\xbf")
        cells = content.decode("utf-8-sig")
        for text in risky:
            assert f"'{text}" in cells
    else:
        sheet = load_workbook(io.BytesIO(content)).active
        names = [row[8].value for row in sheet.iter_rows(min_row=2)]
        assert [n for n in names if n.startswith("'")] == [f"'{t}" for t in risky]
        assert all(row[8].data_type == "s" for row in sheet.iter_rows(min_row=2))
    outcome = imported(matrix_plan, content, f"m.{file_format}")
    assert outcome.nothing_to_do
