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


def test_the_wide_table_scrolls_inside_a_labelled_region_on_a_phone(site, browser):
    context = browser.new_context(viewport={"width": 390, "height": 900})
    page = context.new_page()
    page.goto(f"{site}/secretariado/acuerdos/")
    region = page.get_by_role("region", name="Acuerdos encontrados")
    expect(region).to_be_visible()
    expect(page.get_by_text("Desliza la tabla hacia un lado")).to_be_visible()
    assert region.evaluate("el => el.scrollWidth > el.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, "the page itself scrolls"
    region.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    # Chromium animates keyboard scrolling, so the offset grows after the key press returns.
    page.wait_for_function("el => el.scrollLeft > 0", arg=region.element_handle(), timeout=5000)
    context.close()
