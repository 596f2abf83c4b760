"""Where search engines and data portals find the tables: a DCAT-AP-style catalogue in
JSON-LD that a CKAN portal with ckanext-dcat harvests, and schema.org `Dataset` JSON-LD for
the /datos/ page (dataset search engines)."""

import json

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from opendata.formats import MEDIA_TYPES
from opendata.tables import tables

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
FORMAT_NAMES = {"csv": "CSV", "xlsx": "XLSX", "json": "JSON"}


def _modified(snapshot):
    moment = snapshot.last_update
    day = timezone.localdate(moment) if moment else snapshot.day
    return {"@value": day.isoformat(), "@type": "xsd:date"}


def _download(snapshot, table, fmt):
    return snapshot.url(reverse("open_data_table", args=[table.name, fmt]))


def _publisher():
    return {
        "@type": "foaf:Agent",
        "foaf:name": _("Municipio de %(place)s") % {"place": settings.MUNICIPALITY},
    }


def _contact():
    unit = settings.TRANSPARENCY_UNIT
    return {
        "@type": "vcard:Organization",
        "vcard:fn": str(unit["name"]),
        "vcard:hasEmail": {"@id": f"mailto:{unit['email']}"},
    }


def dcat(snapshot):
    """The DCAT catalogue: one dcat:Dataset per table, one dcat:Distribution per format."""
    license_ = {"@id": settings.OPEN_DATA_LICENSE["path"]}
    page = snapshot.url(reverse("open_data"))
    modified = _modified(snapshot)
    datasets = []
    for table in tables():
        dataset_id = f"{page}#{table.name}"
        datasets.append(
            {
                "@id": dataset_id,
                "@type": "dcat:Dataset",
                "dct:identifier": f"{settings.SITE_NAME}/{table.name}",
                "dct:title": {"@value": str(table.title), "@language": "es"},
                "dct:description": {"@value": str(table.description), "@language": "es"},
                "dct:language": {
                    "@id": "http://publications.europa.eu/resource/authority/language/SPA"
                },
                "dct:license": license_,
                "dct:modified": modified,
                "dct:publisher": _publisher(),
                "dcat:contactPoint": _contact(),
                "dcat:landingPage": {"@id": f"{page}#{table.name}"},
                "dcat:keyword": [_("gobierno abierto"), settings.MUNICIPALITY, str(table.title)],
                "dcat:distribution": [
                    {
                        "@id": f"{dataset_id}-{fmt}",
                        "@type": "dcat:Distribution",
                        "dct:title": f"{table.title} ({FORMAT_NAMES[fmt]})",
                        "dct:format": FORMAT_NAMES[fmt],
                        "dct:license": license_,
                        "dcat:accessURL": {"@id": _download(snapshot, table, fmt)},
                        "dcat:downloadURL": {"@id": _download(snapshot, table, fmt)},
                        "dcat:mediaType": media_type,
                    }
                    for fmt, media_type in MEDIA_TYPES.items()
                ],
            }
        )
    return {
        "@context": CONTEXT,
        "@id": snapshot.url(reverse("open_data_catalog")),
        "@type": "dcat:Catalog",
        "dct:title": {
            "@value": _("Datos abiertos de %(site)s") % {"site": settings.SITE_NAME},
            "@language": "es",
        },
        "dct:description": {
            "@value": _(
                "Las tablas del seguimiento del Plan de Acción Municipal de Gobierno Abierto: "
                "compromisos, avances, evidencias y el trabajo del Secretariado Técnico."
            ),
            "@language": "es",
        },
        "dct:publisher": _publisher(),
        "dct:license": license_,
        "dct:modified": modified,
        "foaf:homepage": {"@id": page},
        "dcat:dataset": datasets,
    }


def schema_org(snapshot):
    """The /datos/ page as a schema.org Dataset (one, with every table as a download)."""
    moment = snapshot.last_update
    document = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": _("Seguimiento del Plan de Acción Municipal de Gobierno Abierto de %(place)s")
        % {"place": settings.MUNICIPALITY},
        "description": _(
            "Compromisos con su semáforo y avance, indicadores, avances con sus dos fechas, "
            "hitos, evidencias con huella SHA-256, cortes, versiones, sesiones, acuerdos y "
            "ruta metodológica del Secretariado Técnico Municipal de Gobierno Abierto."
        ),
        "url": snapshot.url(reverse("open_data")),
        "license": settings.OPEN_DATA_LICENSE["path"],
        "isAccessibleForFree": True,
        "inLanguage": "es-MX",
        "dateModified": timezone.localtime(moment).isoformat(timespec="seconds")
        if moment
        else None,
        "creator": {
            "@type": "GovernmentOrganization",
            "name": _("Municipio de %(place)s") % {"place": settings.MUNICIPALITY},
        },
        "distribution": [
            {
                "@type": "DataDownload",
                "name": f"{table.title} ({FORMAT_NAMES[fmt]})",
                "encodingFormat": media_type,
                "contentUrl": _download(snapshot, table, fmt),
            }
            for table in tables()
            for fmt, media_type in MEDIA_TYPES.items()
        ],
    }
    if moment:
        document["dateModified"] = timezone.localtime(moment).isoformat(timespec="seconds")
    return document


def to_json(document):
    """JSON-LD text, safe inside a <script> data block (no "</" can close it)."""
    return json.dumps(document, ensure_ascii=False, indent=1).replace("</", "<\\/")
