"""The board's filters in real Chromium: with htmx, without JavaScript, and by keyboard only."""

import re

import pytest
from playwright.sync_api import expect


def results_count(page):
    return page.locator("#resultados .results-count")


def test_filters_update_the_list_in_place_and_back_restores_it(site, page):
    page.goto(f"{site}/tablero/")
    expect(results_count(page)).to_have_text("16 de 16 compromisos")
    page.evaluate("window.sinRecargar = true")

    page.get_by_label("Atrasado").check()
    expect(results_count(page)).to_have_text("4 de 16 compromisos")
    expect(page).to_have_url(f"{site}/tablero/?estado=atrasado")
    expect(page.locator("#cuenta-atrasado")).to_have_text("(4)")
    expect(page.locator("#resultados-aviso")).to_have_text("4 de 16 compromisos")

    page.get_by_label("Eje", exact=True).select_option("datos-abiertos")
    expect(results_count(page)).to_have_text("1 de 16 compromisos")
    expect(page).to_have_url(re.compile(r"eje=datos-abiertos"))
    # Counts beside the other statuses follow the axis chosen.
    expect(page.locator("#cuenta-completo")).to_have_text("(1)")
    assert page.evaluate("window.sinRecargar") is True, "the page reloaded"

    page.go_back()
    expect(page).to_have_url(f"{site}/tablero/?estado=atrasado")
    expect(results_count(page)).to_have_text("4 de 16 compromisos")
    expect(page.get_by_label("Atrasado")).to_be_checked()
    expect(page.get_by_label("Eje", exact=True)).to_have_value("")


def test_filters_work_without_javascript(site, browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 900})
    page = context.new_page()
    page.goto(f"{site}/tablero/")
    # Open until something is filtered.
    expect(page.locator("details.filters")).to_have_attribute("open", "")
    page.get_by_label("Con retraso").check()
    page.get_by_label("Buscar").fill("juvenil")
    page.get_by_role("button", name="Aplicar filtros").click()
    expect(page).to_have_url(re.compile(r"estado=con_retraso"))
    # Only what was chosen stays in the address, not every empty field of the form.
    assert page.url == f"{site}/tablero/?q=juvenil&estado=con_retraso", page.url
    expect(results_count(page)).to_have_text("2 de 16 compromisos")
    # Once filtered, the results come first and the filters fold away.
    expect(page.locator("details.filters")).not_to_have_attribute("open", "")
    expect(page.get_by_text("Filtrar compromisos (2 activos)")).to_be_visible()

    page.get_by_role("link", name="Quitar filtros").click()
    expect(results_count(page)).to_have_text("16 de 16 compromisos")
    context.close()


def tab_to(page, predicate, limit=80):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(predicate):
            return
    pytest.fail(f"Tab never reached: {predicate}")


def test_filters_by_keyboard_only(site, page):
    page.goto(f"{site}/tablero/")
    tab_to(page, "document.activeElement.id === 'estado-no_iniciado'")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "the focused checkbox shows no focus"
    page.keyboard.press("Space")
    expect(page.get_by_label("No iniciado")).to_be_checked()
    expect(results_count(page)).to_have_text("1 de 16 compromisos")

    tab_to(page, "document.activeElement.textContent.trim() === 'Aplicar filtros'")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"estado=no_iniciado"))
    expect(results_count(page)).to_have_text("1 de 16 compromisos")
    # Focus stays in the form, so the visitor can go on filtering.
    assert page.evaluate("document.activeElement.closest('form')?.id") == "filtros"


def test_on_a_phone_enter_searches_without_errors_and_the_results_come_into_view(site, browser):
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto(f"{site}/tablero/")
    page.get_by_label("Buscar").fill("juvenil")
    page.get_by_label("Buscar").press("Enter")
    expect(results_count(page)).to_have_text("3 de 16 compromisos")
    expect(page).to_have_url(f"{site}/tablero/?q=juvenil")
    page.get_by_label("Con retraso").check()
    expect(results_count(page)).to_have_text("2 de 16 compromisos")
    # The results, below a long form on a phone, are brought into view with the focus.
    expect(results_count(page)).to_be_in_viewport()
    expect(results_count(page)).to_be_focused()
    assert not errors, errors
    context.close()
