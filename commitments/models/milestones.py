from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from core import clock
from core.translated import ENGLISH_HELP

from .commitment import Commitment
from .facts import PublicFact, one_correction_each, one_live
from .indicators import EvidenceFields
from .plan import ActionPlan, ResponsibleUnit

COMPLETION_NEEDS_EVIDENCE = _(
    "El hito «%(title)s» no puede marcarse como completo sin al menos una evidencia de "
    "verificación publicada (archivo o enlace)."
)


class MilestoneStatus(models.TextChoices):
    PENDING = "pendiente", _("Pendiente")
    IN_PROGRESS = "en_proceso", _("En proceso")
    COMPLETE = "completo", _("Completo")
    CANCELLED = "cancelado", _("Cancelado")


class Milestone(models.Model):
    """A dated step of a commitment with an expected deliverable (hito o actividad).

    Its definition (dates, weight) is public through the commitment's versions; its
    progress over time is a series of `MilestoneProgress` facts.
    """

    Status = MilestoneStatus

    commitment = models.ForeignKey(
        Commitment,
        on_delete=models.CASCADE,
        related_name="milestones",
        verbose_name=_("compromiso"),
    )
    order = models.PositiveSmallIntegerField(
        _("número"), default=1, help_text=_("Su número en la lista pública de hitos.")
    )
    title = models.CharField(_("hito"), max_length=300)
    deliverable = models.CharField(_("producto esperado"), max_length=300)
    title_en = models.CharField(
        _("hito en inglés"), max_length=300, blank=True, help_text=ENGLISH_HELP
    )
    deliverable_en = models.CharField(
        _("producto esperado en inglés"), max_length=300, blank=True, help_text=ENGLISH_HELP
    )
    unit = models.ForeignKey(
        ResponsibleUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="milestones",
        verbose_name=_("dependencia responsable"),
    )
    responsible_person = models.CharField(_("persona responsable"), max_length=200, blank=True)
    start_date = models.DateField(_("inicio"))
    end_date = models.DateField(_("término"))
    weight = models.DecimalField(
        _("peso"),
        max_digits=5,
        decimal_places=2,
        default=1,
        validators=[MinValueValidator(Decimal("0.01"), _("El peso debe ser mayor que cero."))],
        help_text=_("Mayor que cero; 1 si todos pesan igual."),
    )

    class Meta:
        ordering = ["commitment", "order", "id"]
        verbose_name = _("hito")
        verbose_name_plural = _("hitos")

    def __str__(self):
        return self.title

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {"end_date": _("El término del hito no puede ser anterior a su inicio.")}
            )
        if self.weight is not None and self.weight <= 0:
            raise ValidationError({"weight": _("El peso debe ser mayor que cero.")})


class MilestoneProgress(PublicFact):
    """How far a milestone had got on a date: percent, status and what was done."""

    milestone = models.ForeignKey(
        Milestone, on_delete=models.CASCADE, related_name="progress", verbose_name=_("hito")
    )
    date = models.DateField(_("fecha del avance"))
    percent = models.PositiveSmallIntegerField(
        _("porcentaje realizado"), validators=[MaxValueValidator(100)]
    )
    milestone_status = models.CharField(
        _("estado del hito"),
        max_length=20,
        choices=MilestoneStatus.choices,
        default=MilestoneStatus.IN_PROGRESS,
    )
    narrative = models.TextField(_("qué se hizo"), blank=True)
    difficulties = models.TextField(_("dificultades"), blank=True)
    success_factors = models.TextField(_("factores de éxito"), blank=True)
    report = models.ForeignKey(
        "commitments.RoundReport",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="milestone_progress",
        verbose_name=_("reporte de corte"),
    )

    class Meta:
        ordering = ["milestone", "date", "id"]
        verbose_name = _("avance de hito")
        verbose_name_plural = _("avances de hitos")
        constraints = [
            one_correction_each("milestoneprogress"),
            one_live(
                "milestoneprogress",
                "milestone",
                "date",
                # A round report's percents are its own record (one report per round and
                # commitment); on its day the staff may also have recorded an update.
                among=models.Q(report__isnull=True),
                message=_(
                    "Ese hito ya tiene un avance para esa fecha: corrígelo o edita su borrador "
                    "en lugar de registrar otro."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.milestone} · {date_format(self.date, 'SHORT_DATE_FORMAT')}: {self.percent} %"

    def clean(self):
        errors = {}
        if self.milestone_status == MilestoneStatus.COMPLETE and self.percent != 100:
            # Translators: “100 %” is a plain percent sign, not a placeholder.
            # xgettext:no-python-format
            errors["percent"] = _("Un hito completo debe tener 100 % realizado.")
        if self.percent == 100 and self.milestone_status not in (
            MilestoneStatus.COMPLETE,
            MilestoneStatus.CANCELLED,
        ):
            # xgettext:no-python-format
            errors["milestone_status"] = _("Un hito con 100 % realizado está completo.")
        if self.date and self.date > clock.today():
            errors["date"] = _("La fecha del avance no puede estar en el futuro.")
        if errors:
            raise ValidationError(errors)


class ReportingRound(models.Model):
    """A dated follow-up round (corte de seguimiento) in which every commitment reports."""

    plan = models.ForeignKey(
        ActionPlan, on_delete=models.CASCADE, related_name="rounds", verbose_name=_("plan")
    )
    number = models.PositiveSmallIntegerField(_("número"))
    title = models.CharField(_("nombre"), max_length=200)
    period_end = models.DateField(
        _("fecha de corte"), help_text=_("Último día que cubre el corte.")
    )
    opens_on = models.DateField(_("abre el"))
    deadline = models.DateField(_("fecha límite de entrega"))

    class Meta:
        ordering = ["plan", "number"]
        verbose_name = _("corte de seguimiento")
        verbose_name_plural = _("cortes de seguimiento")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"],
                name="round_unique_number",
                violation_error_message=_("Ya existe un corte con ese número en este plan."),
            )
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if self.opens_on and self.deadline and self.deadline < self.opens_on:
            raise ValidationError(
                {"deadline": _("La fecha límite no puede ser anterior a la apertura del corte.")}
            )

    def is_closed(self, today=None):
        return (today or clock.today()) > self.deadline


class ReportStatus(models.TextChoices):
    ON_TIME = "entregado", _("Reporte entregado")
    LATE = "tardio", _("Entregado fuera de plazo")
    MISSING = "sin_reporte", _("Sin reporte")
    PENDING = "pendiente", _("Corte abierto")
    NOT_DUE = "no_aplica", _("Aún no corresponde")


class RoundReport(PublicFact):
    """What one commitment reported in one round; public (delivered) once published."""

    round = models.ForeignKey(
        ReportingRound, on_delete=models.CASCADE, related_name="reports", verbose_name=_("corte")
    )
    commitment = models.ForeignKey(
        Commitment,
        on_delete=models.CASCADE,
        related_name="round_reports",
        verbose_name=_("compromiso"),
    )
    narrative = models.TextField(_("informe de avance"))
    difficulties = models.TextField(_("dificultades"), blank=True)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="round_reports",
        verbose_name=_("registrado por"),
    )

    class Meta:
        ordering = ["round", "commitment"]
        verbose_name = _("reporte de corte")
        verbose_name_plural = _("reportes de corte")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "commitment"],
                name="report_unique_per_round",
                violation_error_message=_("Este compromiso ya tiene un reporte en ese corte."),
            ),
            one_correction_each("roundreport"),
        ]

    def __str__(self):
        return f"{self.round} · {self.commitment.code}"

    @property
    def delivered_on(self):
        return self.published_on

    def clean(self):
        if self.round_id and self.commitment_id and self.round.plan_id != self.commitment.plan_id:
            raise ValidationError(
                {"commitment": _("El compromiso no pertenece al plan de este corte.")}
            )


