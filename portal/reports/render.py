"""HTML to PDF: tagged (PDF/UA-1), with an explicit base URL and a fetcher that only reads
the project's own static files, so a report never reaches the network or the disk elsewhere.

The report worker lives long and builds large documents. Profiled (cProfile, a 160-action
plan), a build spent a sixth of its time in the garbage collector walking the growing box
tree, and the worker kept most of the memory of its largest report. So, where the system
can fork and the process runs one thread (the worker, a command, a test), WeasyPrint draws
each PDF in a child of the process: the child starts with everything the parent has loaded
(modules, the browser's own stylesheet, fonts: `_warm_up` loads them once), never collects
garbage, and hands its whole memory back when it exits; the parent reads only the PDF.
"""

import gc
import mimetypes
import os
import pickle
import threading
from functools import cache
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


def _render(html):
    document = HTML(string=html, base_url=base_url(), url_fetcher=StaticFetcher()).render()
    return document.write_pdf(pdf_variant="pdf/ua-1"), len(document.pages)


@cache
def _warm_up():
    """Load what every build needs (WeasyPrint's modules and stylesheets, the fonts) in the
    parent, once, so no child pays for it again."""
    _render('<html lang="es-MX"><title>-</title><p>Á <b>1</b></p></html>')


def _in_child(html):
    _warm_up()
    readable, writable = os.pipe()
    pid = os.fork()
    if pid == 0:  # The child: draw, send, and leave without running the parent's exit code.
        os.close(readable)
        gc.disable()
        code = 0
        try:
            pdf, pages = _render(html)
            payload = b"P" + pages.to_bytes(4, "big") + pdf
        except BaseException as error:  # Raised again in the parent.
            code, payload = 1, b"E" + _pickled(error)
        with os.fdopen(writable, "wb") as out:
            out.write(payload)
        os._exit(code)
    os.close(writable)
    with os.fdopen(readable, "rb") as source:
        payload = source.read()
    os.waitpid(pid, 0)
    if payload[:1] == b"P":
        return payload[5:], int.from_bytes(payload[1:5], "big")
    if payload[:1] == b"E":
        raise pickle.loads(payload[1:])
    raise RuntimeError("El proceso que armaba el PDF terminó sin entregarlo.")


def _pickled(error):
    try:
        return pickle.dumps(error)
    except Exception:
        return pickle.dumps(RuntimeError(f"{type(error).__name__}: {error}"))


def render_pdf(html):
    """(PDF bytes, number of pages) of a report's HTML."""
    if hasattr(os, "fork") and threading.active_count() == 1:
        return _in_child(html)
    return _render(html)
