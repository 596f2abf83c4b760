"""The published tables: the one place that says which tables there are, their columns, types
and meaning. The CSV, XLSX and JSON writers, the data dictionary on /datos/, the Data
Package's Table Schemas and the DCAT catalogue all read these definitions.

A table's rows come from a `Snapshot`: what was public at the end of one day, read through
the readers (`commitments.reader.records`, `secretariat.reader`, `participation.reader`).
"""

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from django.conf import settings
from django.utils import translation

from commitments.reader.english import EnglishOf
from commitments.reader.records import public_records

# Table Schema types (https://datapackage.org/standard/table-schema/#field-types).
INTEGER, NUMBER, STRING, DATE, DATETIME, BOOLEAN = (
    "integer",
    "number",
    "string",
    "date",
    "datetime",
    "boolean",
)


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    description: str
    get: object  # record → value
    # The value may be a path of the site ("/media/…"): published as a full address.
    link: bool = False
    # An English column: (kind of record, record → its id, text); `get` gives the Spanish
    # it translates (`commitments.reader.english.EnglishOf`).
    translates: tuple = ()


@dataclass(frozen=True)
class ForeignKey:
    fields: tuple
    table: str  # "" is the table itself
    reference: tuple


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    columns: tuple
    primary_key: tuple
    records: object  # Snapshot → records
    foreign_keys: tuple = field(default=())

    def rows(self, snapshot):
        """Each record as a tuple of plain values, in column order. In Spanish whatever the
        page's language, so a column says the same on the English site (labels included);
        the English of staff's texts goes in its own `*_en` columns."""
        with translation.override(settings.LANGUAGE_CODE):
            return [
                tuple(self._value(c, r, snapshot) for c in self.columns)
                for r in self.records(snapshot)
            ]

    @staticmethod
    def _value(column, record, snapshot):
        value = column.get(record)
        if column.translates:
            kind, pk, name = column.translates
            return snapshot.english(kind, pk(record), name, value)
        return snapshot.url(value) if column.link else value


@dataclass
class Snapshot:
    """What the tables publish as public at the end of `day`; `site` is the site's address
    (scheme and host), for the links to its pages."""

    day: date
    site: str = ""

    @cached_property
    def plans(self):
        # Read in Spanish, as `Table.rows` reads (this is cached for the other tables).
        with translation.override(settings.LANGUAGE_CODE):
            return public_records(self.day)

    @cached_property
    def english(self):
        return EnglishOf()

    def every(self, name):
        """One kind of record (an attribute of `PlanRecords`) of every public plan."""
        return [record for plan in self.plans for record in getattr(plan, name)]

    @cached_property
    def last_update(self):
        """The latest moment something the plan's tables publish became public."""
        moments = [
            r.published_at
            for name in ("measurements", "milestone_progress", "evidence", "versions")
            for r in self.every(name)
        ]
        moments += [r.published_at for r in self.every("reports") if r.published_at]
        return max(moments, default=None)

    def url(self, path):
        """A full address for a path of the site; other addresses as they are."""
        return f"{self.site}{path}" if path and path.startswith("/") else path


def tables():
    """Every published table, in the order the page and the package list them."""
    from opendata.tables import participation, plan, secretariat

    return (*plan.TABLES, *secretariat.TABLES, *participation.TABLES)


def table(name):
    return next((t for t in tables() if t.name == name), None)


def english_column(name, description, spanish, kind, pk, text):
    """The English of a text column (`spanish`: record → the Spanish text), at the table's
    end so the Spanish columns keep their places; empty where it has no translation."""
    return Column(name, STRING, description, spanish, translates=(kind, pk, text))
