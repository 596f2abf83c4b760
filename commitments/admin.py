from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from commitments.models import (
    ActionPlan,
    Assessment,
    Axis,
    ClosingReport,
    Commitment,
    CoResponsibility,
    Evidence,
    Exercise,
    Indicator,
    Measurement,
    Milestone,
    Modification,
    Objective,
    Organization,
    Pillar,
    RatingRubric,
    ReportingRound,
    ResponsibleUnit,
    RoundReport,
    RoundReportEntry,
    TransversalRating,
)
from commitments.semaforo import Status


def _has_posted_evidence(form):
    cleaned = form.cleaned_data
    return (
        cleaned
        and not cleaned.get("DELETE")
        and (cleaned.get("evidence_file") or cleaned.get("evidence_url"))
    )


class EvidenceFormSet(BaseInlineFormSet):
    """Evidence of one milestone: enforces that a complete milestone keeps its evidence."""

    def clean(self):
        super().clean()
        milestone = self.instance
        if any(self.errors) or not isinstance(milestone, Milestone):
            return
        count = sum(1 for form in self.forms if _has_posted_evidence(form))
        try:
            milestone.check_completion_evidence(count)
        except ValidationError as error:
            raise ValidationError(error.messages) from error


def posted_evidence_by_milestone(formset):
    """Count evidence rows posted in the commitment page's evidence inline, per milestone."""
    data, prefix = formset.data, "evidence"
    counts = {}
    try:
        total = int(data.get(f"{prefix}-TOTAL_FORMS", 0))
    except ValueError:
        return counts
    for i in range(total):
        row = f"{prefix}-{i}"
        if data.get(f"{row}-DELETE"):
            continue
        has_content = data.get(f"{row}-evidence_url") or formset.files.get(f"{row}-evidence_file")
        milestone = data.get(f"{row}-milestone")
        if has_content and milestone and not data.get(f"{row}-id"):
            counts[milestone] = counts.get(milestone, 0) + 1
    return counts


