"""/datos/: what is published, under which licence, since when, and its data dictionary."""

from opendata.tables import tables


def test_the_page_lists_licence_update_downloads_and_dictionary(client, cast):
    html = client.get("/datos/").content.decode()
    assert "Creative Commons Atribución 4.0 Internacional (CC BY 4.0)" in html
    assert (
        '<time datetime="2026-07-20T12:00:00-06:00">20 de julio de 2026 a las 12:00</time>' in html
    )
    for table in tables():
        assert f'href="/datos/{table.name}.csv" download' in html
        assert f'href="/datos/{table.name}.xlsx" download' in html
    assert "<code>fecha_del_dato</code>" in html
    assert "Día al que se refiere el valor." in html
    assert 'href="/datos/datapackage.json"' in html
    assert 'href="/datos/catalogo.jsonld"' in html


def test_a_past_day_keeps_its_date_in_every_download_link(client, cast):
    html = client.get("/datos/?fecha=2026-05-04").content.decode()
    assert "Estás viendo los datos abiertos al 4 de mayo de 2026." in html
    assert 'href="/datos/avances.json?fecha=2026-05-04"' in html
    assert 'href="/datos/paquete.zip?fecha=2026-05-04"' in html


def test_a_mistyped_date_shows_today_and_says_why(client, cast):
    html = client.get("/datos/?fecha=31/12/2025").content.decode()
    assert "La fecha «31/12/2025» no es válida; usa el formato AAAA-MM-DD." in html
    assert 'href="/datos/avances.csv" download' in html


def test_the_site_links_to_open_data_from_its_navigation_and_sitemap(client, cast):
    html = client.get("/").content.decode()
    assert html.count('href="/datos/"') == 2  # header and footer
    assert "http://testserver/datos/" in client.get("/sitemap.xml").content.decode()


def test_a_commitment_page_shows_each_files_fingerprint(client, cast):
    html = client.get(cast.commitment.get_absolute_url()).content.decode()
    fingerprint = cast.evidence.file_sha256
    assert f"<code>{fingerprint[:12]}…</code>" in html
    assert f'<code class="fingerprint__full">{fingerprint}</code>' in html
