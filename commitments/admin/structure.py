"""Plan structure and working copies: saved and deleted only through `commitments.services`."""

from commitments import services
from commitments.admin.basics import RoomyForm
from commitments.admin.scope import AuditedAdmin


class StructureAdmin(RoomyForm, AuditedAdmin):
    """Plan structure and working copies: saved and deleted through `services`."""

    def save_model(self, request, obj, form, change):
        services.save(instance=obj, by=request.user)

    def delete_model(self, request, obj):
        services.delete(instance=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            services.delete(instance=obj, by=request.user)

    def save_formset(self, request, form, formset, change):
        for obj in formset.save(commit=False):
            services.save(instance=obj, by=request.user)
        for obj in formset.deleted_objects:
            services.delete(instance=obj, by=request.user)
