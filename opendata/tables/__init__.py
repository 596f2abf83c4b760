"""The published tables: the one place that says which tables there are, their columns, types
and meaning. The CSV, XLSX and JSON writers, the data dictionary on /datos/, the Data
Package's Table Schemas and the DCAT catalogue all read these definitions.

A table's rows come from a `Snapshot`: what was public at the end of one day, read through
the readers (`commitments.reader.records`, `secretariat.reader`, `participation.reader`).
"""

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

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
        """Each record as a tuple of plain values, in column order."""
        return [
            tuple(snapshot.url(c.get(r)) if c.link else c.get(r) for c in self.columns)
            for r in self.records(snapshot)
        ]


@dataclass
class Snapshot:
    """What the tables publish as public at the end of `day`; `site` is the site's address
    (scheme and host), for the links to its pages."""

    day: date
    site: str = ""

    @cached_property
    def plans(self):
        return public_records(self.day)

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
