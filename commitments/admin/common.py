"""Pieces shared by the plan's admin pages: form sizing, evidence counting, code column."""

from django.contrib import admin
from django.contrib.admin.widgets import AdminTextareaWidget, AdminTextInputWidget
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal import clock

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


# --- the status staff see is the one the public sees ------------------------


def staff_verdicts(queryset):
    """Today's public verdict of each commitment in `queryset` that has a public version."""
    from commitments import reader

    today = clock.today()
    found = {}
    plans = {c.plan for c in queryset.select_related("plan__exercise")}
    for plan in plans:
        for row in reader.plan_view(plan, today).rows:
            found[row.pk] = row.verdict
    return found


def staff_verdict(commitment):
    from commitments import reader

    view = reader.CommitmentView(commitment, clock.today())
    return view.verdict if view.version is not None else None


def current_object_id(request):
    return request.resolver_match.kwargs.get("object_id")


class CommitmentCodeColumn:
    """The commitment's short code as a list column (its full title is too long)."""

    @admin.display(description=_("compromiso"), ordering="commitment__code")
    def commitment_code(self, obj):
        return obj.commitment.code


# --- commitments --------------------------------------------------------------
