"""Following a commitment by e-mail: double opt-in through a real SMTP server, a daily
digest to confirmed addresses only, one-click unsubscribe from the message."""

import io
import re
from datetime import date, timedelta
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from django.core import mail, signing
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from core import clock
from engagement import digests, services
from engagement.models import Subscription
from portal import settings as portal_settings
from tests.commitments import builders
from tests.engagement.conftest import FOLLOWER, approve, ask

pytestmark = pytest.mark.django_db


class Inbox:
    """aiosmtpd handler keeping what arrived."""

    def __init__(self):
        self.messages = []
        self.raw = []

    async def handle_DATA(self, server, session, envelope):
        self.raw.append(envelope.content)
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted for delivery"


class AnyPortController(Controller):
    """aiosmtpd 1.4 binds port 0 (a free port) but then checks the server on port 0: read
    the port the socket got first."""

    def _trigger_server(self):
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


@pytest.fixture
def smtp(settings):
    """A real SMTP server on a free local port, and Django's SMTP backend pointed at it."""
    inbox = Inbox()
    controller = AnyPortController(inbox, hostname="127.0.0.1", port=0)
    controller.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": controller.port, "timeout": 5},
        }
    }
    yield inbox
    controller.stop()


def link(text, name):
    return re.search(rf"http://[^\s]+/seguir/{name}/[^\s]+/", text).group(0)


def path_of(url):
    return url.split("://", 1)[1].split("/", 1)[1].join(["/", ""])


def follow(client, commitment, email=FOLLOWER):
    return client.post(f"/compromisos/{commitment.slug}/seguir/", {"email": email, "website": ""})


def test_the_confirmation_arrives_through_smtp_and_its_link_confirms(
    client, tracked, smtp, django_capture_on_commit_callbacks, frozen_today
):
    with django_capture_on_commit_callbacks(execute=True):
        response = follow(client, tracked)
    assert response.status_code == 302
    assert "le enviamos un mensaje" in client.get(response["Location"]).content.decode()
    [message] = smtp.messages
    assert message["To"] == FOLLOWER
    assert "Confirma que quieres seguir el compromiso DA-01" in message["Subject"]
    body = message.get_content()
    assert message["List-Unsubscribe"].startswith("<http")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    subscription = Subscription.objects.get()
    assert subscription.confirmed_at is None

    page = client.get(path_of(link(body, "confirmar")))
    assert "Suscripción confirmada" in page.content.decode()
    subscription.refresh_from_db()
    assert subscription.confirmed_at == clock.now()


def test_a_tampered_or_expired_confirmation_link_says_so(client, tracked):
    services.subscribe(commitment=tracked, email=FOLLOWER)
    bad = client.get("/seguir/confirmar/no-es-un-token/")
    assert bad.status_code == 400 and "no es válido" in bad.content.decode()
    token = signing.dumps(Subscription.objects.get().pk, salt=services.CONFIRM_SALT)
    with clock.moment(clock.now() + timedelta(days=8)):
        late = client.get(f"/seguir/confirmar/{token}/")
    assert late.status_code == 400 and "venció" in late.content.decode()


def confirmed(commitment, email, on):
    subscription = services.subscribe(commitment=commitment, email=email)
    token = signing.dumps(subscription.pk, salt=services.CONFIRM_SALT)
    with clock.moment(on):
        return services.confirm(token=token)


