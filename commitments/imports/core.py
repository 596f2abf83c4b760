"""What every import shares: columns, problems, the row-by-row preview and the transaction.

An import reads the whole file, checks every row (collecting every problem, not only the
first), then writes the rows through `commitments.services` inside one transaction. The
transaction is rolled back when any row has a problem or when it is a dry run, so the
preview of a dry run comes from the same code that writes.
"""

from dataclasses import dataclass, field
from time import monotonic

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import OperationalError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from commitments import effects
from commitments.imports.reading import Refused, read_table
from commitments.imports.values import BadValue, key, quoted, text
from commitments.services import BUSY, lost_race

# What a preview says of a row: stable values (tests and callers compare them) and the
# words people read, in their language.
NEW = "nuevo"
CHANGED = "cambia"
UNCHANGED = "sin cambios"
# A change to an approved commitment: its working copy, not public until the Secretariado
# publishes it as a modification with its reason.
PROPOSED = "modificación propuesta"
KIND_LABELS = {
    NEW: gettext_lazy("nuevo"),
    CHANGED: gettext_lazy("cambia"),
    UNCHANGED: gettext_lazy("sin cambios"),
    PROPOSED: gettext_lazy("modificación propuesta"),
}

# Rows between two progress reports.
PROGRESS_STEP = 50
# How far down a title or a note above the header may push it.
HEADER_SEARCH_ROWS = 20


@dataclass(frozen=True)
class Column:
    """A column of the file. Its `name` (and `aliases`) are the file's format, the same
    whatever language the staff member reads: a plain Spanish header, never translated, so
    a file exported or filled in Spanish imports under an English admin too."""

    name: str
    field: str
    parse: object = None
    required: bool = True
    blank: bool = False
    aliases: tuple = ()

    def names(self):
        return {key(self.name), *(key(alias) for alias in self.aliases)}


@dataclass
class Problem:
    message: str
    row: int | None = None
    column: str | None = None
    value: str = ""
    # A whole sentence (from the model's rules) rather than a phrase about the value.
    sentence: bool = False

    def __str__(self):
        if self.row is None:
            return self.message
        if self.column is None:
            return _("Fila %(row)s: %(message)s") % {"row": self.row, "message": self.message}
        if self.value == "":
            return _("Fila %(row)s, columna «%(column)s»: %(message)s") % vars(self)
        if self.sentence:
            return _("Fila %(row)s, columna «%(column)s» («%(value)s»): %(message)s") % vars(self)
        return _("Fila %(row)s, columna «%(column)s»: «%(value)s» %(message)s") % vars(self)


@dataclass
class Row:
    """A data row: parsed `values` and the cells as typed (`raw`), by column field."""

    number: int
    values: dict
    raw: dict
    ok: bool = True


@dataclass
class Preview:
    row: int
    label: str
    kind: str
    changes: list = field(default_factory=list)

    @property
    def kind_label(self):
        return KIND_LABELS[self.kind]


