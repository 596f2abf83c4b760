from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from secretariat.models.members import Member


class SignOff(models.Model):
    """A civil-society member's opinion, in their own name, of the government's progress
    report for a closed reporting round: once per round; a correction is a new row with a
    public reason."""

    class Opinion(models.TextChoices):
        AGREE = "de_acuerdo", _("De acuerdo")
        AGREE_WITH_REMARKS = "con_observaciones", _("De acuerdo con observaciones")
        DISAGREE = "en_desacuerdo", _("En desacuerdo")

    BADGES = {
        Opinion.AGREE: ("done", "check"),
        Opinion.AGREE_WITH_REMARKS: ("progress", "clock"),
        Opinion.DISAGREE: ("overdue", "octagon"),
    }

    round = models.ForeignKey(
        "commitments.ReportingRound",
        # A sign-off is about its round: it goes only if the whole plan is dropped.
        on_delete=models.CASCADE,
        related_name="sign_offs",
        verbose_name=_("corte"),
    )
    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="sign_offs", verbose_name=_("integrante")
    )
    opinion = models.CharField(_("opinión"), max_length=20, choices=Opinion.choices)
    text = models.TextField(
        _("texto público"), blank=True, help_text=_("Se publica junto al informe del corte.")
    )
    signed_at = models.DateTimeField(_("firmado el"), editable=False)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("cuenta que firmó"),
    )
    supersedes = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="corrections",
        verbose_name=_("corrige a"),
    )
    superseded = models.BooleanField(_("sustituida"), default=False, editable=False)
    correction_reason = models.TextField(_("motivo público de la corrección"), blank=True)

    class Meta:
        ordering = ["round", "signed_at", "id"]
        verbose_name = _("opinión de la sociedad civil")
        verbose_name_plural = _("opiniones de la sociedad civil")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "member"],
                condition=Q(supersedes__isnull=True),
                name="signoff_once_per_round",
                violation_error_message=_(
                    "Ya firmaste el informe de este corte: corrige tu firma con un motivo."
                ),
            ),
            models.UniqueConstraint(
                fields=["supersedes"],
                condition=Q(supersedes__isnull=False),
                name="signoff_one_correction",
                violation_error_message=_("Ya tiene una corrección: corrige la más reciente."),
            ),
        ]

    def __str__(self):
        return f"{self.member.name} · {self.round}: {self.get_opinion_display()}"
