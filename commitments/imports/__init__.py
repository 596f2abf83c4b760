"""Spreadsheet import and export of the plan matrix, measurements and milestone progress.

`importer(kind, …).run(data, name, dry_run=…)` reads a file, checks every row and writes
through `commitments.services` in one transaction (all or nothing); `export.export(kind,
queryset, format)` writes the same columns back. The admin and the management commands
both call these, so a dry run on the command line previews exactly what the admin shows.
"""

from django.utils.translation import gettext_lazy as _

from commitments.imports.facts import MeasurementImporter, MilestoneProgressImporter
from commitments.imports.matrix import MatrixImporter

IMPORTERS = {
    "matriz": MatrixImporter,
    "avances": MeasurementImporter,
    "hitos": MilestoneProgressImporter,
}
TITLES = {
    "matriz": _("Importar la matriz del plan"),
    "avances": _("Importar avances de indicadores"),
    "hitos": _("Importar avances de hitos"),
}


def importer(kind, **options):
    return IMPORTERS[kind](**options)
