"""Who shares a commitment, how it rates on the transversal indicators, and its approved changes."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from commitments.semaforo import Status

from .commitment import Commitment
from .facts import PublicFact, one_correction_each
from .plan import Organization, ResponsibleUnit


class CoResponsibility(models.Model):
    """A party that shares a commitment with its lead unit: another unit or an organisation."""

    commitment = models.ForeignKey(
        Commitment,
        on_delete=models.CASCADE,
        related_name="co_responsibles",
        verbose_name=_("compromiso"),
    )
    unit = models.ForeignKey(
        ResponsibleUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="co_responsibilities",
        verbose_name=_("dependencia"),
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="co_responsibilities",
        verbose_name=_("organización"),
    )
    role = models.CharField(_("papel"), max_length=250)

    class Meta:
        ordering = ["commitment", "id"]
        verbose_name = _("corresponsable")
        verbose_name_plural = _("corresponsables")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(unit__isnull=False, organization__isnull=True)
                    | models.Q(unit__isnull=True, organization__isnull=False)
                ),
                name="coresponsibility_exactly_one_party",
                violation_error_message=_(
                    "Indique una dependencia o una organización (solo una de las dos)."
                ),
            )
        ]

    def __str__(self):
        return f"{self.party} · {self.role}"

    @property
    def party(self):
        return self.unit or self.organization

    def clean(self):
        if self.unit_id and self.commitment_id and self.unit_id == self.commitment.unit_id:
            raise ValidationError(
                {"unit": _("La dependencia responsable no puede ser también corresponsable.")}
            )


class Dimension(models.TextChoices):
    """The transversal indicators every commitment is rated on."""

    PARTICIPATION = "participacion", _("Participación")
    TRANSPARENCY = "transparencia", _("Transparencia")
    AMBITION = "ambicion", _("Ambición")
    SUSTAINABILITY = "sostenibilidad", _("Sostenibilidad")


class RatingLevel(models.TextChoices):
    NONE = "ninguno", _("Ninguno")
    LOW = "bajo", _("Bajo")
    MEDIUM = "medio", _("Medio")
    HIGH = "alto", _("Alto")


class RatingRubric(models.Model):
    """What each level of a transversal indicator means (published with the ratings)."""

    dimension = models.CharField(_("indicador transversal"), max_length=20, choices=Dimension)
    level = models.CharField(_("nivel"), max_length=10, choices=RatingLevel)
    description = models.TextField(_("qué significa"))

    class Meta:
        ordering = ["dimension", "level"]
        verbose_name = _("rúbrica de indicador transversal")
        verbose_name_plural = _("rúbricas de indicadores transversales")
        constraints = [
            models.UniqueConstraint(
                fields=["dimension", "level"],
                name="rubric_unique_level",
                violation_error_message=_("Ya existe la descripción de ese nivel."),
            )
        ]

    def __str__(self):
        return f"{self.get_dimension_display()} · {self.get_level_display()}"


class TransversalRating(PublicFact):
    """How a commitment rates on one transversal indicator, and why."""

    commitment = models.ForeignKey(
        Commitment, on_delete=models.CASCADE, related_name="ratings", verbose_name=_("compromiso")
    )
    dimension = models.CharField(_("indicador transversal"), max_length=20, choices=Dimension)
    level = models.CharField(_("nivel"), max_length=10, choices=RatingLevel)
    justification = models.TextField(_("justificación"))

    class Meta:
        ordering = ["commitment", "dimension"]
        verbose_name = _("valoración transversal")
        verbose_name_plural = _("valoraciones transversales")
        constraints = [one_correction_each("transversalrating")]

    def __str__(self):
        return f"{self.get_dimension_display()}: {self.get_level_display()}"


class Modification(models.Model):
    """A change to a commitment approved by the Secretariado; `version` is the one it made."""

    commitment = models.ForeignKey(
        Commitment,
        on_delete=models.CASCADE,
        related_name="modifications",
        verbose_name=_("compromiso"),
    )
    approved_on = models.DateField(_("fecha de aprobación"))
    session = models.ForeignKey(
        "secretariat.Session",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="commitment_modifications",
        verbose_name=_("sesión que la aprobó"),
    )
    summary = models.CharField(_("qué cambió"), max_length=300)
    reason = models.TextField(_("motivo"))

    class Meta:
        ordering = ["commitment", "approved_on", "id"]
        verbose_name = _("modificación")
        verbose_name_plural = _("modificaciones")

    def __str__(self):
        return f"{date_format(self.approved_on, 'SHORT_DATE_FORMAT')} · {self.summary}"


class StatusOverride(PublicFact):
    """The Secretariado sets a commitment's status by hand, for a period, with a public reason.

    Ending or changing an override is a correction row, so every past day keeps what it showed.
    """

    commitment = models.ForeignKey(
        Commitment,
        on_delete=models.CASCADE,
        related_name="overrides",
        verbose_name=_("compromiso"),
    )
    status_value = models.CharField(_("estado asignado"), max_length=20, choices=Status.choices)
    reason = models.TextField(_("motivo público"))
    starts_on = models.DateField(_("desde"))
    ends_on = models.DateField(_("hasta"), null=True, blank=True)
    review_on = models.DateField(
        _("revisar el"),
        null=True,
        blank=True,
        help_text=_("Cuándo debe revisarse si el estado asignado sigue justificado."),
    )

    class Meta:
        ordering = ["commitment", "starts_on", "id"]
        verbose_name = _("estado asignado")
        verbose_name_plural = _("estados asignados")
        constraints = [one_correction_each("statusoverride")]

    def __str__(self):
        return f"{self.commitment.code} · {self.get_status_value_display()}"

    def clean(self):
        errors = {}
        if not (self.reason or "").strip():
            errors["reason"] = _("Escribe el motivo público por el que se asigna el estado.")
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("El final no puede ser anterior al inicio.")
        if errors:
            raise ValidationError(errors)

    def applies_on(self, day):
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)
