"""Small pieces every admin page of the plan uses: form sizing, a refusal shown as a message,
the object being edited and the commitment-code list column.
"""

from django.contrib import admin, messages
from django.contrib.admin.widgets import (
    AdminTextareaWidget,
    AdminTextInputWidget,
)
from django.db import models
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext_lazy as _

# Text areas inside table rows: two lines, as wide as a one-line field.
TABLE_TEXT = {
    models.TextField: {"widget": AdminTextareaWidget(attrs={"class": "vTextField", "rows": 2})}
}


class RoomyForm:
    """Short text areas, and long one-line fields as wide as them (stacked forms only)."""

    formfield_overrides = {models.TextField: {"widget": AdminTextareaWidget(attrs={"rows": 3})}}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        long_line = (
            type(db_field) is models.CharField
            and not db_field.choices
            and db_field.max_length >= 200
        )
        if long_line:
            kwargs.setdefault("widget", AdminTextInputWidget(attrs={"class": "vLargeTextField"}))
        return super().formfield_for_dbfield(db_field, request, **kwargs)


def number(value):
    """A stored decimal as people write it: "92", "92.5", "1,250" (grouped the language's
    way), never the column's "92.00"."""
    return "-" if value is None else floatformat(value, "-2g")


def refuse(model_admin, request, error, subject=None):
    """Tell staff, in the site's words, why the services refused a write."""
    for message in error.messages:
        text = f"{subject}: {message}" if subject else message
        model_admin.message_user(request, text, messages.ERROR)


def current_object_id(request):
    return request.resolver_match.kwargs.get("object_id")


class CommitmentCodeColumn:
    """The commitment's short code as a list column (its full title is too long)."""

    @admin.display(description=_("compromiso"), ordering="commitment__code")
    def commitment_code(self, obj):
        return obj.commitment.code
