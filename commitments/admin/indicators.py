"""Indicators and their measurements (avances)."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from commitments import services
from commitments.admin.common import TABLE_TEXT, CommitmentCodeColumn, RoomyForm
from commitments.models import (
    Indicator,
    Measurement,
)


class MeasurementInline(admin.TabularInline):
    model = Measurement
    extra = 0
    formfield_overrides = TABLE_TEXT
    readonly_fields = ["status", "published_at"]
    fields = [
        "date",
        "value",
        "status",
        "published_at",
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
    list_display = ["indicator", "commitment_code", "date", "value", "status", "published_at"]
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
        for measurement in queryset.drafts():
            services.publish(fact=measurement, by=request.user)
            count += 1
        self.message_user(
            request,
            ngettext("Se publicó %d avance.", "Se publicaron %d avances.", count) % count,
            messages.SUCCESS,
        )


# --- milestones, rounds and reports -------------------------------------------
