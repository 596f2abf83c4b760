"""The query parameters each public page reads, and the one canonical form of each.

This is the only place that says which parameters a public page takes. Before a public
view runs, its `request.GET` is replaced by `canonical_query(...)`: unknown parameters are
dropped, invalid values are dropped (a mistyped date is kept, see `read_day`), valid values are
written one way. So every link a page builds carries only valid parameters, and the page
cache (core/cache.py) keys pages on this canonical query: `?x=<random>` or
`?eje=<random>` is the same page as without it, and 8 KB in `?fecha=` never reach a link.

Pages are keyed by URL name (`request.resolver_match.view_name`); a public page missing
here takes no parameters at all. What a filter accepts (the plan's axes, the Secretariado's
sessions) is registered by the app that owns it (`register`, from its AppConfig.ready), so this
module sits below the pages and imports none of them.

`?fecha=` and `?corte=` are read here once per request, at the edge: `read_query` gives the
canonical query and the day asked for (`Asked`, a plain value) together; core/cache.py keeps
that value on the request and views pass its day down to the reader and the reports.
"""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from django.http import QueryDict
from django.utils.translation import gettext as _

from core import clock

PLAN = "plan"
DAY = "fecha"
ROUND = "corte"
PAGE = "pagina"

TIME_TRAVEL = (DAY, ROUND)

PARAMETERS = {
    "board": (
        PLAN,
        *TIME_TRAVEL,
        PAGE,
        "q",
        "eje",
        "dependencia",
        "estado",
        "pilar",
        "corresponsable",
        "valoracion",
        "orden",
    ),
    "home": TIME_TRAVEL,
    "semaforo_rules": (PLAN,),
    "axis": (*TIME_TRAVEL, PAGE),
    "unit": (PLAN, *TIME_TRAVEL, PAGE),
    "organization": (PLAN, *TIME_TRAVEL, PAGE),
    "commitment": TIME_TRAVEL,
    "changes": ("tipo", "compromiso", "dependencia", "desde", "hasta", PAGE),
    "commitment_original": TIME_TRAVEL,
    "secretariat:index": (DAY,),
    "secretariat:agreements": ("estado", "sesion", "responsable", "vencidos", PAGE, DAY),
    "secretariat:session": (DAY,),
    "secretariat:call": (DAY,),
    "secretariat:obligations": (DAY,),
    "secretariat:route": (DAY,),
    "secretariat:round": (DAY,),
    # PDF reports (portal/reports/): the ficha shows the commitment on a day like its page.
    "reports:commitment": TIME_TRAVEL,
    "participation:index": (DAY,),
    "participation:proposals": (DAY, PAGE, "destino", "tema", "origen"),
    "participation:proposal": (DAY,),
    # Open data (opendata/): the page and every download, as public at the end of a day.
    "open_data": (DAY,),
    "open_data_table": (DAY,),
    "open_data_package": (DAY,),
    "open_data_zip": (DAY,),
    # The embeddable semáforo (api/embed.py). The API itself reads its own (api/query.py).
    "embed_commitment": TIME_TRAVEL,
    "embed_badge": TIME_TRAVEL,
    "embed_board": (PLAN, *TIME_TRAVEL),
}

# A mistyped date (2026-13-01, 31/12/2025) stays so the page can say what was wrong with it;
# anything else that is not a date is not one the visitor meant, and is dropped.
DATE_TYPO = re.compile(r"[0-9./ -]{1,10}")
# Only AAAA-MM-DD: Python also reads 20260630 and other ISO forms nobody typed here.
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
ROUND_NUMBER = re.compile(r"0*([0-9]{1,4})")
# A round's number in a URL path (/reportes/corte/N.pdf), which is not canonicalised.
ROUND_DIGITS = re.compile(r"[0-9]{1,4}")
PAGE_NUMBER = re.compile(r"0*([0-9]{1,9})")
LAST_PAGE = 9999  # Past the last page the paginator shows the last one.
SEARCH_MAX_LENGTH = 100


def iso_date(raw):
    """The date `raw` names in AAAA-MM-DD (and only that form), or None."""
    if not ISO_DATE.fullmatch(raw):
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        return None


@dataclass(frozen=True)
class Asked:
    """The day a page was asked for with `?fecha=` or `?corte=`, read once at the edge.

    `day` is today or a past date; `round_number` is the round asked for (the page finds it in
    its plan, see `commitments.reader.day_on`); `error` says in Spanish why a bad value shows
    today."""

    day: date
    is_past: bool = False
    round_number: int | None = None
    error: str = ""


def read_day(raw):
    """`?fecha=`: a past date (AAAA-MM-DD), today (none, today or later), or an error."""
    raw = raw.strip()
    today = clock.today()
    if not raw:
        return Asked(today)
    day = iso_date(raw)
    if day is None:
        return Asked(
            today,
            error=_("La fecha «%(raw)s» no es válida; usa el formato AAAA-MM-DD.")
            % {"raw": raw[:20]},
        )
    # From today on a page shows today, which is the page without a date.
    if day >= today:
        return Asked(today)
    return Asked(day, is_past=True)


