"""Questions and following on a small cast in Chromium: the commitment page's section, the
two form pages (sent without errors and with them), at phone and desktop widths, with axe."""

import pytest

from tests.browser.conftest import axe_violations
from tests.engagement.conftest import approve, ask

BLOCKING = {"serious", "critical"}


@pytest.fixture
def asked(live_server, transactional_db, frozen_today):
    from engagement import services
    from tests.commitments import builders

    commitment = builders.make_commitment(builders.make_plan(), "DA-01")
    question = approve(
        ask(commitment, name="Ana", text="¿Dónde veo el catálogo? https://x.invalid")
    )
    services.draft_answer(question=question, text="En la página de datos.", publish=True)
    approve(ask(commitment, text="Un comentario sin respuesta todavía."))
    return f"{live_server.url}/compromisos/{commitment.slug}/"


def check(page, where):
    problems = [
        f"{where}: [{v['impact']}] {v['id']}: {v['help']} {[n['target'] for n in v['nodes']]}"
        for v in axe_violations(page)
        if v["impact"] in BLOCKING
    ]
    assert not problems, "\n".join(problems)


def test_questions_section_and_forms_in_chromium(asked, page, screenshot):
    page.goto(asked)
    section = page.locator("section.questions")
    assert "En la página de datos." in section.inner_text()
    assert section.locator("a[href^='https://x.invalid']").count() == 0
    check(page, "compromiso")
    screenshot("compromiso-preguntas")

    page.get_by_role("link", name="Haz una pregunta o deja un comentario").click()
    assert page.locator("h1").inner_text() == "Haz una pregunta o deja un comentario"
    assert not page.locator("input[name=website]").is_visible()
    check(page, "preguntar")
    page.get_by_label("Tu pregunta o comentario").fill("¿Y?")
    page.get_by_role("button", name="Enviar").click()
    assert "Escribe al menos 10 caracteres" in page.locator(".form-errors").inner_text()
    check(page, "preguntar con errores")
    screenshot("preguntar-errores")
    page.get_by_label("Tu pregunta o comentario").fill("¿Cuándo se publica el catálogo?")
    page.get_by_role("button", name="Enviar").click()
    assert "Recibimos tu mensaje" in page.locator(".form-messages").inner_text()
    screenshot("preguntar-enviada")

    page.goto(asked + "seguir/")
    check(page, "seguir")
    page.get_by_label("Tu correo").fill("persona@example.org")
    page.get_by_role("button", name="Seguir este compromiso").click()
    assert "le enviamos un mensaje" in page.locator(".form-messages").inner_text()
    check(page, "seguir enviada")
    screenshot("seguir-enviada")
