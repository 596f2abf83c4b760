"""Page cache for the public site, invalidated whenever staff change the published data.

Every public view is wrapped in `public_page`. Anonymous GET responses are cached under a
key made of the full URL, whether htmx asked for a fragment, today's date and a *content
version*; saving or deleting any row of the plan or the Secretariado bumps the version, so
the next anonymous visitor sees the change. Staff never get (nor fill) the cache.

With several server processes the cache must be shared (REDIS_URL), or each process keeps
its own version and may serve an old page until its cache entry expires.
"""

import hashlib
import logging
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

logger = logging.getLogger(__name__)

VERSION_KEY = "portal:content-version"
# Apps whose data appears on public pages.
CONTENT_APPS = {"commitments", "secretariat"}


def _fresh_version():
    # A clock-based start, so a version key lost from the cache never repeats an old one.
    return time.time_ns()


def content_version():
    try:
        cache.add(VERSION_KEY, _fresh_version(), timeout=None)
        return cache.get(VERSION_KEY)
    except Exception:
        logger.exception("Cache unavailable while reading the content version")
        return None


def bump_content_version(**kwargs):
    """Make every cached public page stale. Call it after bulk updates, which send no signals."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, _fresh_version(), timeout=None)
    except Exception:
        logger.exception("Cache unavailable while bumping the content version")


def _bump_for_content(sender, **kwargs):
    if sender._meta.app_label in CONTENT_APPS:
        bump_content_version()


def connect_signals():
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_bump_for_content, dispatch_uid="portal-cache-content-version")


def _is_anonymous(request):
    # Without a session cookie the visitor is anonymous; no need to touch the session.
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return True
    return not request.user.is_authenticated


def page_key(request, version):
    parts = [
        request.build_absolute_uri(),
        request.headers.get("HX-Request", ""),
        request.headers.get("HX-History-Restore-Request", ""),
        timezone.localdate().isoformat(),
        get_language() or "",
    ]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"portal:page:{version}:{digest}"


def _storable(request, response):
    """A complete 200 page that carries no cookie now and will get none (CSRF, session…)."""
    session = getattr(request, "session", None)
    return not (
        response.status_code != 200
        or response.streaming
        or response.cookies
        or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        or (session is not None and session.modified)
    )


def public_page(view):
    """Cache a public view for anonymous visitors (see the module docstring)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        # With DEBUG on, template edits show at once instead of after the next data change.
        cacheable = not settings.DEBUG and request.method == "GET" and _is_anonymous(request)
        version = content_version() if cacheable else None
        key = page_key(request, version) if version is not None else None
        if key is not None:
            cached = _safe_get(key)
            if cached is not None:
                return cached
        response = view(request, *args, **kwargs)
        if getattr(response, "is_rendered", True) is False:
            response.render()  # A TemplateResponse (generic views) must render to be stored.
        patch_vary_headers(response, ["HX-Request"])
        if key is not None and _storable(request, response):
            _safe_set(key, response)
        return response

    return wrapped


def _safe_get(key):
    try:
        return cache.get(key)
    except Exception:
        logger.exception("Cache unavailable; serving the page uncached")
        return None


def _safe_set(key, response):
    try:
        cache.set(key, response)
    except Exception:
        logger.exception("Cache unavailable; the page was not stored")
