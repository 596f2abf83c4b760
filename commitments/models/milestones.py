from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commitments import semaforo

from .commitment import Commitment
from .indicators import EvidenceFields
from .plan import ActionPlan, ResponsibleUnit

COMPLETION_NEEDS_EVIDENCE = _(
    "El hito «%(title)s» no puede marcarse como completo sin al menos una evidencia de "
    "verificación (archivo o enlace)."
)


class Milestone(models.Model):
    """A dated step of a commitment with an expected deliverable (hito o actividad)."""

    class Status(models.TextChoices):
        PENDING = "pendiente", _("Pendiente")
        IN_PROGRESS = "en_proceso", _("En proceso")
        COMPLETE = "completo", _("Completo")
        CANCELLED = "cancelado", _("Cancelado")

    commitment = models.ForeignKey(
        Commitment,
        on_delete=models.CASCADE,
        related_name="milestones",
        verbose_name=_("compromiso"),
    )
    order = models.PositiveSmallIntegerField(_("orden"), default=0)
    title = models.CharField(_("hito"), max_length=300)
    deliverable = models.CharField(_("producto esperado"), max_length=300)
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
    weight = models.DecimalField(_("peso"), max_digits=5, decimal_places=2, default=1)
    percent_done = models.PositiveSmallIntegerField(
        _("porcentaje realizado"), default=0, validators=[MaxValueValidator(100)]
    )
    progress_updated_on = models.DateField(
        _("porcentaje actualizado el"),
        null=True,
        blank=True,
        help_text=_("Desde qué día cuenta el porcentaje actual en el tablero histórico."),
    )
    status = models.CharField(
        _("estado"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    narrative = models.TextField(_("qué se hizo"), blank=True)
    difficulties = models.TextField(_("dificultades"), blank=True)
    success_factors = models.TextField(_("factores de éxito"), blank=True)

    class Meta:
        ordering = ["commitment", "order", "id"]
        verbose_name = _("hito")
        verbose_name_plural = _("hitos")

    def __str__(self):
        return self.title

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        instance = super().from_db(db, field_names, values, **kwargs)
        # Deletions load milestones with deferred fields; reading those here would
        # fetch them one by one (and recurse through from_db).
        if "percent_done" in field_names and "progress_updated_on" in field_names:
            instance._loaded = (instance.percent_done, instance.progress_updated_on)
        return instance

    def clean(self):
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("El término del hito no puede ser anterior a su inicio.")
        if self.status == self.Status.COMPLETE and self.percent_done != 100:
            errors["percent_done"] = _("Un hito completo debe tener 100 % realizado.")
        if self.status == self.Status.COMPLETE and self.evidence_count() < 1:
            errors["status"] = COMPLETION_NEEDS_EVIDENCE % {"title": self.title}
        if errors:
            raise ValidationError(errors)

    def evidence_count(self):
        """Verification documents of this milestone.

        A page that edits the milestone and its evidence in one submit sets
        `pending_evidence_count` to what it is about to save, because the
        evidence rows are written only after the milestone is validated.
        """
        pending = getattr(self, "pending_evidence_count", None)
        if pending is not None:
            return pending
        return self.evidence.count() if self.pk else 0

    def save(self, *args, **kwargs):
        # The live percent counts from the day it changed, so the historical board
        # does not see today's progress in the past.
        loaded = getattr(self, "_loaded", None)
        if self._state.adding:
            self.progress_updated_on = self.progress_updated_on or timezone.localdate()
        elif loaded and self.percent_done != loaded[0] and self.progress_updated_on == loaded[1]:
            self.progress_updated_on = timezone.localdate()
        super().save(*args, **kwargs)
        self._loaded = (self.percent_done, self.progress_updated_on)

    def is_live_on(self, as_of):
        """Whether the live percent, status and notes had been recorded by `as_of`."""
        return bool(self.progress_updated_on and self.progress_updated_on <= as_of)

    def percent_as_of(self, as_of):
        """Percent done as it stood on `as_of`: the live value once effective, else reports."""
        if self.status == self.Status.CANCELLED:
            return None
        if self.is_live_on(as_of):
            return float(self.percent_done)
        entries = self.entries_by(as_of)
        return float(entries[-1].percent) if entries else 0.0

    def entries_by(self, as_of):
        """Round report entries submitted by `as_of`, oldest first (prefetched or queried)."""
        entries = getattr(self, "entries_as_of", None)
        if entries is None:
            return list(
                self.report_entries.submitted(as_of)
                .select_related("report")
                .order_by("report__submitted_on", "id")
            )
        # Rows prefetched for a later day also answer for this one.
        return [entry for entry in entries if entry.is_submitted_by(as_of)]

    def status_as_of(self, as_of):
        """The status it had on `as_of`: the live one once effective, else from its percent."""
        if self.status == self.Status.CANCELLED or self.is_live_on(as_of):
            return self.Status(self.status)
        percent = self.percent_as_of(as_of)
        if percent == 100:
            return self.Status.COMPLETE
        return self.Status.IN_PROGRESS if percent else self.Status.PENDING

    def expected_as_of(self, as_of):
        if self.status == self.Status.CANCELLED:
            return None
        return semaforo.expected_progress(self.start_date, self.end_date, as_of)

    def completed_as_of(self, as_of):
        """The date it reached 100 % by `as_of`, if it did."""
        if self.percent_as_of(as_of) != 100:
            return None
        if self.is_live_on(as_of):
            return self.progress_updated_on
        entries = self.entries_by(as_of)
        return entries[-1].report.submitted_on if entries else None


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
        return (today or timezone.localdate()) > self.deadline


class ReportStatus(models.TextChoices):
    ON_TIME = "entregado", _("Reporte entregado")
    LATE = "tardio", _("Entregado fuera de plazo")
    MISSING = "sin_reporte", _("Sin reporte")
    PENDING = "pendiente", _("Corte abierto")
    NOT_DUE = "no_aplica", _("Aún no corresponde")


class RoundReport(models.Model):
    """What one commitment reported in one round; belongs to the round and the commitment."""

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
    submitted_on = models.DateField(
        _("entregado el"), null=True, blank=True, help_text=_("Vacío mientras es borrador.")
    )
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
            )
        ]

    def __str__(self):
        return f"{self.round} · {self.commitment.code}"

    def clean(self):
        if self.submitted_on and self.round_id and self.submitted_on < self.round.opens_on:
            raise ValidationError(
                {"submitted_on": _("El reporte no puede entregarse antes de que abra el corte.")}
            )
        if self.round_id and self.commitment_id and self.round.plan_id != self.commitment.plan_id:
            raise ValidationError(
                {"commitment": _("El compromiso no pertenece al plan de este corte.")}
            )