@dataclass
class Outcome:
    """What an import found and did; `written` is False after a dry run or any problem."""

    title: str
    name: str
    dry_run: bool
    rows: int = 0
    sheet: str = ""
    sheets: list = field(default_factory=list)
    previews: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    written: bool = False
    seconds: float = 0.0

    @property
    def ok(self):
        return not self.problems

    def count(self, kind):
        return sum(1 for preview in self.previews if preview.kind == kind)

    @property
    def nothing_to_do(self):
        return self.ok and self.rows > 0 and self.count(UNCHANGED) == len(self.previews)

    def summary(self):
        if not self.ok:
            return ngettext(
                "No se importó nada: el archivo tiene %(n)s problema.",
                "No se importó nada: el archivo tiene %(n)s problemas.",
                len(self.problems),
            ) % {"n": len(self.problems)}
        new, changed = self.count(NEW), self.count(CHANGED) + self.count(PROPOSED)
        same = self.count(UNCHANGED)
        counts = ", ".join(
            (
                ngettext("%(n)s nueva", "%(n)s nuevas", new) % {"n": new},
                ngettext("%(n)s cambia", "%(n)s cambian", changed) % {"n": changed},
                ngettext("%(n)s sin cambios", "%(n)s sin cambios", same) % {"n": same},
            )
        )
        if self.count(PROPOSED):
            counts += ngettext(
                "; %(n)s como modificación propuesta, sin publicar",
                "; %(n)s como modificaciones propuestas, sin publicar",
                self.count(PROPOSED),
            ) % {"n": self.count(PROPOSED)}
        rows = ngettext("%(n)s fila", "%(n)s filas", self.rows) % {"n": self.rows}
        if self.nothing_to_do:
            return ngettext(
                "%(n)s fila revisada: todo ya estaba registrado, no cambia nada.",
                "%(n)s filas revisadas: todo ya estaba registrado, no cambia nada.",
                self.rows,
            ) % {"n": self.rows}
        if self.written:
            return _("Importación hecha: %(rows)s (%(counts)s).") % {"rows": rows, "counts": counts}
        return _("Revisión sin guardar: %(rows)s (%(counts)s).") % {"rows": rows, "counts": counts}


def shown(value):
    """A value as the preview and the messages show it."""
    if value is None or value == "":
        return "—"
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    if hasattr(value, "normalize") and value == value.to_integral_value():
        return str(value.quantize(1))
    return str(value)


