"""The API's documentation, a page of the site read from the OpenAPI description (ninja's
Swagger UI needs inline scripts and a CDN, which the site's CSP forbids).

The OpenAPI description is Spanish; its descriptions are in the catalogue (marked where they
are written, api/views.py and api/schemas.py), so this page shows them in its language."""

from dataclasses import dataclass

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from api import views
from commitments import listing


@dataclass(frozen=True)
class Parameter:
    name: str
    where: str
    required: bool
    kind: str
    description: str


@dataclass(frozen=True)
class Endpoint:
    path: str
    summary: str
    description: str
    parameters: list
    statuses: list
    example: str


# A query worth trying, by the end of an endpoint's path.
EXAMPLES = {
    "/planes/": "",
    "/compromisos/": "?estado=atrasado&estado=con_retraso&orden=avance&fecha=2026-06-30",
    "/cambios/": "?fecha=2026-06-30",
}


def _translated(text):
    # gettext("") would be the catalogue's header.
    return _(text) if text else ""


def _kind(schema):
    options = schema.get("anyOf", [schema])
    for option in options:
        if option.get("type") == "array":
            values = ", ".join(option.get("items", {}).get("enum", []))
            return _("lista de: %(values)s") % {"values": values}
        if "enum" in option:
            return _("uno de: %(values)s") % {"values": ", ".join(option["enum"])}
        if option.get("pattern"):
            return _("AAAA-MM-DD")
        if option.get("type") and option["type"] != "null":
            return {"integer": _("número entero"), "string": _("texto")}.get(option["type"], "")
    return ""


def endpoints():
    """Each endpoint as the OpenAPI description says it, in the order it was declared."""
    schema = views.api.get_openapi_schema(path_prefix=reverse("api:api-root"))
    found = []
    for path, methods in schema["paths"].items():
        operation = methods["get"]
        lines = (operation.get("description") or "").strip().splitlines()
        found.append(
            Endpoint(
                path=path,
                summary=operation.get("summary", ""),
                description=_translated(" ".join(line.strip() for line in lines)),
                parameters=[
                    Parameter(
                        p["name"],
                        _("ruta") if p["in"] == "path" else _("consulta"),
                        p.get("required", False),
                        _kind(p.get("schema", {})),
                        _translated(p.get("description", "")),
                    )
                    for p in operation.get("parameters", [])
                ],
                statuses=sorted(operation.get("responses", {})),
                example=next((path + q for tail, q in EXAMPLES.items() if path.endswith(tail)), ""),
            )
        )
    return found


def docs(request):
    base = settings.SITE_URL
    return render(
        request,
        "api/docs.html",
        {
            "base": base + reverse("api:api-root"),
            "openapi": reverse("api:openapi-json"),
            "endpoints": endpoints(),
            "rate": settings.API_RATE_LIMIT,
            "page_size": listing.PAGE_SIZE,
            "long_page_size": views.LONG_PAGE_SIZE,
        },
    )