def report_status(round_, report, today, *, starts_on):
    """Where a commitment stands in a round: delivered, late, missing or still open.

    `starts_on` is the commitment's start: a round that ended before it started
    is not a missing report.
    """
    if report is not None and report.submitted_on and report.submitted_on <= today:
        if report.submitted_on > round_.deadline:
            return ReportStatus.LATE
        return ReportStatus.ON_TIME
    if today < round_.opens_on or (starts_on and starts_on > round_.period_end):
        return ReportStatus.NOT_DUE
    if today <= round_.deadline:
        return ReportStatus.PENDING
    return ReportStatus.MISSING


class RoundReportEntryQuerySet(models.QuerySet):
    def submitted(self, as_of):
        return self.filter(report__submitted_on__isnull=False, report__submitted_on__lte=as_of)


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

    objects = RoundReportEntryQuerySet.as_manager()

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

    def is_submitted_by(self, day):
        """The rule of `RoundReportEntryQuerySet.submitted`, for a row already in memory."""
        return self.report.submitted_on is not None and self.report.submitted_on <= day

    def clean(self):
        if (
            self.report_id
            and self.milestone_id
            and self.milestone.commitment_id != self.report.commitment_id
        ):
            raise ValidationError({"milestone": _("El hito no pertenece a este compromiso.")})


class Evidence(EvidenceFields):
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
    date = models.DateField(_("fecha"), default=timezone.localdate)

    class Meta:
        ordering = ["commitment", "milestone", "date", "id"]
        verbose_name = _("evidencia")
        verbose_name_plural = _("evidencias")

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

    def save(self, *args, **kwargs):
        if self.milestone_id and not self.commitment_id:
            self.commitment_id = self.milestone.commitment_id
        elif self.report_id and not self.commitment_id:
            self.commitment_id = self.report.commitment_id
        super().save(*args, **kwargs)
