"""What search engines and shared links see: description, Open Graph, sitemap, robots, icons."""

import re

import pytest
from django.contrib.staticfiles import finders

from tests.secretariat.conftest import approval_session, cast, sectors  # noqa: F401

pytestmark = pytest.mark.django_db


def meta(html, key):
    found = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)"', html)
    assert found, f"no {key} on the page"
    return found.group(1)


@pytest.mark.usefixtures("approval_session")
@pytest.mark.parametrize(
    ("url", "title", "description_start"),
    [
        ("/", "Inicio", "Seguimiento público del Plan de Acción Municipal"),
        ("/tablero/", "Tablero de compromisos", "Semáforo, avance y filtros"),
        ("/secretariado/acuerdos/", "Acuerdos del Secretariado", "Todos los acuerdos del"),
        (
            "/secretariado/sesiones/2a-sesion-ordinaria-2025/",
            "2ª Sesión Ordinaria (29/08/2025)",
            "Orden del día, asistencia y acuerdos de la 2ª Sesión Ordinaria",
        ),
    ],
)
def test_each_page_describes_itself_for_search_and_sharing(
    client, commitment, url, title, description_start
):
    html = client.get(url).content.decode()
    assert meta(html, "og:title") == f"{title} · Gobierno Abierto León"
    assert html.count("<title>") == 1 and f"<title>{title} · Gobierno Abierto León</title>" in html
    description = meta(html, "description")
    assert description.startswith(description_start)
    assert meta(html, "og:description") == description
    assert meta(html, "og:url") == f"http://testserver{url}"
    assert meta(html, "og:image") == "http://testserver/static/img/og-image.png"
    assert meta(html, "og:site_name") == "Gobierno Abierto León"
    assert finders.find("img/og-image.png")


def test_the_header_names_the_municipality_with_its_mark(client, commitment):
    html = client.get("/").content.decode()
    header = html[html.index('<header class="site-header">') : html.index("</header>")]
    assert "Municipio de León, Guanajuato" in header
    assert 'class="site-header__mark"' in header and 'aria-hidden="true"' in header


def test_icons(client):
    html = client.get("/").content.decode()
    assert '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">' in html
    assert '<link rel="apple-touch-icon" href="/static/img/apple-touch-icon.png">' in html
    assert finders.find("img/favicon.svg") and finders.find("img/apple-touch-icon.png")
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"] == "/static/img/favicon.svg"


def test_robots_keeps_crawlers_out_of_the_admin_and_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_the_sitemap_lists_every_public_page(client, demo):
    from commitments.models import Commitment
    from secretariat.models import Session

    xml = client.get("/sitemap.xml").content.decode()
    locations = set(re.findall(r"<loc>http://testserver([^<]*)</loc>", xml))
    assert {"/", "/tablero/", "/secretariado/", "/secretariado/acuerdos/", "/ruta/"} <= locations
    for commitment in Commitment.objects.published():
        assert commitment.get_absolute_url() in locations
    for session in Session.objects.all():
        assert session.get_absolute_url() in locations
    assert "/secretariado/convocatorias/convocatoria-stmga-2025/" in locations
    assert any(url.startswith("/ejes/") for url in locations)
    assert any(url.startswith("/dependencias/") for url in locations)
    assert not any(url.startswith("/admin/") for url in locations)
    unpublished = Commitment.objects.exclude(is_published=True).first()
    if unpublished:
        assert unpublished.get_absolute_url() not in locations
