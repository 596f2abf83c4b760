"""Overdue agreements and /secretariado/acuerdos/: the rule, the tag everywhere, the filters."""

import itertools
from datetime import date, timedelta

import pytest

from secretariat import reader, services
from secretariat.models import Agreement, Session

from .conftest import TODAY, make_agreement
from .html import main_text, parse

URL = "/secretariado/acuerdos/"
S = Agreement.Status


@pytest.mark.parametrize(
    ("due", "status", "overdue"),
    [
        (TODAY - timedelta(days=1), S.PENDING, True),
        (TODAY - timedelta(days=1), S.IN_PROGRESS, True),
        (TODAY - timedelta(days=1), S.FULFILLED, False),
        (TODAY, S.PENDING, False),  # due today is not late yet
        (TODAY + timedelta(days=30), S.PENDING, False),
        (None, S.PENDING, False),
    ],
)
def test_the_overdue_rule(due, status, overdue):
    assert reader.is_overdue(due, status, TODAY) is overdue


def test_the_reader_applies_the_rule_to_the_status_of_the_day(approval_session, today):
    dues = [None, TODAY - timedelta(days=1), TODAY, TODAY + timedelta(days=1)]
    expected = set()
    for i, (due, status) in enumerate(itertools.product(dues, S.values)):
        make_agreement(approval_session, f"Q-{i}", due_date=due, status=status)
        if reader.is_overdue(due, status, TODAY):
            expected.add(f"Q-{i}")
    views = reader.agreements_on(TODAY, session=approval_session)
    assert {a.code for a in views if a.is_overdue and a.code.startswith("Q-")} == expected


def overdue_tags(response):
    return [tag.text for tag in parse(response).find_all("span", "status--overdue")]


def test_the_session_page_marks_overdue_agreements(client, approval_session, today):
    # Due 31/12/2025: the in-progress and the pending one are overdue, the fulfilled is not.
    page = parse(client.get(approval_session.get_absolute_url()))
    by_code = {
        li.attrs["id"]: [t.text for t in li.find_all("span", "status")]
        for li in page.find_all("li", "agreement")
    }
    assert by_code == {
        "stmga-2025-02-01": ["Cumplido"],
        "stmga-2025-02-02": ["En proceso", "Vencido"],
        "stmga-2025-02-03": ["Pendiente", "Vencido"],
    }


def test_before_the_due_date_nothing_is_overdue(client, approval_session, monkeypatch):
    from tests.conftest import freeze_today

    freeze_today(monkeypatch, date(2025, 12, 31))
    assert overdue_tags(client.get(approval_session.get_absolute_url())) == []
    assert overdue_tags(client.get(URL)) == []


def test_the_list_shows_every_agreement_with_totals(client, approval_session, today):
    response = client.get(URL)
    text = main_text(response)
    assert "3 de 3 acuerdos" in text
    assert overdue_tags(response) == ["Vencido", "Vencido"]
    totals = parse(response).find("ul", "agreement-totals")
    assert [" ".join(li.text.split()) for li in totals.find_all("li")] == [
        "1 cumplido",
        "1 en proceso",
        "1 pendiente",
        "2 vencidos",
    ]
    links = [a.attrs["href"] for a in totals.find_all("a")]
    assert links[-1] == "/secretariado/acuerdos/?vencidos=on"


@pytest.fixture
def two_sessions(approval_session, cast):
    from core import clock

    with clock.moment(date(2026, 4, 24)):
        later = services.save_session(
            session=Session(
                kind=Session.Kind.ORDINARY, number=1, date=date(2026, 4, 24), is_held=True
            ),
            attendance=[cast.ana, cast.beto],
        )
    make_agreement(
        later,
        "STMGA-2026-01-01",
        text="Pedir planes.",
        responsible="Presidencia",
        due_date=date(2027, 1, 31),
    )
    return approval_session, later


def codes(response):
    tables = parse(response).find_all("table", "agreement-table")
    return [a.text for table in tables for a in table.find_all("a", "code")]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["STMGA-2026-01-01", "STMGA-2025-02-01", "STMGA-2025-02-02", "STMGA-2025-02-03"]),
        ("estado=pendiente", ["STMGA-2026-01-01", "STMGA-2025-02-03"]),
        ("sesion=1a-sesion-ordinaria-2026", ["STMGA-2026-01-01"]),
        ("responsable=Presidencia", ["STMGA-2026-01-01"]),
        ("vencidos=on", ["STMGA-2025-02-02", "STMGA-2025-02-03"]),
        ("vencidos=on&estado=pendiente", ["STMGA-2025-02-03"]),
        ("vencidos=on&responsable=Presidencia", []),
    ],
)
def test_filters(client, two_sessions, today, query, expected):
    assert codes(client.get(f"{URL}?{query}")) == expected


