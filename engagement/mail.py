"""The messages the portal sends: plain text in the language the reader asked in, through
Django's mail framework (settings.MAILERS). Links are absolute, on the site's public address
(SITE_URL). A message to a follower carries its one-click unsubscribe link, in its text and in
the List-Unsubscribe headers (RFC 8058)."""

import email.policy
from functools import wraps

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from engagement.tokens import unsubscribe_token


class ListHeadersPolicy(email.policy.EmailPolicy):
    """Python folds a header longer than 78 characters that has no space by turning it into
    RFC 2047 encoded words, which a mail client does not read as the URL of a
    List-Unsubscribe header (RFC 2369). Those headers go out on one line (within RFC 5322's
    998 characters); every other header and the body as the backend asked."""

    def fold(self, name, value):
        if name.lower().startswith("list-unsubscribe"):
            return f"{name}: {value}{self.linesep}"
        return super().fold(name, value)

    def fold_binary(self, name, value):
        if name.lower().startswith("list-unsubscribe"):
            return self.fold(name, value).encode("ascii")
        return super().fold_binary(name, value)


class FollowerMessage(EmailMessage):
    def message(self, *, policy=email.policy.default):
        return super().message(policy=ListHeadersPolicy(**vars(policy)))


def absolute(path):
    return settings.SITE_URL.rstrip("/") + path


def _message(subject, template, context, to, unsubscribe_url=None):
    body = render_to_string(
        f"engagement/mail/{template}",
        {**context, "site_name": settings.SITE_NAME, "unsubscribe_url": unsubscribe_url},
    )
    headers = {}
    if unsubscribe_url:
        headers = {
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
    kind = FollowerMessage if unsubscribe_url else EmailMessage
    return kind(subject=subject, body=body, to=[to], headers=headers)


def _unsubscribe_url(subscription):
    return absolute(reverse("engagement:unsubscribe", args=[unsubscribe_token(subscription)]))


def _commitment(commitment):
    from engagement.reader import public_commitment

    ref = public_commitment(commitment.slug)
    return {
        "code": ref.code if ref else commitment.code,
        "title": ref.title if ref else commitment.title,
        "url": absolute(reverse("commitment", args=[commitment.slug])),
    }


def in_language(of):
    """Write the message in the language of what it answers (`of(*args)`: a subscription
    or a question), whatever the language of the request or command that sends it."""

    def decorator(write):
        @wraps(write)
        def wrapped(*args):
            with translation.override(of(*args).language):
                return write(*args)

        return wrapped

    return decorator


@in_language(lambda subscription, token: subscription)
def confirmation(subscription, token):
    commitment = _commitment(subscription.commitment)
    return _message(
        _("Confirma que quieres seguir el compromiso %(code)s") % commitment,
        "confirmation.txt",
        {
            "commitment": commitment,
            "confirm_url": absolute(reverse("engagement:confirm", args=[token])),
        },
        subscription.email,
        _unsubscribe_url(subscription),
    )


@in_language(lambda question: question)
def answer_notice(question):
    commitment = _commitment(question.commitment)
    return _message(
        _("Se publicó la respuesta a tu pregunta sobre %(code)s") % commitment,
        "answer_notice.txt",
        {"commitment": commitment, "question": question},
        question.email,
    )


@in_language(lambda subscription, lines: subscription)
def digest(subscription, lines):
    commitment = _commitment(subscription.commitment)
    return _message(
        _("Novedades del compromiso %(code)s") % commitment,
        "digest.txt",
        {"commitment": commitment, "lines": lines},
        subscription.email,
        _unsubscribe_url(subscription),
    )
