"""Indicators and their measurements (avances)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from commitments import services
from commitments.admin.autocompletes import LabelledAutocomplete
from commitments.admin.basics import CommitmentCodeColumn, number
from commitments.admin.facts import FactAdmin
from commitments.admin.imports import SpreadsheetAdmin
from commitments.admin.structure import StructureAdmin
from commitments.models import Indicator, Measurement


@admin.register(Indicator)
class IndicatorAdmin(LabelledAutocomplete, CommitmentCodeColumn, StructureAdmin):
    list_display = [
        "name",
        "commitment_code",
        "baseline_shown",
        "target_shown",
        "direction",
        "periodicity",
    ]
    list_filter = ["commitment__plan", "commitment__objective__axis", "commitment__unit"]
    search_fields = ["name", "commitment__code", "commitment__title", "commitment__plan__title"]
    autocomplete_fields = ["commitment"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("commitment__plan")

    def autocomplete_label(self, obj):
        return f"{obj.commitment.code} · {obj.name} ({obj.commitment.plan})"

    @admin.display(description=_("línea base"), ordering="baseline")
    def baseline_shown(self, obj):
        return number(obj.baseline)

    @admin.display(description=_("meta"), ordering="target")
    def target_shown(self, obj):
        return number(obj.target)


@admin.register(Measurement)
class MeasurementAdmin(SpreadsheetAdmin, FactAdmin):
    import_kind = export_kind = "avances"
    list_display = ["indicator_name", "day", "value_shown", "status_shown", "published_day"]
    list_display_links = ["indicator_name"]
    list_filter = [
        "status",
        "indicator__commitment__plan",
        "indicator__commitment__objective__axis",
        "indicator__commitment__unit",
    ]
    search_fields = ["indicator__name", "indicator__commitment__code", "narrative"]
    labelled_autocomplete_fields = ["indicator"]
    date_hierarchy = "date"
    fields = ["indicator", ("date", "value"), "narrative", ("evidence_file", "evidence_url")]
    correctable = ["date", "value", "narrative", "evidence_url"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("indicator__commitment")

    @admin.display(description=_("valor"), ordering="value")
    def value_shown(self, obj):
        return number(obj.value)

    def record(self, request, obj, form):
        data = form.cleaned_data
        return services.record_measurement(
            indicator=data["indicator"],
            date=data["date"],
            value=data["value"],
            narrative=data["narrative"],
            evidence_url=data["evidence_url"],
            evidence_file=data["evidence_file"] or None,
            by=request.user,
        )

    @admin.display(description=_("indicador"), ordering="indicator__commitment__code")
    def indicator_name(self, obj):
        return f"{obj.indicator.commitment.code} · {obj.indicator.name}"
