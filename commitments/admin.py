"""The Secretariat's admin for the action plan and its follow-up.

Unit liaisons will later file round reports and milestone progress for their own
units: reports and milestones are filtered by unit here, every report records who
filed it, and the evidence rule lives in the models so any form enforces it.
"""

from collections import Counter
from datetime import date

from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminTextareaWidget, AdminTextInputWidget
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Count, When
from django.forms import CheckboxSelectMultiple
from django.forms.models import BaseInlineFormSet
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from commitments.models import (
    ActionPlan,
    Assessment,
    Axis,
    ClosingReport,
    Commitment,
    CoResponsibility,
    Dimension,
    Evidence,
    Exercise,
    Indicator,
    Measurement,
    Milestone,
    Modification,
    Objective,
    Organization,
    Pillar,
    RatingLevel,
    RatingRubric,
    ReportingRound,
    ReportStatus,
    ResponsibleUnit,
    RoundReport,
    RoundReportEntry,
    TransversalRating,
    report_status,
)
from commitments.models.milestones import COMPLETION_NEEDS_EVIDENCE
from commitments.semaforo import STALE, STALE_LABEL, Status

# Text areas inside table rows: two lines, as wide as a one-line field.
TABLE_TEXT = {
    models.TextField: {"widget": AdminTextareaWidget(attrs={"class": "vTextField", "rows": 2})}
}


class RoomyForm:
    """Short text areas, and long one-line fields as wide as them (stacked forms only)."""

    formfield_overrides = {models.TextField: {"widget": AdminTextareaWidget(attrs={"rows": 3})}}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        long_line = (
            type(db_field) is models.CharField
            and not db_field.choices
            and db_field.max_length >= 200
        )
        if long_line:
            kwargs.setdefault("widget", AdminTextInputWidget(attrs={"class": "vLargeTextField"}))
        return super().formfield_for_dbfield(db_field, request, **kwargs)


# --- evidence submitted together with what it proves ------------------------


def submitted_evidence(formset):
    """The evidence rows a validated inline formset will leave in place once saved."""
    return [
        form.instance
        for form in formset.forms
        if not (getattr(form, "cleaned_data", None) or {}).get("DELETE")
        and form.instance.has_evidence
    ]


def note_submitted_evidence(request, obj, formsets):
    """Tell the page's milestones (and the page's object) what evidence this submit leaves.

    The admin validates the main form and the milestone forms before it saves any
    inline, so evidence added, moved or deleted in the same submit would be missed.
    """
    evidence_formset = next((f for f in formsets if f.model is Evidence), None)
    if request.method != "POST" or evidence_formset is None:
        return
    evidence_formset.is_valid()
    evidence = submitted_evidence(evidence_formset)
    obj.pending_evidence_count = len(evidence)
    per_milestone = Counter(e.milestone_id for e in evidence)
    for formset in formsets:
        if formset.model is Milestone:
            for form in formset.forms:
                # A milestone added in this submit cannot have evidence yet.
                pk = form.instance.pk
                form.instance.pending_evidence_count = per_milestone[pk] if pk else 0


class ReportEvidenceFormSet(BaseInlineFormSet):
    """Evidence on a report page: removing it must not leave a complete milestone bare."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        kept = {e.milestone_id for e in submitted_evidence(self)}
        losing = {f.initial.get("milestone") for f in self.initial_forms} - kept - {None}
        here = [f.instance.pk for f in self.initial_forms]
        for milestone in Milestone.objects.filter(pk__in=losing, status=Milestone.Status.COMPLETE):
            if not milestone.evidence.exclude(pk__in=here).exists():
                raise ValidationError(COMPLETION_NEEDS_EVIDENCE % {"title": milestone.title})


def current_object_id(request):
    return request.resolver_match.kwargs.get("object_id")


class CommitmentCodeColumn:
    """The commitment's short code as a list column (its full title is too long)."""

    @admin.display(description=_("compromiso"), ordering="commitment__code")
    def commitment_code(self, obj):
        return obj.commitment.code


# --- commitments --------------------------------------------------------------


class IndicatorInline(RoomyForm, admin.StackedInline):
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


