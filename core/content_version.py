"""The content version: one number every server process shares, moved when what the public
sees changes, and the breaker that keeps a cache outage from costing more than speed.

Infrastructure: it imports no page. The page cache (`core.cache`), the media answers
(`core.media`), the lists' memo and the reports key what they keep on this version.
The version lives in Redis with REDIS_URL, else in a small file (PAGE_CACHE_VERSION_FILE);
inside a transaction it moves once, at the commit.
"""

import contextlib
import logging
import os
import threading
import time
import uuid
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

logger = logging.getLogger("core.cache")

VERSION_KEY = "portal:content-version"
# When the shared version last moved, beside it: the API's Last-Modified on every node.
CHANGED_KEY = "portal:content-changed-at"


def _build():
    """Changes when the code does (a deploy), so pages cached in Redis by the old code go."""
    root = Path(__file__).resolve().parent.parent
    folders = (
        "portal",
        "commitments",
        "secretariat",
        "participation",
        "engagement",
        "templates",
        "static",
        "locale",
    )
    newest = max(
        (path.stat().st_mtime_ns for folder in folders for path in (root / folder).rglob("*.*")),
        default=0,
    )
    return str(newest)


# BUILD_ID (e.g. the deployed commit) lets nodes whose files carry different dates share
# the pages they cache in Redis.
BUILD = settings.BUILD_ID or _build()
# Apps whose data appears on public pages.
CONTENT_APPS = {"commitments", "secretariat", "participation", "engagement"}


# What a public page's content depends on besides its URL (the key covers each of them).
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
                self.call(_restart_version)
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


def changed_at():
    """When the content version last moved: what the API sends as Last-Modified. From the
    shared cache with REDIS_URL (a node's own file misses the other nodes' bumps), else the
    version file's time, which every bump on this machine rewrites. None if unknown."""
    if _version_in_cache():
        with contextlib.suppress(CacheDown):
            return datetime.fromtimestamp(breaker.call(_read_changed_from_cache), tz=UTC)
    try:
        moment = os.stat(settings.PAGE_CACHE_VERSION_FILE).st_mtime
    except FileNotFoundError:
        return None
    return datetime.fromtimestamp(moment, tz=UTC)


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


def _read_changed_from_cache():
    cache.add(CHANGED_KEY, time.time(), timeout=None)
    return cache.get(CHANGED_KEY)


def _incr_version():
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, time.time_ns(), timeout=None)
    cache.set(CHANGED_KEY, time.time(), timeout=None)


def _restart_version():
    cache.set_many({VERSION_KEY: time.time_ns(), CHANGED_KEY: time.time()}, timeout=None)


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


_deferred = threading.local()


@contextmanager
def one_bump():
    """Writes inside only note that they changed something public; leaving the outermost
    one moves the version once (at the commit, see `bump_content_version`). The services'
    after-write step (`commitments.effects`); nothing inside reads a page while it runs."""
    depth = getattr(_deferred, "depth", 0)
    if depth == 0:
        _deferred.noted = False
    _deferred.depth = depth + 1
    try:
        yield
    except BaseException:
        _deferred.depth = depth
        raise
    _deferred.depth = depth
    if depth == 0 and _deferred.noted:
        bump_content_version()


def _bump_for_content(sender, instance=None, **kwargs):
    """A public row was written: noted inside a service; at once outside any (a shell, a
    migration, a model no service writes yet), as a safety net."""
    if not changes_public(sender, instance):
        return
    if getattr(_deferred, "depth", 0):
        _deferred.noted = True
    else:
        bump_content_version()


def note_written(sender, instances):
    """Rows written without signals (`bulk_create`, `update`): noted once, as a save of any
    of them that the public sees would be."""
    public = next((i for i in instances if changes_public(sender, i)), None)
    if public is not None:
        _bump_for_content(sender, public)


def connect_signals():
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_bump_for_content, dispatch_uid="portal-cache-content-version")
