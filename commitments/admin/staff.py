"""Which units each liaison reports for (accounts, not plan data: superusers manage them)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from commitments.admin.scope import AuditedAdmin
from commitments.models import Liaison


@admin.register(Liaison)
class LiaisonAdmin(AuditedAdmin):
    list_display = ["user", "unit_list"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "units__acronym"]
    filter_horizontal = ["units"]
    autocomplete_fields = ["user"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user").prefetch_related("units")

    @admin.display(description=_("dependencias"))
    def unit_list(self, obj):
        return ", ".join(unit.acronym or unit.name for unit in obj.units.all())
