from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from commitments.semaforo import ProgressSource
from core.translated import ENGLISH_HELP

from .plan import ActionPlan, Objective, Pillar, ResponsibleUnit


class CommitmentQuerySet(models.QuerySet):
    """Current-state reads for staff; public pages read through `commitments.reader`."""

    def published(self):
        return self.filter(is_published=True, plan__is_published=True)

    def in_plan(self, plan):
        return self.filter(plan=plan)


class Commitment(models.Model):
    """An action (compromiso) of the plan: one row of the tracking matrix."""

    plan = models.ForeignKey(
        ActionPlan,
        on_delete=models.CASCADE,
        related_name="commitments",
        verbose_name=_("plan"),
        editable=False,
    )
    objective = models.ForeignKey(
        Objective, on_delete=models.PROTECT, related_name="commitments", verbose_name=_("objetivo")
    )
    code = models.CharField(
        _("clave"), max_length=20, help_text=_("Única dentro del plan, p. ej. DA-01.")
    )
    slug = models.SlugField(_("identificador en la URL"), max_length=120, unique=True)
    title = models.CharField(_("acción"), max_length=300)
    description = models.TextField(_("descripción"))
    title_en = models.CharField(
        _("acción en inglés"), max_length=300, blank=True, help_text=ENGLISH_HELP
    )
    description_en = models.TextField(
        _("descripción en inglés"), blank=True, help_text=ENGLISH_HELP
    )
    unit = models.ForeignKey(
        ResponsibleUnit,
        on_delete=models.PROTECT,
        related_name="commitments",
        verbose_name=_("dependencia responsable"),
    )
    contact_name = models.CharField(_("persona enlace"), max_length=200, blank=True)
    contact_role = models.CharField(_("cargo de la persona enlace"), max_length=200, blank=True)
    goal = models.TextField(_("meta"))
    goal_en = models.TextField(_("meta en inglés"), blank=True, help_text=ENGLISH_HELP)
    start_date = models.DateField(_("fecha de inicio"))
    end_date = models.DateField(_("fecha de término"))
    pillars = models.ManyToManyField(
        Pillar, related_name="commitments", verbose_name=_("pilares"), blank=True
    )
    progress_source = models.CharField(
        _("fuente de avance"),
        max_length=20,
        choices=ProgressSource.choices,
        blank=True,
        help_text=_("Vacío: la que indica el plan."),
    )
    is_example = models.BooleanField(
        _("datos de ejemplo"),
        default=False,
        help_text=_("Marca los compromisos inventados para demostración; se avisa en cada página."),
    )
    is_published = models.BooleanField(
        _("publicado"),
        default=False,
        editable=False,
        help_text=_("Se cambia publicando o retirando el compromiso; queda en su historial."),
    )
    updated_at = models.DateTimeField(_("actualizado"), auto_now=True)

    objects = CommitmentQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "code"]
        verbose_name = _("compromiso")
        verbose_name_plural = _("compromisos")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "code"],
                name="commitment_unique_code_per_plan",
                violation_error_message=_("Ya existe un compromiso con esa clave en este plan."),
            )
        ]

    def __str__(self):
        return f"{self.code} · {self.title}"

    def get_absolute_url(self):
        return reverse("commitment", args=[self.slug])

    @property
    def axis(self):
        return self.objective.axis

    @property
    def effective_progress_source(self):
        return self.progress_source or self.plan.default_progress_source

    def clean(self):
        errors = {}
        if self.objective_id:
            self.plan = self.objective.axis.plan
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("La fecha de término no puede ser anterior a la de inicio.")
        if self.plan_id and self.start_date and self.end_date:
            exercise = self.plan.exercise
            if self.start_date < exercise.start_date or self.end_date > exercise.end_date:
                errors["start_date"] = _(
                    "Las fechas deben caer dentro del periodo del ejercicio (%(start)s a %(end)s)."
                ) % {
                    "start": date_format(exercise.start_date),
                    "end": date_format(exercise.end_date),
                }
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.objective_id and not self.plan_id:
            self.plan = self.objective.axis.plan
        super().save(*args, **kwargs)

    def validate_constraints(self, exclude=None):
        # The plan is never a form field (it follows the objective), yet the
        # per-plan unique code must still be checked before saving.
        if exclude and "code" not in exclude:
            exclude = set(exclude) - {"plan"}
        super().validate_constraints(exclude=exclude)
