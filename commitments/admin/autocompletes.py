"""Autocompletes that say where a record belongs (its commitment, plan or milestone)."""

from django import forms
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.admin.widgets import (
    AutocompleteSelect,
)
from django.urls import path, reverse


class LabelledAutocompleteView(AutocompleteJsonView):
    def serialize_result(self, obj, to_field_name):
        return {
            "id": str(getattr(obj, to_field_name)),
            "text": self.model_admin.autocomplete_label(obj),
        }


class LabelledAutocompleteSelect(AutocompleteSelect):
    """An autocomplete served by the target admin's own view (see `LabelledAutocomplete`)."""

    def get_url(self):
        opts = self.field.remote_field.model._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_autocomplete")


class LabelledChoiceField(forms.ModelChoiceField):
    def __init__(self, *args, label_from_instance, **kwargs):
        self.label_from_instance = label_from_instance
        super().__init__(*args, **kwargs)


class LabelledAutocomplete:
    """A model admin whose records appear in autocompletes as `autocomplete_label(obj)`
    (an indicator's name alone does not say which commitment or plan it belongs to)."""

    def autocomplete_label(self, obj):
        return str(obj)

    def get_urls(self):
        opts = self.model._meta
        view = LabelledAutocompleteView.as_view(admin_site=self.admin_site)
        return [
            path(
                "autocompletar/",
                self.admin_site.admin_view(view),
                name=f"{opts.app_label}_{opts.model_name}_autocomplete",
            ),
            *super().get_urls(),
        ]


class UsesLabelledAutocompletes:
    """Foreign keys in `labelled_autocomplete_fields` use the target admin's labels."""

    labelled_autocomplete_fields = ()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.labelled_autocomplete_fields:
            target = self.admin_site.get_model_admin(db_field.remote_field.model)
            kwargs["widget"] = LabelledAutocompleteSelect(db_field, self.admin_site)
            kwargs["form_class"] = LabelledChoiceField
            kwargs["label_from_instance"] = target.autocomplete_label
            kwargs.setdefault("queryset", target.get_queryset(request))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
