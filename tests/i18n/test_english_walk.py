"""The English site, page by page: every public URL under /en/ (the sitemap's, and the other
kinds of public page with typical parameters, feeds, embeds, fragments and the error page)
answers in English, offers the same Spanish page with the same parameters, and shows no
Spanish from the catalogues (staff data without English is marked lang="es" and left out).

One walk per process: the first test that needs it walks the demo and keeps the answers."""

import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.utils import translation

from tests.i18n.catalogues import english_catalogues
from tests.i18n.leftovers import Finder

# Pages read back: the same on any database, walked once in CI.
pytestmark = [pytest.mark.django_db, pytest.mark.once]

# Other kinds of public page, with typical parameters (in their canonical order). {slug} is
# a commitment of the demo that has evidence, questions and history.
SLUG = "da-01-publicar-el-catalogo-municipal-de-datos-abiertos"
EXTRA = [
    "/en/tablero/?estado=atrasado",
    "/en/tablero/?fecha=2026-03-01",
    "/en/tablero/?orden=avance",
    "/en/como-se-calcula/",
    "/en/cambios/",
    "/en/cambios.atom",
    f"/en/compromisos/{SLUG}/cambios.atom",
    f"/en/compromisos/{SLUG}/?fecha=2026-03-01",
    f"/en/compromisos/{SLUG}/preguntar/",
    f"/en/compromisos/{SLUG}/seguir/",
    "/en/insertar/tablero/",
    f"/en/insertar/compromisos/{SLUG}/",
    f"/en/insertar/compromisos/{SLUG}.svg",
    "/en/secretariado/cortes/1/",
    "/en/secretariado/entrar/",
    "/en/secretariado/acuerdos/?estado=cumplido",
    "/en/seguir/baja/no-es-un-token/",
    "/en/aviso-de-privacidad/",
    "/en/aviso-de-privacidad/simplificado/",
    "/en/accesibilidad/",
    "/en/reportes/",
    "/en/admin/login/",
]
FRAGMENTS = ["/en/tablero/?estado=atrasado", "/en/secretariado/acuerdos/?estado=cumplido"]
NOT_FOUND = "/en/esta-pagina-no-existe/"
# Pages without the site's header (framed elsewhere, or the admin's own), so without switch.
NO_SWITCH = ("/en/insertar/", "/en/admin/")


def spanish(url):
    """The Spanish address of an English one: the same path without /en, the same query."""
    return url.removeprefix("/en")


def switch_target(html):
    found = re.search(r'<a class="language-switch__link" href="([^"]+)" hreflang="es-MX"', html)
    return found and found[1].replace("&amp;", "&")


class Walk:
    """What each English URL answered, and what was wrong with it."""

    def __init__(self, client):
        self.client = client
        self.problems, self.leftovers = [], {}
        self.finder = Finder()

    def urls(self):
        xml = self.client.get("/sitemap.xml").content.decode()
        found = [urlsplit(loc).path for loc in re.findall(r"<loc>([^<]+)</loc>", xml)]
        english = [url for url in found if url.startswith("/en/")]
        if len(english) * 2 != len(found) or {spanish(u) for u in english} != set(found) - set(
            english
        ):
            self.problems.append("sitemap.xml: no lista cada página en los dos idiomas")
        return list(dict.fromkeys(english + EXTRA))

    def check(self, url, response, *, status=200, fragment=False):
        if response.status_code != status:
            self.problems.append(f"{url}: respondió {response.status_code}, no {status}")
            return
        kind = response["Content-Type"]
        body = response.content.decode()
        if response.get("Content-Language") != "en":
            self.problems.append(f"{url}: Content-Language {response.get('Content-Language')}")
        if "html" in kind and not fragment and not re.search(r'<html lang="en"[ >]', body):
            self.problems.append(f'{url}: sin <html lang="en">')
        if "atom" in kind and 'xml:lang="en"' not in body:
            self.problems.append(f'{url}: el feed no dice xml:lang="en"')
        if "svg" in kind and 'lang="en"' not in body:
            self.problems.append(f'{url}: el SVG no dice lang="en"')
        if "html" in kind and not url.startswith(NO_SWITCH) and status == 200:
            target = switch_target(body)
            if target != spanish(url):
                self.problems.append(f"{url}: el cambio de idioma lleva a {target}")
        if found := self.finder.in_page(body):
            self.leftovers[url] = found

    def round_trip(self, url):
        """The switch leads to the same Spanish page, whose switch comes back here."""
        response = self.client.get(spanish(url))
        body = response.content.decode()
        if response.status_code != 200 or '<html lang="es-MX">' not in body:
            self.problems.append(f"{spanish(url)}: {response.status_code}, no en español")
        elif (back := re.search(r'class="language-switch__link" href="([^"]+)"', body)) and (
            back[1].replace("&amp;", "&") != url
        ):
            self.problems.append(f"{spanish(url)}: el cambio de idioma lleva a {back[1]}")

    def run(self):
        for url in self.urls():
            self.check(url, self.client.get(url))
            if url in EXTRA and not url.startswith(NO_SWITCH) and "." not in url.split("/")[-1]:
                self.round_trip(url)
        for url in FRAGMENTS:
            self.check(url, self.client.get(url, HTTP_HX_REQUEST="true"), fragment=True)
        self.check(NOT_FOUND, self.client.get(NOT_FOUND), status=404)
        return self


_walk = None


@pytest.fixture
def walk(client, demo):
    global _walk
    if _walk is None:
        # LocaleMiddleware leaves the language of the last page (English) active in this
        # thread: the tests that run after the walk in this process expect Spanish.
        with translation.override(translation.get_language()):
            _walk = Walk(client).run()
    return _walk


def test_compiled_catalogues_are_current():
    """The walk reads the .mo files: `make setup` (or `make messages`) compiles them."""
    stale = [
        str(po.relative_to(settings.BASE_DIR))
        for po in english_catalogues()
        if not po.with_suffix(".mo").exists()
        or po.with_suffix(".mo").stat().st_mtime < po.stat().st_mtime
    ]
    assert not stale, f"Sin compilar o viejos (corre `make messages`): {stale}"


def test_every_english_page_answers_in_english_and_switches_to_the_same_spanish_page(walk):
    assert not walk.problems, "\n".join(walk.problems)


def test_no_catalogue_spanish_is_left_on_an_english_page(walk):
    lines = [
        f"{url}: «{msgid}» en «{segment[:120]}»"
        for url, found in walk.leftovers.items()
        for msgid, segment in found
    ]
    assert not lines, f"{len(lines)} textos en español:\n" + "\n".join(lines)
