"""Exercises, plans, pillars, axes, objectives, units, organisations and the rubric."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Case, Count, When
from django.utils.translation import gettext_lazy as _

from commitments import permissions, services
from commitments.admin.basics import refuse
from commitments.admin.imports import SpreadsheetAdmin
from commitments.admin.reasons import reason_step
from commitments.admin.structure import StructureAdmin
from commitments.models import (
    ActionPlan,
    Axis,
    CoResponsibility,
    Dimension,
    Exercise,
    Objective,
    Organization,
    Pillar,
    RatingLevel,
    RatingRubric,
    ResponsibleUnit,
)
from portal.reports import admin as reports_admin


@admin.register(Exercise)
class ExerciseAdmin(StructureAdmin):
    list_display = ["name", "number", "start_date", "end_date", "status"]
    list_filter = ["status"]
    search_fields = ["name"]


@admin.register(ActionPlan)
class ActionPlanAdmin(SpreadsheetAdmin, StructureAdmin):
    import_kind = export_kind = "matriz"
    list_display = ["title", "exercise", "version", "approved_on", "is_published"]
    list_filter = ["exercise", "is_published"]
    search_fields = ["title"]
    autocomplete_fields = ["exercise", "approved_at_session"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["is_published"]
    actions = ["publish_plans", "unpublish_plans", reports_admin.download_plan]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "exercise",
                    "title",
                    "slug",
                    "version",
                    "summary",
                    "document_file",
                    "document_url",
                ]
            },
        ),
        (_("Versión en inglés"), {"fields": ["title_en", "summary_en"]}),
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

    def has_publish_permission(self, request):
        return permissions.may_publish_plan(request.user)

    @admin.action(description=_("Publicar los planes seleccionados"), permissions=["publish"])
    def publish_plans(self, request, queryset):
        for plan in queryset:
            try:
                services.publish_plan(plan=plan, by=request.user)
            except ValidationError as error:
                refuse(self, request, error, subject=plan)
            else:
                self.message_user(
                    request, _("Publicaste «%(plan)s».") % {"plan": plan}, messages.SUCCESS
                )

    @admin.action(
        description=_("Retirar del sitio público (pide un motivo)"), permissions=["publish"]
    )
    def unpublish_plans(self, request, queryset):
        return reason_step(
            self,
            request,
            queryset.filter(is_published=True),
            title=_("Retirar planes del sitio público"),
            button=_("Retirar"),
            apply=lambda plan, reason: services.unpublish_plan(
                plan=plan, reason=reason, by=request.user
            ),
        )


@admin.register(Pillar)
class PillarAdmin(StructureAdmin):
    list_display = ["name", "order"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class ObjectiveInline(admin.TabularInline):
    model = Objective
    extra = 0
    fields = ["order", "code", "title", "title_en"]
    show_change_link = True


@admin.register(Axis)
class AxisAdmin(StructureAdmin):
    list_display = ["name", "plan", "order"]
    list_filter = ["plan"]
    search_fields = ["name"]
    autocomplete_fields = ["plan"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ObjectiveInline]


@admin.register(Objective)
class ObjectiveAdmin(StructureAdmin):
    list_display = ["__str__", "axis", "order"]
    list_filter = ["axis__plan", "axis"]
    search_fields = ["code", "title"]
    autocomplete_fields = ["axis"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("axis")


@admin.register(ResponsibleUnit)
class ResponsibleUnitAdmin(StructureAdmin):
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
class OrganizationAdmin(StructureAdmin):
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
class RatingRubricAdmin(StructureAdmin):
    list_display = ["dimension", "level", "description"]
    ordering = [in_declared_order("dimension", Dimension), in_declared_order("level", RatingLevel)]
    list_filter = ["dimension", "level"]
    search_fields = ["description"]
