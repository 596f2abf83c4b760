from functools import wraps

from django.urls import path
from django.utils.http import http_date

from api import docs, embed, query, views
from core import content_version
from core.cache import mark_public, public_page


def _cached_like_pages(view):
    """An API view as a public page: its parameters read strictly (api/query.py), cached
    for anonymous clients, and a Last-Modified from the content version."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        changed = content_version.changed_at()
        if response.status_code == 200 and changed is not None:
            response["Last-Modified"] = http_date(changed.timestamp())
        return response

    return mark_public(wrapped, query.read_or_refuse)


def _api_patterns():
    patterns, app_name, namespace = views.api.urls
    for pattern in patterns:
        pattern.callback = _cached_like_pages(pattern.callback)
    return patterns, app_name, namespace


# The documentation and the embeds are pages, in both languages (portal/urls.py puts them
# under i18n_patterns); the API answers data, at one address.
pages = [
    path("api/", public_page(docs.docs), name="api_docs"),
    path("insertar/tablero/", embed.board, name="embed_board"),
    path("insertar/compromisos/<slug:slug>/", embed.commitment, name="embed_commitment"),
    path("insertar/compromisos/<slug:slug>.svg", embed.badge, name="embed_badge"),
]

data = [
    path("api/v1/", _api_patterns()),
]
