"""An earlier, closed exercise stays on the board, one choice away from the current plan."""

from commitments.models import ActionPlan

PREVIOUS = "plan-de-accion-2022-2024-ejemplo"


def test_the_board_shows_the_current_plan_and_offers_the_earlier_one(client, demo):
    page = client.get("/tablero/").content.decode()
    assert ActionPlan.objects.current() == demo
    assert "<strong>16</strong> de 16 compromisos" in page
    assert f'<option value="{PREVIOUS}">Plan 2022-2024 (concluido)</option>' in page
    assert "TP-01" not in page


def test_the_earlier_plan_shows_how_it_ended(client, demo):
    page = client.get(f"/tablero/?plan={PREVIOUS}").content.decode()
    assert "<strong>3</strong> de 3 compromisos" in page
    assert "TP-01" in page and "DA-01" not in page
    # A plan that ended in 2024 expects 100 %: TP-01 finished, TP-03 stopped at 45 %.
    assert page.count("Avance 100 % al") == 1
    assert "Avance 45 % de 100 % esperado" in page


def test_an_earlier_commitment_has_its_own_page(client, demo):
    page = client.get(
        "/compromisos/tp-01-publicar-las-agendas-de-las-personas-titulares-de-dependencias-2022/"
    )
    html = page.content.decode()
    title = "Publicar las agendas de las personas titulares de dependencias"
    assert f'<h1 class="commitment-title">{title}</h1>' in html
    assert "Plan de Acción Municipal de Gobierno Abierto 2022-2024 (ejemplo)" in html
