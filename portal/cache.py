"""Page cache for the public site, invalidated whenever staff change the published data.

Every public view is marked with `public_page`; `portal.middleware.PageCacheMiddleware`
does the work, early in the middleware stack so a hit skips sessions, CSRF and auth:

- The key is the page's URL name and path, its *canonical* query (portal/params.py: unknown
  or invalid parameters never make a new page), whether htmx asked for a fragment, today's
  date and a *content version*. Saving or deleting a public row of the plan or the
  Secretariado bumps the version, so the next anonymous visitor sees the change; drafts,
  submissions and returns for review (not public), audit history and derived rows do not
  (`changes_public`), so staff at work never empty the cache nor stale the reports.
- The version lives where every server process sees it: in Redis with REDIS_URL, else in a
  small file (PAGE_CACHE_VERSION_FILE). It is bumped at the save and again at the commit, so
  a page rendered while the transaction was open is never kept.
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
import os
import time
import uuid
from collections import OrderedDict
from functools import lru_cache, wraps
from importlib import import_module
from pathlib import Path

import brotli
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse, HttpResponseNotModified
from django.urls import Resolver404, get_urlconf, resolve
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

from portal import params

logger = logging.getLogger(__name__)

VERSION_KEY = "portal:content-version"


def _build():
    """Changes when the code does (a deploy), so pages cached in Redis by the old code go."""
    root = Path(__file__).resolve().parent.parent
    folders = ("portal", "commitments", "secretariat", "templates", "static", "locale")
    newest = max(
        (path.stat().st_mtime_ns for folder in folders for path in (root / folder).rglob("*.*")),
        default=0,
    )
    return str(newest)


BUILD = _build()
# Apps whose data appears on public pages.
CONTENT_APPS = {"commitments", "secretariat"}
# What a public page's content depends on besides its URL (the key covers each of them).
VARY = ("Accept-Encoding", "Cookie", "HX-Request")
# Headers rebuilt for every response, never stored with a page.
UNSTORED_HEADERS = {"content-length", "content-encoding", "set-cookie"}
ENCODINGS = ("br", "gzip")


class CacheDown(Exception):
    """The cache is being skipped after an error."""


class Breaker:
    """Skip the cache for a while after an error, so an outage costs no time per request."""

    def __init__(self):
        self.reset()

    def reset(self):
        self.retry_at = 0.0
        self.down = False

    def call(self, method, *args, **kwargs):
        if time.monotonic() < self.retry_at:
            raise CacheDown
        try:
            result = method(*args, **kwargs)
        except Exception as error:
            self.retry_at = time.monotonic() + settings.PAGE_CACHE_RETRY_SECONDS
            if not self.down:
                self.down = True
                if _first_to_notice():
                    logger.warning(
                        "Cache unavailable (%s: %s); serving pages uncached, retrying every %s s",
                        type(error).__name__,
                        error,
                        settings.PAGE_CACHE_RETRY_SECONDS,
                    )
            raise CacheDown from error
        if self.down:
            self.down = False
            if _outage_over():
                logger.warning("Cache available again")
            # A change saved during the outage could not bump a version kept in the cache.
            if _version_in_cache():
                self.call(cache.set, VERSION_KEY, time.time_ns(), timeout=None)
        return result


breaker = Breaker()

# Server processes share one note of an outage, so it is logged once, not once per process.
OUTAGE_NOTE_MAX_AGE = 15 * 60  # Older notes are leftovers of a server stopped mid-outage.


def _outage_note():
    return settings.VAR_DIR / "cache-outage"


def _first_to_notice():
    note = _outage_note()
    with contextlib.suppress(FileNotFoundError):
        if time.time() - note.stat().st_mtime > OUTAGE_NOTE_MAX_AGE:
            note.unlink(missing_ok=True)
    try:
        note.parent.mkdir(parents=True, exist_ok=True)
        os.close(os.open(note, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        return False
    except OSError:
        return True  # No shared folder: better a line per process than none.
    return True


def _outage_over():
    try:
        _outage_note().unlink()
    except FileNotFoundError:
        return False
    except OSError:
        return True
    return True


# --- Content version ------------------------------------------------------------


def _version_in_cache():
    return bool(settings.REDIS_URL)


def _write_version_file(previous=0):
    path = settings.PAGE_CACHE_VERSION_FILE
    version = max(time.time_ns(), previous + 1)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    temporary.write_text(str(version))
    os.replace(temporary, path)
    return version


def _read_version_file():
    try:
        return int(settings.PAGE_CACHE_VERSION_FILE.read_bytes())
    except (FileNotFoundError, ValueError):
        return _write_version_file()


def _stat_version_file():
    # A stat costs a fraction of a read; every write replaces the file (new inode and time).
    try:
        found = os.stat(settings.PAGE_CACHE_VERSION_FILE)
    except FileNotFoundError:
        _write_version_file()
        found = os.stat(settings.PAGE_CACHE_VERSION_FILE)
    return f"{found.st_ino}.{found.st_mtime_ns}"


def _read_version_from_cache():
    # A clock-based start, so a version key lost from the cache never repeats an old one.
    cache.add(VERSION_KEY, time.time_ns(), timeout=None)
    return cache.get(VERSION_KEY)


def content_version():
    """The current content version: from the shared cache, else from the file.

    While Redis is down, pages are kept only in each process (`recent_pages`) under the
    file's version, which staff saves on this machine also bump.
    """
    return _shared_version() + _pending_suffix()


def _shared_version():
    if not _version_in_cache():
        return _stat_version_file()
    try:
        return str(breaker.call(_read_version_from_cache))
    except CacheDown:
        return f"local-{_stat_version_file()}"


class _PendingBump:
    """The writes of one transaction not yet committed: bumps the shared version at commit.

    Until then this transaction's own reads see a version of their own (so a preview or a
    test reads what it just wrote) without touching the shared file or Redis per row, which
    made a 1,000-row import spend a quarter of its time rewriting a file. A token never
    reused, and the open savepoints, keep what a rolled-back transaction or savepoint
    computed from ever being read again.
    """

    def __init__(self):
        self.token = uuid.uuid4().hex
        self.writes = 0
        self.savepoints = ()

    def wrote(self, savepoints):
        self.writes += 1
        self.savepoints = tuple(savepoints)

    def __call__(self):
        _bump()


def _pending():
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return None
    callbacks = (func for _sids, func, _robust in connection.run_on_commit)
    return next((func for func in callbacks if isinstance(func, _PendingBump)), None)


def _pending_suffix():
    pending = _pending()
    if pending is None:
        return ""
    # Reads inside the savepoint of the last write are keyed apart from reads after it
    # closes, whether it was released or rolled back; later savepoints that write nothing
    # (a request's own) keep the same version, so cached pages are found.
    open_now = set(transaction.get_connection().savepoint_ids)
    savepoints = ".".join(s for s in pending.savepoints if s in open_now)
    return f"+{pending.token}.{pending.writes}.{savepoints}"


def _bump():
    _write_version_file(_read_version_file())
    if _version_in_cache():
        # When the cache is down, the breaker bumps once it answers again.
        with contextlib.suppress(CacheDown):
            breaker.call(_incr_version)


def _incr_version():
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, time.time_ns(), timeout=None)


def bump_content_version(**kwargs):
    """Make every cached public page stale. Call it after bulk updates, which send no signals.

    Inside a transaction the shared version moves once, when it commits."""
    if not transaction.get_connection().in_atomic_block:
        _bump()
        return
    pending = _pending()
    if pending is None:
        pending = _PendingBump()
        transaction.on_commit(pending, robust=True)
    pending.wrote(transaction.get_connection().savepoint_ids)


def changes_public(sender, instance):
    """Whether writing `instance` may change what a public page or report shows.

    Audit history rows and derived rows (`audited = False`: rebuilt from rows that bump
    themselves) never do; a model that is public only in some states says so with
    `changes_public_record()` (a draft, a submission, a returned fact: not public).
    """
    if sender._meta.app_label not in CONTENT_APPS:
        return False
    if sender.__name__.startswith("Historical") or not getattr(sender, "audited", True):
        return False
    check = getattr(instance, "changes_public_record", None)
    return check() if callable(check) else True


def _bump_for_content(sender, instance=None, **kwargs):
    if changes_public(sender, instance):
        bump_content_version()


def connect_signals():
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_bump_for_content, dispatch_uid="portal-cache-content-version")


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

    wrapped.is_public_page = True
    return wrapped


def public_view_name(request):
    """The URL name of the public page `request` asks for, or None for any other URL."""
    return _public_view_name(request.path_info, get_urlconf())


@lru_cache(maxsize=4096)
def _public_view_name(path, urlconf):
    try:
        match = resolve(path, urlconf)
    except Resolver404:
        return None
    return match.view_name if getattr(match.func, "is_public_page", False) else None


def is_anonymous(request):
    """No logged-in user: no session cookie, or a session without one (read from its store)."""
    session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if not session_key:
        return True
    store = import_module(settings.SESSION_ENGINE).SessionStore(session_key)
    return SESSION_KEY not in store


def canonicalize(request, view_name, version):
    """Give the view only the valid parameters (see portal/params.py)."""
    if not request.META.get("QUERY_STRING"):
        return
    query = params.canonical_query(view_name, request.GET, lambda: known_values(version))
    request.GET = query
    request.META["QUERY_STRING"] = query.urlencode()


def page_key(request, view_name, version):
    parts = [
        view_name,
        request.path,
        request.META["QUERY_STRING"],
        "fragment" if request.META.get("HTTP_HX_REQUEST") == "true" else "",
        "restore" if request.META.get("HTTP_HX_HISTORY_RESTORE_REQUEST") == "true" else "",
        timezone.localdate().isoformat(),
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
    from portal import media

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
