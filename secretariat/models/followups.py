from django.core.exceptions import ValidationError
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from commitments.models.facts import FactStatus, PublicFact, one_correction_each, one_live
from core import clock
from secretariat.models.sessions import Agreement


class AgreementFollowUp(PublicFact):
    """What was known of an agreement on a day (its status, a note, its evidence): a public
    fact, never edited once published; a correction is a new row with a public reason."""

    Status = FactStatus

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="follow_ups", verbose_name=_("acuerdo")
    )
    agreement_status = models.CharField(
        _("estado del acuerdo"), max_length=20, choices=Agreement.Status.choices
    )
    date = models.DateField(_("fecha a la que se refiere"))
    note = models.TextField(_("seguimiento"), blank=True)
    evidence_url = models.URLField(_("enlace a la evidencia"), blank=True)

    class Meta:
        ordering = ["agreement", "date", "id"]
        verbose_name = _("seguimiento de acuerdo")
        verbose_name_plural = _("seguimientos de acuerdos")
        constraints = [
            one_correction_each("agreementfollowup"),
            one_live(
                "agreementfollowup",
                "agreement",
                "date",
                message=_(
                    "Ese acuerdo ya tiene un seguimiento con esa fecha: corrígelo en lugar de "
                    "registrar otro."
                ),
            ),
        ]

    def __str__(self):
        day = date_format(self.date, "SHORT_DATE_FORMAT")
        return f"{self.agreement} · {day}: {self.get_agreement_status_display()}"

    def clean(self):
        super().clean()
        if not self.date or not self.agreement_id:
            return
        session_date = self.agreement.session.date
        if self.date < session_date:
            raise ValidationError(
                {
                    "date": _("El seguimiento no puede ser anterior a la sesión (%(date)s).")
                    % {"date": date_format(session_date, "SHORT_DATE_FORMAT")}
                }
            )
        if self.date > clock.today():
            raise ValidationError(
                {"date": _("La fecha del seguimiento no puede estar en el futuro.")}
            )

    def reporting_unit_ids(self):
        """The units whose liaison reports it (`commitments.permissions.in_scope`)."""
        unit = self.agreement.responsible_unit_id if self.agreement_id else None
        return [unit] if unit else []
