"""Who sees what: every change page's audit history, and a liaison limited to their
commitments.
"""

from django.contrib.admin.utils import unquote
from django.http import Http404

from commitments import permissions
from commitments.models import (
    Commitment,
    Indicator,
    Milestone,
    RoundReport,
)
from portal.admin_history import ReadOnlyHistoryAdmin

# Foreign keys a liaison may only point at within their own commitments.
SCOPED_TARGETS = (Commitment, Indicator, Milestone, RoundReport)


class AuditedAdmin(ReadOnlyHistoryAdmin):
    """Every change page has its history (who, when, what changed), shown only to those
    who may see that model's history, and to a liaison only for their own records.

    A model tied to a commitment is limited, for a liaison, to the commitments where one of
    their units is responsible or co-responsible: the list, the change form, the history,
    the autocompletes, the actions and anything else built on `get_queryset`.
    """

    def commitment_path(self):
        if self.model is Commitment:
            return ""
        return permissions.COMMITMENT_PATHS.get(self.model.__name__)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        path = self.commitment_path()
        if path is None:
            return queryset
        return permissions.scope(queryset, request.user, path)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        target = db_field.remote_field.model
        if permissions.is_liaison(request.user) and target in SCOPED_TARGETS:
            kwargs["queryset"] = self.admin_site.get_model_admin(target).get_queryset(request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def require_history_visible(self, request, object_id):
        # simple-history falls back to the history rows of an object the queryset hides.
        hidden = not self.get_queryset(request).filter(pk=unquote(object_id)).exists()
        if hidden and permissions.is_liaison(request.user):
            raise Http404
