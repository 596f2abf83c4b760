"""The read-only JSON API, /api/v1/ (django-ninja: typed parameters and OpenAPI 3.1).

Every answer is what the public pages show on the day asked for (`?fecha=AAAA-MM-DD`, read
strictly in api/query.py before the page cache looks for a stored copy), read through the
same reader and, for the list of commitments, the board's own code (`listing.board`), so
the API and the board cannot disagree. Answers are cached like pages (core/cache.py):
canonical parameters in the key, ETag and 304 from the page cache, Last-Modified from the
content version. Only computing an answer counts against the rate limit.
"""

from datetime import timedelta

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from ninja import NinjaAPI, Query
from ninja.errors import Throttled, ValidationError
from ninja.renderers import JSONRenderer
from ninja.throttling import AnonRateThrottle

from api import query, schemas, serialize
from api import secretariat as secretariat_reads
from commitments import listing, reader
from commitments.models import Commitment, ResponsibleUnit
from core import clock, params, security

ERRORS = {400: schemas.Error, 429: schemas.Error}
NOT_FOUND = {**ERRORS, 404: schemas.Error}
PAGE_SIZE = listing.PAGE_SIZE
# Agreements and changes are short rows: more of them per page.
LONG_PAGE_SIZE = 100
# The change log counts up to a moment included; the end of a day is the next one's start.
LAST_INSTANT = timedelta(microseconds=1)

Day = Query(None, description=schemas.DAY_HELP, pattern=schemas.DAY_PATTERN)
# The descriptions of the resources and their parameters are marked for the catalogue but
# not translated here: the OpenAPI description stays Spanish (one address, one contract);
# the documentation page (api/docs.py) shows them in the page's language.
PageNumber = Query(None, ge=1, le=999_999_999, description=gettext_noop("Página, desde 1."))
PlanSlug = Query(
    None, description=gettext_noop("Identificador del plan (ver /planes/); sin él, el vigente.")
)


class Renderer(JSONRenderer):
    # Spanish text as UTF-8, readable as it comes.
    json_dumps_params = {"ensure_ascii": False}


class ApiThrottle(AnonRateThrottle):
    """Answers computed per client address (the proxy-aware one the login uses); cached
    answers are free. The rate is read from settings on each call (tests change it)."""

    scope = "api"

    def __init__(self):
        super().__init__(rate=settings.API_RATE_LIMIT)

    def allow_request(self, request):
        self.rate = settings.API_RATE_LIMIT
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)

    def get_ident(self, request):
        return security.client_ip(request)


api = NinjaAPI(
    title="API de Gobierno Abierto León",
    version="1",
    description="Datos públicos del Plan de Acción Municipal de Gobierno Abierto, de solo "
    "lectura. Documentación en español: /api/",
    urls_namespace="api",
    docs_url=None,
    openapi_url="/openapi.json",
    throttle=[ApiThrottle()],
    renderer=Renderer(),
)


@api.exception_handler(query.BadParameter)
def bad_parameter(request, error):
    return query.error_response(error.parameter, error.detail, error.status)


@api.exception_handler(ValidationError)
def invalid(request, error):
    """What ninja's own checks refuse (never reached through the page cache, which reads the
    parameters first): a 400 like every other bad parameter, never a 422."""
    first = error.errors[0] if error.errors else {}
    location = first.get("loc", ())
    return query.error_response(
        str(location[-1]) if location else None, first.get("msg", _("Parámetro no válido."))
    )


@api.exception_handler(Http404)
def not_found(request, error):
    return query.error_response(None, str(error) or _("No existe."), 404)


@api.exception_handler(Throttled)
def throttled(request, error):
    response = query.error_response(
        None,
        _("Demasiadas consultas seguidas; espera unos segundos (límite: %(rate)s).")
        % {"rate": settings.API_RATE_LIMIT},
        429,
    )
    if error.wait:
        response["Retry-After"] = str(int(error.wait) + 1)
    return response


def _link(request):
    base = settings.SITE_URL
    return lambda path: base + path


def _day(request):
    return params.asked(request)


