"""The admin's audit history, read-only for every role and every model.

django-simple-history's past-state page is a change form: it accepts a POST and saves it,
whatever `SIMPLE_HISTORY_REVERT_DISABLED` hides. Saving there would skip the services (a
published fact back to a draft, a member renamed by a read-only role), so these pages only
ever answer GET: every other method is refused before any object is read, and a past state is
a table of values (no form, nothing to send), built from the history row alone so that a
model whose change form needs more than its fields (inlines, computed columns) cannot fail.
"""

from django.contrib.admin.utils import unquote
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db import models
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.formats import localize
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin

READ_METHODS = ("GET", "HEAD")


class ReadOnlyHistoryAdmin(SimpleHistoryAdmin):
    """History list and past states are views; nothing posted to them is saved."""

    object_history_form_template = "simple_history/past_state.html"

    def require_history_visible(self, request, object_id):
        """Raise Http404 when `request.user` may not know the record exists (a hook)."""

    def history_view(self, request, object_id, extra_context=None):
        if request.method not in READ_METHODS:
            return HttpResponseNotAllowed(READ_METHODS)
        self.require_history_visible(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method not in READ_METHODS:
            return HttpResponseNotAllowed(READ_METHODS)
        self.require_history_visible(request, object_id)
        opts = self.model._meta
        record = get_object_or_404(
            self.model.history.model,
            **{opts.pk.attname: unquote(object_id), "history_id": version_id},
        )
        obj = record.instance
        if not self.has_view_history_or_change_history_permission(request, obj):
            raise PermissionDenied
        url_names = (self.admin_site.name, opts.app_label, opts.model_name)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Cómo estaba %(object)s") % {"object": record.history_object},
            "opts": opts,
            "original": obj,
            "record": record,
            "rows": past_state_rows(record),
            "history_url": reverse("{}:{}_{}_history".format(*url_names), args=[obj.pk]),
            "change_url": reverse("{}:{}_{}_change".format(*url_names), args=[obj.pk]),
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.object_history_form_template, context)


def past_state_rows(record):
    """(label, text) for each field of the model as the history row kept it."""
    rows = []
    for field in record.instance._meta.concrete_fields:
        rows.append((field.verbose_name, _value_text(record, field)))
    return rows


def _value_text(record, field):
    value = getattr(record, field.attname, None)
    if value in (None, ""):
        return "—"
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if isinstance(field, models.ForeignKey):
        try:
            return str(getattr(record, field.name))
        except (ObjectDoesNotExist, AttributeError):
            return _("n.º %(id)s (ya no existe)") % {"id": value}
    if isinstance(field, models.FileField):
        return str(value)
    if isinstance(field, models.BooleanField):
        return _("Sí") if value else _("No")
    return localize(value)
