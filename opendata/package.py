"""The Frictionless Data Package (v2) of every table, and its dated zip.

The descriptor's Table Schemas come from the table definitions (`opendata.tables`); each
resource's path is the name of its CSV download, relative to the descriptor, so the served
`/datos/datapackage.json` points at `/datos/<tabla>.csv` and the zip holds the same names.
"""

import io
import json
import zipfile

from django.conf import settings
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from opendata.formats import to_csv
from opendata.tables import tables

PACKAGE_PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
RESOURCE_PROFILE = "https://datapackage.org/profiles/2.0/dataresource.json"
SCHEMA_PROFILE = "https://datapackage.org/profiles/2.0/tableschema.json"
NAME = "gobierno-abierto-leon"


def table_schema(table):
    schema = {
        "$schema": SCHEMA_PROFILE,
        "fields": [
            {"name": c.name, "type": c.type, "description": str(c.description)}
            for c in table.columns
        ],
        "primaryKey": list(table.primary_key),
        # Empty CSV cells are missing values (a date not known, a milestone not linked).
        "missingValues": [""],
    }
    if table.foreign_keys:
        schema["foreignKeys"] = [
            {
                "fields": list(key.fields),
                "reference": {"resource": key.table, "fields": list(key.reference)},
            }
            for key in table.foreign_keys
        ]
    return schema


def descriptor(snapshot, *, query=""):
    """The Data Package of `snapshot`; `query` (e.g. "?fecha=2026-03-31") follows each path
    so a dated descriptor points at the same day's CSV downloads."""
    # Its default title is lazy (portal/settings.py): JSON wants it as text.
    license_ = {key: str(value) for key, value in settings.OPEN_DATA_LICENSE.items()}
    return {
        "$schema": PACKAGE_PROFILE,
        "name": NAME,
        "title": _("Plan de Acción Municipal de Gobierno Abierto de %(place)s")
        % {"place": settings.MUNICIPALITY},
        "description": _(
            "Compromisos, indicadores, avances, hitos, evidencias, cortes, versiones, sesiones, "
            "acuerdos y ruta metodológica, como eran públicos al final del %(day)s."
        )
        % {"day": date_format(snapshot.day)},
        "version": snapshot.day.isoformat(),
        "homepage": snapshot.url("/datos/"),
        "licenses": [license_],
        "resources": [
            {
                "$schema": RESOURCE_PROFILE,
                "name": table.name,
                "title": str(table.title),
                "description": str(table.description),
                "type": "table",
                "path": f"{table.name}.csv{query}",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8-sig",
                "schema": table_schema(table),
            }
            for table in tables()
        ],
    }


def descriptor_json(snapshot, *, query=""):
    return json.dumps(descriptor(snapshot, query=query), ensure_ascii=False, indent=1).encode()


def zipped(snapshot):
    """The descriptor and every CSV, in one zip."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("datapackage.json", descriptor_json(snapshot))
        for table in tables():
            archive.writestr(f"{table.name}.csv", to_csv(table, table.rows(snapshot)))
    return out.getvalue()
