from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.template.defaultfilters import floatformat
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from core import clock
from core.translated import ENGLISH_HELP
from core.validators import validate_document, validate_upload_size

from .commitment import Commitment
from .facts import FactStatus, PublicFact, one_correction_each, one_live


class EvidenceFields(models.Model):
    """A verification document: an uploaded file, a link, or both."""

    evidence_file = models.FileField(
        _("archivo de evidencia"),
        upload_to="evidencias/%Y/%m/",
        blank=True,
        validators=[validate_document, validate_upload_size],
    )
    evidence_url = models.URLField(_("enlace de evidencia"), blank=True, max_length=500)

    class Meta:
        abstract = True

    @property
    def has_evidence(self):
        return bool(self.evidence_file or self.evidence_url)

    @property
    def evidence_link(self):
        if self.evidence_file:
            return self.evidence_file.url
        return self.evidence_url


class Indicator(models.Model):
    """How progress on a commitment is measured (one row of the matrix's indicator column)."""

    class Direction(models.TextChoices):
        UP = "ascendente", _("Ascendente (más es mejor)")
        DOWN = "descendente", _("Descendente (menos es mejor)")

    class Periodicity(models.TextChoices):
        MONTHLY = "mensual", _("Mensual")
        QUARTERLY = "trimestral", _("Trimestral")
        HALF_YEARLY = "semestral", _("Semestral")
        YEARLY = "anual", _("Anual")

    commitment = models.ForeignKey(
        Commitment,
        on_delete=models.CASCADE,
        related_name="indicators",
        verbose_name=_("compromiso"),
    )
    name = models.CharField(_("indicador"), max_length=300)
    unit = models.CharField(_("unidad de medida"), max_length=80)
    name_en = models.CharField(
        _("indicador en inglés"), max_length=300, blank=True, help_text=ENGLISH_HELP
    )
    unit_en = models.CharField(
        _("unidad de medida en inglés"), max_length=80, blank=True, help_text=ENGLISH_HELP
    )
    baseline = models.DecimalField(_("línea base"), max_digits=14, decimal_places=2)
    target = models.DecimalField(_("meta"), max_digits=14, decimal_places=2)
    direction = models.CharField(
        _("sentido"), max_length=20, choices=Direction.choices, default=Direction.UP
    )
    periodicity = models.CharField(
        _("periodicidad"), max_length=20, choices=Periodicity.choices, default=Periodicity.QUARTERLY
    )
    weight = models.DecimalField(
        _("peso"),
        max_digits=5,
        decimal_places=2,
        default=1,
        validators=[MinValueValidator(Decimal("0.01"), _("El peso debe ser mayor que cero."))],
        help_text=_("Peso en el avance del compromiso (mayor que cero); 1 si todos pesan igual."),
    )
    verification_means = models.TextField(_("medio de verificación"))
    verification_url = models.URLField(_("enlace del medio de verificación"), blank=True)
    order = models.PositiveSmallIntegerField(_("orden"), default=0)

    class Meta:
        ordering = ["commitment", "order", "id"]
        verbose_name = _("indicador")
        verbose_name_plural = _("indicadores")

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        if self.baseline is not None and self.target is not None:
            if self.baseline == self.target:
                errors["target"] = _("La meta no puede ser igual a la línea base.")
            elif self.direction == self.Direction.UP and self.target < self.baseline:
                errors["direction"] = _(
                    "La meta es menor que la línea base: el sentido debe ser descendente."
                )
            elif self.direction == self.Direction.DOWN and self.target > self.baseline:
                errors["direction"] = _(
                    "La meta es mayor que la línea base: el sentido debe ser ascendente."
                )
        if self.weight is not None and self.weight <= 0:
            errors["weight"] = _("El peso debe ser mayor que cero.")
        if errors:
            raise ValidationError(errors)


class Measurement(PublicFact, EvidenceFields):
    """A value of an indicator on the date it refers to (an avance), with its evidence."""

    Status = FactStatus

    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.CASCADE,
        related_name="measurements",
        verbose_name=_("indicador"),
    )
    date = models.DateField(_("fecha del dato"))
    value = models.DecimalField(_("valor"), max_digits=14, decimal_places=2)
    narrative = models.TextField(_("descripción del avance"), blank=True)

    class Meta:
        ordering = ["indicator", "date", "id"]
        verbose_name = _("avance")
        verbose_name_plural = _("avances")
        get_latest_by = "date"
        constraints = [
            one_correction_each("measurement"),
            one_live(
                "measurement",
                "indicator",
                "date",
                message=_(
                    "Ese indicador ya tiene un avance para esa fecha: corrígelo o edita su "
                    "borrador en lugar de registrar otro."
                ),
            ),
        ]

    def __str__(self):
        day = date_format(self.date, "SHORT_DATE_FORMAT")
        return f"{self.indicator} · {day}: {floatformat(self.value, '-2g')}"

    def clean(self):
        if self.date and self.indicator_id:
            exercise = self.indicator.commitment.plan.exercise
            if not exercise.start_date <= self.date <= exercise.end_date:
                raise ValidationError(
                    {
                        "date": _(
                            "La fecha %(date)s está fuera del periodo del plan "
                            "(%(start)s a %(end)s)."
                        )
                        % {
                            "date": date_format(self.date),
                            "start": date_format(exercise.start_date),
                            "end": date_format(exercise.end_date),
                        }
                    }
                )
            if self.date > clock.today():
                raise ValidationError({"date": _("La fecha del dato no puede estar en el futuro.")})
