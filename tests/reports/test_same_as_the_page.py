"""Every report shows what the commitment's page shows on the same day: one reader, one rule."""

import re
from datetime import date

import pytest

from commitments import reader
from commitments.models import MilestoneStatus
from tests.commitments import builders
from tests.reports.conftest import download, pdf_of

pytestmark = pytest.mark.django_db

PAST = date(2026, 6, 30)


@pytest.fixture
def mixed(plan):
    """C-02 with an indicator and three milestones:

    - «Hito cancelado»: 40 % on 31/03/2026, cancelled (still at 40 %) on 15/05/2026;
    - «Hito en marcha»: 60 % on 30/04/2026, 90 % only on 31/08/2026;
    - «Hito sin avance»: nothing reported.
    """
    commitment = builders.make_commitment(
        plan,
        "C-02",
        indicators=[{"name": "Trámites en línea", "verification_means": "Catálogo público"}],
        milestones=[
            {"title": "Hito cancelado"},
            {"title": "Hito en marcha"},
            {"title": "Hito sin avance"},
        ],
    )
    builders.add_measurement(commitment.indicators.get(), date(2026, 3, 31), 12)
    cancelled, running, _idle = commitment.milestones.order_by("order")
    builders.add_progress(cancelled, date(2026, 3, 31), 40)
    builders.add_progress(
        cancelled, date(2026, 5, 15), 40, milestone_status=MilestoneStatus.CANCELLED
    )
    builders.add_progress(running, date(2026, 4, 30), 60)
    builders.add_progress(running, date(2026, 8, 31), 90)
    return commitment


def page_of(client, commitment, day=None):
    query = f"?fecha={day.isoformat()}" if day else ""
    response = client.get(f"/compromisos/{commitment.slug}/{query}")
    assert response.status_code == 200
    return response.context["page"], response.content.decode()


def percent_text(milestone):
    return "—" if milestone.percent is None else f"{milestone.percent:.0f} %"


def assert_shows_the_page(text, page):
    """The PDF's text holds the page's status, each milestone's percent and status, and
    each indicator's values."""
    assert str(page.verdict.label) in text
    for m in page.milestones:
        shown = re.search(
            re.escape(f"{m.number}. {m.title}") + r".{0,120}?" + re.escape(percent_text(m)),
            text,
        )
        assert shown, (m.title, percent_text(m))
        assert str(m.status.label) in text[shown.end() : shown.end() + 20], m.title
    for indicator in page.indicators:
        for f in indicator.measurements:
            assert f"{f.value:.0f} ({f.date:%d/%m/%Y})" in text


def test_a_cancelled_milestone_is_blank_on_the_page_and_in_the_sheet(client, mixed):
    page, html = page_of(client, mixed)
    cancelled = page.milestones[0]
    assert (cancelled.percent, cancelled.status) == (None, MilestoneStatus.CANCELLED)
    row = re.search(r"Hito cancelado.*?</tr>", html, re.S)[0]
    assert "—" in row and "Cancelado" in row and "40" not in row

    _reader, text = pdf_of(client.get(f"/compromisos/{mixed.slug}/ficha.pdf"))
    assert re.search(r"1\. Hito cancelado.{0,120}?— Cancelado", text)
    assert "40 %" not in text
    assert_shows_the_page(text, page)


def test_the_progress_report_shows_a_cancelled_milestone_as_the_page_does(client, mixed):
    response = download(client, f"/reportes/avance/{PAST.isoformat()}.pdf")
    _reader, text = pdf_of(response)
    assert re.search(r"1\. Hito cancelado.{0,120}?— Cancelado", text)
    assert "40 %" not in text


def test_each_report_at_a_past_date_shows_the_pages_values(client, mixed, plan):
    page, _html = page_of(client, mixed, PAST)
    assert [percent_text(m) for m in page.milestones] == ["—", "60 %", "0 %"]

    _reader, sheet = pdf_of(client.get(f"/compromisos/{mixed.slug}/ficha.pdf?fecha=2026-06-30"))
    assert_shows_the_page(sheet, page)

    _reader, progress = pdf_of(download(client, "/reportes/avance/2026-06-30.pdf"))
    assert_shows_the_page(progress, page)
    assert "90 %" not in progress

    builders.add_round(plan, 1, date(2026, 6, 15), deadline=PAST)
    _reader, round_ = pdf_of(download(client, "/reportes/corte/1.pdf"))
    assert_shows_the_page(round_, page)


def test_the_plan_report_today_shows_the_pages_status(client, mixed):
    page, _html = page_of(client, mixed)
    _reader, text = pdf_of(download(client, "/reportes/plan-de-accion-2025-2027.pdf"))
    assert str(page.verdict.label) in text
    assert "Catálogo público" in text


@pytest.mark.parametrize("day", [PAST, date(2026, 9, 30), date(2026, 11, 25)])
def test_plan_details_are_the_commitment_views_of_the_same_day(mixed, plan, day):
    """The reports' reader values equal the page's, field by field (evidence aside)."""
    view = reader.commitment_view(mixed, day)
    (detail,) = [d for d in reader.plan_details(plan, day) if d.row.pk == mixed.pk]
    assert detail.row.verdict == view.row.verdict
    assert detail.content == view.content
    drop = {"evidence": (), "narrative": "", "difficulties": "", "success_factors": ""}
    assert list(detail.milestones) == [m.__class__(**(m.__dict__ | drop)) for m in view.milestones]
    assert [(i.name, [(f.date, f.value) for f in i.measurements]) for i in detail.indicators] == [
        (i.name, [(f.date, f.value) for f in i.measurements]) for i in view.indicators
    ]
