"""The daily digest: for each confirmed follower, one message with everything made public
about their commitment since the last one (the public change log,
`commitments.reader.published_between`, plus published answers). At most one a day per
subscription; unconfirmed addresses get nothing. Run by `manage.py send_digests`."""

import logging
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from commitments import reader as plan_reader
from commitments.models import FactStatus
from core import clock
from engagement import mail, reader, services
from engagement.models import Question, Subscription

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Line:
    at: datetime
    label: str
    text: str
    reason: str = ""

    @property
    def day(self):
        return timezone.localdate(self.at)


def lines_since(commitment, since, until):
    """What became public about `commitment` in (since, until], oldest first."""
    lines = [
        Line(change.at, str(change.kind_label), change.text, change.reason)
        for change in plan_reader.published_between(since, until, commitment=commitment)
        if change.at > since
    ]
    for answer in reader.answers_published_between(since, until, [commitment.pk]):
        label = _("Respuesta corregida") if answer.corrected else _("Respuesta")
        text = _("Se publicó la respuesta a: «%(question)s»") % {"question": answer.question}
        lines.append(Line(answer.at, label, text))
    return sorted(lines, key=lambda line: line.at)


def send_digests():
    """Send today's digests; returns how many messages left."""
    now, today = clock.now(), clock.today()
    due = (
        Subscription.objects.filter(confirmed_at__isnull=False)
        .exclude(last_sent_on=today)
        .select_related("commitment")
    )
    # The lines are written once per commitment and language (each follower's own).
    by_commitment = {}
    for subscription in due:
        key = (subscription.commitment_id, subscription.language)
        by_commitment.setdefault(key, []).append(subscription)
    sent = 0
    for (_pk, language), subscriptions in by_commitment.items():
        commitment = subscriptions[0].commitment
        earliest = min(s.covered_until for s in subscriptions)
        with translation.override(language):
            lines = lines_since(commitment, earliest, now)
        for subscription in subscriptions:
            own = [line for line in lines if line.at > subscription.covered_until]
            if not own:
                continue
            try:
                mail.digest(subscription, own).send()
            except Exception:
                logger.exception("Digest to subscription %s not sent", subscription.pk)
                continue
            services.mark_digest_sent(subscription=subscription, covered_until=now)
            sent += 1
    return sent


def retry_answer_notices():
    """Answer notices that failed to leave when the answer was published."""
    waiting = (
        Question.objects.filter(
            answer_notice_sent_at__isnull=True, answers__status=FactStatus.PUBLISHED
        )
        .exclude(email="")
        .values_list("pk", flat=True)
        .distinct()
    )
    sent = 0
    for question_id in waiting:
        try:
            sent += services.send_answer_notice(question_id=question_id)
        except Exception:
            logger.exception("Answer notice for question %s not sent", question_id)
    return sent
