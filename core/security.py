"""The client's address for login throttling, also behind a reverse proxy."""

from django.conf import settings


def client_ip(request):
    """The address that connected to the outermost trusted proxy.

    With TRUSTED_PROXY_COUNT = N, each of the N proxies appended the address it saw to
    X-Forwarded-For, so the client is the N-th entry from the right; entries further left
    were written by the client and cannot be trusted. Without a proxy it is REMOTE_ADDR.
    """
    count = settings.TRUSTED_PROXY_COUNT
    if count:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR")
