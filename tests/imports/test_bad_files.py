"""Files the import refuses: each with the message a person reads and nothing written."""

import io
import os
import zipfile

import pytest

from commitments.imports import importer
from tests.imports.conftest import counts
from tests.imports.files import (
    MATRIX_HEADER,
    MEASUREMENT_HEADER,
    MILESTONE_HEADER,
    as_csv,
    as_xlsx,
    matrix_row,
)

pytestmark = pytest.mark.django_db


def matrix_csv(*rows):
    return as_csv(MATRIX_HEADER, rows)


def zip_with(members):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members:
            archive.writestr(name, content)
    return out.getvalue()


def without_columns(*names):
    keep = [i for i, name in enumerate(MATRIX_HEADER) if name not in names]
    row = matrix_row()
    return as_csv([MATRIX_HEADER[i] for i in keep], [[row[i] for i in keep]])


# (id, kind, file name, content, expected message)
CASES = [
    (
        "pdf-renamed",
        "matriz",
        "plan.xlsx",
        b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF",
        "El archivo «plan.xlsx» no es un documento .xlsx válido.",
    ),
    (
        "random-bytes-xlsx",
        "matriz",
        "plan.xlsx",
        os.urandom(2048),
        "no es un documento .xlsx válido",
    ),
    (
        "random-bytes-csv",
        "matriz",
        "plan.csv",
        bytes(range(256)) * 8,
        "termina en .csv pero no es un texto separado por comas",
    ),
    ("empty-csv", "matriz", "plan.csv", b"", "El archivo «plan.csv» está vacío."),
    ("empty-xlsx", "matriz", "plan.xlsx", b"", "El archivo «plan.xlsx» está vacío."),
    ("blank-lines-only", "matriz", "plan.csv", b"\r\n\r\n  \r\n", "está vacío"),
    (
        "header-only",
        "matriz",
        "plan.csv",
        as_csv(MATRIX_HEADER, []),
        "El archivo solo tiene el encabezado: no hay filas que importar.",
    ),
    (
        "wrong-extension",
        "matriz",
        "plan.xls",
        b"anything",
        "«plan.xls» no es una hoja de cálculo que se pueda importar: sube un .xlsx o un .csv.",
    ),
    (
        "missing-columns",
        "matriz",
        "plan.csv",
        without_columns("Valor meta", "Sentido"),
        "Faltan las columnas «Valor meta», «Sentido» en el encabezado (fila 1).",
    ),
    (
        "missing-one-column",
        "avances",
        "avances.csv",
        as_csv(["Código", "Indicador", "Fecha"], [["C-01", "Avance de prueba", "01/03/2026"]]),
        "Falta la columna «Valor» en el encabezado (fila 1).",
    ),
    (
        "duplicate-code",
        "matriz",
        "plan.csv",
        matrix_csv(matrix_row(), matrix_row()),
        "Fila 3, columna «Indicador»: «Conjuntos publicados» está repetido: el código N-01 ya "
        "tiene ese indicador en la fila 2",
    ),
    (
        "same-code-other-action",
        "matriz",
        "plan.csv",
        matrix_csv(matrix_row(), matrix_row(**{"Acción": "Otra cosa", "Indicador": "Otro"})),
        "Fila 3, columna «Acción»: «Otra cosa» no coincide con la fila 2 del mismo código",
    ),
    (
        "end-before-start",
        "matriz",
        "plan.csv",
        matrix_csv(matrix_row(**{"Fecha de término": "01/01/2026"})),
        "Fila 2, columna «Fecha de término»: «01/01/2026» es anterior a la fecha de inicio "
        "(01/02/2026)",
    ),
    (
        "target-equals-baseline",
        "matriz",
        "plan.csv",
        matrix_csv(matrix_row(**{"Valor meta": "0"})),
        "Fila 2, columna «Valor meta»: «0» es igual a la línea base: la meta debe ser distinta",
    ),
    (
        "direction-contradicts-values",
        "matriz",
        "plan.csv",
        matrix_csv(matrix_row(**{"Valor meta": "-5"})),
        "Fila 2, columna «Sentido»: «ascendente» no cuadra: la meta es menor que la línea base",
    ),
    (
        "text-for-number",
        "matriz",
        "plan.csv",
        matrix_csv(matrix_row(**{"Línea base": "cero"})),
        "Fila 2, columna «Línea base»: «cero» no es un número",
    ),
    (
        "unknown-direction",
        "matriz",
        "plan.csv",
        matrix_csv(matrix_row(**{"Sentido": "hacia arriba"})),
        "Fila 2, columna «Sentido»: «hacia arriba» no es un sentido conocido; usa «ascendente», "
        "«descendente»",
    ),
    (
        "unknown-periodicity",
        "matriz",
        "plan.csv",
        matrix_csv(matrix_row(**{"Periodicidad": "quincenal"})),
        "Fila 2, columna «Periodicidad»: «quincenal» no es una periodicidad conocida",
    ),
    (
        "unknown-unit",
        "matriz",
        "plan.csv",
        matrix_csv(matrix_row(**{"Responsable": "DGX"})),
        "Fila 2, columna «Responsable»: «DGX» no es una dependencia registrada",
    ),
    (
        "unknown-axis",
        "matriz",
        "plan.csv",
        matrix_csv(matrix_row(**{"Eje": "Eje inventado"})),
        "Fila 2, columna «Eje»: «Eje inventado» no es un eje de este plan",
    ),
    (
        "unknown-co-responsible",
        "matriz",
        "plan.csv",
        matrix_csv(matrix_row(**{"Corresponsables": "Nadie: apoyo"})),
        "nombra a «Nadie», que no es una dependencia ni una organización registrada",
    ),
    (
        "impossible-date",
        "matriz",
        "plan.csv",
        matrix_csv(matrix_row(**{"Fecha de término": "31/02/2026"})),
        "Fila 2, columna «Fecha de término»: «31/02/2026» no es una fecha válida",
    ),
    (
        "not-a-date",
        "matriz",
        "plan.csv",
        matrix_csv(matrix_row(**{"Fecha de inicio": "mañana"})),
        "Fila 2, columna «Fecha de inicio»: «mañana» no es una fecha válida (escríbela como "
        "DD/MM/AAAA o AAAA-MM-DD)",
    ),
    (
        "outside-exercise",
        "matriz",
        "plan.csv",
        matrix_csv(matrix_row(**{"Fecha de término": "31/12/2029"})),
        "Fila 2, columna «Fecha de inicio» («01/02/2026»): Las fechas deben caer dentro del "
        "periodo del ejercicio (1 de enero de 2025 a 31 de diciembre de 2027).",
    ),
    (
        "blank-required-cell",
        "matriz",
        "plan.csv",
        matrix_csv(matrix_row(**{"Meta": ""})),
        "Fila 2, columna «Meta»: está vacía",
    ),
    (
        "too-big",
        "matriz",
        "plan.csv",
        b"a,b\n" + b"x" * (6 * 1024 * 1024),
        "El archivo «plan.csv» pesa 6.0 MB y el máximo es 5 MB.",
    ),
    (
        "inflates-too-much",
        "matriz",
        "plan.xlsx",
        zip_with(
            [("xl/workbook.xml", b"<workbook/>"), ("xl/worksheets/sheet1.xml", bytes(60 << 20))]
        ),
        "El archivo «plan.xlsx» ocupa 60 MB al descomprimirse; el máximo es 50 MB.",
    ),
    (
        "too-many-members",
        "matriz",
        "plan.xlsx",
        zip_with(
            [("xl/workbook.xml", b"<workbook/>")] + [(f"x/{n}.xml", b"") for n in range(2000)]
        ),
        "El archivo «plan.xlsx» contiene 2001 partes; el máximo es 2000.",
    ),
    (
        "zip-but-not-xlsx",
        "matriz",
        "plan.xlsx",
        zip_with([("hola.txt", b"hola")]),
        "no es un documento .xlsx válido",
    ),
    (
        "unknown-commitment",
        "avances",
        "avances.csv",
        as_csv(MEASUREMENT_HEADER, [["X-99", "Avance de prueba", "01/03/2026", "10", "", ""]]),
        "Fila 2, columna «Código»: «X-99» no es un compromiso de este plan",
    ),
    (
        "unknown-indicator",
        "avances",
        "avances.csv",
        as_csv(MEASUREMENT_HEADER, [["C-01", "Otro indicador", "01/03/2026", "10", "", ""]]),
        "Fila 2, columna «Indicador»: «Otro indicador» no es un indicador del compromiso C-01 "
        "(tiene: «Avance de prueba», «Quejas»)",
    ),
    (
        "measurement-text-value",
        "avances",
        "avances.csv",
        as_csv(MEASUREMENT_HEADER, [["C-01", "Avance de prueba", "01/03/2026", "mucho", "", ""]]),
        "Fila 2, columna «Valor»: «mucho» no es un número",
    ),
    (
        "measurement-future-date",
        "avances",
        "avances.csv",
        as_csv(MEASUREMENT_HEADER, [["C-01", "Avance de prueba", "01/12/2026", "10", "", ""]]),
        "Fila 2, columna «Fecha» («01/12/2026»): La fecha del dato no puede estar en el futuro.",
    ),
    (
        "measurement-bad-link",
        "avances",
        "avances.csv",
        as_csv(MEASUREMENT_HEADER, [["C-01", "Avance de prueba", "01/03/2026", "10", "", "acta"]]),
        "Fila 2, columna «Evidencia»: «acta» no es un enlace válido (debe empezar con https://)",
    ),
    (
        "measurement-same-date-twice",
        "avances",
        "avances.csv",
        as_csv(
            MEASUREMENT_HEADER,
            [
                ["C-01", "Avance de prueba", "01/03/2026", "10", "", ""],
                ["C-01", "Avance de prueba", "2026-03-01", "12", "", ""],
            ],
        ),
        "Fila 3, columna «Fecha»: «2026-03-01» repite la fila 2 (mismo un indicador",
    ),
    (
        "percent-over-100",
        "hitos",
        "hitos.csv",
        as_csv(MILESTONE_HEADER, [["C-01", "Hito de prueba", "01/03/2026", "120", "", ""]]),
        "Fila 2, columna «Avance %»: «120» el avance debe ser un número entero de 0 a 100",
    ),
    (
        "unknown-milestone-status",
        "hitos",
        "hitos.csv",
        as_csv(MILESTONE_HEADER, [["C-01", "Hito de prueba", "01/03/2026", "50", "terminado", ""]]),
        "Fila 2, columna «Estado»: «terminado» no es un estado de hito",
    ),
    (
        "complete-at-half",
        "hitos",
        "hitos.csv",
        as_csv(MILESTONE_HEADER, [["C-01", "Hito de prueba", "01/03/2026", "50", "Completo", ""]]),
        "Fila 2, columna «Avance %» («50»): Un hito completo debe tener 100 % realizado.",
    ),
    (
        "unknown-milestone",
        "hitos",
        "hitos.csv",
        as_csv(MILESTONE_HEADER, [["C-01", "Hito 9", "01/03/2026", "50", "", ""]]),
        "Fila 2, columna «Hito»: «Hito 9» no es un hito del compromiso C-01",
    ),
]


