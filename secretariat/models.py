import uuid
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Count, Prefetch, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from secretariat.validators import validate_image, validate_pdf, validate_upload_size

PDF_VALIDATORS = [validate_pdf, validate_upload_size]


def _rank(field, choices):
    """Sort key that follows the declaration order of a TextChoices, not the alphabet."""
    return Case(
        *(When(**{field: value}, then=Value(i)) for i, value in enumerate(choices.values)),
        default=Value(len(choices.values)),
    )


def _member_photo_path(instance, filename):
    # A random name: a photo the member has not agreed to publish must not be guessable.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    return f"secretariado/integrantes/{uuid.uuid4().hex}.{extension}"


class Sector(models.Model):
    """A part of society with a seat at the Secretariado (citizens, government, academia…)."""

    name = models.CharField(_("nombre"), max_length=100, unique=True)
    slug = models.SlugField(_("identificador"), max_length=100, unique=True)
    order = models.PositiveSmallIntegerField(
        _("orden"), default=0, help_text=_("Posición en la que aparece en la página pública.")
    )
    description = models.TextField(_("descripción"), blank=True)

    class Meta:
        verbose_name = _("sector")
        verbose_name_plural = _("sectores")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class MemberQuerySet(models.QuerySet):
    def current(self, today=None):
        today = today or timezone.localdate()
        return self.filter(Q(term_end__isnull=True) | Q(term_end__gte=today), is_active=True)

    def former(self, today=None):
        today = today or timezone.localdate()
        return self.filter(Q(is_active=False) | Q(term_end__lt=today))

    def in_display_order(self):
        """Grouped as on the public page: by kind, then sector, then role, then name."""
        return (
            self.select_related("sector")
            .annotate(kind_rank=_rank("kind", Member.Kind), role_rank=_rank("role", Member.Role))
            .order_by("kind_rank", "sector__order", "sector__name", "role_rank", "name")
        )


class Member(models.Model):
    """A person who sits, or sat, on the Secretariado Técnico."""

    class Kind(models.TextChoices):
        CITIZEN = "ciudadano", _("Ciudadano/a")
        PUBLIC_SERVANT = "servidor_publico", _("Persona servidora pública")
        PERMANENT_GUEST = "invitado_permanente", _("Invitado/a permanente")

    class Role(models.TextChoices):
        PRESIDENCY = "presidencia", _("Presidencia")
        TECHNICAL_SECRETARY = "secretaria_tecnica", _("Secretaría técnica")
        COORDINATOR = "coordinacion", _("Coordinación de mesa")
        MEMBER = "vocal", _("Vocal")
        ALTERNATE = "suplente", _("Suplente")
        GUEST = "invitado", _("Invitado/a con voz")

    KIND_GROUP_LABELS = {
        Kind.CITIZEN: _("Ciudadanía"),
        Kind.PUBLIC_SERVANT: _("Personas servidoras públicas"),
        Kind.PERMANENT_GUEST: _("Invitadas e invitados permanentes"),
    }

    name = models.CharField(_("nombre completo"), max_length=150)
    sector = models.ForeignKey(
        Sector, on_delete=models.PROTECT, related_name="members", verbose_name=_("sector")
    )
    kind = models.CharField(_("tipo de integrante"), max_length=30, choices=Kind.choices)
    role = models.CharField(
        _("cargo en el Secretariado"), max_length=30, choices=Role.choices, default=Role.MEMBER
    )
    organization = models.CharField(
        _("organismo o consejo de procedencia"),
        max_length=200,
        blank=True,
        help_text=_("Solo se publica si la persona lo autorizó."),
    )
    term_start = models.DateField(_("inicio del periodo"))
    term_end = models.DateField(
        _("fin del periodo"),
        null=True,
        blank=True,
        help_text=_("Déjalo vacío mientras la persona siga en funciones."),
    )
    is_active = models.BooleanField(
        _("en funciones"),
        default=True,
        help_text=_("Desmárcalo si la persona dejó el Secretariado; sigue en el registro."),
    )
    profile = models.TextField(
        _("semblanza"),
        blank=True,
        help_text=_("Texto breve para la página pública; solo se publica si lo autorizó."),
    )
    photo = models.ImageField(
        _("fotografía"),
        upload_to=_member_photo_path,
        blank=True,
        validators=[validate_image, validate_upload_size],
        help_text=_("JPG, PNG o WebP. Solo se publica si la persona lo autorizó."),
    )
    email = models.EmailField(
        _("correo electrónico"), blank=True, help_text=_("Dato privado: nunca se publica.")
    )
    phone = models.CharField(
        _("teléfono"), max_length=30, blank=True, help_text=_("Dato privado: nunca se publica.")
    )
    publish_profile = models.BooleanField(_("autoriza publicar su semblanza"), default=False)
    publish_photo = models.BooleanField(_("autoriza publicar su fotografía"), default=False)
    publish_organization = models.BooleanField(
        _("autoriza publicar su organismo de procedencia"), default=False
    )
    is_example = models.BooleanField(
        _("dato de ejemplo"),
        default=False,
        help_text=_("Marca los registros de demostración; el sitio los señala como ejemplo."),
    )

    objects = MemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("integrante")
        verbose_name_plural = _("integrantes")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.sector})"

    def clean(self):
        super().clean()
        if self.term_start and self.term_end and self.term_end < self.term_start:
            raise ValidationError(
                {
                    "term_end": _(
                        "El fin del periodo no puede ser anterior a su inicio (%(start)s)."
                    )
                    % {"start": date_format(self.term_start, "SHORT_DATE_FORMAT")}
                }
            )

    # Only what the member agreed to publish ever reaches a public template.
    @property
    def public_profile(self):
        return self.profile if self.publish_profile else ""

    @property
    def public_photo(self):
        return self.photo if self.publish_photo and self.photo else None

    @property
    def public_organization(self):
        return self.organization if self.publish_organization else ""

    @property
    def kind_group_label(self):
        return self.KIND_GROUP_LABELS[self.kind]