class MilestoneInline(RoomyForm, admin.StackedInline):
    model = Milestone
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
            kwargs["queryset"] = Milestone.objects.filter(commitment_id=current_object_id(request))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class CoResponsibilityInline(admin.TabularInline):
    model = CoResponsibility
    extra = 0
    autocomplete_fields = ["unit", "organization"]


class TransversalRatingInline(admin.TabularInline):
    model = TransversalRating
    extra = 0
    max_num = 4
    formfield_overrides = TABLE_TEXT


class ModificationInline(RoomyForm, admin.StackedInline):
    model = Modification
    extra = 0
    autocomplete_fields = ["session"]
    fields = [("approved_on", "session"), "summary", "reason"]
    verbose_name_plural = _(
        "modificaciones aprobadas (la versión anterior se guarda al registrar una nueva)"
    )


class AssessmentInline(admin.TabularInline):
    """A summary with links: an assessment is written on its own page (many justifications)."""

    model = Assessment
    extra = 0
    can_delete = False
    show_change_link = True
    fields = ["assessed_on", "assessor", "completion", "starred", "is_published"]
    readonly_fields = fields

    def has_add_permission(self, request, obj):
        return False

    @admin.display(description=_("destacado"), boolean=True)
    def starred(self, obj):
        return obj.is_starred


class StatusListFilter(admin.SimpleListFilter):
    """The semáforo computed today; it is not a column, so it is filtered in Python."""

    title = _("semáforo")
    parameter_name = "semaforo"

    def lookups(self, request, model_admin):
        return [*Status.choices, (STALE, STALE_LABEL)]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        today = timezone.localdate()
        matching = []
        for commitment in queryset.prefetch_related(None).with_progress(today):
            verdict = commitment.verdict(today)
            if verdict.status == self.value() or (self.value() == STALE and verdict.stale):
                matching.append(commitment.pk)
        return queryset.filter(pk__in=matching)


@admin.register(Commitment)
class CommitmentAdmin(RoomyForm, admin.ModelAdmin):
    list_display = ["code", "title", "unit_short", "axis_name", "semaforo", "is_published"]
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
    prepopulated_fields = {"slug": ["code", "title"]}
    readonly_fields = ["semaforo_explanation", "override_since", "round_reports"]
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
        (_("Seguimiento"), {"fields": ["round_reports"]}),
        (_("Publicación"), {"fields": [("is_published", "is_example")]}),
    ]
    inlines = [
        IndicatorInline,
        MilestoneInline,
        CommitmentEvidenceInline,
        CoResponsibilityInline,
        TransversalRatingInline,
        ModificationInline,
        AssessmentInline,
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("plan", "objective__axis", "unit")
            .with_progress(timezone.localdate())
        )

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "pillars":
            kwargs["widget"] = CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    @admin.display(description=_("dependencia"), ordering="unit__acronym")
    def unit_short(self, obj):
        return obj.unit.acronym or obj.unit.name

    @admin.display(description=_("eje"), ordering="objective__axis__name")
    def axis_name(self, obj):
        return obj.objective.axis.name

    @admin.display(description=_("semáforo"))
    def semaforo(self, obj):
        verdict = obj.verdict()
        notes = [verdict.label]
        if verdict.overridden:
            notes.append(_("asignado"))
        if verdict.stale:
            notes.append(STALE_LABEL.lower())
        figures = _("%(progress)s %% de %(expected)s %% esperado") % {
            "progress": verdict.progress_display,
            "expected": verdict.expected_display,
        }
        return format_html("{}<br>{}", " · ".join(str(note) for note in notes), figures)

    @admin.display(description=_("estado calculado hoy"))
    def semaforo_explanation(self, obj):
        if not obj.pk:
            return _("Se calcula al guardar.")
        verdict = obj.verdict()
        return format_html("<strong>{}</strong>. {}", verdict.label, verdict.explanation)

    @admin.display(description=_("reportes por corte"))
    def round_reports(self, obj):
        if not obj.pk:
            return "-"
        today = timezone.localdate()
        reports = {r.round_id: r for r in obj.round_reports.all()}
        rows = []
        for round_ in obj.plan.rounds.all():
            report = reports.get(round_.pk)
            status = report_status(round_, report, today, starts_on=obj.start_date)
            rows.append((round_.title, status.label))
        if not rows:
            return _("El plan aún no tiene cortes de seguimiento.")
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}: {}</li>", rows))

    def _create_formsets(self, request, obj, change):
        formsets, inline_instances = super()._create_formsets(request, obj, change)
        note_submitted_evidence(request, obj, formsets)
        return formsets, inline_instances

    def save_model(self, request, obj, form, change):
        # Keep the version being replaced, in case this save records a modification.
        request._previous_commitment = (
            Commitment.objects.get(pk=obj.pk).snapshot() if change else None
        )
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        if formset.model is not Modification:
            return super().save_formset(request, form, formset, change)
        for instance in formset.save(commit=False):
            if instance.pk is None:
                instance.previous_version = getattr(request, "_previous_commitment", None) or (
                    form.instance.snapshot()
                )
            instance.save()
        for obj in formset.deleted_objects:
            obj.delete()
        return None


