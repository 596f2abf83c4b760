"""The embeddable semáforo: framable pages, an SVG badge, and the code to copy."""

from datetime import date

import pytest

from tests.commitments import builders

pytestmark = pytest.mark.django_db

MAX_BYTES = 15 * 1024


@pytest.fixture
def measured(frozen_today, commitment):
    builders.add_measurement(commitment.indicators.get(), date(2026, 6, 30), 40)
    return commitment


def test_the_embeds_may_be_framed_and_other_pages_may_not(client, measured):
    for url in (f"/insertar/compromisos/{measured.slug}/", "/insertar/tablero/"):
        response = client.get(url)
        assert response.status_code == 200
        assert "X-Frame-Options" not in response
        assert "frame-ancestors *" in response["Content-Security-Policy"]
        assert len(response.content) <= MAX_BYTES
        # Served again from the page cache, with the same headers.
        assert "X-Frame-Options" not in client.get(url)
    for url in (f"/compromisos/{measured.slug}/", "/tablero/", "/api/"):
        response = client.get(url)
        assert response["X-Frame-Options"] == "DENY"
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_the_commitment_embed_says_its_status_in_words(client, measured):
    page = client.get(f"/insertar/compromisos/{measured.slug}/", {"fecha": "2026-07-02"})
    text = page.content.decode()
    assert "C-01" in text and "En tiempo" in text and "40 % de avance" in text
    assert "Datos públicos al 2 de julio de 2026" in text
    assert f'href="/compromisos/{measured.slug}/?fecha=2026-07-02"' in text
    assert 'class="site-header' not in text  # no navigation


def test_the_board_embed_counts_by_status(client, measured):
    text = client.get("/insertar/tablero/", {"fecha": "2026-07-02"}).content.decode()
    assert "1 compromiso" in text and "En tiempo" in text and "Eje de prueba" in text


def test_the_badge_is_an_svg_with_the_status_in_text(client, measured):
    response = client.get(f"/insertar/compromisos/{measured.slug}.svg", {"fecha": "2026-07-02"})
    assert response["Content-Type"].startswith("image/svg+xml")
    assert len(response.content) <= MAX_BYTES
    svg = response.content.decode()
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert "<title" in svg and "Compromiso C-01: En tiempo · 40 %" in svg
    assert ">En tiempo · 40 %</text>" in svg
    assert "(al 02/07/2026)" in svg


def test_a_commitment_not_public_has_no_embed(client, frozen_today, plan):
    hidden = builders.make_commitment(plan, "C-09", publish=False)
    assert client.get(f"/insertar/compromisos/{hidden.slug}/").status_code == 404
    assert client.get(f"/insertar/compromisos/{hidden.slug}.svg").status_code == 404


def test_the_commitment_page_offers_the_code_to_copy(client, measured):
    text = client.get(f"/compromisos/{measured.slug}/").content.decode()
    assert "Insertar este semáforo en otro sitio" in text
    assert f'&lt;iframe src="http://testserver/insertar/compromisos/{measured.slug}/"' in text
    assert f'&lt;img src="http://testserver/insertar/compromisos/{measured.slug}.svg"' in text
    assert "readonly" in text