class Call(models.Model):
    """A public call (convocatoria) to join the Secretariado."""

    title = models.CharField(_("título"), max_length=250)
    slug = models.SlugField(_("identificador"), max_length=100, unique=True)
    published_on = models.DateField(_("fecha de publicación"))
    deadline = models.DateField(_("fecha límite"), null=True, blank=True)
    text = models.TextField(_("texto"), help_text=_("Resumen o texto íntegro de la convocatoria."))
    document = models.FileField(
        _("documento"),
        upload_to="secretariado/convocatorias/",
        blank=True,
        validators=PDF_VALIDATORS,
        help_text=_("La convocatoria firmada, en PDF."),
    )

    class Meta:
        verbose_name = _("convocatoria")
        verbose_name_plural = _("convocatorias")
        ordering = ["-published_on"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("secretariat:call", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.published_on and self.deadline and self.deadline < self.published_on:
            raise ValidationError(
                {"deadline": _("La fecha límite no puede ser anterior a la publicación.")}
            )


class SessionQuerySet(models.QuerySet):
    def held(self):
        return self.filter(is_held=True)

    def newest_first(self):
        # Explicit: Meta.ordering is dropped from GROUP BY queries such as the counts below.
        return self.order_by("-date", "-start_time")

    def with_agreement_counts(self):
        return self.annotate(agreement_count=Count("agreements"))

    def with_details(self):
        """Everything the session page shows, in a fixed number of queries."""
        return self.prefetch_related(
            "agenda_items",
            "agreements",
            Prefetch("attendance", queryset=Member.objects.in_display_order()),
        )


class Session(models.Model):
    """A meeting of the Secretariado: its installation, an ordinary or an extraordinary session."""

    class Kind(models.TextChoices):
        INSTALLATION = "instalacion", _("Instalación")
        ORDINARY = "ordinaria", _("Ordinaria")
        EXTRAORDINARY = "extraordinaria", _("Extraordinaria")

    kind = models.CharField(_("tipo de sesión"), max_length=20, choices=Kind.choices)
    number = models.PositiveSmallIntegerField(
        _("número"), default=1, help_text=_("Consecutivo dentro de su tipo y año: 1, 2, 3…")
    )
    date = models.DateField(_("fecha"))
    start_time = models.TimeField(_("hora de inicio"), null=True, blank=True)
    place = models.CharField(_("lugar"), max_length=200, blank=True)
    is_held = models.BooleanField(
        _("celebrada"), default=False, help_text=_("Márcala cuando la sesión ya se llevó a cabo.")
    )
    slug = models.SlugField(
        _("identificador"),
        max_length=100,
        unique=True,
        blank=True,
        help_text=_("Se genera solo, p. ej. 2a-sesion-ordinaria-2025."),
    )
    summary = models.TextField(_("resumen"), blank=True)
    minutes = models.FileField(
        _("acta"),
        upload_to="secretariado/actas/",
        blank=True,
        validators=PDF_VALIDATORS,
        help_text=_("El acta firmada, en PDF."),
    )
    attendance = models.ManyToManyField(
        Member,
        related_name="sessions_attended",
        blank=True,
        verbose_name=_("integrantes presentes"),
        help_text=_("Quiénes asistieron a la sesión."),
    )
    is_example = models.BooleanField(
        _("dato de ejemplo"),
        default=False,
        help_text=_("Marca los registros de demostración; el sitio los señala como ejemplo."),
    )

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("sesión")
        verbose_name_plural = _("sesiones")
        ordering = ["-date", "-start_time"]

    def __str__(self):
        return f"{self.title} ({date_format(self.date, 'SHORT_DATE_FORMAT')})"

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self.default_slug()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("secretariat:session", kwargs={"slug": self.slug})

    def clean(self, today=None):
        super().clean()
        today = today or timezone.localdate()
        if not self.date:
            return
        if self.is_held and self.date > today:
            raise ValidationError(
                {"is_held": _("Una sesión con fecha futura no puede marcarse como celebrada.")}
            )
        same = Session.objects.filter(
            kind=self.kind, number=self.number, date__year=self.date.year
        ).exclude(pk=self.pk)
        if same.exists():
            raise ValidationError(
                {
                    "number": _("Ya hay una %(title)s registrada en %(year)s.")
                    % {"title": self.title, "year": self.date.year}
                }
            )
        if not self.slug:
            self.slug = self.default_slug()

    def default_slug(self):
        return slugify(f"{self.title} {self.date.year}")

    @property
    def title(self):
        if self.kind == self.Kind.INSTALLATION:
            return str(_("Sesión de Instalación"))
        return str(_("%(number)sª Sesión %(kind)s")) % {
            "number": self.number,
            "kind": self.get_kind_display(),
        }

    @property
    def status_label(self):
        return _("Celebrada") if self.is_held else _("Programada")

    @property
    def status_tone(self):
        return "done" if self.is_held else "planned"

    @property
    def status_icon(self):
        return "check" if self.is_held else "ring"


class AgendaItem(models.Model):
    """A point on a session's agenda (orden del día)."""

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="agenda_items", verbose_name=_("sesión")
    )
    order = models.PositiveSmallIntegerField(_("orden"))
    title = models.CharField(_("punto"), max_length=250)
    description = models.TextField(_("descripción"), blank=True)

    class Meta:
        verbose_name = _("punto del orden del día")
        verbose_name_plural = _("orden del día")
        ordering = ["session", "order"]
        constraints = [
            models.UniqueConstraint(fields=["session", "order"], name="agenda_item_unique_order")
        ]

    def __str__(self):
        return f"{self.order}. {self.title}"


class Agreement(models.Model):
    """An agreement (acuerdo) taken in a session, followed up until it is fulfilled."""

    class Status(models.TextChoices):
        PENDING = "pendiente", _("Pendiente")
        IN_PROGRESS = "en_proceso", _("En proceso")
        FULFILLED = "cumplido", _("Cumplido")

    BADGES = {
        Status.PENDING: ("neutral", "ring"),
        Status.IN_PROGRESS: ("progress", "clock"),
        Status.FULFILLED: ("done", "check"),
    }

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="agreements", verbose_name=_("sesión")
    )
    code = models.CharField(
        _("clave"), max_length=40, unique=True, help_text=_("Por ejemplo STMGA-2025-02-03.")
    )
    text = models.TextField(_("acuerdo"))
    responsible = models.CharField(_("responsable"), max_length=250, blank=True)
    due_date = models.DateField(_("fecha compromiso"), null=True, blank=True)
    status = models.CharField(
        _("estado"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    follow_up = models.TextField(_("seguimiento"), blank=True)
    updated_on = models.DateField(
        _("actualizado el"),
        default=timezone.localdate,
        help_text=_("Fecha de la última revisión del estado y del seguimiento."),
    )

    class Meta:
        verbose_name = _("acuerdo")
        verbose_name_plural = _("acuerdos")
        ordering = ["session__date", "code"]

    def __str__(self):
        return self.code

    def clean(self):
        super().clean()
        session_date = self.session.date if self.session_id else None
        if session_date and self.due_date and self.due_date < session_date:
            raise ValidationError(
                {
                    "due_date": _(
                        "La fecha compromiso no puede ser anterior a la sesión (%(date)s)."
                    )
                    % {"date": date_format(session_date, "SHORT_DATE_FORMAT")}
                }
            )

    @property
    def status_tone(self):
        return self.BADGES[self.status][0]

    @property
    def status_icon(self):
        return self.BADGES[self.status][1]


class RouteMilestoneQuerySet(models.QuerySet):
    def in_route_order(self):
        return self.select_related("session", "call").order_by("order", "start_date")

    def done(self):
        return self.filter(status=RouteMilestone.Status.DONE)

    def planned(self):
        return self.filter(status=RouteMilestone.Status.PLANNED)

    def upcoming(self, today=None):
        """What comes next: milestones not yet done that start from today on, soonest first."""
        today = today or timezone.localdate()
        return (
            self.exclude(status=RouteMilestone.Status.DONE)
            .filter(Q(start_date__gte=today) | Q(status=RouteMilestone.Status.PLANNED))
            .select_related("session", "call")
            .order_by("start_date", "order")
        )

    def as_of(self, today=None, upcoming=3):
        """The route as the public timeline shows it on `today`."""
        today = today or timezone.localdate()
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
        today = today or timezone.localdate()
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
