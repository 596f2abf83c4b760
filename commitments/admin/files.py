"""A fact's uploaded file for the staff who may see the fact, before it is public.

The public `/media/` URL serves a file only once its fact is public (`core/media.py`); the
Secretariat reviews a submission before that, so the admin links to this view instead. It
checks, per request, that the account may see the fact (the role's view permission and,
for a liaison, their units), answers 404 to anyone else (anonymous visitors included, so
nothing says the fact exists), and marks the answer private and not to be stored: it never
goes through the public page cache, which only serves views marked as public pages.
"""

import posixpath

from django.contrib.admin.widgets import AdminFileWidget
from django.core.files.storage import default_storage
from django.http import Http404
from django.urls import reverse
from django.utils.html import format_html

from commitments import permissions
from commitments.models import ClosingReport, Evidence, Measurement
from core import media

# URL segment → fact model with an `evidence_file`.
FACT_FILES = {"avance": Measurement, "evidencia": Evidence, "informe-final": ClosingReport}
KINDS = {model: kind for kind, model in FACT_FILES.items()}
STAFF_ONLY = "private, no-store"
# The read-only stand-in for `evidence_file` on a fact staff may see but not change.
STAFF_FIELD = "evidence_file_shown"


def staff_file_url(fact):
    """The admin URL of `fact`'s file, or "" when it has none."""
    kind = KINDS.get(type(fact))
    if kind is None or getattr(fact, "pk", None) is None or not fact.evidence_file:
        return ""
    return reverse("admin:fact_file", args=[kind, fact.pk])


def may_open(user, fact):
    """Staff with a role who may view this kind of fact and, for a liaison, this one."""
    if not (getattr(user, "is_active", False) and user.is_staff and permissions.has_role(user)):
        return False
    opts = fact._meta
    if not user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
        return False
    return permissions.in_scope(user, fact)


def fact_file(request, kind, pk):
    model = FACT_FILES.get(kind)
    if model is None:
        raise Http404
    fact = model._default_manager.filter(pk=pk).first()
    if fact is None or not may_open(request.user, fact) or not fact.evidence_file:
        raise Http404
    name = fact.evidence_file.name
    if not default_storage.exists(name):
        raise Http404
    return media.file_response(name, cache_control=STAFF_ONLY)


class StaffFile:
    """A stored file as the admin's file widget shows it, linked to the staff view."""

    def __init__(self, file, url):
        self.name, self.url = file.name, url

    def __str__(self):
        return self.name


class StaffFileInput(AdminFileWidget):
    """The admin's file input, linking the current file to the staff view, not `/media/`."""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if context["widget"]["is_initial"]:
            url = staff_file_url(getattr(value, "instance", None))
            if url:
                context["widget"]["value"] = StaffFile(value, url)
        return context


def staff_fields(fields):
    """`fields` with `evidence_file` shown read-only through the staff view."""
    swapped = []
    for item in fields:
        if isinstance(item, (list, tuple)):
            swapped.append(type(item)(staff_fields(item)))
        else:
            swapped.append(STAFF_FIELD if item == "evidence_file" else item)
    return swapped


def staff_link(fact):
    url = staff_file_url(fact)
    if not url:
        return ""
    return format_html('<a href="{}">{}</a>', url, posixpath.basename(fact.evidence_file.name))
