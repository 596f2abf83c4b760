from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commitments import semaforo
from portal.validators import validate_document, validate_upload_size

from .commitment import Commitment


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

    # Days a published value stays current, with a two-week grace for publication.
    PERIOD_DAYS = {
        Periodicity.MONTHLY: 31 + 14,
        Periodicity.QUARTERLY: 92 + 14,
        Periodicity.HALF_YEARLY: 183 + 14,
        Periodicity.YEARLY: 366 + 14,
    }

    commitment = models.ForeignKey(
        Commitment,
        on_delete=models.CASCADE,
        related_name="indicators",
        verbose_name=_("compromiso"),
    )
    name = models.CharField(_("indicador"), max_length=300)
    unit = models.CharField(_("unidad de medida"), max_length=80)
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
        help_text=_("Peso en el avance del compromiso; 1 si todos pesan igual."),
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

    def progress_from(self, measurements):
        """Progress from the latest of the given (published, date-ordered) measurements."""
        if not measurements:
            return None
        return semaforo.indicator_progress(self.baseline, self.target, measurements[-1].value)

    def is_stale(self, as_of, start_date):
        """True when the latest published value is older than the periodicity allows."""
        allowed = timedelta(days=self.PERIOD_DAYS[self.Periodicity(self.periodicity)])
        measurements = getattr(self, "published_measurements", None)
        if measurements is None:
            measurements = list(self.measurements.published(as_of).order_by("date"))
        if measurements:
            if self.progress_from(measurements) >= 100:
                return False
            return as_of - measurements[-1].date > allowed
        return as_of - start_date > allowed


class MeasurementQuerySet(models.QuerySet):
    def published(self, as_of=None):
        """Measurements the public may see, as they stood on `as_of` (today by default)."""
        as_of = as_of or timezone.localdate()
        return self.filter(
            status=Measurement.Status.PUBLISHED, date__lte=as_of, published_on__lte=as_of
        )


class Measurement(EvidenceFields):
    """A reported value of an indicator on a date (an avance), with its evidence."""

    class Status(models.TextChoices):
        DRAFT = "borrador", _("Borrador")
        PUBLISHED = "publicado", _("Publicado")

    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.CASCADE,
        related_name="measurements",
        verbose_name=_("indicador"),
    )
    date = models.DateField(_("fecha del dato"))
    value = models.DecimalField(_("valor"), max_digits=14, decimal_places=2)
    narrative = models.TextField(_("descripción del avance"), blank=True)
    status = models.CharField(
        _("estado"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    published_on = models.DateField(
        _("publicado el"),
        null=True,
        blank=True,
        help_text=_(
            "Se llena al publicar; el tablero histórico solo cuenta lo publicado a la fecha."
        ),
    )

    objects = MeasurementQuerySet.as_manager()

    class Meta:
        ordering = ["indicator", "date", "id"]
        verbose_name = _("avance")
        verbose_name_plural = _("avances")
        get_latest_by = "date"

    def __str__(self):
        return f"{self.indicator} · {self.date:%d/%m/%Y}: {self.value}"

    def clean(self):
        errors = {}
        if self.date and self.indicator_id:
            exercise = self.indicator.commitment.plan.exercise
            if not exercise.start_date <= self.date <= exercise.end_date:
                errors["date"] = _(
                    "La fecha %(date)s está fuera del periodo del plan (%(start)s a %(end)s)."
                ) % {
                    "date": self.date.strftime("%d/%m/%Y"),
                    "start": exercise.start_date.strftime("%d/%m/%Y"),
                    "end": exercise.end_date.strftime("%d/%m/%Y"),
                }
            elif self.date > timezone.localdate():
                errors["date"] = _("La fecha del dato no puede estar en el futuro.")
        if self.published_on and self.date and self.published_on < self.date:
            errors["published_on"] = _("No se puede publicar un dato antes de su fecha.")
        if errors:
            raise ValidationError(errors)

    def is_published_on(self, day):
        """The rule of `MeasurementQuerySet.published`, for a row already in memory."""
        return (
            self.status == self.Status.PUBLISHED
            and self.date <= day
            and self.published_on is not None
            and self.published_on <= day
        )

    def save(self, *args, **kwargs):
        if self.status == self.Status.PUBLISHED and not self.published_on:
            self.published_on = timezone.localdate()
        if self.status == self.Status.DRAFT:
            self.published_on = None
        super().save(*args, **kwargs)
