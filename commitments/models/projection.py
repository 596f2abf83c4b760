from django.db import models
from django.utils.translation import gettext_lazy as _


class CommitmentState(models.Model):
    """What the public saw of one commitment on every day from `valid_from` to the day
    before `valid_until`: its matrix row and the semáforo's inputs (see
    `commitments.projection`).

    Derived data, never edited and not audited: rebuilt from the facts whenever one of them
    is written, so lists read one row per commitment instead of every fact.
    """

    audited = False

    commitment = models.ForeignKey(
        "commitments.Commitment",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("compromiso"),
    )
    valid_from = models.DateField(_("desde"))
    valid_until = models.DateField(_("hasta (sin incluir)"))
    # The texts a list shows and searches, as columns: parsing them out of JSON for thousands
    # of rows would cost more than the rest of the row.
    code = models.CharField(_("clave"), max_length=20)
    title = models.TextField(_("título"))
    description = models.TextField(_("descripción"), blank=True)
    # What the axis and party pages select on, so they read only their own commitments: the
    # objective of the version in force, and "|u:<unit id>|o:<organisation id>|…" for the
    # responsible unit and every co-responsible party.
    objective_ref = models.BigIntegerField(_("objetivo"), null=True)
    parties = models.TextField(_("responsables"))
    payload = models.JSONField(_("estado"))

    class Meta:
        verbose_name = _("estado público de compromiso")
        verbose_name_plural = _("estados públicos de compromisos")
        indexes = [
            models.Index(
                fields=["commitment", "valid_until", "valid_from"], name="commitment_state_day"
            )
        ]

    def __str__(self):
        return f"{self.commitment_id}: {self.valid_from}…{self.valid_until}"
