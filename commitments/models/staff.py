"""Which responsible units a liaison (enlace de dependencia) reports for."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .plan import ResponsibleUnit


class Liaison(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="liaison",
        verbose_name=_("cuenta"),
    )
    units = models.ManyToManyField(
        ResponsibleUnit,
        related_name="liaisons",
        verbose_name=_("dependencias"),
        help_text=_(
            "Ve y reporta los compromisos en los que estas dependencias son responsables o "
            "corresponsables."
        ),
    )

    class Meta:
        verbose_name = _("enlace de dependencia")
        verbose_name_plural = _("enlaces de dependencia")

    def __str__(self):
        return self.user.get_username()
