"""The e-mail an asker or a follower leaves is never public: not on a page, a feed, a PDF."""

from datetime import date

import pytest

from core import clock
from engagement import services
from tests.engagement.conftest import ASKER, FOLLOWER, approve, ask
from tests.reports.conftest import pdf_of

pytestmark = pytest.mark.django_db


def test_no_public_page_feed_or_pdf_shows_an_email(
    client, tracked, frozen_today, settings, tmp_path
):
    settings.REPORTS_ROOT = tmp_path / "reports"
    question = approve(ask(tracked, email=ASKER, name="Ana"))
    with clock.moment(date(2026, 11, 20)):
        # Drafted, published: the asker's address is still stored until the notice leaves.
        services.draft_answer(question=question, text="Pronto.", publish=True)
    services.subscribe(commitment=tracked, email=FOLLOWER)
    slug = tracked.slug
    urls = [
        f"/compromisos/{slug}/",
        f"/compromisos/{slug}/?fecha=2026-11-20",
        "/cambios/",
        "/cambios.atom",
        f"/compromisos/{slug}/cambios.atom",
        "/tablero/",
        "/sitemap.xml",
        f"/compromisos/{slug}/preguntar/",
        f"/compromisos/{slug}/seguir/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert ASKER not in body and FOLLOWER not in body, url
    assert "Pronto." in client.get(f"/compromisos/{slug}/").content.decode()
    _reader, text = pdf_of(client.get(f"/compromisos/{slug}/ficha.pdf"))
    assert "Compromiso DA-01" in text
    assert ASKER not in text and FOLLOWER not in text


def test_old_unconfirmed_subscriptions_and_question_emails_are_purged(tracked):
    with clock.moment(date(2026, 8, 1)):
        old = ask(tracked, email=ASKER, on=date(2026, 8, 1))
        services.subscribe(commitment=tracked, email=FOLLOWER)
    recent = ask(tracked, email="reciente@example.org")
    services.subscribe(commitment=tracked, email="reciente@example.org")
    assert services.purge_personal_data() == (1, 1)
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.email == "" and recent.email == "reciente@example.org"
    assert list(tracked.subscriptions.values_list("email", flat=True)) == ["reciente@example.org"]


def test_the_privacy_notice_covers_questions_and_followers(client):
    body = client.get("/aviso-de-privacidad/").content.decode()
    for expected in ["Persona anónima", "90 días", "7 días", "dirección IP", "dejar de recibir"]:
        assert expected in body, expected
    assert "aviso integral" in client.get("/aviso-de-privacidad/simplificado/").content.decode()
