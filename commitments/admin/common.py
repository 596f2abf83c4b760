"""Pieces shared by the plan's admin pages: form sizing, evidence counting, code column."""

from collections import Counter

from django.contrib import admin
from django.contrib.admin.widgets import AdminTextareaWidget, AdminTextInputWidget
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from commitments.models import (
    Evidence,
    Milestone,
)
from commitments.models.milestones import COMPLETION_NEEDS_EVIDENCE

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


# --- evidence submitted together with what it proves ------------------------


def submitted_evidence(formset):
    """The evidence rows a validated inline formset will leave in place once saved."""
    return [
        form.instance
        for form in formset.forms
        if not (getattr(form, "cleaned_data", None) or {}).get("DELETE")
        and form.instance.has_evidence
    ]


def note_submitted_evidence(request, obj, formsets):
    """Tell the page's milestones (and the page's object) what evidence this submit leaves.

    The admin validates the main form and the milestone forms before it saves any
    inline, so evidence added, moved or deleted in the same submit would be missed.
    """
    evidence_formset = next((f for f in formsets if f.model is Evidence), None)
    if request.method != "POST" or evidence_formset is None:
        return
    evidence_formset.is_valid()
    evidence = submitted_evidence(evidence_formset)
    obj.pending_evidence_count = len(evidence)
    per_milestone = Counter(e.milestone_id for e in evidence)
    for formset in formsets:
        if formset.model is Milestone:
            for form in formset.forms:
                # A milestone added in this submit cannot have evidence yet.
                pk = form.instance.pk
                form.instance.pending_evidence_count = per_milestone[pk] if pk else 0


class ReportEvidenceFormSet(BaseInlineFormSet):
    """Evidence on a report page: removing it must not leave a complete milestone bare."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        kept = {e.milestone_id for e in submitted_evidence(self)}
        losing = {f.initial.get("milestone") for f in self.initial_forms} - kept - {None}
        here = [f.instance.pk for f in self.initial_forms]
        for milestone in Milestone.objects.filter(pk__in=losing, status=Milestone.Status.COMPLETE):
            if not milestone.evidence.exclude(pk__in=here).exists():
                raise ValidationError(COMPLETION_NEEDS_EVIDENCE % {"title": milestone.title})


def current_object_id(request):
    return request.resolver_match.kwargs.get("object_id")


class CommitmentCodeColumn:
    """The commitment's short code as a list column (its full title is too long)."""

    @admin.display(description=_("compromiso"), ordering="commitment__code")
    def commitment_code(self, obj):
        return obj.commitment.code


# --- commitments --------------------------------------------------------------
