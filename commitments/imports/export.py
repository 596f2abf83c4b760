"""Exports with the import's columns, so an exported file imports back to the same data.

Written with openpyxl and the csv module directly: django-import-export would write the
same cells but not the matrix's one-row-per-indicator shape, and its formula escaping
leaves out part of what spreadsheets run. Every text cell that starts with =, +, -, @, a
tab or a carriage return gets an apostrophe in front; the importer takes it off again.
"""

import csv
import io
from datetime import date
from decimal import Decimal

from django.db.models import Exists, OuterRef
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from commitments.imports import matrix
from commitments.imports.facts import MeasurementImporter, MilestoneProgressImporter
from commitments.imports.values import RISKY_STARTS
from commitments.models import Evidence

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"


def neutralise(value):
    if isinstance(value, str) and value.startswith(RISKY_STARTS):
        return "'" + value
    return value


def matrix_rows(commitments):
    """One row per indicator (one row for a commitment without indicators)."""
    commitments = commitments.select_related("objective__axis", "unit").prefetch_related(
        "indicators", "co_responsibles__unit", "co_responsibles__organization"
    )
    for commitment in commitments.order_by("code"):
        head = [
            commitment.objective.axis.name,
            commitment.objective.title,
            commitment.code,
            commitment.title,
            commitment.description,
            matrix._party_name(commitment.unit),
            matrix.co_text((co.party, co.role) for co in commitment.co_responsibles.all()),
            commitment.goal,
        ]
        dates = [commitment.start_date, commitment.end_date]
        indicators = list(commitment.indicators.all()) or [None]
        for indicator in indicators:
            if indicator is None:
                values = [""] * 7
                means = ""
            else:
                values = [
                    indicator.name,
                    indicator.unit,
                    indicator.baseline,
                    indicator.target,
                    indicator.direction,
                    indicator.periodicity,
                    indicator.weight,
                ]
                means = indicator.verification_means
            yield [*head, *values, *dates, means]


def _current(queryset):
    newer = queryset.model.objects.filter(supersedes=OuterRef("pk"))
    return queryset.exclude(Exists(newer)).filter(is_withdrawal=False)


def measurement_rows(queryset):
    rows = _current(queryset.filter(pk__in=queryset.values("pk")))
    for fact in rows.select_related("indicator__commitment").order_by(
        "indicator__commitment__code", "indicator__order", "date"
    ):
        yield [
            fact.indicator.commitment.code,
            fact.indicator.name,
            fact.date,
            fact.value,
            fact.narrative,
            fact.evidence_url,
        ]


def milestone_rows(queryset):
    rows = _current(queryset.filter(pk__in=queryset.values("pk")))
    rows = list(
        rows.select_related("milestone__commitment").order_by(
            "milestone__commitment__code", "milestone__order", "date"
        )
    )
    evidence = {}
    for item in _current(Evidence.objects.filter(milestone__in={r.milestone_id for r in rows})):
        evidence.setdefault((item.milestone_id, item.date), item.evidence_url)
    for fact in rows:
        yield [
            fact.milestone.commitment.code,
            fact.milestone.title,
            fact.date,
            fact.percent,
            fact.milestone_status,
            fact.narrative,
            evidence.get((fact.milestone_id, fact.date), ""),
        ]


def as_xlsx(header, rows, title):
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])
    sheet.append(header)
    for row in rows:
        sheet.append([_xlsx_cell(sheet, value) for value in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _xlsx_cell(sheet, value):
    if isinstance(value, date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "DD/MM/YYYY"
        return cell
    return neutralise(value)


def as_csv(header, rows):
    """UTF-8 with a BOM, so Excel in Spanish reads the accents right."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow([_csv_cell(value) for value in row])
    return "\ufeff".encode() + out.getvalue().encode("utf-8")


def _csv_cell(value):
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, Decimal):
        return str(value.quantize(Decimal(1)) if value == value.to_integral_value() else value)
    return neutralise("" if value is None else str(value))


KINDS = {
    "matriz": (matrix.COLUMNS, matrix_rows, "Matriz"),
    "avances": (MeasurementImporter.columns, measurement_rows, "Avances"),
    "hitos": (MilestoneProgressImporter.columns, milestone_rows, "Avances de hitos"),
}


def export(kind, queryset, file_format):
    """(bytes, content type, extension) of an export of `queryset`."""
    columns, rows, title = KINDS[kind]
    header = [str(column.name) for column in columns]
    if file_format == "xlsx":
        return as_xlsx(header, rows(queryset), title), XLSX_TYPE, "xlsx"
    return as_csv(header, rows(queryset)), CSV_TYPE, "csv"
