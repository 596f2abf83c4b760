"""What citizens said while the plan was made, and what became of it.

The diagnostic survey (only its aggregated results: never an individual answer), the
co-creation tables with the sectors present, and every proposal with its fate. A fate is a
public fact like the plan's (`commitments.models.PublicFact`): dated, published through
review, corrected by a new row with a public reason, visible at `?fecha=`.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from commitments.history import register_models
from commitments.models.facts import PublicFact, one_correction_each, one_live
from core import clock
from core.translated import ENGLISH_HELP

EXAMPLE_HELP = _("Marca los registros de demostración; el sitio los señala como ejemplo.")


class Sector(models.TextChoices):
    NEIGHBOURS = "colonos", _("Comités de colonos")
    BUSINESS = "camaras", _("Cámaras empresariales")
    PROFESSIONALS = "colegios", _("Colegios de profesionistas")
    CIVIL_SOCIETY = "organizaciones", _("Organizaciones civiles")
    ACADEMIA = "academia", _("Academia")
    CITIZENS = "ciudadania", _("Ciudadanía")


class Theme(models.Model):
    """What a table or a proposal is about (movilidad, seguridad, datos abiertos…)."""

    name = models.CharField(_("nombre"), max_length=120, unique=True)
    slug = models.SlugField(_("identificador"), max_length=60, unique=True)
    name_en = models.CharField(
        _("nombre en inglés"), max_length=120, blank=True, help_text=ENGLISH_HELP
    )
    order = models.PositiveSmallIntegerField(_("orden"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("tema")
        verbose_name_plural = _("temas")

    def __str__(self):
        return self.name


class Survey(models.Model):
    """The diagnostic survey: when it ran, how it was spread and how many answered."""

    title = models.CharField(_("título"), max_length=250)
    start_date = models.DateField(_("inicio"))
    end_date = models.DateField(_("término"))
    spread = models.TextField(_("cómo se difundió"))
    responses = models.PositiveIntegerField(_("número de respuestas"))
    is_example = models.BooleanField(
        _("resultados de ejemplo"), default=False, help_text=EXAMPLE_HELP
    )

    class Meta:
        ordering = ["start_date"]
        verbose_name = _("encuesta de diagnóstico")
        verbose_name_plural = _("encuestas de diagnóstico")

    def __str__(self):
        return self.title

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("El término no puede ser antes del inicio.")})


class SurveyQuestion(models.Model):
    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="questions", verbose_name=_("encuesta")
    )
    order = models.PositiveSmallIntegerField(_("orden"))
    text = models.CharField(_("pregunta"), max_length=300)

    class Meta:
        ordering = ["survey", "order"]
        verbose_name = _("pregunta de la encuesta")
        verbose_name_plural = _("preguntas de la encuesta")
        constraints = [
            models.UniqueConstraint(fields=["survey", "text"], name="survey_question_unique")
        ]

    def __str__(self):
        return self.text


class SurveyOption(models.Model):
    """How many answers chose an option (aggregated: nobody's own answer is stored)."""

    question = models.ForeignKey(
        SurveyQuestion, on_delete=models.CASCADE, related_name="options", verbose_name=_("pregunta")
    )
    order = models.PositiveSmallIntegerField(_("orden"))
    label = models.CharField(_("opción"), max_length=300)
    count = models.PositiveIntegerField(_("respuestas"))

    class Meta:
        ordering = ["question", "order"]
        verbose_name = _("resultado por opción")
        verbose_name_plural = _("resultados por opción")
        constraints = [
            models.UniqueConstraint(fields=["question", "label"], name="survey_option_unique")
        ]

    def __str__(self):
        return f"{self.question} · {self.label}"


class CocreationTable(models.Model):
    """One day of the co-creation tables."""

    date = models.DateField(_("fecha"), unique=True)
    theme = models.ForeignKey(
        Theme, on_delete=models.PROTECT, related_name="tables", verbose_name=_("tema")
    )
    facilitators = models.TextField(
        _("organizaciones facilitadoras"),
        blank=True,
        help_text=_("Una organización por línea; sin nombres ni datos de contacto de personas."),
    )
    is_example = models.BooleanField(_("datos de ejemplo"), default=False, help_text=EXAMPLE_HELP)

    class Meta:
        ordering = ["date"]
        verbose_name = _("mesa de cocreación")
        verbose_name_plural = _("mesas de cocreación")

    def __str__(self):
        return _("Mesa del %(day)s: %(theme)s") % {
            "day": date_format(self.date),
            "theme": self.theme,
        }

    @property
    def facilitator_list(self):
        return [line.strip() for line in self.facilitators.splitlines() if line.strip()]


class Attendance(models.Model):
    """How many people of a sector took part in a table (a count, not a list of names)."""

    table = models.ForeignKey(
        CocreationTable,
        on_delete=models.CASCADE,
        related_name="attendance",
        verbose_name=_("mesa"),
    )
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    count = models.PositiveIntegerField(_("asistentes"))

    class Meta:
        ordering = ["table", "sector"]
        verbose_name = _("asistencia por sector")
        verbose_name_plural = _("asistencia por sector")
        constraints = [
            models.UniqueConstraint(fields=["table", "sector"], name="attendance_one_per_sector")
        ]

    def __str__(self):
        return f"{self.get_sector_display()}: {self.count}"


class Origin(models.TextChoices):
    SURVEY = "encuesta", _("Encuesta de diagnóstico")
    TABLE = "mesa", _("Mesa de cocreación")


class Proposal(models.Model):
    """A proposal collected from the survey's open questions or at a table.

    Public from the moment it is recorded (`recorded_at`, stamped by the system); what became
    of it is its fate, a separate public fact."""

    number = models.PositiveIntegerField(_("número"), unique=True)
    origin = models.CharField(_("origen"), max_length=20, choices=Origin.choices)
    survey = models.ForeignKey(
        Survey,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("encuesta"),
    )
    table = models.ForeignKey(
        CocreationTable,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("mesa"),
    )
    sector = models.CharField(
        _("sector que la propuso"), max_length=20, choices=Sector.choices, blank=True
    )
    theme = models.ForeignKey(
        Theme, on_delete=models.PROTECT, related_name="proposals", verbose_name=_("tema")
    )
    text = models.TextField(_("propuesta"))
    is_example = models.BooleanField(_("dato de ejemplo"), default=False, help_text=EXAMPLE_HELP)
    recorded_at = models.DateTimeField(_("registrada el"), default=clock.now, editable=False)

    class Meta:
        ordering = ["number"]
        verbose_name = _("propuesta")
        verbose_name_plural = _("propuestas")
        constraints = [
            models.CheckConstraint(
                condition=Q(origin=Origin.SURVEY, survey__isnull=False, table__isnull=True)
                | Q(origin=Origin.TABLE, table__isnull=False, survey__isnull=True),
                name="proposal_one_origin",
                violation_error_message=_(
                    "Una propuesta viene de la encuesta o de una mesa: elige solo la que "
                    "corresponde a su origen."
                ),
            )
        ]

    def __str__(self):
        return _("Propuesta %(number)s") % {"number": self.number}

    def get_absolute_url(self):
        return reverse("participation:proposal", args=[self.pk])


class Outcome(models.TextChoices):
    INCORPORATED = "incorporada", _("Incorporada al plan")
    MERGED = "fusionada", _("Fusionada con otra propuesta")
    DEFERRED = "diferida", _("Diferida a un ejercicio posterior")
    NOT_TAKEN = "no-retomada", _("No retomada")


class ProposalFate(PublicFact):
    """What became of a proposal, with its public reason."""

    proposal = models.ForeignKey(
        Proposal, on_delete=models.PROTECT, related_name="fates", verbose_name=_("propuesta")
    )
    date = models.DateField(_("fecha de la decisión"))
    outcome = models.CharField(_("destino"), max_length=20, choices=Outcome.choices)
    commitment = models.ForeignKey(
        "commitments.Commitment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposal_fates",
        verbose_name=_("compromiso"),
    )
    milestone = models.ForeignKey(
        "commitments.Milestone",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposal_fates",
        verbose_name=_("hito"),
    )
    merged_into = models.ForeignKey(
        Proposal,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_fates",
        verbose_name=_("fusionada con"),
    )
    explanation = models.TextField(_("motivo público"))

    class Meta:
        ordering = ["proposal", "date", "id"]
        verbose_name = _("destino de una propuesta")
        verbose_name_plural = _("destinos de las propuestas")
        constraints = [
            one_correction_each("proposal_fate"),
            one_live(
                "proposal_fate",
                "proposal",
                message=_(
                    "Esa propuesta ya tiene un destino: corrígelo con un motivo en lugar de "
                    "registrar otro."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(outcome=Outcome.INCORPORATED) | Q(commitment__isnull=False),
                name="proposal_fate_incorporated_has_commitment",
                violation_error_message=_("Una propuesta incorporada dice a qué compromiso."),
            ),
            models.CheckConstraint(
                condition=~Q(outcome=Outcome.MERGED) | Q(merged_into__isnull=False),
                name="proposal_fate_merged_has_target",
                violation_error_message=_("Una propuesta fusionada dice con cuál propuesta."),
            ),
        ]

    def __str__(self):
        return f"{self.proposal}: {self.get_outcome_display()}"

    def clean(self):
        super().clean()
        errors = {}
        incorporated = self.outcome == Outcome.INCORPORATED
        if not incorporated and (self.commitment_id or self.milestone_id):
            errors["commitment"] = _("Solo una propuesta incorporada se liga a un compromiso.")
        if self.milestone_id and self.milestone.commitment_id != self.commitment_id:
            errors["milestone"] = _("El hito debe ser del compromiso elegido.")
        if self.outcome != Outcome.MERGED and self.merged_into_id:
            errors["merged_into"] = _("Solo una propuesta fusionada dice con cuál.")
        if self.merged_into_id and self.merged_into_id == self.proposal_id:
            errors["merged_into"] = _("Una propuesta no se fusiona consigo misma.")
        if not (self.explanation or "").strip():
            errors["explanation"] = _("Escribe el motivo público del destino.")
        if errors:
            raise ValidationError(errors)


class ResultsReport(models.Model):
    """The results report that systematised the tables' proposals (July 2025)."""

    title = models.CharField(_("título"), max_length=250)
    published_on = models.DateField(_("fecha del documento"))
    summary = models.TextField(_("resumen"), blank=True)
    document = models.FileField(_("documento"), upload_to="participacion/", blank=True)
    is_example = models.BooleanField(_("dato de ejemplo"), default=False, help_text=EXAMPLE_HELP)

    class Meta:
        ordering = ["-published_on"]
        verbose_name = _("informe de resultados")
        verbose_name_plural = _("informes de resultados")

    def __str__(self):
        return self.title


register_models(globals(), "participation")
