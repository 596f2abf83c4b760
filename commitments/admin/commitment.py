"""The commitment page: the matrix row with its indicators, milestones, evidence and more."""

import contextlib

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms import CheckboxSelectMultiple
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from commitments import services
from commitments.admin.common import (
    TABLE_TEXT,
    RoomyForm,
    current_object_id,
    staff_verdict,
    staff_verdicts,
)
from commitments.models import (
    Assessment,
    Commitment,
    CoResponsibility,
    Evidence,
    Indicator,
    Milestone,
    Modification,
    TransversalRating,
    report_status,
)
from commitments.semaforo import STALE, STALE_LABEL, Status
from portal import clock


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
    fields = ["assessed_on", "assessor", "completion", "starred", "published_at"]
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
        matching = [
            pk
            for pk, verdict in staff_verdicts(queryset).items()
            if verdict.status == self.value() or (self.value() == STALE and verdict.stale)
        ]
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
    readonly_fields = ["semaforo_explanation", "round_reports"]
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
                ]
            },
        ),
        (_("Seguimiento"), {"fields": ["round_reports"]}),
        (_("Publicación"), {"fields": ["is_example"]}),
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
            .select_related("plan__exercise", "objective__axis", "unit")
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
        verdict = staff_verdict(obj)
        if verdict is None:
            return _("Sin versión publicada")
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
        verdict = staff_verdict(obj)
        if verdict is None:
            return _("Aún no tiene una versión publicada.")
        return format_html("<strong>{}</strong>. {}", verdict.label, verdict.explanation)

    @admin.display(description=_("reportes por corte"))
    def round_reports(self, obj):
        if not obj.pk:
            return "-"
        today = clock.today()
        reports = {r.round_id: r for r in obj.round_reports.all()}
        rows = []
        for round_ in obj.plan.rounds.all():
            report = reports.get(round_.pk)
            status = report_status(round_, report, today, starts_on=obj.start_date)
            rows.append((round_.title, status.label))
        if not rows:
            return _("El plan aún no tiene cortes de seguimiento.")
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}: {}</li>", rows))

    def save_model(self, request, obj, form, change):
        services.save(instance=obj, by=request.user)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        commitment = form.instance
        if commitment.versions.exists():
            with contextlib.suppress(ValidationError):
                services.publish_version(
                    commitment=commitment,
                    reason=_("Corrección registrada en la administración."),
                    by=request.user,
                )


# --- indicators and measurements ----------------------------------------------
