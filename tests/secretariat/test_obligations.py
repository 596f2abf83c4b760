"""The forum's own obligations (issue 31): each rule on plain dates, then the public panel and
check_plan on a built record at chosen dates, each rule with its source."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from secretariat import obligations
from secretariat.obligations import State

from .html import parse

RULE = obligations.Rule("x", "Regla", "Texto de la regla", "Fuente de prueba")
START = date(2025, 4, 30)


@pytest.mark.once
@pytest.mark.parametrize(
    ("meetings", "day", "state"),
    [
        ([], date(2025, 10, 30), State.MET),  # the installation itself; next due 30/10
        ([], date(2025, 10, 31), State.NOT_MET),
        ([date(2025, 8, 29), date(2026, 2, 20)], date(2026, 8, 20), State.MET),
        ([date(2025, 8, 29), date(2026, 4, 24)], date(2026, 5, 1), State.NOT_MET),  # 8 months
    ],
)
def test_meeting_every_six_months(meetings, day, state):
    check = obligations.every(RULE, START, meetings, day, 6, what="ninguna sesión")
    assert check.state == state


@pytest.mark.once
def test_before_the_installation_nothing_is_due():
    check = obligations.every(RULE, None, [], date(2025, 1, 1), 6, what="ninguna sesión")
    assert check.state == State.NOT_YET_DUE
    assert obligations.per_year(RULE, None, [], date(2025, 1, 1), 2).state == State.NOT_YET_DUE


@pytest.mark.once
@pytest.mark.parametrize(
    ("updates", "day", "state"),
    [
        ([date(2025, 5, 10)], date(2025, 11, 1), State.NOT_YET_DUE),  # 2025 is not over
        ([date(2025, 5, 10), date(2025, 9, 1)], date(2025, 11, 1), State.MET),
        ([date(2025, 5, 10)], date(2026, 1, 2), State.NOT_MET),  # 2025 ended with one
    ],
)
def test_repository_twice_a_year(updates, day, state):
    assert obligations.per_year(RULE, START, updates, day, 2).state == state


@pytest.mark.once
@pytest.mark.parametrize(
    ("published", "day", "state"),
    [
        (None, date(2026, 3, 1), State.NOT_YET_DUE),  # due 7/03 with 15 days
        (None, date(2026, 3, 8), State.NOT_MET),
        (date(2026, 3, 7), date(2026, 3, 8), State.MET),
        (date(2026, 3, 9), date(2026, 3, 9), State.NOT_MET),  # published, but late
    ],
)
def test_minutes_within_the_days_set(published, day, state):
    minutes = [("1ª Sesión Ordinaria", date(2026, 2, 20), published)]
    check = obligations.minutes_on_time(RULE, minutes, day, 15)
    assert check.state == state


@pytest.mark.once
def test_overdue_agreements():
    assert obligations.agreements_on_time(RULE, []).state == State.MET
    check = obligations.agreements_on_time(RULE, [("A-1", date(2026, 5, 31))])
    assert check.state == State.NOT_MET
    assert "A-1 (vencía el 31 de mayo de 2026)" in check.detail


def panel(client, fecha):
    page = parse(client.get(f"/secretariado/obligaciones/?fecha={fecha}"))
    return {li.attrs["id"]: " ".join(li.text.split()) for li in page.find_all("li", "obligation")}


def test_the_panel_at_chosen_dates_with_each_rule_and_its_source(client, story, settings):
    settings.MINUTES_DUE_DAYS = 15
    # 25/02: held on 20/02, minutes due 07/03; the agreement not due yet; a year under way.
    early = panel(client, "2026-02-25")
    assert list(early) == ["sesiones", "repositorio", "pagina", "actas", "acuerdos"]
    assert "Cumple" in early["sesiones"]
    assert "Aún no vence" in early["actas"] and "vence el 7 de marzo de 2026" in early["actas"]
    assert "Aún no vence" in early["repositorio"]
    assert "Cumple" in early["acuerdos"]
    for text in early.values():
        assert "Regla" in text and "Fuente" in text
    assert "Alianza para el Gobierno Abierto (OGP), 2021, estándar 1" in early["sesiones"]
    assert "Alianza para el Gobierno Abierto (OGP), 2021, estándar 2" in early["repositorio"]
    assert "MINUTES_DUE_DAYS" in early["actas"]
    # 01/06: minutes came on 02/03 (on time); the agreement is overdue.
    june = panel(client, "2026-06-01")
    assert "Cumple" in june["actas"]
    assert "No cumple" in june["acuerdos"] and "STMGA-2026-01-01" in june["acuerdos"]
    # 01/10: no session since 20/02 (due 20/08): not met; fulfilled on 10/06.
    october = panel(client, "2026-10-01")
    assert (
        "No cumple" in october["sesiones"]
        and "vencía el 20 de agosto de 2026" in october["sesiones"]
    )
    assert "Cumple" in october["acuerdos"]


def test_check_plan_lists_the_obligations_with_their_source(story, db):
    out = StringIO()
    call_command("check_plan", stdout=out)
    text = out.getvalue()
    assert "Obligaciones del Secretariado: " in text
    assert "El Secretariado se reúne al menos cada seis meses." in text
    assert "(Fuente: Estándares de Participación y Cocreación" in text
