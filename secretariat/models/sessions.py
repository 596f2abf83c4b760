from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Prefetch
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from core import clock
from core.validators import validate_pdf, validate_upload_size
from secretariat.models.members import Member
from secretariat.quorum import Quorum

PDF_VALIDATORS = [validate_pdf, validate_upload_size]


class Call(models.Model):
    """A public call (convocatoria) to join the Secretariado."""

    title = models.CharField(_("título"), max_length=250)
    slug = models.SlugField(_("identificador"), max_length=100, unique=True)
    published_on = models.DateField(_("fecha de publicación"))
    deadline = models.DateField(_("fecha límite"), null=True, blank=True)
    text = models.TextField(_("texto"), help_text=_("Resumen o texto íntegro de la convocatoria."))
    requirements = models.TextField(
        _("requisitos"),
        blank=True,
        help_text=_("Quién puede participar y qué documentos entrega; un requisito por línea."),
    )
    document = models.FileField(
        _("documento"),
        upload_to="secretariado/convocatorias/",
        blank=True,
        validators=PDF_VALIDATORS,
        help_text=_("La convocatoria firmada, en PDF."),
    )
    outcome = models.TextField(
        _("resultado"),
        blank=True,
        help_text=_(
            "Qué salió de la convocatoria. Quiénes se integraron se toma de cada integrante "
            "(campo «llegó por la convocatoria»)."
        ),
    )
    is_example = models.BooleanField(
        _("dato de ejemplo"),
        default=False,
        help_text=_("Marca los registros de demostración; el sitio los señala como ejemplo."),
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

    @property
    def requirement_list(self):
        return [line.strip() for line in self.requirements.splitlines() if line.strip()]

    def is_open_on(self, day):
        return self.published_on <= day and (self.deadline is None or self.deadline >= day)


class SessionQuerySet(models.QuerySet):
    def newest_first(self):
        # Explicit: Meta.ordering is dropped from GROUP BY queries such as the counts below.
        return self.order_by("-date", "-start_time")

    def with_agreement_counts(self):
        return self.annotate(agreement_count=Count("agreements"))

    def with_details(self):
        """The agenda and attendance a session's page shows (its agreements come from
        `secretariat.reader`, as of the day shown)."""
        return self.prefetch_related(
            "agenda_items", Prefetch("attendance", queryset=Member.objects.in_display_order())
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
        _("acta firmada"),
        upload_to="secretariado/actas/",
        blank=True,
        validators=PDF_VALIDATORS,
        help_text=_("El acta firmada, escaneada en PDF."),
    )
    published_at = models.DateTimeField(
        _("anunciada el"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Lo registra el sistema al guardarla por primera vez."),
    )
    held_published_at = models.DateTimeField(
        _("celebrada, publicado el"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Lo registra el sistema al marcarla como celebrada."),
    )
    minutes_published_at = models.DateTimeField(
        _("acta firmada publicada el"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Lo registra el sistema al subir el acta firmada."),
    )
    attendance = models.ManyToManyField(
        Member,
        related_name="sessions_attended",
        blank=True,
        verbose_name=_("integrantes presentes"),
        help_text=_("Quiénes asistieron. Solo aparece quien estaba en funciones en la fecha."),
    )
    held_without_quorum_note = models.TextField(
        _("motivo para sesionar sin quórum"),
        blank=True,
        help_text=_(
            "Obligatorio si la sesión se marca como celebrada sin quórum; se publica en "
            "la página de la sesión."
        ),
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
        return f"{self.title} ({self.short_date})"

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self.default_slug()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("secretariat:session", kwargs={"slug": self.slug})

    # The admin form and services set this to the attendance about to be saved, so that
    # `clean()` judges it rather than what is stored (many-to-many rows are saved last).
    attendance_to_save = None

    def clean(self, today=None):
        super().clean()
        today = today or clock.today()
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
        self.clean_attendance(self.attendance_to_check())
        if not self.slug:
            self.slug = self.default_slug()

    def attendance_to_check(self):
        if self.attendance_to_save is not None:
            return list(self.attendance_to_save)
        return list(self.attendance.all()) if self.pk else []

    def clean_attendance(self, attendance):
        """Only members in office on the date attend; a held session has quorum or says why."""
        outside = [member.name for member in attendance if not member.in_office_on(self.date)]
        if outside:
            raise ValidationError(
                {
                    "attendance": _(
                        "No estaban en funciones el %(date)s: %(names)s. Quítalas de la "
                        "asistencia o revisa su periodo."
                    )
                    % {"date": self.short_date, "names": ", ".join(outside)}
                }
            )
        quorum = self.quorum(attendance)
        if self.is_held and not quorum.is_met and not self.held_without_quorum_note.strip():
            raise ValidationError(
                {
                    "held_without_quorum_note": _(
                        "Sin quórum: asistieron %(present)s de %(in_office)s integrantes con "
                        "voto y se necesitan %(needed)s. Explica por qué se sesionó así o "
                        "corrige la asistencia."
                    )
                    % {
                        "present": quorum.present,
                        "in_office": quorum.in_office,
                        "needed": quorum.needed,
                    }
                }
            )

    def quorum(self, attendance=None):
        """The quorum of this session; `attendance` defaults to the stored (prefetched) one."""
        if attendance is None:
            attendance = self.attendance.all()
        in_office = Member.objects.in_office(self.date).with_vote().count()
        present = sum(
            1 for member in attendance if member.has_vote and member.in_office_on(self.date)
        )
        return Quorum(in_office=in_office, present=present)

    @property
    def short_date(self):
        return date_format(self.date, "SHORT_DATE_FORMAT")

    def default_slug(self):
        # The address stays the Spanish one whatever language the admin is read in.
        with translation.override(settings.LANGUAGE_CODE):
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


class AgreementQuerySet(models.QuerySet):
    def in_list_order(self):
        return self.select_related("session", "responsible_unit").order_by("-session__date", "code")


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
    responsible_unit = models.ForeignKey(
        "commitments.ResponsibleUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agreements",
        verbose_name=_("dependencia responsable"),
        help_text=_(
            "Si responde una dependencia del plan: su enlace reporta el seguimiento y su "
            "página queda enlazada."
        ),
    )
    responsible = models.CharField(
        _("otro responsable"),
        max_length=250,
        blank=True,
        help_text=_("Si responde otro órgano o persona (no una dependencia del plan)."),
    )
    due_date = models.DateField(_("fecha compromiso"), null=True, blank=True)
    published_at = models.DateTimeField(
        _("hecho público el"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Lo registra el sistema al guardarlo por primera vez."),
    )
    commitments = models.ManyToManyField(
        "commitments.Commitment",
        related_name="agreements",
        blank=True,
        verbose_name=_("compromisos relacionados"),
        help_text=_("Los compromisos del plan a los que se refiere; su página lo mostrará."),
    )

    objects = AgreementQuerySet.as_manager()

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
        if self.responsible_unit_id and self.responsible.strip():
            raise ValidationError(
                {
                    "responsible": _(
                        "Indica una dependencia del plan o el nombre de otro responsable, no ambos."
                    )
                }
            )

    @property
    def responsible_name(self):
        return self.responsible_unit.name if self.responsible_unit_id else self.responsible