def _page(request, rows, size):
    """The page asked for with `pagina`; past the last one is a 400 that says how many."""
    paginator = Paginator(rows, size)
    number = int(request.GET.get(params.PAGE, 1))
    if number > paginator.num_pages:
        raise query.BadParameter(
            params.PAGE,
            _("No hay página %(n)s: hay %(pages)s.") % {"n": number, "pages": paginator.num_pages},
        )
    return paginator.page(number)


def _page_link(request, link, number):
    copy = request.GET.copy()
    copy.pop(params.PAGE, None)
    if number > 1:
        copy[params.PAGE] = str(number)
    return link(request.path) + (f"?{copy.urlencode()}" if copy else "")


def _plan(request):
    plan, _plans = listing.chosen_plan(request.GET.get(params.PLAN))
    if plan is None:
        raise Http404(_("No hay ningún plan publicado."))
    return plan


# --- The plan ---------------------------------------------------------------------------


@api.get(
    "/planes/",
    response={200: schemas.Plans, **ERRORS},
    url_name="plans",
    tags=["plan"],
    description=gettext_noop("Los planes públicos en la fecha, el vigente primero."),
)
def plans(request, fecha: str | None = Day):
    asked = _day(request)
    link = _link(request)
    found = reader.published_plans(asked.day)
    return {"date": asked.day, "results": [serialize.plan(p, link) for p in found]}


@api.get(
    "/ejes/",
    response={200: schemas.Axes, **NOT_FOUND},
    url_name="axes",
    tags=["plan"],
    description=gettext_noop("Los ejes de un plan y sus objetivos."),
)
def axes(request, fecha: str | None = Day, plan: str | None = PlanSlug):
    chosen = _plan(request)
    link = _link(request)
    found = chosen.axes.order_by("order", "name").prefetch_related("objectives")
    results = [
        {
            "slug": axis.slug,
            "name": axis.name,
            "order": axis.order,
            "url": link(reverse("axis", args=[axis.slug])),
            "objectives": [
                {"code": o.code, "title": o.title}
                for o in sorted(axis.objectives.all(), key=lambda o: (o.order, o.code))
            ],
        }
        for axis in found
    ]
    body = {"plan": chosen.slug, "date": _day(request).day, "results": results}
    return body


@api.get(
    "/compromisos/",
    response={200: schemas.CommitmentList, **NOT_FOUND},
    url_name="commitments",
    tags=["compromisos"],
    description=gettext_noop(
        "Los compromisos con los filtros, el orden y las páginas del tablero (25 por "
        "página): el mismo resultado que /tablero/ con los mismos parámetros."
    ),
)
def commitments(request, filters: Query[schemas.BoardQuery]):
    chosen = _plan(request)
    link = _link(request)
    day = reader.day_on(_day(request), chosen).day
    board = listing.board(chosen, day, request.GET)
    body = {
        "plan": chosen.slug,
        "date": day,
        "total": board.total,
        "page_size": PAGE_SIZE,
        "notice": "",
        "status_counts": [
            {"value": o.value, "label": str(o.label), "count": o.count}
            for o in board.form.status_options(board.narrowed)
        ],
    }
    if not board.plan_list.is_public:
        body |= {
            "count": 0,
            "page": 1,
            "pages": 1,
            "previous": None,
            "next": None,
            "results": [],
            "notice": _("El plan no era público el %(day)s: no hay compromisos que mostrar.")
            % {"day": day.isoformat()},
        }
        return body
    for name, errors in board.form.errors.items():
        raise query.BadParameter(
            name,
            _("Ningún compromiso del plan en esa fecha tiene ese valor (%(why)s).")
            % {"why": errors[0]},
        )
    page = _page(request, board.results, PAGE_SIZE)
    context = listing.context_query(request.GET)
    body |= {
        "count": page.paginator.count,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "previous": _page_link(request, link, page.number - 1) if page.has_previous() else None,
        "next": _page_link(request, link, page.number + 1) if page.has_next() else None,
        "results": [serialize.commitment_summary(row, link, context) for row in page],
    }
    return body


