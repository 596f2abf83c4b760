"""Public facts are dated, append-only rows.

A fact has two dates: the day it refers to (a field of each model) and `published_at`, the
moment it became public, stamped by `commitments.services` and never typed. A published row
is never edited: a correction is a new row that `supersedes` it, with a public reason, and a
withdrawal is such a row marked `is_withdrawal`. `public_at(day)` is what the public could
see at the end of that day.
"""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from commitments.content import VersionContent
from core import clock


class FactStatus(models.TextChoices):
    DRAFT = "borrador", _("Borrador")
    SUBMITTED = "enviado", _("Enviado a revisión")
    RETURNED = "devuelto", _("Devuelto")
    PUBLISHED = "publicado", _("Publicado")


class PublicFactQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=FactStatus.PUBLISHED, published_at__isnull=False)

    def public_at(self, day):
        """Rows public at the end of `day`: published by then, not superseded by then."""
        end = clock.end_of(day)
        newer = self.model._default_manager.filter(supersedes=OuterRef("pk"), published_at__lt=end)
        return self.filter(
            status=FactStatus.PUBLISHED, published_at__lt=end, is_withdrawal=False
        ).exclude(Exists(newer))

    def drafts(self):
        return self.exclude(status=FactStatus.PUBLISHED)


class PublicFact(models.Model):
    status = models.CharField(
        _("estado de publicación"),
        max_length=20,
        choices=FactStatus.choices,
        default=FactStatus.DRAFT,
        editable=False,
    )
    published_at = models.DateTimeField(
        _("hecho público el"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Lo registra el sistema al publicar; no se puede escribir ni cambiar."),
    )
    supersedes = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="corrections",
        verbose_name=_("corrige a"),
    )
    is_withdrawal = models.BooleanField(_("retiro"), default=False, editable=False)
    superseded = models.BooleanField(
        _("sustituido"),
        default=False,
        editable=False,
        help_text=_("Lo marca el sistema al publicar la corrección o el retiro que lo sustituye."),
    )
    correction_reason = models.TextField(
        _("motivo público de la corrección"), blank=True, editable=False
    )
    review_comment = models.TextField(_("comentario de revisión"), blank=True, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("registrado por"),
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("publicado por"),
    )
    recorded_at = models.DateTimeField(_("registrado el"), default=clock.now, editable=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("enviado a revisión por"),
    )
    submitted_at = models.DateTimeField(
        _("enviado a revisión el"), null=True, blank=True, editable=False
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("revisado por"),
    )
    reviewed_at = models.DateTimeField(_("revisado el"), null=True, blank=True, editable=False)

    objects = PublicFactQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_public(self):
        return self.status == FactStatus.PUBLISHED and self.published_at is not None

    def changes_public_record(self):
        """Writing it changes what is public only once it is published: a draft, a
        submission or a return for review is staff work
        (see `core.content_version.changes_public`)."""
        return self.status == FactStatus.PUBLISHED

    @property
    def published_on(self):
        """The local day it became public."""
        from django.utils import timezone

        return timezone.localdate(self.published_at) if self.published_at else None


# A live fact: the one in force now, draft or public (not replaced, not a withdrawal).
LIVE = Q(superseded=False, is_withdrawal=False)


def one_correction_each(name):
    """At most one row supersedes a fact: corrections form a line, never a fork."""
    return models.UniqueConstraint(
        fields=["supersedes"],
        condition=Q(supersedes__isnull=False),
        name=f"{name}_one_correction",
        violation_error_message=_("Ya tiene una corrección: corrige la más reciente."),
    )


def one_live(name, *fields, message, among=None):
    """At most one live fact for `fields` (e.g. an indicator and a day), `among` some rows."""
    return models.UniqueConstraint(
        fields=list(fields),
        condition=LIVE & among if among is not None else LIVE,
        name=f"{name}_one_live",
        violation_error_message=message,
    )


class Publication(models.Model):
    """A plan or a commitment was made public, or withdrawn from the public site."""

    plan = models.ForeignKey(
        "commitments.ActionPlan",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="publications",
        verbose_name=_("plan"),
    )
    commitment = models.ForeignKey(
        "commitments.Commitment",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="publications",
        verbose_name=_("compromiso"),
    )
    is_published = models.BooleanField(_("publicado"))
    at = models.DateTimeField(_("momento"), default=clock.now, editable=False)
    reason = models.TextField(_("motivo público"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("publicación")
        verbose_name_plural = _("publicaciones")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(plan__isnull=False, commitment__isnull=True)
                    | models.Q(plan__isnull=True, commitment__isnull=False)
                ),
                name="publication_one_target",
            )
        ]

    def __str__(self):
        target = self.plan or self.commitment
        verb = _("publicado") if self.is_published else _("retirado")
        return f"{target} · {verb}"


class CommitmentVersion(models.Model):
    """One public version of a commitment's matrix row: texts, dates, parties, indicators
    and milestones with their weights. Version 1 is the approved original and never changes.
    """

    commitment = models.ForeignKey(
        "commitments.Commitment",
        on_delete=models.CASCADE,
        related_name="versions",
        verbose_name=_("compromiso"),
    )
    number = models.PositiveIntegerField(_("versión"))
    effective_on = models.DateField(_("vigente desde"))
    published_at = models.DateTimeField(_("hecho público el"), editable=False)
    reason = models.TextField(_("motivo público del cambio"), blank=True)
    modification = models.OneToOneField(
        "commitments.Modification",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="version",
        verbose_name=_("modificación aprobada"),
    )
    data = models.JSONField(_("contenido"), editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        ordering = ["commitment", "number"]
        verbose_name = _("versión de compromiso")
        verbose_name_plural = _("versiones de compromiso")
        constraints = [
            models.UniqueConstraint(
                fields=["commitment", "number"], name="commitment_version_unique_number"
            )
        ]

    def __str__(self):
        return f"{self.commitment.code} v{self.number}"

    @property
    def content(self):
        """`data` typed (read afresh on each access: `data` may be replaced)."""
        return VersionContent.from_json(self.data)
