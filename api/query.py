"""The API's query parameters: read strictly, refused with a 400 that names the parameter.

Pages drop what they do not understand (core/params.py); an API client must hear about it,
so here an unknown parameter, a value that is not one of the known ones or a date not
written AAAA-MM-DD is refused. What is accepted is written in one canonical form, which the
page cache keys on (core/cache.py), exactly as for pages. The checks reuse the pages' own
readers and vocabularies (`params.iso_date`, `params.known_values`, the board's statuses
and sorts in `commitments.listing`), so a value the board takes the API takes too.
"""

import re

from django.http import JsonResponse, QueryDict
from django.utils.translation import gettext as _

from commitments import listing
from core import clock, params

PLAN = params.PLAN
DAY = params.DAY
PAGE = params.PAGE
STATUS = "estado"
FILTERS = ("q", "eje", "dependencia", STATUS, "pilar", "corresponsable", "valoracion", "orden")

# The parameters each endpoint takes (by URL name), in canonical order.
PARAMETERS = {
    "api:plans": (DAY,),
    "api:axes": (DAY, PLAN),
    "api:commitments": (DAY, PLAN, PAGE, *FILTERS),
    "api:commitment": (DAY,),
    "api:units": (DAY,),
    "api:rounds": (DAY, PLAN),
    "api:sessions": (DAY,),
    "api:agreements": (DAY, PAGE),
    "api:changes": (DAY, PAGE),
}
MULTIPLE = {STATUS}
PAGE_NUMBER = re.compile(r"[1-9][0-9]{0,8}")
KNOWN = {
    PLAN: "plans",
    "eje": "axes",
    "dependencia": "units",
    "pilar": "pillars",
    "corresponsable": "parties",
}
CHOICES = {
    STATUS: [value for value, _label in listing.STATUS_CHOICES],
    "orden": sorted(value for value, _label in listing.SORT_CHOICES if value),
    "valoracion": sorted(value for value, _label in listing.ASSESSMENT_CHOICES if value),
}


class BadParameter(Exception):
    """A parameter the API refuses, and why (in Spanish)."""

    def __init__(self, parameter, detail, status=400):
        super().__init__(detail)
        self.parameter = parameter
        self.detail = detail
        self.status = status


def error_response(parameter, detail, status=400):
    """The API's error body: which parameter (if any) and why."""
    return JsonResponse(
        {"parameter": parameter, "detail": str(detail)},
        status=status,
        json_dumps_params={"ensure_ascii": False},
    )


def _day(raw):
    day = params.iso_date(raw)
    if day is None:
        raise BadParameter(
            DAY,
            _("«%(raw)s» no es una fecha válida; escríbela AAAA-MM-DD, p. ej. 2026-06-30.")
            % {"raw": raw[:20]},
        )
    return day


def _value(name, raw, choices):
    if name == PAGE:
        if not PAGE_NUMBER.fullmatch(raw):
            raise BadParameter(
                PAGE, _("La página es un número entero desde 1 (y de a lo más 9 cifras).")
            )
        return raw
    if name == "q":
        text = params._search(raw, None)
        if text is None and raw.strip():
            raise BadParameter(
                "q",
                _("La búsqueda tiene a lo más %(n)s caracteres, sin caracteres de control.")
                % {"n": params.SEARCH_MAX_LENGTH},
            )
        return text
    if name in KNOWN:
        if raw not in choices()[KNOWN[name]]:
            raise BadParameter(name, _("No hay ningún valor «%(raw)s».") % {"raw": raw[:40]})
        return raw
    if raw not in CHOICES[name]:
        raise BadParameter(
            name,
            _("«%(raw)s» no es un valor válido; usa uno de: %(values)s.")
            % {"raw": raw[:40], "values": ", ".join(CHOICES[name])},
        )
    return raw


def read(view_name, query, choices):
    """The canonical query and the day asked for (`params.Query`), or `BadParameter`."""
    accepted = PARAMETERS.get(view_name, ())
    unknown = sorted(name for name in query if name not in accepted)
    if unknown:
        allowed = ", ".join(accepted) or _("ninguno")
        raise BadParameter(
            unknown[0][:40],
            _("Este recurso no acepta ese parámetro; acepta: %(allowed)s.") % {"allowed": allowed},
        )
    result = QueryDict(mutable=True)
    asked = params.Asked(clock.today())
    for name in accepted:
        raws = query.getlist(name)
        if not raws:
            continue
        if len(raws) > 1 and name not in MULTIPLE:
            raise BadParameter(name, _("Este parámetro se da una sola vez."))
        if name == DAY:
            day = _day(raws[0])
            # From today on, the data is today's: one canonical form, no date.
            if day < asked.day:
                asked = params.Asked(day, is_past=True)
                result[DAY] = day.isoformat()
            continue
        values = [_value(name, raw, choices) for raw in raws]
        if name in MULTIPLE:
            values = [v for v in CHOICES[name] if v in values]
        values = [v for v in values if v and not (name == PAGE and v == "1")]
        if values:
            result.setlist(name, values)
    result._mutable = False
    return params.Query(result, asked)


def read_or_refuse(view_name, query, choices):
    """`read` for the page cache: a refused query becomes its 400 answer."""
    try:
        return read(view_name, query, choices)
    except BadParameter as bad:
        raise params.RefusedQuery(error_response(bad.parameter, bad.detail, bad.status)) from bad
