from django.conf import settings
from django.http import HttpResponse

from portal import cache, content_version, params


class PermissionsPolicyMiddleware:
    """The browser features no page of the site uses, switched off (settings.PERMISSIONS_POLICY)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class PageCacheMiddleware:
    """Public pages: canonical query for the view, cached and compressed for anonymous visitors.

    See portal/cache.py. It sits before the session, CSRF and auth middleware, so a cache hit
    does none of their work; a miss goes through them and is stored with their headers.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        found = cache.public_view(request)
        if found is None:
            return self.get_response(request)
        view_name, read_query = found
        if request.method == "OPTIONS":
            response = HttpResponse()
            response["Allow"] = "GET, HEAD, OPTIONS"
            return response
        anonymous = request.method in {"GET", "HEAD"} and cache.is_anonymous(request)
        version = content_version.content_version() if anonymous and not settings.DEBUG else None
        try:
            cache.canonicalize(request, view_name, version, read_query)
        except params.RefusedQuery as refused:
            return refused.response
        key = cache.page_key(request, view_name, version) if version is not None else None
        if key is not None and (cached := cache.serve_cached(request, key)) is not None:
            return cached
        response = self.get_response(request)
        if anonymous:
            return cache.finish_fresh(request, response, key, view_name)
        if request.method in {"GET", "HEAD"}:
            response["Cache-Control"] = "private, no-cache"
        return response
