"""Keeping bots off the public forms: a honeypot field people never see, and a limit of
PUBLIC_FORM_RATE_LIMIT sends per hour per address (Django's cache, the address hashed; it
is forgotten when the hour ends)."""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache

from core.security import client_ip

logger = logging.getLogger(__name__)
WINDOW_SECONDS = 60 * 60


def over_limit(request, action):
    """Count this send from the request's address; True once it is over the limit. A cache
    that fails lets it through: a bot getting in is better than nobody getting in."""
    address = client_ip(request) or "sin-direccion"
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]
    key = f"engagement:rate:{action}:{digest}"
    try:
        cache.add(key, 0, WINDOW_SECONDS)
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
        count = 1
    except Exception:
        logger.warning("Rate limit skipped: the cache did not answer", exc_info=True)
        return False
    return count > settings.PUBLIC_FORM_RATE_LIMIT