# --- indicators and measurements ----------------------------------------------


class MeasurementInline(admin.TabularInline):
    model = Measurement
    extra = 0
    formfield_overrides = TABLE_TEXT
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
class IndicatorAdmin(RoomyForm, CommitmentCodeColumn, admin.ModelAdmin):
    list_display = ["name", "commitment_code", "baseline", "target", "direction", "periodicity"]
    list_filter = ["commitment__objective__axis", "commitment__unit", "periodicity", "direction"]
    search_fields = ["name", "commitment__code", "commitment__title"]
    autocomplete_fields = ["commitment"]
    inlines = [MeasurementInline]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("commitment")


@admin.register(Measurement)
class MeasurementAdmin(RoomyForm, admin.ModelAdmin):
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


# --- milestones, rounds and reports -------------------------------------------


class MilestoneEvidenceInline(admin.TabularInline):
    model = Evidence
    fk_name = "milestone"
    extra = 1
    fields = ["title", "date", "evidence_file", "evidence_url"]


@admin.register(Milestone)
class MilestoneAdmin(RoomyForm, CommitmentCodeColumn, admin.ModelAdmin):
    list_display = [
        "title",
        "commitment_code",
        "end_date",
        "percent_done",
        "status",
        "evidence_total",
    ]
    list_filter = ["status", "commitment__objective__axis", "commitment__unit"]
    search_fields = ["title", "deliverable", "commitment__code", "commitment__title"]
    autocomplete_fields = ["commitment", "unit"]
    fields = ["commitment", *MilestoneInline.fields]
    inlines = [MilestoneEvidenceInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("commitment", "unit")
            .annotate(evidence_total=Count("evidence"))
        )

    @admin.display(description=_("evidencias"), ordering="evidence_total")
    def evidence_total(self, obj):
        return obj.evidence_total

    def _create_formsets(self, request, obj, change):
        formsets, inline_instances = super()._create_formsets(request, obj, change)
        note_submitted_evidence(request, obj, formsets)
        return formsets, inline_instances


