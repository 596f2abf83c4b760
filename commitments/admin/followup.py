"""Milestones, reporting rounds, assessments, closing reports and modifications."""

from django.contrib import admin
from django.db.models import Count
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from commitments.admin.commitment import MilestoneInline
from commitments.admin.common import (
    TABLE_TEXT,
    CommitmentCodeColumn,
    RoomyForm,
    current_object_id,
)
from commitments.models import (
    Assessment,
    ClosingReport,
    Evidence,
    Milestone,
    Modification,
    ReportingRound,
    ReportStatus,
    RoundReport,
    RoundReportEntry,
    report_status,
)
from portal import clock


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
        "weight",
        "evidence_total",
    ]
    list_filter = ["commitment__objective__axis", "commitment__unit"]
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
    extra = 0
    fields = ["title", "milestone", "date", "evidence_file", "evidence_url"]


def file_report(request, report):
    """Record who filed a report the first time it is saved."""
    if report.filed_by_id is None:
        report.filed_by = request.user


@admin.register(RoundReport)
class RoundReportAdmin(RoomyForm, CommitmentCodeColumn, admin.ModelAdmin):
    list_display = ["commitment_code", "round", "published_at", "delivery", "filed_by"]
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
        today = clock.today()
        return report_status(obj.round, obj, today, starts_on=obj.commitment.start_date).label

    def save_model(self, request, obj, form, change):
        file_report(request, obj)
        super().save_model(request, obj, form, change)


class RoundReportInline(admin.TabularInline):
    model = RoundReport
    extra = 0
    fields = ["commitment", "published_at", "narrative", "filed_by"]
    readonly_fields = ["filed_by", "published_at"]
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
        today = clock.today()
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
    list_display = ["commitment_code", "assessed_on", "completion", "starred", "published_at"]
    list_filter = [
        "potential",
        "completion",
        "early_results",
        "verifiable",
        "status",
        "commitment__objective__axis",
        "commitment__unit",
    ]
    search_fields = ["commitment__code", "commitment__title", "assessor"]
    autocomplete_fields = ["commitment"]
    fieldsets = [
        (None, {"fields": ["commitment", ("assessed_on", "assessor")]}),
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
    list_display = ["commitment_code", "published_at"]
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

    @admin.display(description=_("versión que produjo"))
    def previous(self, obj):
        version = getattr(obj, "version", None)
        if version is None:
            return _("Se publica al aprobar la modificación.")
        return _("Versión %(n)s, vigente desde el %(day)s") % {
            "n": version.number,
            "day": version.effective_on.strftime("%d/%m/%Y"),
        }


# --- the plan's structure and its parties ------------------------------------
