"""Messages are written in the language of the page where they were asked for: following a
commitment from /en/… brings an English confirmation and English digests with /en/ links,
whatever language the sending command runs in; a Spanish follower of the same commitment
still gets Spanish."""

from datetime import date

import pytest
from django.core import mail
from django.utils import translation

from core import clock
from engagement import digests, services
from engagement.models import Subscription
from tests.commitments import builders
from tests.engagement.conftest import tracked, unit  # noqa: F401

pytestmark = pytest.mark.django_db


def follow(client, commitment, email, prefix):
    response = client.post(
        f"{prefix}/compromisos/{commitment.slug}/seguir/", {"email": email, "website": ""}
    )
    assert response.status_code == 302


def test_a_follower_from_the_english_page_gets_english_messages(
    client,
    tracked,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    with clock.moment(date(2026, 11, 1)), django_capture_on_commit_callbacks(execute=True):
        follow(client, tracked, "reader@example.org", "/en")
        follow(client, tracked, "lectora@example.org", "")
    [english] = [m for m in mail.outbox if m.to == ["reader@example.org"]]
    [spanish] = [m for m in mail.outbox if m.to == ["lectora@example.org"]]
    assert english.subject.startswith("Confirm") and "/en/seguir/confirmar/" in english.body
    assert spanish.subject.startswith("Confirma") and "/en/" not in spanish.body
    for subscription in Subscription.objects.all():
        token = services.signing.dumps(subscription.pk, salt=services.CONFIRM_SALT)
        with clock.moment(date(2026, 11, 1)):
            services.confirm(token=token)

    indicator = tracked.indicators.get()
    builders.add_measurement(indicator, date(2026, 11, 15), 35, published_on=date(2026, 11, 16))
    mail.outbox.clear()
    with translation.override("es-mx"), clock.moment(date(2026, 11, 20)):
        assert digests.send_digests() == 2
    english = next(m for m in mail.outbox if m.to == ["reader@example.org"])
    spanish = next(m for m in mail.outbox if m.to == ["lectora@example.org"])
    assert english.subject.startswith("Updates on commitment DA-01")
    assert english.subject != spanish.subject
    assert f"/en/compromisos/{tracked.slug}/" in english.body
    assert "Novedades" in spanish.subject and "/en/" not in spanish.body
