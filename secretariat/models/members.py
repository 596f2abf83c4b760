import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Q, Value, When
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from core import clock
from core.validators import validate_image, validate_upload_size


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
        today = today or clock.today()
        return self.filter(Q(term_end__isnull=True) | Q(term_end__gte=today), is_active=True)

    def former(self, today=None):
        today = today or clock.today()
        return self.filter(Q(is_active=False) | Q(term_end__lt=today))

    def in_office(self, day):
        """Members whose term covers `day` (see `Member.in_office_on`, the same rule)."""
        return self.filter(Q(term_end__isnull=True) | Q(term_end__gte=day), term_start__lte=day)

    def with_vote(self):
        """Members who vote (see `Member.has_vote`, the same rule)."""
        return self.exclude(kind=Member.Kind.PERMANENT_GUEST).exclude(role__in=Member.NO_VOTE_ROLES)

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

    # Civil society's members: they sign off the government's progress reports.
    CIVIL_SOCIETY = (Kind.CITIZEN, Kind.PERMANENT_GUEST)
    # Guests speak but do not vote; an alternate votes only in place of an absent member.
    NO_VOTE_ROLES = (Role.GUEST, Role.ALTERNATE)

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
    joined_through_call = models.ForeignKey(
        "secretariat.Call",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members_joined",
        verbose_name=_("llegó por la convocatoria"),
        help_text=_("La convocatoria por la que se integró, si fue el caso."),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="secretariat_member",
        verbose_name=_("cuenta para firmar"),
        help_text=_(
            "La cuenta con la que la persona firma, en su nombre, su opinión de cada informe "
            "de avance (solo ciudadanía e invitados permanentes)."
        ),
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
        if not self.is_active and not self.term_end:
            # Without the date, the sessions held before the person left could not count them.
            raise ValidationError(
                {"term_end": _("Si la persona ya no está en funciones, indica cuándo terminó.")}
            )

    def in_office_on(self, day):
        return self.term_start <= day and (self.term_end is None or self.term_end >= day)

    @property
    def has_vote(self):
        return self.kind != self.Kind.PERMANENT_GUEST and self.role not in self.NO_VOTE_ROLES

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
