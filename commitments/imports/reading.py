"""Turn an uploaded spreadsheet into rows of cell values, refusing anything odd first.

The file is checked before a parser sees it: its size, its type by content (not by name),
and for an XLSX (a zip) its member count and inflated size. openpyxl then reads it in
read-only mode, so a large sheet is streamed instead of loaded. A CSV is decoded as UTF-8
(with or without BOM) or, failing that, as Windows-1252 / Latin-1, the encodings Excel in
Spanish writes; its separator (comma or semicolon) is read from the header line.
"""

import csv
import io
import zipfile
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from commitments.imports.values import quoted
from core.validators import check_office


class Refused(Exception):
    """The whole file is refused before any row is read (type, size, structure)."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass
class Table:
    """The cells of one sheet: `rows` are (spreadsheet row number, values) pairs."""

    rows: list
    sheet: str = ""
    sheets: list = field(default_factory=list)


def _extension(name):
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def read_table(data, name, *, sheet=None):
    """The rows of `data` (the file's bytes); `sheet` picks an XLSX sheet by name."""
    limit = settings.IMPORT_MAX_MB * 1024 * 1024
    if len(data) > limit:
        raise Refused(
            _("El archivo «%(name)s» pesa %(size).1f MB y el máximo es %(limit)s MB.")
            % {"name": name, "size": len(data) / (1024 * 1024), "limit": settings.IMPORT_MAX_MB}
        )
    if not data.strip():
        raise Refused(_("El archivo «%(name)s» está vacío.") % {"name": name})
    extension = _extension(name)
    if extension == "xlsx":
        return _read_xlsx(data, name, sheet)
    if extension == "csv":
        return _read_csv(data, name)
    raise Refused(
        _("«%(name)s» no es una hoja de cálculo que se pueda importar: sube un .xlsx o un .csv.")
        % {"name": name}
    )


def _too_many_rows():
    return Refused(
        _("El archivo tiene más de %(limit)s filas; divídelo en archivos más pequeños.")
        % {"limit": settings.IMPORT_MAX_ROWS}
    )


def _read_xlsx(data, name, sheet):
    try:
        check_office(File(io.BytesIO(data), name=name), "xlsx")
    except ValidationError as error:
        raise Refused(" ".join(error.messages)) from None
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError):
        raise Refused(
            _("El archivo «%(name)s» no es un documento .xlsx válido.") % {"name": name}
        ) from None
    try:
        names = book.sheetnames
        if sheet and sheet not in names:
            raise Refused(
                _("El archivo no tiene una hoja «%(sheet)s»; sus hojas son: %(sheets)s.")
                % {"sheet": sheet, "sheets": ", ".join(quoted(n) for n in names)}
            )
        chosen = sheet or names[0]
        rows = []
        limit = settings.IMPORT_MAX_ROWS
        for number, cells in enumerate(book[chosen].iter_rows(), start=1):
            values = [_cell_value(cell) for cell in cells]
            if any(_filled(value) for value in values):
                # One row more than the limit: the header.
                if len(rows) > limit:
                    raise _too_many_rows()
                rows.append((number, values))
    except (KeyError, ValueError, TypeError, zipfile.BadZipFile) as error:
        raise Refused(
            _("No se pudo leer la hoja del archivo «%(name)s»: %(error)s.")
            % {"name": name, "error": error}
        ) from None
    finally:
        book.close()
    return Table(rows=rows, sheet=chosen, sheets=names)


def _cell_value(cell):
    value = getattr(cell, "value", None)
    # A cell shown as "45 %" stores 0.45: the person means what they see.
    is_number = isinstance(value, int | float) and not isinstance(value, bool)
    if is_number and "%" in (getattr(cell, "number_format", "") or ""):
        return value * 100
    return value


def _filled(value):
    return value is not None and str(value).strip() != ""


def _decode(data):
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes every byte")


def _separator(text):
    first = next((line for line in text.splitlines() if line.strip()), "")
    return ";" if first.count(";") > first.count(",") else ","


def _read_csv(data, name):
    text = _decode(data)
    if "\x00" in text or any(ch < " " and ch not in "\t\r\n" for ch in text[:65536]):
        raise Refused(
            _("El archivo «%(name)s» termina en .csv pero no es un texto separado por comas.")
            % {"name": name}
        )
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_separator(text))
    rows = []
    limit = settings.IMPORT_MAX_ROWS
    try:
        for number, values in enumerate(reader, start=1):
            if any(_filled(value) for value in values):
                if len(rows) > limit:
                    raise _too_many_rows()
                rows.append((number, values))
    except csv.Error as error:
        raise Refused(
            _("El archivo «%(name)s» no es un CSV válido: %(error)s.")
            % {"name": name, "error": error}
        ) from None
    return Table(rows=rows)
