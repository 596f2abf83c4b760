"""A table's rows written as CSV (UTF-8 with BOM, so Excel in Spanish opens it), XLSX
(openpyxl) or JSON, each value written the way its column's type says."""

import csv
import io
import json
from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from openpyxl import Workbook

from opendata.tables import BOOLEAN, DATETIME, INTEGER, NUMBER

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}
MEDIA_TYPES = {name: value.split(";")[0] for name, value in FORMATS.items()}


def _text(value, type_):
    """A value as CSV text: the form Table Schema reads for its type by default."""
    if value is None or value == "":
        return ""
    if type_ == BOOLEAN:
        return "true" if value else "false"
    if type_ == DATETIME:
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if type_ == NUMBER and isinstance(value, float):
        return repr(value)
    return str(value)


def to_csv(table, rows):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.name for c in table.columns])
    for row in rows:
        writer.writerow([_text(v, c.type) for c, v in zip(table.columns, row, strict=True)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _json_value(value, type_):
    if value is None or (value == "" and type_ != "string"):
        return None
    if type_ == NUMBER:
        return float(value)
    if type_ == INTEGER:
        return int(value)
    if type_ == DATETIME:
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return value


def to_json(table, rows, *, day):
    document = {
        "tabla": table.name,
        "titulo": str(table.title),
        "fecha": day.isoformat(),
        "licencia": settings.OPEN_DATA_LICENSE["name"],
        "registros": [
            {c.name: _json_value(v, c.type) for c, v in zip(table.columns, row, strict=True)}
            for row in rows
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def _cell(value, type_):
    if value is None or (value == "" and type_ != "string"):
        return None
    if isinstance(value, datetime):
        # Excel has no time zones: the local time it was, as written on the site.
        return value.replace(tzinfo=None)
    if isinstance(value, Decimal):
        return float(value)
    return value


def to_xlsx(table, rows):
    book = Workbook(write_only=True)
    sheet = book.create_sheet(table.name[:31])
    sheet.append([c.name for c in table.columns])
    for row in rows:
        sheet.append([_cell(v, c.type) for c, v in zip(table.columns, row, strict=True)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def render(table, rows, fmt, *, day):
    if fmt == "csv":
        return to_csv(table, rows)
    if fmt == "xlsx":
        return to_xlsx(table, rows)
    return to_json(table, rows, day=day)
