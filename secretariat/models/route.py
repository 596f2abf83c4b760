from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core import clock
from secretariat.models.sessions import Call, Session


class RouteMilestoneQuerySet(models.QuerySet):
    def in_route_order(self):
        return self.select_related("session", "call").order_by("order", "start_date")

    def done(self):
        return self.filter(status=RouteMilestone.Status.DONE)

    def planned(self):
        return self.filter(status=RouteMilestone.Status.PLANNED)

    def upcoming(self, today=None):
        """What comes next: milestones not yet done that start from today on, soonest first."""
        today = today or clock.today()
        return (
            self.exclude(status=RouteMilestone.Status.DONE)
            .filter(Q(start_date__gte=today) | Q(status=RouteMilestone.Status.PLANNED))
            .select_related("session", "call")
            .order_by("start_date", "order")
        )

    def as_of(self, today=None, upcoming=3):
        """The route as the public timeline shows it on `today`."""
        today = today or clock.today()
        steps = list(self.in_route_order())
        current_pk = self.current(today).values_list("pk", flat=True).first()
        return Route(
            today=today,
            steps=steps,
            current=next((step for step in steps if step.pk == current_pk), None),
            next_step=next((step for step in steps if step.start_date > today), None),
            upcoming=list(self.upcoming(today)[:upcoming]),
        )

    def current(self, today=None):
        """Milestones under way on `today`, the most recently started first."""
        today = today or clock.today()
        in_progress = RouteMilestone.Status.IN_PROGRESS
        spans_today = Q(start_date__lte=today) & (
            Q(end_date__gte=today) | Q(end_date__isnull=True, start_date=today)
        )
        return (
            self.exclude(status=RouteMilestone.Status.DONE)
            .filter(spans_today | Q(status=in_progress, start_date__lte=today))
            .order_by("-start_date", "-order")
        )


@dataclass(frozen=True)
class Route:
    """The route on a given day: its steps, the one under way and what comes next."""

    today: date
    steps: list
    current: "RouteMilestone | None"
    # The first step that starts after today: the "Hoy" marker goes just before it.
    next_step: "RouteMilestone | None"
    upcoming: list

    @property
    def done_count(self):
        return sum(step.status == RouteMilestone.Status.DONE for step in self.steps)

    @property
    def has_examples(self):
        return any(step.is_example for step in self.steps)


class RouteMilestone(models.Model):
    """A stage of the methodological route, from the call to the final evaluation."""

    class Stage(models.TextChoices):
        CALL = "convocatoria", _("Convocatoria")
        DECLARATION = "declaratoria", _("Declaratoria")
        INSTALLATION = "instalacion", _("Instalación")
        TRAINING = "sensibilizacion", _("Sensibilización y capacitación")
        SURVEY = "encuesta", _("Encuesta de diagnóstico")
        COCREATION = "cocreacion", _("Mesas de cocreación")
        RESULTS = "informe", _("Informe de resultados")
        APPROVAL = "aprobacion", _("Aprobación del plan")
        IMPLEMENTATION = "implementacion", _("Implementación")
        FOLLOW_UP = "seguimiento", _("Seguimiento")
        EVALUATION = "evaluacion", _("Evaluación")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Programada")
        IN_PROGRESS = "in_progress", _("En curso")
        DONE = "done", _("Concluida")

    BADGES = {
        Status.PLANNED: ("planned", "ring"),
        Status.IN_PROGRESS: ("progress", "clock"),
        Status.DONE: ("done", "check"),
    }

    order = models.PositiveSmallIntegerField(_("orden"))
    title = models.CharField(_("título"), max_length=250)
    stage = models.CharField(_("etapa"), max_length=20, choices=Stage.choices)
    start_date = models.DateField(_("fecha de inicio"))
    end_date = models.DateField(
        _("fecha de término"), null=True, blank=True, help_text=_("Vacía si dura un solo día.")
    )
    status = models.CharField(
        _("estado"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    description = models.TextField(_("descripción"), blank=True)
    document_url = models.URLField(_("enlace a documento"), blank=True)
    survey_url = models.URLField(_("enlace a encuesta"), blank=True)
    session = models.ForeignKey(
        Session,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="route_milestones",
        verbose_name=_("sesión relacionada"),
    )
    call = models.ForeignKey(
        Call,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="route_milestones",
        verbose_name=_("convocatoria relacionada"),
    )
    is_example = models.BooleanField(
        _("dato de ejemplo"),
        default=False,
        help_text=_("Marca los registros de demostración; el sitio los señala como ejemplo."),
    )

    objects = RouteMilestoneQuerySet.as_manager()

    class Meta:
        verbose_name = _("etapa de la ruta")
        verbose_name_plural = _("etapas de la ruta")
        ordering = ["order", "start_date"]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {"end_date": _("La fecha de término no puede ser anterior a la de inicio.")}
            )

    @property
    def last_day(self) -> date:
        return self.end_date or self.start_date

    @property
    def is_single_day(self):
        return self.last_day == self.start_date

    @property
    def status_tone(self):
        return self.BADGES[self.status][0]

    @property
    def status_icon(self):
        return self.BADGES[self.status][1]
