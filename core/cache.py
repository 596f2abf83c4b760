"""Page cache for the public site, invalidated whenever staff change the published data.

Every public view is marked with `public_page`; `core.middleware.PageCacheMiddleware`
does the work, early in the middleware stack so a hit skips sessions, CSRF and auth:

- The key is the page's URL name and path (so its language: /en/… is English), its *canonical*
  query (core/params.py: unknown or invalid parameters never make a new page), whether htmx
  asked for a fragment, today's date, the language and a *content version*. Saving or deleting a
  public row of the plan or the Secretariado bumps the version, so the next anonymous visitor
  sees the change; drafts, submissions and returns for review (not public), audit history and
  derived rows do not (`changes_public`), so staff at work never empty the cache nor stale the
  reports.
- The version lives where every server process sees it: in Redis with REDIS_URL, else in a
  small file (PAGE_CACHE_VERSION_FILE), which is one machine's: several app nodes need Redis
  (README «Varios nodos»). It is bumped at the save and again at the commit, so a page
  rendered while the transaction was open is never kept.
- Pages are stored compressed (brotli and gzip) with their headers, so a hit costs one or two
  cache reads and no rendering nor compression. HEAD is answered from the same entry.
- Anonymous visitors only: a session with a logged-in user neither reads nor fills the cache.
  Pages with filters are variants; at most PAGE_CACHE_MAX_VARIANTS per page and version are
  stored, the plain page always is.
- When the cache fails (Redis down), it is skipped for PAGE_CACHE_RETRY_SECONDS, with one
  log line per outage; meanwhile each process serves its own recent copies, keyed by the
  version file that saves on this machine bump (another machine's saves show once Redis is
  back).
"""

import contextlib
import gzip
import hashlib
import logging
from collections import OrderedDict
from functools import lru_cache, wraps
from importlib import import_module

import brotli
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified
from django.urls import Resolver404, get_urlconf, resolve
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

from core import clock, params
from core.content_version import BUILD, CacheDown, breaker

logger = logging.getLogger(__name__)

VARY = ("Accept-Encoding", "Cookie", "HX-Request")
# Headers rebuilt for every response, never stored with a page.
UNSTORED_HEADERS = {"content-length", "content-encoding", "set-cookie"}
ENCODINGS = ("br", "gzip")


# Filter values the pages accept, read once per content version and server process.
_known = {}


def known_values(version):
    if version is None:
        return params.known_values()
    if version not in _known:
        _known.clear()
        _known[version] = params.known_values()
    return _known[version]


# --- Pages -----------------------------------------------------------------------


