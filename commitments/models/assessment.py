from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .commitment import Commitment
from .facts import PublicFact, PublicFactQuerySet, one_correction_each
from .indicators import EvidenceFields


class AssessmentQuerySet(PublicFactQuerySet):
    def latest_per_commitment(self):
        """The most recent of these assessments for each commitment."""
        latest = {}
        for assessment in self.order_by("commitment_id", "-assessed_on", "-id"):
            latest.setdefault(assessment.commitment_id, assessment)
        return list(latest.values())

    def summary(self):
        """How the assessed commitments rate, counting each one's latest assessment."""
        latest = self.latest_per_commitment()
        by_completion = dict.fromkeys(Assessment.Completion, 0)
        for assessment in latest:
            by_completion[assessment.completion] += 1
        return {
            "assessed": len(latest),
            "verifiable": sum(a.verifiable for a in latest),
            "relevant": sum(a.is_relevant for a in latest),
            "substantial_potential": sum(
                a.potential == Assessment.Potential.SUBSTANTIAL for a in latest
            ),
            "starred": sum(a.is_starred for a in latest),
            "by_completion": by_completion,
        }


class Assessment(PublicFact):
    """An independent assessment of a commitment (like OGP's IRM), apart from self-reporting."""

    class Potential(models.TextChoices):
        UNCLEAR = "incierto", _("Incierto")
        MODEST = "modesto", _("Modesto")
        SUBSTANTIAL = "sustancial", _("Sustancial")

    class Completion(models.TextChoices):
        NO_EVIDENCE = "sin_evidencia", _("Sin evidencia suficiente")
        NOT_STARTED = "no_iniciado", _("No iniciado")
        LIMITED = "limitado", _("Limitado")
        SUBSTANTIAL = "sustancial", _("Sustancial")
        COMPLETE = "completo", _("Completo")

    class EarlyResults(models.TextChoices):
        WORSENED = "empeoro", _("Empeoró")
        NO_CHANGE = "no_cambio", _("No cambió")
        MARGINAL = "marginal", _("Marginal")
        MAJOR = "significativo", _("Significativo")
        OUTSTANDING = "sobresaliente", _("Sobresaliente")

    commitment = models.ForeignKey(
        Commitment,
        on_delete=models.CASCADE,
        related_name="assessments",
        verbose_name=_("compromiso"),
    )
    assessed_on = models.DateField(_("fecha de la valoración"))
    assessor = models.CharField(
        _("quién valora"),
        max_length=250,
        help_text=_("El Secretariado o el órgano de monitoreo independiente."),
    )
    verifiable = models.BooleanField(_("verificable"))
    verifiable_justification = models.TextField(_("justificación (verificable)"))
    relevance_access_to_information = models.BooleanField(
        _("relevante para el acceso a la información"), default=False
    )
    relevance_civic_participation = models.BooleanField(
        _("relevante para la participación cívica"), default=False
    )
    relevance_public_accountability = models.BooleanField(
        _("relevante para la rendición de cuentas"), default=False
    )
    relevance_technology_innovation = models.BooleanField(
        _("relevante para tecnología e innovación"), default=False
    )
    relevance_justification = models.TextField(_("justificación (relevancia)"))
    potential = models.CharField(_("potencial de resultados"), max_length=20, choices=Potential)
    potential_justification = models.TextField(_("justificación (potencial)"))
    completion = models.CharField(_("cumplimiento"), max_length=20, choices=Completion)
    completion_justification = models.TextField(_("justificación (cumplimiento)"))
    early_results = models.CharField(
        _("¿Abrió el gobierno?"), max_length=20, choices=EarlyResults, blank=True
    )
    early_results_justification = models.TextField(
        _("justificación (¿Abrió el gobierno?)"), blank=True
    )

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["commitment", "-assessed_on", "-id"]
        get_latest_by = "assessed_on"
        verbose_name = _("valoración independiente")
        constraints = [one_correction_each("assessment")]
        verbose_name_plural = _("valoraciones independientes")

    def __str__(self):
        return f"{self.commitment.code} · {date_format(self.assessed_on, 'SHORT_DATE_FORMAT')}"

    @property
    def relevance_values(self):
        return [self._meta.get_field(f).verbose_name for f in RELEVANCE if getattr(self, f)]

    @property
    def is_relevant(self):
        return bool(self.relevance_values)

    @property
    def is_starred(self):
        return self.starred(
            verifiable=self.verifiable,
            relevant=self.is_relevant,
            potential=self.potential,
            completion=self.completion,
        )

    @classmethod
    def starred(cls, *, verifiable, relevant, potential, completion):
        """Destacado: verifiable, relevant, substantial potential and substantially done."""
        return bool(
            verifiable
            and relevant
            and potential == cls.Potential.SUBSTANTIAL
            and completion in (cls.Completion.SUBSTANTIAL, cls.Completion.COMPLETE)
        )


RELEVANCE = (
    "relevance_access_to_information",
    "relevance_civic_participation",
    "relevance_public_accountability",
    "relevance_technology_innovation",
)


class ClosingReport(PublicFact, EvidenceFields):
    """The end-of-commitment report: results, evidence and lessons learned."""

    commitment = models.ForeignKey(
        Commitment,
        on_delete=models.CASCADE,
        related_name="closing_reports",
        verbose_name=_("compromiso"),
    )
    results = models.TextField(_("resultados"))
    lessons = models.TextField(_("lecciones aprendidas"))

    class Meta:
        verbose_name = _("informe de cierre")
        verbose_name_plural = _("informes de cierre")
        constraints = [one_correction_each("closingreport")]

    def __str__(self):
        return f"{self.commitment.code} · {self.published_on or _('borrador')}"
