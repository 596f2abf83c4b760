"""Milestones and their progress, evidence, reporting rounds and round reports."""

from django.contrib import admin
from django.db.models import Count
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from commitments import services
from commitments.admin.autocompletes import LabelledAutocomplete
from commitments.admin.basics import TABLE_TEXT, CommitmentCodeColumn, current_object_id
from commitments.admin.facts import FactAdmin
from commitments.admin.imports import SpreadsheetAdmin
from commitments.admin.structure import StructureAdmin
from commitments.models import (
    Evidence,
    Milestone,
    MilestoneProgress,
    ReportingRound,
    ReportStatus,
    RoundReport,
    RoundReportEntry,
    report_status,
)
from core import clock

MILESTONE_FIELDS = [
    ("order", "title"),
    "deliverable",
    ("unit", "responsible_person"),
    ("start_date", "end_date", "weight"),
]


@admin.register(Milestone)
class MilestoneAdmin(LabelledAutocomplete, CommitmentCodeColumn, StructureAdmin):
    list_display = ["order", "title", "commitment_code", "end_date", "weight"]
    list_display_links = ["title"]
    list_filter = ["commitment__plan", "commitment__objective__axis", "commitment__unit"]
    search_fields = ["title", "deliverable", "commitment__code", "commitment__title"]
    autocomplete_fields = ["commitment", "unit"]
    fieldsets = [
        (
            None,
            {
                "fields": ["commitment", *MILESTONE_FIELDS],
                "description": _(
                    "Editas la copia de trabajo: el público ve estos cambios cuando publicas "
                    "una nueva versión del compromiso (con su motivo) desde su página."
                ),
            },
        )
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("commitment__plan", "unit")

    def autocomplete_label(self, obj):
        return f"{obj.commitment.code} · {obj.order}. {obj.title} ({obj.commitment.plan})"


@admin.register(MilestoneProgress)
class MilestoneProgressAdmin(SpreadsheetAdmin, FactAdmin):
    import_kind = export_kind = "hitos"
    list_display = [
        "milestone_name",
        "commitment_code",
        "day",
        "percent",
        "milestone_status",
        "status_shown",
        "published_day",
    ]
    list_display_links = ["milestone_name"]
    list_filter = ["status", "milestone_status", "milestone__commitment__plan"]
    search_fields = ["milestone__title", "milestone__commitment__code", "narrative"]
    labelled_autocomplete_fields = ["milestone"]
    date_hierarchy = "date"
    fields = [
        "milestone",
        ("date", "percent", "milestone_status"),
        "narrative",
        "difficulties",
        "success_factors",
    ]
    correctable = ["date", "percent", "milestone_status", "narrative", "difficulties"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("milestone__commitment")

    def record(self, request, obj, form):
        data = form.cleaned_data
        return services.record_milestone_progress(
            milestone=data["milestone"],
            date=data["date"],
            percent=data["percent"],
            milestone_status=data["milestone_status"],
            narrative=data["narrative"],
            difficulties=data["difficulties"],
            success_factors=data["success_factors"],
            by=request.user,
        )

    @admin.display(description=_("hito"), ordering="milestone__title")
    def milestone_name(self, obj):
        return f"{obj.milestone.order}. {obj.milestone.title}"

    @admin.display(description=_("compromiso"), ordering="milestone__commitment__code")
    def commitment_code(self, obj):
        return obj.milestone.commitment.code


@admin.register(Evidence)
class EvidenceAdmin(CommitmentCodeColumn, FactAdmin):
    list_display = ["title", "commitment_code", "milestone", "day", "status_shown", "published_day"]
    list_filter = ["status", "commitment__plan", "commitment__unit"]
    search_fields = ["title", "commitment__code", "milestone__title"]
    autocomplete_fields = ["commitment", "report"]
    labelled_autocomplete_fields = ["milestone"]
    fields = [
        "commitment",
        "milestone",
        "report",
        ("title", "date"),
        "evidence_file",
        "evidence_url",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("commitment", "milestone")

    def record(self, request, obj, form):
        data = form.cleaned_data
        return services.add_evidence(
            title=data["title"],
            commitment=data["commitment"],
            milestone=data["milestone"],
            report=data["report"],
            date=data["date"],
            evidence_url=data["evidence_url"],
            evidence_file=data["evidence_file"] or None,
            by=request.user,
        )


class ReportMilestones:
    """Only the milestones of the report's own commitment can be chosen."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "milestone":
            kwargs["queryset"] = Milestone.objects.filter(
                commitment__round_reports=current_object_id(request)
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class RoundReportEntryInline(ReportMilestones, admin.TabularInline):
    model = RoundReportEntry
    extra = 0
    formfield_overrides = TABLE_TEXT


@admin.register(RoundReport)
class RoundReportAdmin(CommitmentCodeColumn, FactAdmin):
    list_display = ["commitment_code", "round", "status_shown", "published_at", "delivery"]
    list_filter = ["status", "round", "commitment__unit", "commitment__objective__axis"]
    search_fields = ["commitment__code", "commitment__title", "narrative"]
    autocomplete_fields = ["round", "commitment"]
    fields = ["round", "commitment", "narrative", "difficulties", "filed_by"]
    readonly_fields = ["filed_by"]
    inlines = [RoundReportEntryInline]
    withdrawable = False
    actions = ["deliver_selected", "return_selected", "submit_selected"]
    draft_note = _(
        "Se guarda como borrador: no está entregado hasta que lo entregas con la acción "
        "«Entregar (publicar)». Guarda el reporte para anotar el avance de cada hito."
    )
    draft_message = _(
        "Guardaste «%(obj)s» como borrador: aún no está entregado ni es público. Anota el "
        "avance de cada hito y entrégalo con la acción «Entregar (publicar)»."
    )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("round", "commitment", "filed_by")

    def get_inlines(self, request, obj):
        # Milestones belong to the report's commitment, known once the report is saved.
        return self.inlines if obj else []

    @admin.action(
        description=_("Entregar (publicar)"),
        location=[admin.ActionLocation.CHANGE_LIST, admin.ActionLocation.CHANGE_FORM],
    )
    def deliver_selected(self, request, queryset):
        return self.publish_selected(request, queryset)

    def record(self, request, obj, form):
        data = form.cleaned_data
        return services.file_round_report(
            round=data["round"],
            commitment=data["commitment"],
            narrative=data["narrative"],
            difficulties=data["difficulties"],
            by=request.user,
        )

    def save_formset(self, request, form, formset, change):
        for entry in formset.save(commit=False):
            services.save(instance=entry, by=request.user)
        for entry in formset.deleted_objects:
            services.delete(instance=entry, by=request.user)

    @admin.display(description=_("entrega"))
    def delivery(self, obj):
        today = clock.today()
        return report_status(obj.round, obj, today, starts_on=obj.commitment.start_date).label


class RoundReportInline(admin.TabularInline):
    """A round's reports at a glance; each is filed and delivered on its own page."""

    model = RoundReport
    extra = 0
    fields = ["commitment", "status", "published_at", "filed_by"]
    readonly_fields = fields
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("commitment", "filed_by")


@admin.register(ReportingRound)
class ReportingRoundAdmin(StructureAdmin):
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
