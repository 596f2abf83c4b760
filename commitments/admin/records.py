"""Facts published when they are recorded: assessments, ratings, closing reports and
assigned statuses; and the read-only record of modifications, versions and publications."""

from django.contrib import admin
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from commitments import reader, services
from commitments.admin.basics import CommitmentCodeColumn, RoomyForm
from commitments.admin.facts import FactAdmin
from commitments.admin.reasons import reason_step
from commitments.admin.scope import AuditedAdmin
from commitments.models import (
    Assessment,
    ClosingReport,
    CommitmentVersion,
    Modification,
    Publication,
    StatusOverride,
    TransversalRating,
)
from core import clock


class RecordedFactAdmin(CommitmentCodeColumn, FactAdmin):
    """Public as soon as it is saved (`services.record_fact`), read-only after."""

    actions = None
    withdrawable = False
    draft_note = _("Se publica en cuanto lo guardas; después ya no se edita.")
    autocomplete_fields = ["commitment"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("commitment")

    def record(self, request, obj, form):
        return services.record_fact(fact=obj, publish=True, by=request.user)


@admin.register(Assessment)
class AssessmentAdmin(RecordedFactAdmin):
    list_display = ["commitment_code", "assessed_on", "completion", "starred", "published_at"]
    list_filter = [
        "potential",
        "completion",
        "early_results",
        "verifiable",
        "commitment__objective__axis",
        "commitment__unit",
    ]
    search_fields = ["commitment__code", "commitment__title", "assessor"]
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

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return fieldsets
        return [*fieldsets, (_("Publicación"), {"fields": ["publication"]})]

    @admin.display(description=_("destacado"), boolean=True)
    def starred(self, obj):
        return obj.is_starred


@admin.register(TransversalRating)
class TransversalRatingAdmin(RecordedFactAdmin):
    list_display = ["commitment_code", "dimension", "level", "published_at"]
    list_filter = ["dimension", "level", "commitment__plan"]
    search_fields = ["commitment__code", "commitment__title", "justification"]
    fields = ["commitment", ("dimension", "level"), "justification"]


@admin.register(ClosingReport)
class ClosingReportAdmin(RecordedFactAdmin):
    list_display = ["commitment_code", "published_at"]
    list_filter = ["commitment__objective__axis", "commitment__unit"]
    search_fields = ["commitment__code", "commitment__title"]
    fields = ["commitment", "results", "lessons", "evidence_file", "evidence_url"]


class ReviewOverdue(admin.SimpleListFilter):
    title = _("revisión")
    parameter_name = "revision"

    def lookups(self, request, model_admin):
        return [("vencida", _("Revisión vencida"))]

    def queryset(self, request, queryset):
        if self.value() == "vencida":
            return queryset.filter(pk__in=reader.overrides_due_for_review().values("pk"))
        return queryset


@admin.register(StatusOverride)
class StatusOverrideAdmin(RecordedFactAdmin):
    """Assigning a status publishes it from today; ending it is a correction with a reason."""

    list_display = [
        "commitment_code",
        "status_value",
        "starts_on",
        "ends_on",
        "review_on",
        "status_shown",
        "published_at",
    ]
    list_filter = [ReviewOverdue, "status_value", "commitment__plan"]
    search_fields = ["commitment__code", "commitment__title", "reason"]
    fields = ["commitment", "status_value", "reason", ("starts_on", "ends_on", "review_on")]
    actions = ["end_selected"]
    draft_note = _(
        "Se publica en cuanto lo guardas, desde la fecha «desde» (hoy si la dejas antes). "
        "El cálculo del semáforo se sigue mostrando junto al estado asignado."
    )

    def get_changeform_initial_data(self, request):
        return {"starts_on": clock.today(), **super().get_changeform_initial_data(request)}

    def record(self, request, obj, form):
        data = form.cleaned_data
        return services.set_override(
            commitment=data["commitment"],
            status=data["status_value"],
            reason=data["reason"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            review_on=data["review_on"],
            by=request.user,
        )

    @admin.action(
        description=_("Terminar el estado asignado (pide un motivo)"), permissions=["change"]
    )
    def end_selected(self, request, queryset):
        in_force = queryset.filter(pk__in=StatusOverride.objects.public_at(clock.today()))
        return reason_step(
            self,
            request,
            in_force,
            title=_("Terminar el estado asignado"),
            button=_("Terminar desde hoy"),
            apply=lambda override, reason: services.end_override(
                override=override, reason=reason, by=request.user
            ),
        )


class ReadOnlyAdmin(RoomyForm, AuditedAdmin):
    """A record the services write; staff read it here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Modification)
class ModificationAdmin(CommitmentCodeColumn, ReadOnlyAdmin):
    """Recorded from the commitment's page («Es una modificación aprobada»)."""

    list_display = ["commitment_code", "approved_on", "summary", "session", "version_made"]
    list_filter = ["approved_on", "commitment__objective__axis", "commitment__unit"]
    search_fields = ["commitment__code", "summary", "reason"]
    fields = ["commitment", ("approved_on", "session"), "summary", "reason", "version_made"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("commitment", "session", "version")

    @admin.display(description=_("versión que produjo"))
    def version_made(self, obj):
        version = getattr(obj, "version", None)
        if version is None:
            return "-"
        return _("Versión %(n)s, vigente desde el %(day)s") % {
            "n": version.number,
            "day": date_format(version.effective_on),
        }


@admin.register(CommitmentVersion)
class CommitmentVersionAdmin(CommitmentCodeColumn, ReadOnlyAdmin):
    list_display = ["commitment_code", "number", "effective_on", "published_at", "reason"]
    list_filter = ["commitment__plan"]
    search_fields = ["commitment__code", "reason"]
    fields = ["commitment", ("number", "effective_on", "published_at"), "reason", "modification"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("commitment")


@admin.register(Publication)
class PublicationAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "is_published", "at", "reason"]
    list_filter = ["is_published"]
    fields = ["plan", "commitment", "is_published", "at", "reason"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("plan", "commitment")