def test_bad_filter_values_are_ignored_not_an_error(client, two_sessions, today):
    response = client.get(
        f"{URL}?estado=nada&sesion=%00x&responsable=&vencidos=false&pagina=99", follow=True
    )
    assert response.status_code == 200
    # The empty field is gone from the address, and so is every bad value.
    assert response.redirect_chain == [(f"{URL}?pagina=99", 302)]
    assert len(codes(response)) == 4


def test_active_filters_can_be_removed_one_by_one(client, two_sessions, today):
    page = parse(client.get(f"{URL}?estado=pendiente&vencidos=on"))
    assert "2 activos" in page.find("summary").text
    removers = {
        a.text.removeprefix("Quitar filtro").strip(): a.attrs["href"]
        for a in page.find("ul", "active-filters").find_all("a")
    }
    assert removers == {
        "Estado: Pendiente": "/secretariado/acuerdos/?vencidos=on",
        "Solo vencidos": "/secretariado/acuerdos/?estado=pendiente",
    }
    assert "No hay acuerdos que cumplan con estos filtros." in main_text(
        client.get(f"{URL}?vencidos=on&responsable=Presidencia")
    )


def test_htmx_gets_only_the_results_and_the_url_to_push(client, two_sessions, today):
    response = client.get(f"{URL}?estado=pendiente&sesion=", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response["HX-Push-Url"] == "/secretariado/acuerdos/?estado=pendiente"
    assert "<html" not in html and "<h1" not in html
    assert codes(response) == ["STMGA-2026-01-01", "STMGA-2025-02-03"]
    assert 'id="acuerdos-filtros-activos" data-hx-swap-oob="true"' in html


def test_the_list_is_paginated_and_keeps_its_filters(client, approval_session, today):
    for i in range(30):
        make_agreement(approval_session, f"STMGA-X-{i:02d}", status=S.PENDING)
    first = client.get(f"{URL}?estado=pendiente")
    assert len(codes(first)) == 25
    next_link = parse(first).find("a", rel="next")
    assert next_link.attrs["href"] == "?estado=pendiente&pagina=2"
    assert len(codes(client.get(f"{URL}?estado=pendiente&pagina=2"))) == 6


def test_query_count_does_not_grow_with_agreements(
    client, approval_session, today, django_assert_max_num_queries
):
    for i in range(40):
        make_agreement(approval_session, f"STMGA-Y-{i:02d}")
    with django_assert_max_num_queries(9):
        client.get(URL)


def test_the_secretariat_page_links_to_the_list(client, approval_session, today):
    page = parse(client.get("/secretariado/"))
    hrefs = [a.attrs.get("href") for a in page.find_all("a")]
    assert URL in hrefs
    assert "2 vencidos" in main_text(client.get("/secretariado/"))


@pytest.fixture
def commitment(db):
    from tests.commitments.builders import make_commitment

    return make_commitment(code="DA-01", is_published=True)


def test_agreements_for_a_commitment_and_the_include(commitment, approval_session, today):
    from django.template.loader import render_to_string

    first, second, _ = approval_session.agreements.order_by("code")
    second.commitments.add(commitment)
    first.commitments.add(commitment)
    agreements = reader.agreements_on(TODAY, commitment=commitment)
    assert [a.code for a in agreements] == [first.code, second.code]
    html = render_to_string(
        "secretariat/includes/_commitment_agreements.html", {"agreements": agreements}
    )
    page = parse(html)
    assert page.find("h2").text == "Acuerdos del Secretariado"
    links = [a.attrs["href"] for a in page.find_all("a")]
    assert f"{approval_session.get_absolute_url()}#stmga-2025-02-02" in links
    assert [t.text for t in page.find_all("span", "status--overdue")] == ["Vencido"]
    assert (
        render_to_string(
            "secretariat/includes/_commitment_agreements.html",
            {"agreements": []},
        ).strip()
        == ""
    )


def test_the_session_page_links_only_published_commitments(
    client, commitment, approval_session, today
):
    agreement = approval_session.agreements.get(code="STMGA-2025-02-02")
    agreement.commitments.add(commitment)
    commitment.is_published = False
    commitment.save()
    assert (
        commitment.get_absolute_url()
        not in client.get(approval_session.get_absolute_url()).content.decode()
    )
    commitment.is_published = True
    commitment.save()
    assert (
        commitment.get_absolute_url()
        in client.get(approval_session.get_absolute_url()).content.decode()
    )