@pytest.mark.parametrize(
    ("kind", "name", "content", "expected"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_refused_with_message_and_nothing_written(matrix_plan, kind, name, content, expected):
    before = counts()
    outcome = importer(kind, plan=matrix_plan, publish=True).run(content, name, dry_run=False)
    messages = [str(problem) for problem in outcome.problems]
    assert not outcome.ok
    assert any(expected in message for message in messages), messages
    assert not outcome.written
    assert counts() == before


def test_over_the_row_limit(matrix_plan, settings):
    settings.IMPORT_MAX_ROWS = 3
    rows = [matrix_row(**{"Código": f"N-0{n}"}) for n in range(1, 6)]
    before = counts()
    outcome = importer("matriz", plan=matrix_plan).run(matrix_csv(*rows), "plan.csv", dry_run=False)
    assert [str(p) for p in outcome.problems] == [
        "El archivo tiene más de 3 filas; divídelo en archivos más pequeños."
    ]
    assert counts() == before


def test_every_problem_of_a_file_at_once(matrix_plan):
    content = matrix_csv(
        matrix_row(),
        matrix_row(**{"Código": "N-02", "Fecha de término": "31/02/2026"}),
        matrix_row(**{"Código": "N-03", "Valor meta": "diez"}),
        matrix_row(**{"Código": "N-04", "Fecha de término": "31/12/2029"}),
    )
    before = counts()
    outcome = importer("matriz", plan=matrix_plan).run(content, "plan.csv", dry_run=False)
    assert [str(p) for p in outcome.problems] == [
        "Fila 3, columna «Fecha de término»: «31/02/2026» no es una fecha válida",
        "Fila 4, columna «Valor meta»: «diez» no es un número",
        "Fila 5, columna «Fecha de inicio» («01/02/2026»): Las fechas deben caer dentro del "
        "periodo del ejercicio (1 de enero de 2025 a 31 de diciembre de 2027).",
    ]
    assert outcome.summary() == "No se importó nada: el archivo tiene 3 problemas."
    assert counts() == before


def test_a_sheet_that_does_not_exist(matrix_plan):
    content = as_xlsx(MATRIX_HEADER, [matrix_row()], sheets={"Notas": [["nada"]]})
    outcome = importer("matriz", plan=matrix_plan).run(content, "plan.xlsx", sheet="Otra")
    assert [str(p) for p in outcome.problems] == [
        "El archivo no tiene una hoja «Otra»; sus hojas son: «Hoja1», «Notas»."
    ]