def test_a_burst_of_changes_sends_one_digest_to_confirmed_addresses_only(tracked):
    confirmed(tracked, FOLLOWER, date(2026, 11, 1))
    services.subscribe(commitment=tracked, email="sin.confirmar@example.org")
    indicator = tracked.indicators.get()
    builders.add_measurement(indicator, date(2026, 10, 31), 20, published_on=date(2026, 11, 3))
    builders.add_measurement(indicator, date(2026, 11, 15), 35, published_on=date(2026, 11, 16))
    builders.set_override(tracked, "atrasado", date(2026, 11, 17), reason="Falta presupuesto.")
    question = approve(ask(tracked))
    with clock.moment(date(2026, 11, 18)):
        services.draft_answer(question=question, text="Respuesta.", publish=True)

    with clock.moment(date(2026, 11, 20)):
        assert digests.send_digests() == 1
    [message] = mail.outbox
    assert message.to == [FOLLOWER]
    for expected in ["35", "20", "Falta presupuesto.", "Se publicó la respuesta a"]:
        assert expected in message.body, expected
    assert message.extra_headers["List-Unsubscribe"].startswith("<http")
    # The same day, nothing more; the next day, nothing new: nothing.
    with clock.moment(date(2026, 11, 20)):
        assert digests.send_digests() == 0
    with clock.moment(date(2026, 11, 21)):
        assert digests.send_digests() == 0
    # A later change goes out alone the next time.
    builders.add_measurement(indicator, date(2026, 11, 21), 40, published_on=date(2026, 11, 22))
    with clock.moment(date(2026, 11, 23)):
        assert digests.send_digests() == 1
    assert "40" in mail.outbox[1].body and "35" not in mail.outbox[1].body


def test_unsubscribe_works_from_the_link_in_the_message(client, tracked, smtp):
    confirmed(tracked, FOLLOWER, date(2026, 11, 1))
    builders.add_measurement(
        tracked.indicators.get(), date(2026, 11, 2), 10, published_on=date(2026, 11, 2)
    )
    with clock.moment(date(2026, 11, 3)):
        call_command("send_digests", stdout=io.StringIO())
    [message] = smtp.messages
    body = message.get_content()
    url = link(body, "baja")
    assert message["List-Unsubscribe"] == f"<{url}>"
    # On one line, not as RFC 2047 encoded words a mail client would not take for a URL.
    assert f"List-Unsubscribe: <{url}>\r\n".encode() in smtp.raw[0]
    confirm_page = client.get(path_of(url))
    assert "Dejar de recibir mensajes" in confirm_page.content.decode()
    assert Subscription.objects.exists()
    # A mail client's one-click POST (RFC 8058) carries no CSRF token.
    client.handler.enforce_csrf_checks = True
    done = client.post(path_of(url), {"List-Unsubscribe": "One-Click"})
    assert "Dejaste de seguir" in done.content.decode()
    assert not Subscription.objects.exists()
    assert "no es válido" in client.post("/seguir/baja/roto/").content.decode()


def test_the_follow_form_refuses_bots_and_floods(client, tracked, settings):
    bot = client.post(f"/compromisos/{tracked.slug}/seguir/", {"email": FOLLOWER, "website": "x"})
    assert bot.status_code == 429 and "programas automáticos" in bot.content.decode()
    settings.PUBLIC_FORM_RATE_LIMIT = 1
    assert follow(client, tracked).status_code == 302
    assert "demasiados envíos" in follow(client, tracked, "otra@example.org").content.decode()
    assert list(Subscription.objects.values_list("email", flat=True)) == [FOLLOWER]


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("EMAIL_PORT", "0", "entre 1 y 65535"),
        ("EMAIL_PORT", "veinticinco", "número entero"),
        ("EMAIL_USE_TLS", "quizá", "true o false"),
    ],
)
def test_bad_mail_settings_stop_the_start(monkeypatch, name, value, message):
    monkeypatch.setenv("EMAIL_HOST", "smtp.example.org")
    monkeypatch.setenv(name, value)
    with pytest.raises(ImproperlyConfigured, match=message):
        portal_settings.read_mailers()


def test_a_bad_sender_address_stops_the_start(monkeypatch):
    monkeypatch.setenv("DEFAULT_FROM_EMAIL", "gobierno abierto")
    with pytest.raises(ImproperlyConfigured, match="DEFAULT_FROM_EMAIL"):
        portal_settings.email_address("DEFAULT_FROM_EMAIL", "")


def test_make_run_writes_mail_to_files(monkeypatch, tmp_path):
    monkeypatch.delenv("EMAIL_HOST", raising=False)
    monkeypatch.setenv("EMAIL_FILE_PATH", str(tmp_path / "mail"))
    mailer = portal_settings.read_mailers()
    assert mailer["BACKEND"] == "django.core.mail.backends.filebased.EmailBackend"
    assert mailer["OPTIONS"]["file_path"] == str(tmp_path / "mail")