class ReportMilestonesMixin:
    """Only the milestones of the report's own commitment can be chosen."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "milestone":
            kwargs["queryset"] = Milestone.objects.filter(
                commitment__round_reports=current_object_id(request)
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class RoundReportEntryInline(ReportMilestonesMixin, admin.TabularInline):
    model = RoundReportEntry
    extra = 0
    formfield_overrides = TABLE_TEXT


class ReportEvidenceInline(ReportMilestonesMixin, admin.TabularInline):
    model = Evidence
    fk_name = "report"
    formset = ReportEvidenceFormSet
    extra = 0
    fields = ["title", "milestone", "date", "evidence_file", "evidence_url"]


def file_report(request, report):
    """Record who filed a report the first time it is saved."""
    if report.filed_by_id is None:
        report.filed_by = request.user


@admin.register(RoundReport)
class RoundReportAdmin(RoomyForm, CommitmentCodeColumn, admin.ModelAdmin):
    list_display = ["commitment_code", "round", "submitted_on", "delivery", "filed_by"]
    list_filter = ["round", "commitment__unit", "commitment__objective__axis"]
    search_fields = ["commitment__code", "commitment__title", "narrative"]
    autocomplete_fields = ["round", "commitment"]
    readonly_fields = ["filed_by"]
    inlines = [RoundReportEntryInline, ReportEvidenceInline]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("round", "commitment", "filed_by")

    def get_inlines(self, request, obj):
        # Milestones belong to the report's commitment, known once the report is saved.
        return self.inlines if obj else []

    @admin.display(description=_("entrega"))
    def delivery(self, obj):
        today = timezone.localdate()
        return report_status(obj.round, obj, today, starts_on=obj.commitment.start_date).label

    def save_model(self, request, obj, form, change):
        file_report(request, obj)
        super().save_model(request, obj, form, change)


class RoundReportInline(admin.TabularInline):
    model = RoundReport
    extra = 0
    fields = ["commitment", "submitted_on", "narrative", "filed_by"]
    readonly_fields = ["filed_by"]
    autocomplete_fields = ["commitment"]
    show_change_link = True
    formfield_overrides = TABLE_TEXT


@admin.register(ReportingRound)
class ReportingRoundAdmin(RoomyForm, admin.ModelAdmin):
    list_display = ["title", "plan", "period_end", "opens_on", "deadline", "report_total"]
    list_filter = ["plan"]
    search_fields = ["title"]
    autocomplete_fields = ["plan"]
    readonly_fields = ["delivery_summary"]
    fields = [
        "plan",
        ("number", "title"),
        ("period_end", "opens_on", "deadline"),
        "delivery_summary",
    ]
    inlines = [RoundReportInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("plan")
            .annotate(report_total=Count("reports"))
        )

    @admin.display(description=_("reportes"), ordering="report_total")
    def report_total(self, obj):
        return obj.report_total

    @admin.display(description=_("entregas al día de hoy"))
    def delivery_summary(self, obj):
        if not obj.pk:
            return "-"
        today = timezone.localdate()
        reports = {r.commitment_id: r for r in obj.reports.all()}
        by_status = {}
        for commitment in obj.plan.commitments.order_by("code"):
            status = report_status(
                obj, reports.get(commitment.pk), today, starts_on=commitment.start_date
            )
            by_status.setdefault(status, []).append(commitment.code)
        return format_html_join(
            "",
            "<p><strong>{}</strong> ({}): {}</p>",
            (
                (status.label, len(by_status[status]), ", ".join(by_status[status]))
                for status in ReportStatus
                if status in by_status
            ),
        )

    def save_formset(self, request, form, formset, change):
        if formset.model is RoundReport:
            for report in formset.save(commit=False):
                file_report(request, report)
                report.save()
            for report in formset.deleted_objects:
                report.delete()
            return
        super().save_formset(request, form, formset, change)


# --- assessments, closing reports and modifications ---------------------------


@admin.register(Assessment)
class AssessmentAdmin(RoomyForm, CommitmentCodeColumn, admin.ModelAdmin):
    list_display = ["commitment_code", "assessed_on", "completion", "starred", "is_published"]
    list_filter = [
        "potential",
        "completion",
        "early_results",
        "verifiable",
        "is_published",
        "commitment__objective__axis",
        "commitment__unit",
    ]
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

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("commitment")

    @admin.display(description=_("destacado"), boolean=True)
    def starred(self, obj):
        return obj.is_starred


@admin.register(ClosingReport)
class ClosingReportAdmin(RoomyForm, CommitmentCodeColumn, admin.ModelAdmin):
    list_display = ["commitment_code", "submitted_on"]
    list_filter = ["commitment__objective__axis", "commitment__unit"]
    search_fields = ["commitment__code", "commitment__title"]
    autocomplete_fields = ["commitment"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("commitment")


@admin.register(Modification)
class ModificationAdmin(RoomyForm, CommitmentCodeColumn, admin.ModelAdmin):
    list_display = ["commitment_code", "approved_on", "summary", "session"]
    list_filter = ["approved_on", "commitment__objective__axis", "commitment__unit"]
    search_fields = ["commitment__code", "summary", "reason"]
    autocomplete_fields = ["commitment", "session"]
    fields = ["commitment", ("approved_on", "session"), "summary", "reason", "previous"]
    readonly_fields = ["previous"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("commitment", "session")

    @admin.display(description=_("versión anterior"))
    def previous(self, obj):
        if not obj.previous_version:
            return _("Se guarda al registrar la modificación.")
        version = obj.previous_version
        period = {
            key: date.fromisoformat(version[f"{key}_date"]).strftime("%d/%m/%Y")
            for key in ("start", "end")
        }
        rows = [
            (_("Clave"), version.get("code")),
            (_("Acción"), version.get("title")),
            (_("Meta"), version.get("goal")),
            (_("Dependencia"), version.get("unit")),
            (_("Periodo"), _("%(start)s a %(end)s") % period),
            (_("Indicadores"), ", ".join(i["name"] for i in version.get("indicators", []))),
            (_("Hitos"), ", ".join(m["title"] for m in version.get("milestones", []))),
        ]
        return format_html("<dl>{}</dl>", format_html_join("", "<dt>{}</dt><dd>{}</dd>", rows))

    def save_model(self, request, obj, form, change):
        if obj.previous_version is None:
            obj.previous_version = obj.commitment.snapshot()
        super().save_model(request, obj, form, change)


# --- the plan's structure and its parties ------------------------------------


@admin.register(Exercise)
class ExerciseAdmin(RoomyForm, admin.ModelAdmin):
    list_display = ["name", "number", "start_date", "end_date", "status"]
    list_filter = ["status"]
    search_fields = ["name"]


@admin.register(ActionPlan)
class ActionPlanAdmin(RoomyForm, admin.ModelAdmin):
    list_display = ["title", "exercise", "version", "approved_on", "is_published"]
    list_filter = ["exercise", "is_published"]
    search_fields = ["title"]
    autocomplete_fields = ["exercise", "approved_at_session"]
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

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("exercise")


@admin.register(Pillar)
class PillarAdmin(RoomyForm, admin.ModelAdmin):
    list_display = ["name", "order"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class ObjectiveInline(admin.TabularInline):
    model = Objective
    extra = 0
    fields = ["order", "code", "title"]
    show_change_link = True


@admin.register(Axis)
class AxisAdmin(RoomyForm, admin.ModelAdmin):
    list_display = ["name", "plan", "order"]
    list_filter = ["plan"]
    search_fields = ["name"]
    autocomplete_fields = ["plan"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ObjectiveInline]


@admin.register(Objective)
class ObjectiveAdmin(RoomyForm, admin.ModelAdmin):
    list_display = ["__str__", "axis", "order"]
    list_filter = ["axis__plan", "axis"]
    search_fields = ["code", "title"]
    autocomplete_fields = ["axis"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("axis")


@admin.register(ResponsibleUnit)
class ResponsibleUnitAdmin(RoomyForm, admin.ModelAdmin):
    list_display = ["name", "acronym", "commitment_total"]
    search_fields = ["name", "acronym"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(commitment_total=Count("commitments"))

    @admin.display(description=_("compromisos a su cargo"), ordering="commitment_total")
    def commitment_total(self, obj):
        return obj.commitment_total


class OrganizationCommitmentInline(admin.TabularInline):
    model = CoResponsibility
    fk_name = "organization"
    extra = 0
    fields = ["commitment", "role"]
    autocomplete_fields = ["commitment"]
    verbose_name = _("compromiso que comparte")
    verbose_name_plural = _("compromisos que comparte")


@admin.register(Organization)
class OrganizationAdmin(RoomyForm, admin.ModelAdmin):
    list_display = ["name", "kind", "member"]
    list_filter = ["kind"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["member"]
    inlines = [OrganizationCommitmentInline]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("member")


def in_declared_order(field, choices):
    """Order by a choice field as its choices are declared, not alphabetically."""
    return Case(*(When(**{field: value}, then=index) for index, value in enumerate(choices)))


@admin.register(RatingRubric)
class RatingRubricAdmin(RoomyForm, admin.ModelAdmin):
    list_display = ["dimension", "level", "description"]
    ordering = [in_declared_order("dimension", Dimension), in_declared_order("level", RatingLevel)]
    list_filter = ["dimension", "level"]
    search_fields = ["description"]
