"""The one write path for questions, answers and subscriptions.

Like `commitments.services`, every function is keyword-only and atomic (`service`: the
content version moves once at the commit, only when something public changed: an approved
question, a published answer). Who acts matters (`commitments.permissions`): the Secretariado
moderates questions and publishes answers; the responsible unit's liaison drafts answers for
their commitments and submits them. Mail leaves only after the commit (`mail`).
"""

from datetime import timedelta

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from commitments import permissions
from commitments.models import FactStatus
from commitments.services import publish as publish_fact
from commitments.services import service
from commitments.services.core import _audit, _record, _user
from core import clock, l10n
from engagement import mail
from engagement.models import Answer, Moderation, Question, Subscription
from engagement.tokens import CONFIRM_SALT, UNSUBSCRIBE_SALT

# Unconfirmed subscriptions are deleted after this many days; a question's e-mail is
# erased once its answer was sent, or after this many days without one.
UNCONFIRMED_DAYS = 7
QUESTION_EMAIL_DAYS = 90


# --- Questions ------------------------------------------------------------------------


@service
def ask(*, commitment, text, kind, name="", email=""):
    """A question or comment from anyone, waiting for the Secretariado's moderation."""
    question = Question(
        commitment=commitment,
        kind=kind,
        text=text.strip(),
        name=name.strip(),
        email=email.strip().lower(),
        received_at=clock.now(),
        language=l10n.active_language(),
    )
    question.full_clean()
    question.save()
    return question


def _pending(question):
    stored = Question.objects.select_for_update().get(pk=question.pk)
    if stored.status != Moderation.PENDING:
        raise ValidationError(
            _("Ya se moderó: está «%(status)s».") % {"status": stored.get_status_display()}
        )
    return stored


@service
def approve(*, question, by=None):
    """Publish a question as it was written; the system stamps the moment."""
    permissions.require_reviewer(by)
    stored = _pending(question)
    stored.status = Moderation.PUBLISHED
    stored.published_at = stored.moderated_at = clock.now()
    stored.moderated_by = _user(by)
    _audit(stored, by)
    stored.save()
    question.__dict__.update(stored.__dict__)
    return question


@service
def reject(*, question, by=None):
    """Keep a question off the public page (spam, insults, personal data); its e-mail goes."""
    permissions.require_reviewer(by)
    stored = _pending(question)
    stored.status = Moderation.REJECTED
    stored.moderated_at = clock.now()
    stored.moderated_by = _user(by)
    stored.email = ""
    _audit(stored, by)
    stored.save()
    question.__dict__.update(stored.__dict__)
    return question


@service
def withdraw_question(*, question, by=None):
    """Take a published question, with its answer, off every page and every past day: the
    person who wrote it asked (cancellation of personal data), or it should never have been
    approved. Its text stays for the record, never public again."""
    permissions.require_reviewer(by)
    stored = Question.objects.select_for_update().get(pk=question.pk)
    if stored.status != Moderation.PUBLISHED:
        raise ValidationError(_("Solo se retira una pregunta publicada."))
    stored.status = Moderation.WITHDRAWN
    stored.moderated_at = clock.now()
    stored.moderated_by = _user(by)
    stored.email = ""
    _audit(stored, by)
    stored.save()
    question.__dict__.update(stored.__dict__)
    return question


# --- Answers --------------------------------------------------------------------------


@service
def draft_answer(*, question, text, publish=False, by=None):
    """The answer to a public question: a draft of the liaison (or the Secretariado's own,
    published at once with `publish`)."""
    if question.status != Moderation.PUBLISHED:
        raise ValidationError(_("Solo se responde una pregunta ya publicada."))
    answer = _record(Answer(question=question, text=text.strip()), publish=False, by=by)
    if publish:
        publish_answer(answer=answer, by=by)
    return answer


@service
def publish_answer(*, answer, by=None):
    """Publish an answer (the plan's review workflow) and, after the commit, tell the
    person who asked, once."""
    publish_fact(fact=answer, by=by)
    question_id = answer.question_id
    transaction.on_commit(lambda: send_answer_notice(question_id=question_id), robust=True)
    return answer


