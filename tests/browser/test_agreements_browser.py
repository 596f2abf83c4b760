"""/secretariado/acuerdos/ in real Chromium: filters with htmx and without JavaScript."""

import re

from playwright.sync_api import expect


def results_count(page):
    return page.locator("#acuerdos .results-count")


def test_filters_update_the_list_in_place(site, page):
    page.goto(f"{site}/secretariado/acuerdos/")
    expect(results_count(page)).to_have_text("15 de 15 acuerdos")
    page.evaluate("window.sinRecargar = true")

    page.get_by_label("Solo los vencidos").check()
    expect(results_count(page)).to_have_text("4 de 15 acuerdos")
    expect(page).to_have_url(f"{site}/secretariado/acuerdos/?vencidos=on")
    expect(page.locator("#acuerdos-filtros-activos")).to_have_text("(1 activo)")

    page.get_by_label("Estado").select_option("pendiente")
    expect(results_count(page)).to_have_text("2 de 15 acuerdos")
    expect(page.locator("#acuerdos .status--overdue")).to_have_count(2)
    assert page.evaluate("window.sinRecargar") is True, "the page reloaded"

    page.go_back()
    expect(page).to_have_url(f"{site}/secretariado/acuerdos/?vencidos=on")
    expect(results_count(page)).to_have_text("4 de 15 acuerdos")


def test_filters_work_without_javascript(site, browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 900})
    page = context.new_page()
    page.goto(f"{site}/secretariado/acuerdos/")
    page.get_by_text("Filtrar acuerdos").click()
    page.get_by_label("Responsable").select_option("Secretaría técnica")
    page.get_by_role("button", name="Aplicar filtros").click()
    expect(page).to_have_url(re.compile(r"responsable=Secretar"))
    expect(results_count(page)).to_have_text("4 de 15 acuerdos")
    expect(page.locator("details.filters")).to_have_attribute("open", "")

    page.get_by_role("link", name="Quitar filtros").click()
    expect(results_count(page)).to_have_text("15 de 15 acuerdos")
    context.close()


CARD_CELLS = ["Estado", "Responsable", "Fecha compromiso", "Sesión"]


def test_each_agreement_is_a_labelled_card_on_a_phone_and_a_table_row_on_a_desktop(
    site, page, screenshot
):
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(f"{site}/secretariado/acuerdos/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, "the page scrolls"
    expect(page.get_by_text("Desliza la tabla hacia un lado")).to_be_hidden()
    first = page.locator(".agreement-table tbody tr").first
    box = first.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    cells = first.locator("td[data-label]")
    # Each cell shows its column's name beside its value, inside the screen.
    labels = [
        cell.evaluate("td => getComputedStyle(td, '::before').content") for cell in cells.all()
    ]
    assert labels == [f'"{label}"' for label in CARD_CELLS]
    for cell in cells.all():
        cell_box = cell.bounding_box()
        assert cell_box["x"] + cell_box["width"] <= 390, cell.inner_text()
    expect(first.locator("td").nth(2)).to_have_text("Secretaría técnica")
    expect(first.locator("td").nth(3)).to_have_text("30/10/2026")
    screenshot("acuerdos-tarjetas")

    page.set_viewport_size({"width": 1280, "height": 900})
    headers = page.locator(".agreement-table thead th")
    expect(headers).to_have_text(["Acuerdo", *CARD_CELLS])
    assert first.evaluate("tr => getComputedStyle(tr).display") == "table-row"
    assert cells.first.evaluate("td => getComputedStyle(td, '::before').content") == "none"
