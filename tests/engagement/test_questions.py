"""Questions on a commitment: moderated before they are public, answered through the review
workflow, the asker told once; bots refused with a message."""

from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from commitments import services as plan_services
from core import clock
from engagement import services
from engagement.models import Answer, Moderation, Question
from tests.engagement.conftest import ASKER, approve, ask

pytestmark = pytest.mark.django_db

TEXT = "¿Cuándo se publica el primer conjunto de datos del catálogo?"


def page(client, commitment, query=""):
    return client.get(f"/compromisos/{commitment.slug}/{query}").content.decode()


def post_question(client, commitment, meta=None, **data):
    fields = {"kind": "pregunta", "text": TEXT, "name": "", "email": "", "website": ""}
    url = f"/compromisos/{commitment.slug}/preguntar/"
    return client.post(url, {**fields, **data}, **(meta or {}))


def test_a_question_sent_from_the_form_is_invisible_until_the_secretariat_approves_it(
    client, tracked, frozen_today
):
    assert "Aún no hay preguntas ni comentarios publicados" in page(client, tracked)
    response = post_question(client, tracked, name="Ana", email=ASKER)
    assert response.status_code == 302
    shown = client.get(response["Location"]).content.decode()
    assert "Recibimos tu mensaje" in shown
    assert "Te avisaremos por correo" in shown
    question = Question.objects.get()
    assert question.status == Moderation.PENDING and question.email == ASKER
    assert TEXT not in page(client, tracked)

    approve(question, on=frozen_today)
    shown = page(client, tracked)
    assert TEXT in shown and "Ana" in shown
    # The day before its approval, the page showed nothing of it.
    assert TEXT not in page(client, tracked, "?fecha=2026-11-24")


def test_a_rejected_question_never_shows_and_its_email_is_erased(client, tracked):
    question = ask(tracked, text="Compra relojes baratos en https://spam.example", email=ASKER)
    services.reject(question=question)
    question.refresh_from_db()
    assert question.status == Moderation.REJECTED and question.email == ""
    assert "relojes" not in page(client, tracked)
    with pytest.raises(ValidationError, match="Ya se moderó"):
        services.approve(question=question)


def test_a_withdrawn_question_is_gone_from_every_day(client, tracked, secretariat):
    question = approve(ask(tracked, email=ASKER))
    with clock.moment(date(2026, 11, 10)):
        services.draft_answer(question=question, text="Respuesta publicada.", publish=True)
    assert TEXT[:20] in page(client, tracked, "?fecha=2026-11-10")
    services.withdraw_question(question=question, by=secretariat)
    question.refresh_from_db()
    assert question.status == Moderation.WITHDRAWN and question.email == ""
    for query in ["", "?fecha=2026-11-10"]:
        shown = page(client, tracked, query)
        assert TEXT[:20] not in shown and "Respuesta publicada." not in shown


def test_links_are_shown_as_plain_text(client, tracked):
    approve(ask(tracked, text="Más datos en https://ejemplo.invalid/datos, por favor."))
    shown = page(client, tracked)
    assert "https://ejemplo.invalid/datos" in shown
    assert 'href="https://ejemplo.invalid' not in shown


def test_the_honeypot_refuses_a_bot_with_a_message_and_saves_nothing(client, tracked):
    response = post_question(client, tracked, website="http://spam.example")
    assert response.status_code == 429
    assert "No escribas nada aquí" in response.content.decode()
    assert "programas automáticos" in response.content.decode()
    assert not Question.objects.exists()


def test_too_many_sends_from_one_address_are_refused_with_a_message(client, tracked, settings):
    settings.PUBLIC_FORM_RATE_LIMIT = 2
    for _ in range(2):
        assert post_question(client, tracked).status_code == 302
    response = post_question(client, tracked)
    assert response.status_code == 429
    assert "demasiados envíos desde tu conexión" in response.content.decode()
    assert Question.objects.count() == 2
    # Another address is not held back by this one.
    other = post_question(client, tracked, meta={"REMOTE_ADDR": "203.0.113.9"})
    assert other.status_code == 302


def test_size_limits_say_what_is_wrong(client, tracked):
    response = post_question(client, tracked, text="x" * 2001, name="n" * 81, email="no-es")
    body = response.content.decode()
    assert response.status_code == 400
    assert "como máximo 2000 caracteres (llevas 2001)" in body
    assert "como máximo 80 caracteres" in body
    assert "Escribe un correo válido" in body
    short = post_question(client, tracked, text="¿Y?").content.decode()
    assert "Escribe al menos 10 caracteres" in short
    assert not Question.objects.exists()


def test_forms_of_a_commitment_not_public_are_not_found(client, plan):
    from tests.commitments import builders

    hidden = builders.make_commitment(plan, "X-09", publish=False)
    assert client.get(f"/compromisos/{hidden.slug}/preguntar/").status_code == 404
    assert client.get(f"/compromisos/{hidden.slug}/seguir/").status_code == 404