class MilestoneFormSet(BaseInlineFormSet):
    """Milestones on the commitment page: complete ones need evidence (saved or posted now)."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        posted = posted_evidence_by_milestone(self)
        problems = []
        for form in self.forms:
            cleaned = form.cleaned_data
            if not cleaned or cleaned.get("DELETE"):
                continue
            milestone = form.instance
            saved = milestone.evidence.count() if milestone.pk else 0
            try:
                milestone.check_completion_evidence(saved + posted.get(str(milestone.pk), 0))
            except ValidationError as error:
                problems.extend(error.messages)
        if problems:
            raise ValidationError(problems)


class IndicatorInline(admin.StackedInline):
    model = Indicator
    extra = 0
    show_change_link = True
    fields = [
        ("name", "order"),
        ("unit", "baseline", "target", "direction"),
        ("periodicity", "weight"),
        "verification_means",
        "verification_url",
    ]


class MilestoneInline(admin.StackedInline):
    model = Milestone
    formset = MilestoneFormSet
    extra = 0
    show_change_link = True
    autocomplete_fields = ["unit"]
    fields = [
        ("order", "title"),
        "deliverable",
        ("unit", "responsible_person"),
        ("start_date", "end_date", "weight"),
        ("percent_done", "status", "progress_updated_on"),
        "narrative",
        ("difficulties", "success_factors"),
    ]


class CommitmentEvidenceInline(admin.TabularInline):
    model = Evidence
    fk_name = "commitment"
    extra = 0
    fields = ["title", "milestone", "date", "evidence_file", "evidence_url"]
    verbose_name_plural = _("evidencias (de hitos o del compromiso)")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "milestone":
            object_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = Milestone.objects.filter(commitment_id=object_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class CoResponsibilityInline(admin.TabularInline):
    model = CoResponsibility
    extra = 0
    autocomplete_fields = ["unit", "organization"]


class TransversalRatingInline(admin.TabularInline):
    model = TransversalRating
    extra = 0
    max_num = 4


class ModificationInline(admin.StackedInline):
    model = Modification
    extra = 0
    autocomplete_fields = ["session"]
    fields = [("approved_on", "session"), "summary", "reason"]
    verbose_name_plural = _(
        "modificaciones aprobadas (la versión anterior se guarda al registrar una nueva)"
    )


class StatusListFilter(admin.SimpleListFilter):
    title = _("semáforo")
    parameter_name = "semaforo"

    def lookups(self, request, model_admin):
        return Status.choices

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        today = timezone.localdate()
        matching = [
            c.pk
            for c in queryset.select_related("plan").with_progress(today)
            if c.verdict(today).status == self.value()
        ]
        return queryset.filter(pk__in=matching)


@admin.register(Commitment)
class CommitmentAdmin(admin.ModelAdmin):
    list_display = [
        "code",
        "title",
        "unit",
        "axis_name",
        "semaforo",
        "progress",
        "is_example",
        "is_published",
    ]
    list_display_links = ["code", "title"]
    list_filter = [
        "plan",
        "objective__axis",
        "unit",
        StatusListFilter,
        "pillars",
        "is_example",
        "is_published",
    ]
    search_fields = ["code", "title", "description", "unit__name", "unit__acronym"]
    autocomplete_fields = ["objective", "unit"]
    filter_horizontal = ["pillars"]
    prepopulated_fields = {"slug": ["code", "title"]}
    readonly_fields = ["semaforo_explanation", "override_since"]
    list_per_page = 50
    fieldsets = [
        (None, {"fields": ["objective", ("code", "slug"), "title", "description"]}),
        (
            _("Responsables y meta"),
            {"fields": ["unit", ("contact_name", "contact_role"), "goal", "pillars"]},
        ),
        (_("Periodo"), {"fields": [("start_date", "end_date")]}),
        (
            _("Semáforo"),
            {
                "fields": [
                    "semaforo_explanation",
                    "progress_source",
                    ("status_override", "override_since"),
                    "override_reason",
                ]
            },
        ),
        (_("Publicación"), {"fields": [("is_published", "is_example")]}),
    ]
    inlines = [
        IndicatorInline,
        MilestoneInline,
        CommitmentEvidenceInline,
        CoResponsibilityInline,
        TransversalRatingInline,
        ModificationInline,
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("plan", "objective__axis", "unit")
            .with_progress(timezone.localdate())
        )

    @admin.display(description=_("eje"), ordering="objective__axis__name")
    def axis_name(self, obj):
        return obj.objective.axis.name

    @admin.display(description=_("semáforo"))
    def semaforo(self, obj):
        verdict = obj.verdict()
        stale = _(" · sin actualizar") if verdict.stale else ""
        return f"{verdict.label}{stale}"

    @admin.display(description=_("avance"))
    def progress(self, obj):
        verdict = obj.verdict()
        return f"{verdict.progress_display} % / {verdict.expected_display} %"

    @admin.display(description=_("estado calculado hoy"))
    def semaforo_explanation(self, obj):
        if not obj.pk:
            return _("Se calcula al guardar.")
        verdict = obj.verdict()
        return format_html("<strong>{}</strong>. {}", verdict.label, verdict.explanation)

    def save_model(self, request, obj, form, change):
        # Keep the version being replaced, in case this save records a modification.
        request._previous_commitment = (
            Commitment.objects.get(pk=obj.pk).snapshot() if change else None
        )
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        if formset.model is Modification:
            for instance in formset.save(commit=False):
                if instance.pk is None:
                    instance.previous_version = getattr(request, "_previous_commitment", None) or (
                        form.instance.snapshot()
                    )
                instance.save()
            for obj in formset.deleted_objects:
                obj.delete()
            formset.save_m2m()
            return
        super().save_formset(request, form, formset, change)


class MeasurementInline(admin.TabularInline):
    model = Measurement
    extra = 0
    fields = [
        "date",
        "value",
        "status",
        "published_on",
        "narrative",
        "evidence_file",
        "evidence_url",
    ]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["name", "commitment", "unit", "baseline", "target", "direction", "periodicity"]
    list_filter = ["commitment__objective__axis", "commitment__unit", "periodicity", "direction"]
    search_fields = ["name", "commitment__code", "commitment__title"]
    autocomplete_fields = ["commitment"]
    inlines = [MeasurementInline]


@admin.register(Measurement)
class MeasurementAdmin(admin.ModelAdmin):
    list_display = ["indicator", "commitment_code", "date", "value", "status", "published_on"]
    list_filter = [
        "status",
        "indicator__commitment__objective__axis",
        "indicator__commitment__unit",
    ]
    search_fields = ["indicator__name", "indicator__commitment__code", "narrative"]
    autocomplete_fields = ["indicator"]
    date_hierarchy = "date"
    actions = ["publish"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("indicator__commitment")

    @admin.display(description=_("compromiso"), ordering="indicator__commitment__code")
    def commitment_code(self, obj):
        return obj.indicator.commitment.code

    @admin.action(description=_("Publicar los avances seleccionados"))
    def publish(self, request, queryset):
        count = 0
        for measurement in queryset.filter(status=Measurement.Status.DRAFT):
            measurement.status = Measurement.Status.PUBLISHED
            measurement.save()
            count += 1
        self.message_user(
            request,
            ngettext("Se publicó %d avance.", "Se publicaron %d avances.", count) % count,
            messages.SUCCESS,
        )


class MilestoneEvidenceInline(admin.TabularInline):
    model = Evidence
    fk_name = "milestone"
    formset = EvidenceFormSet
    extra = 1
    fields = ["title", "date", "evidence_file", "evidence_url"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form.base_fields.pop("commitment", None)
        return formset


@admin.register(Milestone)
class MilestoneAdmin(admin.ModelAdmin):
    list_display = ["title", "commitment", "start_date", "end_date", "percent_done", "status"]
    list_filter = ["status", "commitment__objective__axis", "commitment__unit"]
    search_fields = ["title", "deliverable", "commitment__code", "commitment__title"]
    autocomplete_fields = ["commitment", "unit"]
    inlines = [MilestoneEvidenceInline]

    def save_formset(self, request, form, formset, change):
        if formset.model is Evidence:
            for instance in formset.save(commit=False):
                instance.commitment_id = form.instance.commitment_id
                instance.save()
            for obj in formset.deleted_objects:
                obj.delete()
            return
        super().save_formset(request, form, formset, change)


class RoundReportEntryInline(admin.TabularInline):
    model = RoundReportEntry
    extra = 0
    autocomplete_fields = ["milestone"]


class ReportEvidenceInline(admin.TabularInline):
    model = Evidence
    fk_name = "report"
    extra = 0
    fields = ["title", "milestone", "date", "evidence_file", "evidence_url"]
    autocomplete_fields = ["milestone"]


@admin.register(RoundReport)
class RoundReportAdmin(admin.ModelAdmin):
    list_display = ["commitment", "round", "submitted_on", "filed_by"]
    list_filter = ["round", "commitment__unit", "commitment__objective__axis"]
    search_fields = ["commitment__code", "commitment__title", "narrative"]
    autocomplete_fields = ["commitment"]
    readonly_fields = ["filed_by"]
    inlines = [RoundReportEntryInline]

    def save_model(self, request, obj, form, change):
        if obj.filed_by_id is None:
            obj.filed_by = request.user
        super().save_model(request, obj, form, change)


class RoundReportInline(admin.TabularInline):
    model = RoundReport
    extra = 0
    fields = ["commitment", "submitted_on", "filed_by"]
    readonly_fields = ["filed_by"]
    autocomplete_fields = ["commitment"]
    show_change_link = True


@admin.register(ReportingRound)
class ReportingRoundAdmin(admin.ModelAdmin):
    list_display = ["title", "plan", "period_end", "opens_on", "deadline"]
    list_filter = ["plan"]
    search_fields = ["title"]
    inlines = [RoundReportInline]


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = [
        "commitment",
        "assessed_on",
        "assessor",
        "verifiable",
        "potential",
        "completion",
        "early_results",
        "starred",
    ]
    list_filter = ["potential", "completion", "early_results", "verifiable", "is_published"]
    search_fields = ["commitment__code", "commitment__title", "assessor"]
    autocomplete_fields = ["commitment"]
    fieldsets = [
        (None, {"fields": ["commitment", ("assessed_on", "assessor"), "is_published"]}),
        (_("Verificable"), {"fields": ["verifiable", "verifiable_justification"]}),
        (
            _("Relevancia para los valores de gobierno abierto"),
            {
                "fields": [
                    "relevance_access_to_information",
                    "relevance_civic_participation",
                    "relevance_public_accountability",
                    "relevance_technology_innovation",
                    "relevance_justification",
                ]
            },
        ),
        (_("Potencial de resultados"), {"fields": ["potential", "potential_justification"]}),
        (_("Cumplimiento"), {"fields": ["completion", "completion_justification"]}),
        (
            _("Resultados tempranos"),
            {"fields": ["early_results", "early_results_justification"]},
        ),
    ]

    @admin.display(description=_("destacado"), boolean=True)
    def starred(self, obj):
        return obj.is_starred


@admin.register(ClosingReport)
class ClosingReportAdmin(admin.ModelAdmin):
    list_display = ["commitment", "submitted_on"]
    search_fields = ["commitment__code", "commitment__title"]
    autocomplete_fields = ["commitment"]


@admin.register(Modification)
class ModificationAdmin(admin.ModelAdmin):
    list_display = ["commitment", "approved_on", "summary", "session"]
    list_filter = ["approved_on"]
    search_fields = ["commitment__code", "summary", "reason"]
    autocomplete_fields = ["commitment", "session"]
    readonly_fields = ["previous_version"]

    def save_model(self, request, obj, form, change):
        if obj.previous_version is None:
            obj.previous_version = obj.commitment.snapshot()
        super().save_model(request, obj, form, change)


@admin.register(Exercise)
class ExerciseAdmin(admin.ModelAdmin):
    list_display = ["name", "number", "start_date", "end_date", "status"]
    list_filter = ["status"]
    search_fields = ["name"]


@admin.register(ActionPlan)
class ActionPlanAdmin(admin.ModelAdmin):
    list_display = ["title", "exercise", "version", "approved_on", "is_published"]
    list_filter = ["exercise", "is_published"]
    search_fields = ["title"]
    autocomplete_fields = ["approved_at_session"]
    prepopulated_fields = {"slug": ["title"]}
    fieldsets = [
        (None, {"fields": ["exercise", "title", "slug", "version", "summary", "document_url"]}),
        (_("Aprobación"), {"fields": [("approved_on", "approved_at_session"), "is_published"]}),
        (
            _("Reglas del semáforo"),
            {
                "fields": [
                    ("green_max_gap", "yellow_max_gap"),
                    "default_progress_source",
                    "closing_report_days",
                ]
            },
        ),
    ]


@admin.register(Pillar)
class PillarAdmin(admin.ModelAdmin):
    list_display = ["name", "order"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class ObjectiveInline(admin.TabularInline):
    model = Objective
    extra = 0
    fields = ["order", "code", "title"]
    show_change_link = True


@admin.register(Axis)
class AxisAdmin(admin.ModelAdmin):
    list_display = ["name", "plan", "order"]
    list_filter = ["plan"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ObjectiveInline]


@admin.register(Objective)
class ObjectiveAdmin(admin.ModelAdmin):
    list_display = ["__str__", "axis", "order"]
    list_filter = ["axis__plan", "axis"]
    search_fields = ["code", "title"]
    autocomplete_fields = ["axis"]


@admin.register(ResponsibleUnit)
class ResponsibleUnitAdmin(admin.ModelAdmin):
    list_display = ["name", "acronym"]
    search_fields = ["name", "acronym"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["member"]


@admin.register(RatingRubric)
class RatingRubricAdmin(admin.ModelAdmin):
    list_display = ["dimension", "level", "description"]
    list_filter = ["dimension"]