def public_page(view):
    """Mark a view as a public page: canonical query, cached for anonymous visitors."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        patch_vary_headers(response, ["HX-Request"])
        return response

    return mark_public(wrapped)


def mark_public(view, read_query=None):
    """Mark `view` as public as it is. `read_query(view_name, query, choices)` replaces
    `params.read_query` for a view that refuses bad parameters (`params.RefusedQuery`)
    instead of dropping them: the API (api/query.py)."""
    view.is_public_page = True
    view.read_query = read_query
    return view


def public_view_name(request):
    """The URL name of the public page `request` asks for, or None for any other URL."""
    found = public_view(request)
    return found[0] if found else None


def public_view(request):
    """(URL name, its query reader) of the public page `request` asks for, or None."""
    return _public_view(request.path_info, get_urlconf(), get_language())


# The language is part of the key: /en/… resolves only while English is active.
@lru_cache(maxsize=4096)
def _public_view(path, urlconf, language):
    try:
        match = resolve(path, urlconf)
    except Resolver404:
        return None
    if not getattr(match.func, "is_public_page", False):
        return None
    return match.view_name, getattr(match.func, "read_query", None) or params.read_query


def is_anonymous(request):
    """No logged-in user: no session cookie, or a session without one (read from its store)."""
    session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if not session_key:
        return True
    store = import_module(settings.SESSION_ENGINE).SessionStore(session_key)
    return SESSION_KEY not in store


def canonicalize(request, view_name, version, read_query=params.read_query):
    """Give the view only the valid parameters, and the day they ask for as `request.asked`
    (see core/params.py)."""
    if not request.META.get("QUERY_STRING"):
        request.asked = params.Asked(clock.today())
        return
    query, request.asked = read_query(view_name, request.GET, lambda: known_values(version))
    request.GET = query
    request.META["QUERY_STRING"] = query.urlencode()


def page_key(request, view_name, version):
    parts = [
        view_name,
        request.path,
        request.META["QUERY_STRING"],
        "fragment" if request.META.get("HTTP_HX_REQUEST") == "true" else "",
        "restore" if request.META.get("HTTP_HX_HISTORY_RESTORE_REQUEST") == "true" else "",
        clock.today().isoformat(),
        get_language() or "",
        BUILD,
    ]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"portal:page:{version}:{digest}"


def _is_variant(request):
    return bool(request.META["QUERY_STRING"]) or "HTTP_HX_REQUEST" in request.META


def storable(request, response):
    """A complete 200 page that carries no cookie now and will get none (CSRF, session…)."""
    session = getattr(request, "session", None)
    return not (
        response.status_code != 200
        or response.streaming
        or response.cookies
        or response.has_header("Content-Encoding")
        or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        or (session is not None and session.modified)
    )


def accepted_encoding(request):
    offered = {}
    for item in request.META.get("HTTP_ACCEPT_ENCODING", "").split(","):
        name, _sep, quality = item.strip().partition(";")
        offered[name.strip().lower()] = quality.replace(" ", "") not in {"q=0", "q=0.0"}
    return next((encoding for encoding in ENCODINGS if offered.get(encoding)), None)


def _finish(request, response, etag):
    patch_vary_headers(response, VARY)
    response["Cache-Control"] = "public, no-cache"
    response["ETag"] = etag


def _not_modified(request, etag):
    tags = request.META.get("HTTP_IF_NONE_MATCH")
    return bool(tags) and etag in {tag.strip() for tag in tags.split(",")}


def _send(request, response, bodies, etag):
    """Give the client its encoding of the page, or 304 when it already has this version."""
    if _not_modified(request, etag):
        not_modified = HttpResponseNotModified()
        for header in ("Cache-Control", "ETag", "Vary"):
            not_modified[header] = response[header]
        return not_modified
    encoding = accepted_encoding(request)
    body = bodies[encoding] if encoding else gzip.decompress(bodies["gzip"])
    response.content = b"" if request.method == "HEAD" else body
    response["Content-Length"] = str(len(body))
    if encoding:
        response["Content-Encoding"] = encoding
    return response


class RecentPages:
    """This process's copies of the pages it served last, so a hit needs no cache read.

    Safe with a shared cache too: a key names one content version, so a copy never goes stale.
    """

    size = 200

    def __init__(self):
        self.entries = OrderedDict()

    def get(self, key):
        entry = self.entries.get(key)
        if entry is not None:
            self.entries.move_to_end(key)
        return entry

    def put(self, key, entry):
        self.entries[key] = entry
        self.entries.move_to_end(key)
        while len(self.entries) > self.size:
            self.entries.popitem(last=False)

    def clear(self):
        self.entries.clear()


recent_pages = RecentPages()


def forget_local_state():
    """What this process keeps besides the cache: for tests, which reset the database."""
    from core import media

    breaker.reset()
    recent_pages.clear()
    _known.clear()
    media.forget_answers()


def serve_cached(request, key):
    """The stored page for `key`, ready to send, or None."""
    entry = recent_pages.get(key)
    if entry is None:
        try:
            entry = breaker.call(cache.get, key)
        except CacheDown:
            return None
        if entry is None:
            return None
        recent_pages.put(key, entry)
    status, headers, bodies, etag = entry
    response = HttpResponse(status=status)
    for name, value in headers:
        response.headers[name] = value
    return _send(request, response, bodies, etag)


def finish_fresh(request, response, key, view_name):
    """Compress a freshly rendered anonymous page, store it under `key` when allowed."""
    if not storable(request, response):
        patch_vary_headers(response, VARY)
        return response
    content = response.content
    etag = f'W/"{hashlib.sha256(content).hexdigest()[:32]}"'
    bodies = {"br": brotli.compress(content, quality=5), "gzip": gzip.compress(content, 6)}
    _finish(request, response, etag)
    if key is not None and _may_store(request, key, view_name):
        headers = [
            (name, value)
            for name, value in response.headers.items()
            if name.lower() not in UNSTORED_HEADERS
        ]
        entry = (response.status_code, headers, bodies, etag)
        recent_pages.put(key, entry)
        with contextlib.suppress(CacheDown):
            breaker.call(cache.set, key, entry)
    return _send(request, response, bodies, etag)


def _may_store(request, key, view_name):
    if not _is_variant(request):
        return True
    _prefix, _page, version, _digest = key.split(":")
    counter = f"portal:variants:{version}:{view_name}"
    try:
        breaker.call(cache.add, counter, 0)
        return breaker.call(cache.incr, counter) <= settings.PAGE_CACHE_MAX_VARIANTS
    except CacheDown:
        return False
