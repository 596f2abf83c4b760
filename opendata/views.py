"""/datos/: the open-data page, each table's downloads, the Data Package and its zip, and the
DCAT catalogue. Every download takes `?fecha=AAAA-MM-DD` (the data as public at the end of
that day), read at the edge like any page's (core/params.py)."""

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core import clock, params
from core.cache import public_page
from opendata import catalog, formats, package
from opendata.tables import Snapshot, table, tables


def _snapshot(request, day=None):
    return Snapshot(day or params.asked(request).day, site=settings.SITE_URL)


def _refused(request):
    """A mistyped `?fecha=` answers what was wrong, never today's data under the wrong date."""
    error = params.asked(request).error
    if error:
        return HttpResponseBadRequest(
            _("Parámetro «fecha»: %(error)s") % {"error": error},
            content_type="text/plain; charset=utf-8",
        )
    return None


def _file(body, content_type, filename):
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _query(request):
    """`?fecha=` as a past day asked for, for links to the same day's files."""
    asked = params.asked(request)
    return f"?fecha={asked.day.isoformat()}" if asked.is_past else ""


@require_safe
@public_page
def index(request):
    snapshot = _snapshot(request)
    return render(
        request,
        "opendata/index.html",
        {
            "snapshot": snapshot,
            "as_of": params.asked(request),
            "tables": tables(),
            "formats": list(formats.FORMATS),
            "query": _query(request),
            "license": settings.OPEN_DATA_LICENSE,
            "schema_org": catalog.to_json(catalog.schema_org(snapshot)),
        },
    )


@require_safe
@public_page
def table_download(request, name, fmt):
    found = table(name)
    if found is None:
        raise Http404(_("No hay una tabla «%(name)s».") % {"name": name[:40]})
    if refused := _refused(request):
        return refused
    snapshot = _snapshot(request)
    body = formats.render(found, found.rows(snapshot), fmt, day=snapshot.day)
    return _file(body, formats.FORMATS[fmt], f"{found.name}-{snapshot.day.isoformat()}.{fmt}")


@require_safe
@public_page
def datapackage(request):
    if refused := _refused(request):
        return refused
    body = package.descriptor_json(_snapshot(request), query=_query(request))
    return HttpResponse(body, content_type="application/json")


def _zip(request, day):
    body = package.zipped(_snapshot(request, day))
    return _file(body, "application/zip", f"paquete-{day.isoformat()}.zip")


@require_safe
@public_page
def package_zip(request):
    if refused := _refused(request):
        return refused
    return _zip(request, params.asked(request).day)


@require_safe
@public_page
def dated_package_zip(request, day):
    found = params.iso_date(day)
    if found is None:
        raise Http404(_("La fecha «%(day)s» no es válida.") % {"day": day})
    return _zip(request, min(found, clock.today()))


@require_safe
@public_page
def dcat_catalog(request):
    document = catalog.dcat(_snapshot(request, clock.today()))
    return HttpResponse(catalog.to_json(document), content_type="application/ld+json")
