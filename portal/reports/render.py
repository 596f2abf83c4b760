"""HTML to PDF: tagged (PDF/UA-1), with an explicit base URL and a fetcher that only reads
the project's own static files, so a report never reaches the network or the disk elsewhere."""

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from django.conf import settings
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse


class RefusedURL(ValueError):
    """A report asked for something that is not one of the project's static files."""


def base_url():
    """Relative links in a report (evidence, pages) point at the public site."""
    return settings.REPORTS_BASE_URL.rstrip("/") + "/"


def static_roots():
    return [Path(root).resolve() for root in (settings.STATIC_ROOT, *settings.STATICFILES_DIRS)]


def _inside(path, roots):
    for root in roots:
        if path.is_relative_to(root) and path.is_file():
            return path
    return None


def static_file(url):
    """The file under a static folder that `url` names, or None.

    `url` is either the site's own static URL (`{% static %}` resolved against `base_url()`)
    or a file:// URL inside STATIC_ROOT or STATICFILES_DIRS; anything else is refused.
    """
    parts = urlsplit(url)
    roots = static_roots()
    if parts.scheme == "file":
        if parts.netloc not in {"", "localhost"}:
            return None
        return _inside(Path(url2pathname(parts.path)).resolve(), roots)
    site = urlsplit(base_url())
    if (parts.scheme, parts.netloc) != (site.scheme, site.netloc):
        return None
    prefix = "/" + settings.STATIC_URL.strip("/") + "/"
    if not parts.path.startswith(prefix):
        return None
    relative = unquote(parts.path.removeprefix(prefix))
    for root in roots:
        found = _inside((root / relative).resolve(), [root])
        if found:
            return found
    return None


class StaticFetcher(URLFetcher):
    """Serves data: URLs (the chart) and the project's static files; refuses the rest."""

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        path = static_file(url)
        if path is None:
            raise RefusedURL(f"Un reporte solo puede usar archivos estáticos del portal: {url}")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})


def render_pdf(html):
    """(PDF bytes, number of pages) of a report's HTML."""
    document = HTML(string=html, base_url=base_url(), url_fetcher=StaticFetcher()).render()
    return document.write_pdf(pdf_variant="pdf/ua-1"), len(document.pages)
