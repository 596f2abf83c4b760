from django.conf import settings
from django.http import HttpResponse, HttpResponseRedirect
from django.utils import translation

from core import cache, content_version, params


class LanguageMiddleware:
    """The language is the URL's and nothing else's: /en/… is English, every other address
    Spanish (settings.LANGUAGE_CODE). No cookie, session or Accept-Language is read, so one
    address is always one page (the page cache keys on it, core/cache.py) and a link shared
    shows what its sender saw. It replaces Django's LocaleMiddleware, which runs too late for
    the page cache (it must resolve /en/… in English) and adds a `Vary: Accept-Language`
    that is not true here."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = translation.get_language_from_path(request.path_info)
        translation.activate(language or settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        return response


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

    See core/cache.py. It sits before the session, CSRF and auth middleware, so a cache hit
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
        # A form sent without JavaScript names every field, the empty ones too: the page's
        # address is its canonical query, so a shared link carries only what was chosen.
        blank = request.method == "GET" and any(
            value.strip() == "" for values in request.GET.lists() for value in values[1]
        )
        try:
            cache.canonicalize(request, view_name, version, read_query)
        except params.RefusedQuery as refused:
            return refused.response
        if blank and not request.headers.get("HX-Request"):
            query = request.META["QUERY_STRING"]
            return HttpResponseRedirect(f"{request.path}?{query}" if query else request.path)
        key = cache.page_key(request, view_name, version) if version is not None else None
        if key is not None and (cached := cache.serve_cached(request, key)) is not None:
            return cached
        response = self.get_response(request)
        if anonymous:
            return cache.finish_fresh(request, response, key, view_name)
        if request.method in {"GET", "HEAD"}:
            response["Cache-Control"] = "private, no-cache"
        return response