class Importer:
    """One kind of import. Subclasses declare `columns` and implement `check` and `write`."""

    title = ""
    columns = ()
    # Model field → column, for the problems the services report.
    field_columns = {}

    def __init__(self, *, by=None, publish=False, progress=None):
        self.by = by
        self.publish = publish
        # Called as progress(done, total, stage) while a file is read, checked and written.
        self.progress = progress or (lambda done, total, stage: None)
        self.problems = []
        self.previews = []
        self.notes = []
        self.present = set()

    # --- the run -----------------------------------------------------------------------

    def run(self, data, name, *, dry_run=True, sheet=None):
        started = monotonic()
        outcome = Outcome(title=self.title, name=name, dry_run=dry_run)
        try:
            self.authorize()
            self.progress(0, 1, _("Leyendo el archivo"))
            table = read_table(data, name, sheet=sheet)
            outcome.sheet, outcome.sheets = table.sheet, table.sheets
            rows = self.read(table)
        except Refused as refused:
            outcome.problems = [Problem(refused.message)]
            return outcome
        outcome.rows = len(rows)
        # One rebuild of the lists' states for the whole file, and none for a dry run.
        try:
            with transaction.atomic(), effects.after_write():
                self.check(rows)
                self.write([row for row in rows if row.ok])
                outcome.written = not dry_run and not self.problems
                if outcome.written:
                    # What is left happens on the way out: the public lists' stored states.
                    self.progress(
                        outcome.rows, outcome.rows, _("Filas guardadas; actualizando las listas")
                    )
                else:
                    transaction.set_rollback(True)
                    effects.discard()
        except OperationalError as error:
            # Another writer held the database too long (or PostgreSQL broke a deadlock
            # with another import): nothing was written; say so instead of failing.
            if not lost_race(error):
                raise
            outcome.written = False
            self.problems = [Problem(str(BUSY))]
        outcome.problems = sorted(self.problems, key=lambda p: (p.row or 0, p.column or ""))
        outcome.previews = sorted(self.previews, key=lambda p: p.row)
        outcome.notes = self.notes
        outcome.seconds = monotonic() - started
        return outcome

    # --- reading the header and the cells ------------------------------------------------

    def read(self, table):
        if not table.rows:
            raise Refused(_("El archivo no tiene filas."))
        header_at, header = self._header(table.rows)
        by_key = {k: column for column in self.columns for k in column.names()}
        positions = {}
        ignored = []
        for index, cell in enumerate(header):
            column = by_key.get(key(cell))
            if column is None:
                if text(cell):
                    ignored.append(text(cell))
                continue
            if column.field in positions:
                raise Refused(
                    _("La columna «%(column)s» aparece dos veces en el encabezado.")
                    % {"column": column.name}
                )
            positions[column.field] = index
        missing = [c.name for c in self.columns if c.required and c.field not in positions]
        if missing:
            raise Refused(
                ngettext(
                    "Falta la columna %(columns)s en el encabezado (fila %(row)s).",
                    "Faltan las columnas %(columns)s en el encabezado (fila %(row)s).",
                    len(missing),
                )
                % {"columns": ", ".join(quoted(name) for name in missing), "row": header_at}
            )
        if ignored:
            self.notes.append(
                _("Se ignoran las columnas %(columns)s.")
                % {"columns": ", ".join(quoted(name) for name in ignored)}
            )
        if table.sheet and len(table.sheets) > 1:
            self.notes.append(
                _("Se leyó la hoja «%(sheet)s» (el archivo tiene %(count)s hojas).")
                % {"sheet": table.sheet, "count": len(table.sheets)}
            )
        self.present = set(positions)
        data_rows = [(n, cells) for n, cells in table.rows if n > header_at]
        if not data_rows:
            raise Refused(_("El archivo solo tiene el encabezado: no hay filas que importar."))
        rows = []
        for done, (number, cells) in enumerate(data_rows, start=1):
            rows.append(self._parse(number, cells, positions))
            if done % PROGRESS_STEP == 0 or done == len(data_rows):
                self.progress(done, len(data_rows), _("Filas leídas"))
        return rows

    def _header(self, rows):
        known = {k for column in self.columns for k in column.names()}
        for number, cells in rows[:HEADER_SEARCH_ROWS]:
            if sum(1 for cell in cells if key(cell) in known) >= 2:
                return number, cells
        return rows[0]

    def _parse(self, number, cells, positions):
        row = Row(number=number, values={}, raw={})
        for column in self.columns:
            if column.field not in positions:
                continue
            index = positions[column.field]
            cell = cells[index] if index < len(cells) else None
            typed = text(cell)
            row.raw[column.field] = typed
            if typed == "":
                row.values[column.field] = None
                continue
            try:
                row.values[column.field] = column.parse(cell) if column.parse else typed
            except BadValue as bad:
                row.values[column.field] = None
                self.problem(row, column.field, bad.message)
        return row

    # --- problems ----------------------------------------------------------------------

    def column(self, field):
        return next(c for c in self.columns if c.field == field)

    def problem(self, row, field, message, *, sentence=False):
        """A problem with one cell (`field`), or with the whole row when `field` is None."""
        row.ok = False
        if field is None:
            self.problems.append(Problem(message, row=row.number))
            return
        self.problems.append(
            Problem(
                message,
                row=row.number,
                column=self.column(field).name,
                value=row.raw.get(field, ""),
                sentence=sentence,
            )
        )

    def require(self, row, *fields):
        """Blank required cells are problems; True when all are filled."""
        filled = True
        for name in fields:
            if name in self.present and row.raw.get(name, "") == "":
                self.problem(row, name, _("está vacía"))
                filled = False
        return filled

    def refused(self, row, error, field_columns=None):
        """A row the services refused: each message on the column it is about."""
        field_columns = self.field_columns if field_columns is None else field_columns
        if hasattr(error, "error_dict"):
            for name, errors in error.error_dict.items():
                column = field_columns.get(name) if name != NON_FIELD_ERRORS else None
                column = column if column in self.present else None
                for message in ValidationError(errors).messages:
                    self.problem(row, column, message, sentence=True)
        else:
            for message in error.messages:
                self.problem(row, None, message)

    def tick(self, done, total, stage):
        if done % PROGRESS_STEP == 0 or done == total:
            self.progress(done, total, stage)

    # --- per import --------------------------------------------------------------------

    def authorize(self):
        """Raise `Refused` when `self.by` may not run this import at all."""

    def check(self, rows):
        raise NotImplementedError

    def write(self, rows):
        raise NotImplementedError