def send_answer_notice(*, question_id):
    """Tell the asker their question was answered, once: the row is claimed before the
    message leaves and the address erased after; a failed send frees it for the next
    `send_digests`."""
    claimed = Question.objects.filter(
        pk=question_id, answer_notice_sent_at__isnull=True, answers__status=FactStatus.PUBLISHED
    ).exclude(email="")
    question = claimed.select_related("commitment").first()
    if question is None:
        return False
    if not Question.objects.filter(pk=question.pk, answer_notice_sent_at__isnull=True).update(
        answer_notice_sent_at=clock.now()
    ):
        return False
    try:
        mail.answer_notice(question).send()
    except Exception:
        Question.objects.filter(pk=question.pk).update(answer_notice_sent_at=None)
        raise
    Question.objects.filter(pk=question.pk).update(email="")
    return True


# --- Following a commitment -----------------------------------------------------------


@service
def subscribe(*, commitment, email):
    """Ask to follow `commitment`: a confirmation message goes to `email`; nothing else is
    ever sent to an address that did not confirm. An address already confirmed gets nothing
    new (and the page says the same either way: who follows what is nobody's business)."""
    email = email.strip().lower()
    subscription, _created = Subscription.objects.get_or_create(
        commitment=commitment, email=email, defaults={"created_at": clock.now()}
    )
    subscription.full_clean()
    if subscription.confirmed_at is None:
        # A new request: the link it sends lasts from now, in the language it was asked in.
        subscription.created_at = clock.now()
        subscription.language = l10n.active_language()
        subscription.save()
        token = signing.dumps(subscription.pk, salt=CONFIRM_SALT)
        transaction.on_commit(lambda: mail.confirmation(subscription, token).send(), robust=True)
    return subscription


def _signed(token, salt):
    try:
        pk = signing.loads(token, salt=salt)
    except signing.BadSignature:
        raise ValidationError(_("El enlace no es válido: cópialo completo del mensaje.")) from None
    return Subscription.objects.select_for_update().filter(pk=pk).first()


@service
def confirm(*, token):
    """The address answered the confirmation message: digests start from now. The link
    lasts UNCONFIRMED_DAYS on the project clock, as long as the unconfirmed request."""
    subscription = _signed(token, CONFIRM_SALT)
    if subscription is None:
        raise ValidationError(
            _("Esa suscripción ya no existe: vuelve a pedirla desde la página del compromiso.")
        )
    if subscription.confirmed_at is None:
        if clock.now() - subscription.created_at > timedelta(days=UNCONFIRMED_DAYS):
            raise ValidationError(
                _("El enlace venció: vuelve a pedir la suscripción desde la página del compromiso.")
            )
        subscription.confirmed_at = subscription.covered_until = clock.now()
        subscription.save()
    return subscription


@service
def unsubscribe(*, token):
    """Stop following: the subscription and its address are deleted. Returns the
    commitment it was about, or None if it was already gone."""
    subscription = _signed(token, UNSUBSCRIBE_SALT)
    if subscription is None:
        return None
    commitment = subscription.commitment
    subscription.delete()
    return commitment


@service
def mark_digest_sent(*, subscription, covered_until):
    Subscription.objects.filter(pk=subscription.pk).update(
        covered_until=covered_until, last_sent_on=clock.today()
    )


@service
def purge_personal_data():
    """Delete what the privacy notice promises to delete: unconfirmed subscriptions after
    UNCONFIRMED_DAYS, and questions' e-mails after QUESTION_EMAIL_DAYS. Returns the counts."""
    now = clock.now()
    subscriptions, _detail = Subscription.objects.filter(
        confirmed_at__isnull=True, created_at__lt=now - timedelta(days=UNCONFIRMED_DAYS)
    ).delete()
    emails = (
        Question.objects.exclude(email="")
        .filter(received_at__lt=now - timedelta(days=QUESTION_EMAIL_DAYS))
        .update(email="")
    )
    return subscriptions, emails
