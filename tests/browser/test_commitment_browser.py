"""The commitment page in real Chromium: the chart's text alternative, keyboard, axe."""

import pytest

from tests.browser.conftest import axe_violations

DA01 = "/compromisos/da-01-publicar-el-catalogo-municipal-de-datos-abiertos/"
PP02 = "/compromisos/pp-02-dar-seguimiento-publico-a-las-obras-del-presupuesto-participativo/"


def serious(violations):
    return [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]


def test_the_chart_has_its_text_alternative_and_its_table_opens_with_the_keyboard(site, page):
    page.goto(site + DA01)
    figure = page.locator("figure.chart")
    assert figure.is_visible()
    assert figure.locator("figcaption").inner_text() == (
        "Al 25 de noviembre de 2026 avanza 2 puntos por debajo de lo esperado (60 % de 62 %)."
    )
    chart = page.get_by_role("img", name="Avance de DA-01 en el tiempo, publicado y esperado")
    assert chart.count() == 1
    ids = chart.get_attribute("aria-labelledby").split()
    assert chart.locator(f"title#{ids[0]}").count() == 1
    description = chart.locator(f"desc#{ids[1]}").text_content()
    assert (
        "Línea continua con puntos: avance publicado, de 0 % el 1 de septiembre de 2025"
        in description
    )
    assert "Línea discontinua: avance esperado" in description

    table = page.locator("details.chart-data table")
    assert not table.is_visible()
    summary = page.locator("details.chart-data summary")
    for _ in range(80):
        page.keyboard.press("Tab")
        if summary.evaluate("element => element === document.activeElement"):
            break
    else:
        pytest.fail("«Ver datos en tabla» cannot be reached with the Tab key")
    page.keyboard.press("Enter")
    assert table.is_visible()
    assert table.locator("caption").inner_text().startswith("Avance publicado y esperado")
    assert "25/11/2026 (hoy)" in table.inner_text()


def test_no_inline_styles_anywhere_on_the_page(site, page):
    page.goto(site + DA01)
    assert page.locator("[style]").count() == 0
    assert page.locator("style").count() == 0
    assert page.locator("script:not([src])").count() == 0


def test_commitment_page_has_no_serious_accessibility_violations(site, page, screenshot):
    page.goto(site + DA01)
    page.locator("details").evaluate_all("nodes => nodes.forEach(n => (n.open = true))")
    assert serious(axe_violations(page)) == []
    page.goto(site + DA01)
    screenshot("compromiso")


def test_time_travel_and_override_pages_have_no_serious_violations(site, page, screenshot):
    page.goto(site + DA01 + "?fecha=2026-03-01")
    assert page.get_by_role(
        "region", name="Estás viendo este compromiso al 1 de marzo de 2026."
    ).is_visible()
    assert serious(axe_violations(page)) == []
    screenshot("compromiso-al-01-03-2026")
    page.goto(
        site + "/compromisos/cj-02-dar-respuesta-publica-a-las-propuestas-del-cabildo-juvenil/"
    )
    assert serious(axe_violations(page)) == []


def test_original_version_page_has_no_serious_violations(site, page, screenshot):
    page.goto(site + PP02 + "version-original/")
    assert page.get_by_role("heading", level=1).count() == 1
    assert "Del 1 de septiembre de 2025 al 28 de febrero de 2027" in page.locator("dl").inner_text()
    assert serious(axe_violations(page)) == []
    screenshot("compromiso-version-original")
    page.get_by_role("link", name="Volver a la versión vigente del compromiso").click()
    assert page.url.endswith(PP02)
