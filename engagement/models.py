"""Questions and comments on a commitment, their answers, and e-mail followers.

A question is public only once the Secretariado approves it (`published_at`, stamped by the
system). Its answer is a public fact like a measurement (`commitments.models.PublicFact`):
the responsible unit's liaison drafts it, the Secretariado publishes it, a correction is a
new row. E-mail addresses are personal data that is never public: the question's own is
erased once the answer has been sent (or after QUESTION_EMAIL_DAYS), and the audit history
never copies it.
"""

from django.conf import settings
from django.core.validators import MaxLengthValidator, MinLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history import register

from commitments.models.facts import PublicFact, one_correction_each, one_live
from core import clock

QUESTION_MAX = 2000
QUESTION_MIN = 10
NAME_MAX = 80


class QuestionKind(models.TextChoices):
    QUESTION = "pregunta", _("Pregunta")
    COMMENT = "comentario", _("Comentario")


class Moderation(models.TextChoices):
    PENDING = "pendiente", _("Por moderar")
    PUBLISHED = "publicada", _("Publicada")
    REJECTED = "rechazada", _("No publicada")
    WITHDRAWN = "retirada", _("Retirada")


class QuestionQuerySet(models.QuerySet):
    def public_at(self, day):
        """Approved by the end of `day`. A withdrawn question (personal data, at the request
        of who wrote it) is gone from every day, as a cancellation (ARCO) asks."""
        return self.filter(status=Moderation.PUBLISHED, published_at__lt=clock.end_of(day))


class Question(models.Model):
    commitment = models.ForeignKey(
        "commitments.Commitment",
        on_delete=models.CASCADE,
        related_name="questions",
        verbose_name=_("compromiso"),
    )
    kind = models.CharField(
        _("tipo"), max_length=12, choices=QuestionKind.choices, default=QuestionKind.QUESTION
    )
    text = models.TextField(
        _("texto"),
        validators=[MinLengthValidator(QUESTION_MIN), MaxLengthValidator(QUESTION_MAX)],
    )
    name = models.CharField(_("nombre (opcional)"), max_length=NAME_MAX, blank=True)
    # Only to say that the answer was published; never shown, erased after that.
    email = models.EmailField(_("correo (nunca se publica)"), blank=True)
    received_at = models.DateTimeField(_("recibida el"), default=clock.now, editable=False)
    # The page's language when it was asked: the notice of its answer is written in it.
    language = models.CharField(
        _("idioma"), max_length=10, default=settings.LANGUAGE_CODE, editable=False
    )
    status = models.CharField(
        _("moderación"),
        max_length=12,
        choices=Moderation.choices,
        default=Moderation.PENDING,
        editable=False,
    )
    published_at = models.DateTimeField(
        _("hecha pública el"), null=True, blank=True, editable=False
    )
    moderated_at = models.DateTimeField(_("moderada el"), null=True, blank=True, editable=False)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("moderada por"),
    )
    answer_notice_sent_at = models.DateTimeField(
        _("aviso de respuesta enviado el"), null=True, blank=True, editable=False
    )

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["received_at", "id"]
        verbose_name = _("pregunta o comentario")
        verbose_name_plural = _("preguntas y comentarios")

    def __str__(self):
        excerpt = self.text if len(self.text) <= 60 else self.text[:59] + "…"
        return f"{self.commitment.code} · {excerpt}"

    def changes_public_record(self):
        """Public once approved, and still when taken back off the page
        (see `core.content_version.changes_public`)."""
        return self.published_at is not None


class Answer(PublicFact):
    """The answer to a public question: drafted by the liaison, published by the
    Secretariado through the plan's review workflow."""

    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="answers", verbose_name=_("pregunta")
    )
    text = models.TextField(_("respuesta"), validators=[MaxLengthValidator(QUESTION_MAX * 2)])

    class Meta:
        ordering = ["question", "id"]
        verbose_name = _("respuesta")
        verbose_name_plural = _("respuestas")
        constraints = [
            one_correction_each("answer"),
            one_live(
                "answer",
                "question",
                message=_(
                    "Esa pregunta ya tiene una respuesta: corrígela o edita su borrador en "
                    "lugar de escribir otra."
                ),
            ),
        ]

    def __str__(self):
        return _("Respuesta a: %(question)s") % {"question": self.question}


class Subscription(models.Model):
    """An address that follows a commitment: sent nothing but the confirmation request until
    confirmed; digests start from `confirmed_at`."""

    commitment = models.ForeignKey(
        "commitments.Commitment",
        on_delete=models.CASCADE,
        related_name="subscriptions",
        verbose_name=_("compromiso"),
    )
    email = models.EmailField(_("correo"))
    created_at = models.DateTimeField(_("pedida el"), default=clock.now, editable=False)
    # The page's language when it was asked for: its messages are written in it.
    language = models.CharField(
        _("idioma"), max_length=10, default=settings.LANGUAGE_CODE, editable=False
    )
    confirmed_at = models.DateTimeField(_("confirmada el"), null=True, blank=True)
    # What the last digest covered: changes made public after this moment go in the next.
    covered_until = models.DateTimeField(_("cambios enviados hasta"), null=True, blank=True)
    last_sent_on = models.DateField(_("último resumen enviado el"), null=True, blank=True)

    class Meta:
        ordering = ["commitment", "email"]
        verbose_name = _("suscripción")
        verbose_name_plural = _("suscripciones")
        constraints = [
            models.UniqueConstraint(
                fields=["commitment", "email"], name="subscription_one_per_address"
            )
        ]

    def __str__(self):
        return f"{self.commitment.code} · {self.email}"

    def changes_public_record(self):
        return False


# Audited like every staff-facing record; the asker's e-mail is never copied into history.
register(Question, app="engagement", user_related_name="+", excluded_fields=["email"])
register(Answer, app="engagement", user_related_name="+")