@api.get(
    "/compromisos/{slug}/",
    response={200: schemas.Commitment, **NOT_FOUND},
    url_name="commitment",
    tags=["compromisos"],
    description=gettext_noop(
        "Un compromiso con sus indicadores, avances, hitos, evidencias, versiones e historial."
    ),
)
def commitment(request, slug: str, fecha: str | None = Day):
    found = Commitment.objects.select_related("plan__exercise").filter(slug=slug).first()
    if found is None:
        raise Http404(_("No hay ningún compromiso «%(slug)s».") % {"slug": slug[:60]})
    asked = _day(request)
    view = reader.commitment_view(found, asked.day)
    if view is None:
        if asked.is_past and reader.commitment_view(found, clock.today()) is not None:
            raise Http404(_("El compromiso aún no era público el %(day)s.") % {"day": asked.day})
        raise Http404(_("No hay ningún compromiso «%(slug)s».") % {"slug": slug[:60]})
    context = listing.context_query(request.GET)
    body = serialize.commitment(view, _link(request), context)
    return body


# --- Units, rounds ----------------------------------------------------------------------


@api.get(
    "/dependencias/",
    response={200: schemas.Units, **ERRORS},
    url_name="units",
    tags=["plan"],
    description=gettext_noop("Las dependencias municipales (responsables y corresponsables)."),
)
def units(request, fecha: str | None = Day):
    link = _link(request)
    results = [
        {
            "slug": u.slug,
            "name": u.name,
            "acronym": u.acronym,
            "website": u.website,
            "url": link(reverse("unit", args=[u.slug])),
        }
        for u in ResponsibleUnit.objects.order_by("name")
    ]
    body = {"date": _day(request).day, "results": results}
    return body


@api.get(
    "/cortes/",
    response={200: schemas.Rounds, **NOT_FOUND},
    url_name="rounds",
    tags=["plan"],
    description=gettext_noop(
        "Los cortes de seguimiento del plan y si ya habían cerrado en la fecha."
    ),
)
def rounds(request, fecha: str | None = Day, plan: str | None = PlanSlug):
    chosen = _plan(request)
    day = _day(request).day
    results = [
        {
            "number": r.number,
            "title": r.title,
            "period_end": r.period_end,
            "opens_on": r.opens_on,
            "deadline": r.deadline,
            "closed": r.is_closed(day),
        }
        for r in chosen.rounds.order_by("number")
    ]
    body = {"plan": chosen.slug, "date": day, "results": results}
    return body


# --- The Secretariado -------------------------------------------------------------------


@api.get(
    "/sesiones/",
    response={200: schemas.Events, **ERRORS},
    url_name="sessions",
    tags=["secretariado"],
    description=gettext_noop(
        "Las sesiones del Secretariado (eventos, al estilo Popolo), con asistencia y acuerdos."
    ),
)
def sessions(request, fecha: str | None = Day):
    day = _day(request).day
    link = _link(request)
    found = secretariat_reads.sessions(day)
    body = {"date": day, "results": [secretariat_reads.event(s, link) for s in found]}
    return body


@api.get(
    "/acuerdos/",
    response={200: schemas.Motions, **ERRORS},
    url_name="agreements",
    tags=["secretariado"],
    description=gettext_noop(
        "Los acuerdos del Secretariado (mociones, al estilo Popolo), 100 por página."
    ),
)
def agreements(request, fecha: str | None = Day, pagina: int | None = PageNumber):
    day = _day(request).day
    link = _link(request)
    page = _page(request, secretariat_reads.agreements(day), LONG_PAGE_SIZE)
    body = {
        "date": day,
        "count": page.paginator.count,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "results": secretariat_reads.motions(page.object_list, link),
    }
    return body


# --- The change log ---------------------------------------------------------------------


@api.get(
    "/cambios/",
    response={200: schemas.Changes, **ERRORS},
    url_name="changes",
    tags=["plan"],
    description=gettext_noop(
        "Lo publicado, corregido o retirado hasta el final de la fecha, lo más nuevo "
        "primero (100 por página; sin nombres del personal)."
    ),
)
def changes(request, fecha: str | None = Day, pagina: int | None = PageNumber):
    day = _day(request).day
    link = _link(request)
    found = reader.published_between(end=clock.end_of(day) - LAST_INSTANT)
    page = _page(request, found, LONG_PAGE_SIZE)
    body = {
        "date": day,
        "count": page.paginator.count,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "results": [serialize.change(c, link) for c in page],
    }
    return body
