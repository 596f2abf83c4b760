from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from commitments.semaforo import ProgressSource, Thresholds
from core import clock
from core.translated import ENGLISH_HELP
from core.validators import validate_document, validate_upload_size


class Exercise(models.Model):
    """A municipal open-government exercise (León 2025-2027 is the third)."""

    class Status(models.TextChoices):
        PREPARATION = "preparacion", _("En preparación")
        IMPLEMENTATION = "implementacion", _("En implementación")
        CLOSED = "concluido", _("Concluido")

    number = models.PositiveSmallIntegerField(_("número"), unique=True)
    name = models.CharField(_("nombre"), max_length=200)
    start_date = models.DateField(_("inicio del periodo"))
    end_date = models.DateField(_("fin del periodo"))
    status = models.CharField(
        _("estado"), max_length=20, choices=Status.choices, default=Status.PREPARATION
    )

    class Meta:
        ordering = ["-number"]
        verbose_name = _("ejercicio")
        verbose_name_plural = _("ejercicios")

    def __str__(self):
        return self.name

    @property
    def ordinal_name(self):
        """«Tercer ejercicio»: the exercise without its years, which the plan's title has."""
        ordinals = [
            _("Primer ejercicio"),
            _("Segundo ejercicio"),
            _("Tercer ejercicio"),
            _("Cuarto ejercicio"),
            _("Quinto ejercicio"),
            _("Sexto ejercicio"),
            _("Séptimo ejercicio"),
            _("Octavo ejercicio"),
            _("Noveno ejercicio"),
            _("Décimo ejercicio"),
        ]
        if 1 <= self.number <= len(ordinals):
            return ordinals[self.number - 1]
        return _("Ejercicio %(number)s") % {"number": self.number}

    @property
    def period(self):
        return f"{self.start_date.year}-{self.end_date.year}"

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {"end_date": _("El fin del periodo no puede ser anterior a su inicio.")}
            )


class ActionPlanQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def current(self):
        """The published plan of the most recent exercise."""
        return (
            self.published().select_related("exercise").order_by("-exercise__number", "-id").first()
        )


class ActionPlan(models.Model):
    """The Plan de Acción Municipal de Gobierno Abierto of one exercise."""

    exercise = models.ForeignKey(
        Exercise, on_delete=models.PROTECT, related_name="plans", verbose_name=_("ejercicio")
    )
    title = models.CharField(_("título"), max_length=250)
    title_en = models.CharField(
        _("título en inglés"), max_length=250, blank=True, help_text=ENGLISH_HELP
    )
    slug = models.SlugField(_("identificador en la URL"), unique=True)
    version = models.CharField(_("versión"), max_length=20, default="1.0")
    approved_on = models.DateField(_("fecha de aprobación"), null=True, blank=True)
    approved_at_session = models.ForeignKey(
        "secretariat.Session",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="approved_plans",
        verbose_name=_("sesión que lo aprobó"),
    )
    document_url = models.URLField(_("enlace al documento publicado"), blank=True)
    document_file = models.FileField(
        _("documento del plan aprobado"),
        upload_to="planes/",
        blank=True,
        validators=[validate_document, validate_upload_size],
    )
    summary = models.TextField(_("resumen"), blank=True)
    summary_en = models.TextField(_("resumen en inglés"), blank=True, help_text=ENGLISH_HELP)
    is_published = models.BooleanField(
        _("publicado"),
        default=False,
        editable=False,
        help_text=_("Se cambia publicando o retirando el plan; queda en su historial."),
    )
    green_max_gap = models.PositiveSmallIntegerField(
        _("brecha máxima en verde (puntos)"),
        default=Thresholds.green_max_gap,
        help_text=_("Puntos porcentuales por debajo de lo esperado que aún cuentan «en tiempo»."),
    )
    yellow_max_gap = models.PositiveSmallIntegerField(
        _("brecha máxima en amarillo (puntos)"),
        default=Thresholds.yellow_max_gap,
        help_text=_("Más allá de esta brecha el compromiso aparece «atrasado»."),
    )
    default_progress_source = models.CharField(
        _("fuente de avance por omisión"),
        max_length=20,
        choices=ProgressSource.choices,
        default=ProgressSource.INDICATORS,
    )
    closing_report_days = models.PositiveSmallIntegerField(
        _("plazo del informe de cierre (días)"),
        default=30,
        help_text=_("Días para entregar el informe de cierre después de completar un compromiso."),
    )

    objects = ActionPlanQuerySet.as_manager()

    class Meta:
        ordering = ["-exercise__number", "-id"]
        verbose_name = _("plan de acción")
        verbose_name_plural = _("planes de acción")

    def __str__(self):
        return self.title

    @property
    def thresholds(self):
        return Thresholds(green_max_gap=self.green_max_gap, yellow_max_gap=self.yellow_max_gap)

    def last_day(self):
        """The last day anything is reported for it: its exercise's end, or its last round's
        deadline when that falls later (the last round is delivered after the period ends)."""
        deadlines = self.rounds.aggregate(last=models.Max("deadline"))["last"]
        return max(filter(None, (self.exercise.end_date, deadlines)))

    def is_closed(self, today=None):
        return (today or clock.today()) > self.last_day()

    def clean(self):
        gaps = (self.green_max_gap, self.yellow_max_gap)
        if None not in gaps and self.yellow_max_gap < self.green_max_gap:
            raise ValidationError(
                {
                    "yellow_max_gap": _(
                        "La brecha en amarillo debe ser mayor o igual que la brecha en verde."
                    )
                }
            )
        if self.approved_on and self.approved_on > clock.today():
            raise ValidationError(
                {"approved_on": _("La fecha de aprobación no puede estar en el futuro.")}
            )