def test_the_liaison_drafts_the_secretariat_returns_then_publishes_and_the_asker_gets_one_message(
    client, tracked, liaison, secretariat, other_unit_liaison, django_capture_on_commit_callbacks
):
    question = approve(ask(tracked, email=ASKER, name="Ana"))
    with pytest.raises(ValidationError, match="no es de tu dependencia"):
        services.draft_answer(question=question, text="No me toca.", by=other_unit_liaison)
    answer = services.draft_answer(question=question, text="En diciembre de 2026.", by=liaison)
    with pytest.raises(ValidationError, match="Solo el Secretariado"):
        services.publish_answer(answer=answer, by=liaison)
    plan_services.submit(fact=answer, by=liaison)
    plan_services.return_for_changes(fact=answer, comment="Di el mes exacto.", by=secretariat)
    answer.refresh_from_db()
    assert answer.review_comment == "Di el mes exacto."
    plan_services.update_draft(fact=answer, text="El 15 de diciembre de 2026.", by=liaison)
    plan_services.submit(fact=answer, by=liaison)
    assert "15 de diciembre" not in page(client, tracked)

    with django_capture_on_commit_callbacks(execute=True), clock.moment(date(2026, 11, 20)):
        services.publish_answer(answer=answer, by=secretariat)
    answer.refresh_from_db()
    assert answer.published_at == clock.at_noon(date(2026, 11, 20))
    assert answer.published_by == secretariat
    assert "15 de diciembre" in page(client, tracked)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [ASKER]
    assert "Se publicó la respuesta" in message.subject
    assert f"/compromisos/{tracked.slug}/#preguntas" in message.body
    question.refresh_from_db()
    assert question.email == "" and question.answer_notice_sent_at is not None

    # A correction is public with its reason, but the asker was told once.
    with django_capture_on_commit_callbacks(execute=True):
        plan_services.correct(
            fact=answer, reason="Cambió la fecha.", text="El 20 de diciembre.", by=secretariat
        )
    assert len(mail.outbox) == 1
    shown = page(client, tracked)
    assert "El 20 de diciembre." in shown and "corregida" in shown
    # The day it was first published shows the first answer.
    assert "15 de diciembre" in page(client, tracked, "?fecha=2026-11-20")


def test_an_answer_is_public_from_the_day_it_was_published(client, tracked):
    question = approve(ask(tracked))
    with clock.moment(date(2026, 11, 10)):
        services.draft_answer(question=question, text="Respuesta publicada.", publish=True)
    assert "Respuesta publicada." not in page(client, tracked, "?fecha=2026-11-09")
    assert "Todavía sin respuesta publicada" in page(client, tracked, "?fecha=2026-11-09")
    assert "Respuesta publicada." in page(client, tracked, "?fecha=2026-11-10")


def test_only_a_published_question_is_answered(tracked):
    with pytest.raises(ValidationError, match="ya publicada"):
        services.draft_answer(question=ask(tracked), text="Aún no.")
    assert not Answer.objects.exists()


def test_the_secretariat_moderates_from_the_admin_and_never_sees_the_email(
    client, tracked, secretariat
):
    question = ask(tracked, email=ASKER)
    client.force_login(secretariat)
    listing = client.get("/admin/engagement/question/").content.decode()
    assert "Cuándo se publica" in listing
    detail = client.get(f"/admin/engagement/question/{question.pk}/change/").content.decode()
    assert ASKER not in listing and ASKER not in detail
    response = client.post(
        "/admin/engagement/question/",
        {"action": "approve_selected", "_selected_action": [question.pk]},
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.status == Moderation.PUBLISHED and question.moderated_by == secretariat
    history = client.get(f"/admin/engagement/question/{question.pk}/history/").content.decode()
    assert ASKER not in history


def test_a_liaison_drafts_an_answer_in_the_admin_only_for_their_commitments(
    client, tracked, liaison, plan
):
    from tests.commitments import builders

    other = builders.make_commitment(plan, "MB-01", unit=builders.make_unit("IMPLAN"))
    own_question = approve(ask(tracked))
    other_question = approve(ask(other, text="Pregunta sobre otro compromiso."))
    client.force_login(liaison)
    form = client.get("/admin/engagement/answer/add/").content.decode()
    assert f'value="{own_question.pk}"' in form
    assert f'value="{other_question.pk}"' not in form
    response = client.post(
        "/admin/engagement/answer/add/", {"question": own_question.pk, "text": "Borrador."}
    )
    assert response.status_code == 302
    answer = Answer.objects.get()
    assert answer.status == "borrador" and answer.recorded_by == liaison


def test_the_cached_commitment_page_carries_no_form_token_nor_anyones_message(client, tracked):
    first = client.get(f"/compromisos/{tracked.slug}/")
    assert "csrfmiddlewaretoken" not in first.content.decode()
    form = client.get(f"/compromisos/{tracked.slug}/preguntar/")
    assert "csrfmiddlewaretoken" in form.content.decode()
    assert "no-store" in form["Cache-Control"] and "private" in form["Cache-Control"]
    post_question(client, tracked)  # leaves a message for this visitor's next form page
    again = client.get(f"/compromisos/{tracked.slug}/")
    assert "Recibimos tu mensaje" not in again.content.decode()
    assert "csrfmiddlewaretoken" not in again.content.decode()
    assert (
        "Recibimos tu mensaje"
        in client.get(f"/compromisos/{tracked.slug}/preguntar/").content.decode()
    )
