"""A report is rebuilt only when what it shows changed; WeasyPrint reads only static files."""

from pathlib import Path

import pytest
from django.conf import settings

from portal.reports import render
from portal.reports.render import RefusedURL, StaticFetcher, static_file
from tests.commitments import builders
from tests.reports.conftest import download, pdf_of

pytestmark = pytest.mark.django_db


def test_second_download_is_served_from_disk_without_a_rebuild(client, tracked, builds):
    url = f"/compromisos/{tracked.slug}/ficha.pdf"
    first = client.get(url)
    pdf_of(first)
    (path,) = Path(settings.REPORTS_ROOT).glob("ficha/*/*.pdf")
    mtime = path.stat().st_mtime_ns
    second = client.get(url)
    pdf_of(second)
    assert len(builds) == 1
    assert path.stat().st_mtime_ns == mtime
    assert second["ETag"] == first["ETag"]
    assert client.get(url, headers={"if-none-match": first["ETag"]}).status_code == 304


def test_a_change_to_the_published_data_rebuilds_it(client, tracked, builds):
    url = f"/compromisos/{tracked.slug}/ficha.pdf"
    pdf_of(client.get(url))
    builders.add_measurement(tracked.indicators.get(), builders.HALFWAY, 71)
    _reader, text = pdf_of(client.get(url))
    assert "71 (02/07/2026)" in text
    assert len(builds) == 2
    # The file of the older version is gone.
    assert len(list(Path(settings.REPORTS_ROOT).glob("ficha/*/*.pdf"))) == 1


def test_large_report_is_built_once_by_the_worker(client, tracked, builds):
    url = "/reportes/plan-de-accion-2025-2027.pdf"
    pdf_of(download(client, url))
    pdf_of(client.get(url))
    assert len(builds) == 1


def test_asking_again_while_it_is_prepared_asks_the_worker_once(client, tracked):
    from django_tasks_db.models import DBTaskResult

    url = "/reportes/avance/2026-06-30.pdf"
    assert client.get(url).status_code == 202
    response = client.get(url)
    assert response.status_code == 202
    assert response["Refresh"] == "5"
    assert DBTaskResult.objects.count() == 1


def test_index_lists_the_reports_in_plain_words_with_pages_and_size(client, tracked):
    response = client.get("/reportes/")
    content = response.content.decode()
    assert "Plan de Acción Municipal de Gobierno Abierto 2025-2027" in content
    assert "Informe de avance al 25 de noviembre de 2026" in content
    assert "se prepara al pedirlo" in content
    download(client, "/reportes/plan-de-accion-2025-2027.pdf")
    content = client.get("/reportes/").content.decode()
    assert "páginas" in content
    assert "KB" in content


def test_pages_link_to_their_reports(client, tracked, approval_session):
    board = client.get("/tablero/").content.decode()
    assert "/reportes/plan-de-accion-2025-2027.pdf" in board
    page = client.get(f"/compromisos/{tracked.slug}/?fecha=2026-06-30").content.decode()
    assert f"/compromisos/{tracked.slug}/ficha.pdf?fecha=2026-06-30" in page
    session = client.get(approval_session.get_absolute_url()).content.decode()
    assert f"/secretariado/sesiones/{approval_session.slug}/acta.pdf" in session


# --- The URL fetcher ---------------------------------------------------------------------

PRINT_CSS = Path(settings.BASE_DIR) / "static" / "css" / "print.css"


def test_fetcher_serves_the_project_static_files(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path  # Not collected yet (a `make run` would fill staticfiles/).
    site = render.base_url()
    assert static_file(f"{site}static/css/print.css") == PRINT_CSS.resolve()
    assert static_file(PRINT_CSS.resolve().as_uri()) == PRINT_CSS.resolve()
    response = StaticFetcher().fetch(f"{site}static/css/print.css")
    assert b"@page" in response.read()


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        (Path(settings.BASE_DIR) / "portal" / "settings.py").as_uri(),
        "{site}static/../portal/settings.py",
        "{site}static/%2e%2e/portal/settings.py",
        "{site}media/secretariado/actas/acta.pdf",
        "{site}static/css/no-existe.css",
        "https://example.org/static/css/print.css",
        "http://169.254.169.254/latest/meta-data/",
        "ftp://example.org/x.css",
    ],
)
def test_fetcher_refuses_everything_else(url):
    url = url.format(site=render.base_url())
    assert static_file(url) is None
    with pytest.raises(RefusedURL):
        StaticFetcher().fetch(url)


SMALL = '<html lang="es-MX"><title>Prueba</title><p>Página de prueba</p></html>'


def test_a_pdf_drawn_in_a_child_process_comes_back_whole(monkeypatch):
    forked = []
    real_fork = render.os.fork
    monkeypatch.setattr(render.os, "fork", lambda: forked.append(1) or real_fork())
    pdf, pages = render.render_pdf(SMALL)
    assert forked and pages == 1
    assert pdf.startswith(b"%PDF") and pdf.rstrip().endswith(b"%%EOF")


def test_an_error_while_drawing_in_the_child_is_raised_in_the_caller(monkeypatch):
    def broken(html):
        raise ValueError("la plantilla se rompió")

    monkeypatch.setattr(render, "_render", broken)
    with pytest.raises(ValueError, match="la plantilla se rompió"):
        render.render_pdf(SMALL)


def test_a_process_with_threads_draws_in_itself(monkeypatch):
    """Forking a process that runs threads (the development server) could deadlock."""
    monkeypatch.setattr(render.threading, "active_count", lambda: 2)
    monkeypatch.setattr(render.os, "fork", lambda: pytest.fail("forked"))
    pdf, pages = render.render_pdf(SMALL)
    assert pages == 1 and pdf.startswith(b"%PDF")
