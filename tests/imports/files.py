"""Spreadsheets made by the tests: the matrix's header, rows, and files from them."""

import csv
import io

from openpyxl import Workbook

MATRIX_HEADER = [
    "Eje",
    "Objetivo",
    "Código",
    "Acción",
    "Descripción",
    "Responsable",
    "Corresponsables",
    "Meta",
    "Indicador",
    "Unidad de medida",
    "Línea base",
    "Valor meta",
    "Sentido",
    "Periodicidad",
    "Peso",
    "Fecha de inicio",
    "Fecha de término",
    "Medio de verificación",
]
MEASUREMENT_HEADER = ["Código", "Indicador", "Fecha", "Valor", "Comentario", "Evidencia"]
MILESTONE_HEADER = ["Código", "Hito", "Fecha", "Avance %", "Estado", "Evidencia"]


def matrix_row(**changes):
    """A valid matrix row for the test plan (axis «Eje de prueba», unit UP)."""
    values = {
        "Eje": "Eje de prueba",
        "Objetivo": "Objetivo de prueba",
        "Código": "N-01",
        "Acción": "Publicar datos abiertos",
        "Descripción": "Un portal de datos.",
        "Responsable": "UP",
        "Corresponsables": "",
        "Meta": "Cien conjuntos de datos.",
        "Indicador": "Conjuntos publicados",
        "Unidad de medida": "conjuntos",
        "Línea base": "0",
        "Valor meta": "100",
        "Sentido": "ascendente",
        "Periodicidad": "trimestral",
        "Peso": "1",
        "Fecha de inicio": "01/02/2026",
        "Fecha de término": "30/11/2026",
        "Medio de verificación": "Portal de datos.",
    }
    values.update(changes)
    return [values[name] for name in MATRIX_HEADER]


def as_csv(header, rows, *, encoding="utf-8-sig", delimiter=","):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def as_xlsx(header, rows, *, sheets=None, title="Hoja1"):
    """An XLSX whose first sheet holds `rows`; `sheets` adds more (name → rows)."""
    book = Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    for name, extra in (sheets or {}).items():
        other = book.create_sheet(name)
        for row in extra:
            other.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
