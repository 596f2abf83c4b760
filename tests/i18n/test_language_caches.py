"""A page and a report in one language are never served in the other: the page cache, the
report files on disk and their ETags are kept per language, and the worker builds a report in
the language it was asked in, whatever language its own thread has."""

import io
import re

import pytest
from django.utils import translation
from pypdf import PdfReader

from portal.reports import store
from tests.reports.conftest import builds, reports_on_disk, run_worker  # noqa: F401

pytestmark = pytest.mark.django_db


def lang(response):
    return re.search(r'<html lang="([^"]+)"', response.content.decode())[1]


def pdf(response):
    """(language, text) of a PDF response."""
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.getvalue()))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    return str(reader.trailer["/Root"]["/Lang"]), text


def test_a_cached_page_is_served_only_in_its_language(client, commitment, settings):
    settings.DEBUG = False  # The page cache works only then.
    spanish = client.get("/tablero/")
    english = client.get("/en/tablero/")
    again_spanish = client.get("/tablero/")
    again_english = client.get("/en/tablero/")
    assert (lang(spanish), lang(english)) == ("es-MX", "en")
    assert (lang(again_spanish), lang(again_english)) == ("es-MX", "en")
    assert again_english.content == english.content
    assert spanish["ETag"] != english["ETag"]
    assert (spanish["Content-Language"], english["Content-Language"]) == ("es-mx", "en")
    # The English page knows its Spanish version, and no header makes Spanish vary.
    assert 'href="/tablero/" hreflang="es-MX" lang="es-MX"' in english.content.decode()
    assert "Accept-Language" not in spanish["Vary"]


def test_a_fragment_is_cached_per_language_and_carries_the_switch(client, commitment, settings):
    settings.DEBUG = False
    client.get("/tablero/?estado=en_tiempo", HTTP_HX_REQUEST="true")
    fragment = client.get("/en/tablero/?estado=en_tiempo", HTTP_HX_REQUEST="true")
    page = fragment.content.decode()
    assert fragment["Content-Language"] == "en"
    assert 'id="cambio-de-idioma" data-hx-swap-oob="true"' in page
    assert 'href="/tablero/?estado=en_tiempo" hreflang="es-MX"' in page


# PDF rendering: the same on any database, run once in CI (like tests/reports/).
@pytest.mark.once
def test_a_report_is_built_and_kept_per_language(client, commitment, builds):  # noqa: F811
    spanish = client.get(f"/compromisos/{commitment.slug}/ficha.pdf")
    english = client.get(f"/en/compromisos/{commitment.slug}/ficha.pdf")
    (spanish_lang, spanish_text), (english_lang, english_text) = pdf(spanish), pdf(english)
    assert (spanish_lang, english_lang) == ("es-MX", "en")
    assert "Página 1 de" in spanish_text and "Page 1 of" in english_text
    assert len(builds) == 2
    assert spanish["ETag"] != english["ETag"]
    # Asked again, each is its own file from disk.
    assert pdf(client.get(f"/en/compromisos/{commitment.slug}/ficha.pdf"))[0] == "en"
    assert pdf(client.get(f"/compromisos/{commitment.slug}/ficha.pdf"))[0] == "es-MX"
    assert len(builds) == 2
    files = sorted(p.name for p in store.Path(store.settings.REPORTS_ROOT).rglob("*.pdf"))
    assert [name.split("-")[3] for name in files] == ["en", "es"]


@pytest.mark.once
def test_the_worker_builds_a_report_in_the_language_it_was_asked_in(client, commitment):
    url = "/en/reportes/plan-de-accion-2025-2027.pdf"
    assert client.get(url).status_code == 202
    with translation.override("es-mx"):
        run_worker()
    assert pdf(client.get(url))[0] == "en"
    # Spanish is another report: asked for, it waits for its own build.
    assert client.get("/reportes/plan-de-accion-2025-2027.pdf").status_code == 202


def test_a_form_sent_with_empty_fields_stays_in_its_language(client, commitment):
    response = client.get("/en/tablero/?estado=atrasado&eje=&q=")
    assert response.status_code == 302
    assert response["Location"] == "/en/tablero/?estado=atrasado"


def test_the_admin_is_spanish_at_admin_and_english_at_en_admin(staff):
    spanish, english = staff.get("/admin/"), staff.get("/en/admin/")
    assert '<html lang="es-mx"' in spanish.content.decode()  # Django's own admin template
    assert '<html lang="en"' in english.content.decode()
    assert "Log out" in english.content.decode() and "Log out" not in spanish.content.decode()