def report_status(round_, report, today, *, starts_on):
    """Where a commitment stands in a round: delivered, late, missing or still open.

    `starts_on` is the commitment's start: a round that ended before it started
    is not a missing report.
    """
    delivered = getattr(report, "delivered_on", None)
    if delivered is not None and delivered <= today:
        if delivered > round_.deadline:
            return ReportStatus.LATE
        return ReportStatus.ON_TIME
    if today < round_.opens_on or (starts_on and starts_on > round_.period_end):
        return ReportStatus.NOT_DUE
    if today <= round_.deadline:
        return ReportStatus.PENDING
    return ReportStatus.MISSING


class RoundReportEntry(models.Model):
    """The percent a milestone had reached, as filed in a round report."""

    report = models.ForeignKey(
        RoundReport, on_delete=models.CASCADE, related_name="entries", verbose_name=_("reporte")
    )
    milestone = models.ForeignKey(
        Milestone, on_delete=models.CASCADE, related_name="report_entries", verbose_name=_("hito")
    )
    percent = models.PositiveSmallIntegerField(
        _("porcentaje realizado"), validators=[MaxValueValidator(100)]
    )
    note = models.TextField(_("comentario"), blank=True)

    class Meta:
        ordering = ["report", "milestone__order"]
        verbose_name = _("avance de hito en el corte")
        verbose_name_plural = _("avances de hitos en el corte")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "milestone"],
                name="entry_unique_milestone",
                violation_error_message=_("Ese hito ya tiene avance en este reporte."),
            )
        ]

    def __str__(self):
        return f"{self.milestone}: {self.percent} %"

    def changes_public_record(self):
        """Public with its report only (see `core.content_version.changes_public`)."""
        try:
            return self.report.changes_public_record()
        except RoundReport.DoesNotExist:
            return True

    def clean(self):
        if (
            self.report_id
            and self.milestone_id
            and self.milestone.commitment_id != self.report.commitment_id
        ):
            raise ValidationError({"milestone": _("El hito no pertenece a este compromiso.")})


class Evidence(PublicFact, EvidenceFields):
    """A verification document for a commitment, optionally tied to a milestone or report."""

    commitment = models.ForeignKey(
        Commitment, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("compromiso")
    )
    milestone = models.ForeignKey(
        Milestone,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="evidence",
        verbose_name=_("hito"),
    )
    report = models.ForeignKey(
        RoundReport,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="evidence",
        verbose_name=_("reporte de corte"),
    )
    title = models.CharField(_("título"), max_length=250)
    date = models.DateField(_("fecha del documento"), default=clock.today)
    file_sha256 = models.CharField(
        _("huella SHA-256 del archivo"),
        max_length=64,
        blank=True,
        editable=False,
        help_text=_(
            "La calcula el sistema al guardar el archivo, para que cualquiera compruebe "
            "que no se cambió después de publicarlo."
        ),
    )

    class Meta:
        ordering = ["commitment", "milestone", "date", "id"]
        verbose_name = _("evidencia")
        verbose_name_plural = _("evidencias")
        constraints = [one_correction_each("evidence")]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if not self.has_evidence:
            errors["evidence_url"] = _("Adjunte un archivo o escriba un enlace.")
        if (
            self.milestone_id
            and self.commitment_id
            and self.milestone.commitment_id != self.commitment_id
        ):
            errors["milestone"] = _("El hito no pertenece a este compromiso.")
        if errors:
            raise ValidationError(errors)