class Pillar(models.Model):
    """One of the five pillars of open government the plan serves."""

    name = models.CharField(_("nombre"), max_length=120, unique=True)
    name_en = models.CharField(
        _("nombre en inglés"), max_length=120, blank=True, help_text=ENGLISH_HELP
    )
    slug = models.SlugField(_("identificador en la URL"), unique=True)
    summary = models.TextField(_("explicación breve"))
    summary_en = models.TextField(
        _("explicación breve en inglés"), blank=True, help_text=ENGLISH_HELP
    )
    order = models.PositiveSmallIntegerField(_("orden"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("pilar")
        verbose_name_plural = _("pilares")

    def __str__(self):
        return self.name


class Axis(models.Model):
    """An axis or tool of the plan (Datos Abiertos, Presupuesto Participativo, …)."""

    plan = models.ForeignKey(
        ActionPlan, on_delete=models.CASCADE, related_name="axes", verbose_name=_("plan")
    )
    name = models.CharField(_("nombre"), max_length=150)
    name_en = models.CharField(
        _("nombre en inglés"), max_length=150, blank=True, help_text=ENGLISH_HELP
    )
    slug = models.SlugField(_("identificador en la URL"), unique=True)
    description = models.TextField(_("descripción"), blank=True)
    description_en = models.TextField(
        _("descripción en inglés"), blank=True, help_text=ENGLISH_HELP
    )
    order = models.PositiveSmallIntegerField(_("orden"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("eje")
        verbose_name_plural = _("ejes")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "name"],
                name="axis_unique_name_per_plan",
                violation_error_message=_("Ya existe un eje con ese nombre en este plan."),
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("axis", args=[self.slug])


class Objective(models.Model):
    """An objective of the plan, under one axis."""

    axis = models.ForeignKey(
        Axis, on_delete=models.CASCADE, related_name="objectives", verbose_name=_("eje")
    )
    code = models.CharField(_("clave"), max_length=20, blank=True)
    title = models.CharField(_("objetivo"), max_length=400)
    title_en = models.CharField(
        _("objetivo en inglés"), max_length=400, blank=True, help_text=ENGLISH_HELP
    )
    description = models.TextField(_("descripción"), blank=True)
    description_en = models.TextField(
        _("descripción en inglés"), blank=True, help_text=ENGLISH_HELP
    )
    order = models.PositiveSmallIntegerField(_("orden"), default=0)

    class Meta:
        ordering = ["axis__order", "order", "id"]
        verbose_name = _("objetivo")
        verbose_name_plural = _("objetivos")

    def __str__(self):
        return f"{self.code} {self.title}".strip()


class ResponsibleUnit(models.Model):
    """A municipal unit (dependencia o entidad) responsible for commitments."""

    name = models.CharField(_("nombre"), max_length=250, unique=True)
    name_en = models.CharField(
        _("nombre en inglés"), max_length=250, blank=True, help_text=ENGLISH_HELP
    )
    acronym = models.CharField(_("siglas"), max_length=30, blank=True)
    slug = models.SlugField(_("identificador en la URL"), unique=True)
    website = models.URLField(_("sitio web"), blank=True)
    office_email = models.EmailField(
        _("correo institucional"), blank=True, help_text=_("De la oficina, no de una persona.")
    )
    office_phone = models.CharField(_("teléfono de la oficina"), max_length=60, blank=True)
    office_address = models.CharField(_("domicilio de la oficina"), max_length=300, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("dependencia responsable")
        verbose_name_plural = _("dependencias responsables")

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def get_absolute_url(self):
        return reverse("unit", args=[self.slug])


class Organization(models.Model):
    """A civil-society, academic or private organisation that co-owns commitments."""

    class Kind(models.TextChoices):
        CIVIL_SOCIETY = "sociedad_civil", _("Organización de la sociedad civil")
        ACADEMIA = "academia", _("Institución académica")
        PRIVATE = "privado", _("Sector privado")
        COUNCIL = "consejo", _("Consejo ciudadano")
        SECRETARIAT_MEMBER = "integrante", _("Integrante del Secretariado")

    name = models.CharField(_("nombre"), max_length=250, unique=True)
    slug = models.SlugField(_("identificador en la URL"), unique=True)
    kind = models.CharField(_("tipo"), max_length=20, choices=Kind.choices)
    member = models.ForeignKey(
        "secretariat.Member",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organizations",
        verbose_name=_("integrante del Secretariado"),
        help_text=_("Si la parte es una persona integrante del Secretariado."),
    )
    website = models.URLField(_("sitio web"), blank=True)
    description = models.TextField(_("descripción"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organización")
        verbose_name_plural = _("organizaciones")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organization", args=[self.slug])