def _day_value(asked, raw):
    """`?fecha=` in canonical form: a past date, a mistyped one (kept so the page can say
    what was wrong with it), or nothing (today, or not a date the visitor meant)."""
    if asked.is_past:
        return asked.day.isoformat()
    raw = raw.strip()
    return raw if asked.error and DATE_TYPO.fullmatch(raw) else None


def _day(value, choices):
    return _day_value(read_day(value), value)


def _round(value, choices):
    match = ROUND_NUMBER.fullmatch(value.strip())
    return str(int(match[1])) if match else None


def _page(value, choices):
    match = PAGE_NUMBER.fullmatch(value.strip())
    if not match:
        return None
    number = min(int(match[1]), LAST_PAGE)
    return str(number) if number > 1 else None


def _search(value, choices):
    words = value.split()
    text = " ".join(words)
    if not text or len(text) > SEARCH_MAX_LENGTH:
        return None
    # The form refuses these (null characters, unpaired surrogates): no search, as if empty.
    if "\x00" in text or any(unicodedata.category(ch) == "Cs" for ch in text):
        return None
    return text


def known(name):
    """A parser that keeps a value only if it is one of the slugs `choices()[name]`."""

    def parse(value, choices):
        return value if value in choices()[name] else None

    return parse


def one_of(values):
    """A parser that keeps a value only if it is one of `values` (fixed, not per content)."""

    def parse(value, choices):
        return value if value in values else None

    return parse


def flag(value, choices):
    return "on" if value in ("on", "1", "true") else None


# What each parameter means is said by the app whose pages read it (`register`, called from
# its AppConfig.ready): this module knows only the mechanism and the parameters every page
# shares, so it imports no page and no model.
def day_value(value, choices):
    """A date in AAAA-MM-DD, kept as written, for filters of a date range."""
    return value.strip() if iso_date(value.strip()) else None


PARSERS = {DAY: _day, ROUND: _round, PAGE: _page, "q": _search}
# Pages that read a parameter their own way (the same name means another thing there).
VIEW_PARSERS = {}
# Parameters that may repeat, per page, with the order their values are written in.
MULTIPLE = {}
_CHOICE_SOURCES = []


def register(*, parsers=None, view_parsers=None, multiple=None, choices=None):
    """Add an app's parameters: `parsers` by name, `view_parsers` and `multiple` by page, and
    `choices`, a function returning the slugs its filters may name (`known_values`)."""
    PARSERS.update(parsers or {})
    for view_name, by_name in (view_parsers or {}).items():
        VIEW_PARSERS.setdefault(view_name, {}).update(by_name)
    for view_name, by_name in (multiple or {}).items():
        MULTIPLE.setdefault(view_name, {}).update(by_name)
    if choices is not None and choices not in _CHOICE_SOURCES:
        _CHOICE_SOURCES.append(choices)


def known_values():
    """The slugs a filter may name; core/cache.py keeps them per content version."""
    values = {}
    for source in _CHOICE_SOURCES:
        values.update(source())
    return values


def takes_parameters(view_name):
    return bool(PARAMETERS.get(view_name))


class RefusedQuery(Exception):
    """A query a strict reader refuses (the API's); `response` says why to the client."""

    def __init__(self, response):
        super().__init__(response.status_code)
        self.response = response


class Query(NamedTuple):
    """A page's query read at the edge: its canonical form and the day it asks for."""

    query: QueryDict
    asked: Asked


def read_query(view_name, query, choices):
    """The valid parameters of `query` for the page `view_name`, in canonical form and order,
    and the day they ask for (`?fecha=` and `?corte=` are parsed here, once).

    `choices()` returns what `known_values()` does; it is only called when a parameter needs it.
    """
    result = QueryDict(mutable=True)
    # In the visitor's order, which the links they follow keep (each order is its own page).
    accepted = PARAMETERS.get(view_name, ())
    parsers = {**PARSERS, **VIEW_PARSERS.get(view_name, {})}
    multiple = MULTIPLE.get(view_name, {})
    day_asked = None
    for name in (name for name in query if name in accepted):
        raw = query.get(name)
        if name in multiple:
            chosen = set(query.getlist(name))
            values = [value for value in multiple[name] if value in chosen]
        elif name == DAY and raw is not None:
            day_asked = read_day(raw)
            value = _day_value(day_asked, raw)
            if value is None:
                day_asked = None  # Dropped: the page shows today, as without it.
            values = [value] if value else []
        else:
            value = parsers[name](raw, choices) if raw is not None else None
            values = [value] if value else []
        if values:
            result.setlist(name, values)
    # A round wins over a date (commitments/reader/day.py finds it in the page's plan).
    if ROUND in result:
        result.pop(DAY, None)
        day_asked = Asked(clock.today(), round_number=int(result[ROUND]))
    result._mutable = False
    return Query(result, day_asked or Asked(clock.today()))


def canonical_query(view_name, query, choices):
    """The canonical form of `query` for the page `view_name` (see `read_query`)."""
    return read_query(view_name, query, choices).query


def asked(request):
    """The day `request` asks for, as read when its query was canonicalised
    (core/cache.py); read here for a request that did not go through the page cache."""
    found = getattr(request, "asked", None)
    if found is None:
        view_name = request.resolver_match.view_name if request.resolver_match else ""
        found = read_query(view_name, request.GET, known_values).asked
        request.asked = found
    return found
