"""Spreadsheet import and export in the admin.

Upload → the dry run's preview row by row → confirm. The uploaded file waits for the
confirmation in a private folder (IMPORTS_ROOT), named by a random token kept in the
staff member's session together with its SHA-256, so the confirmed import is the very file
that was previewed. While a large file is checked, and again while it is written, the page
polls (htmx) a progress fragment the import updates in the cache; without JavaScript the
result page says how many rows were checked and how long it took.
"""

import hashlib
import re
import secrets
import time
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from commitments.imports import IMPORTERS, TITLES, export, importer
from commitments.models import ActionPlan, Commitment

SESSION_KEY = "spreadsheet_import"
TOKEN = re.compile(r"^[0-9a-f]{32}$")
PROGRESS_SECONDS = 600
# A file not confirmed within a day is deleted at the next upload.
KEEP_SECONDS = 24 * 60 * 60


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Archivo"), help_text=_("Hoja de cálculo .xlsx o .csv (UTF-8 o Windows-1252).")
    )
    plan = forms.ModelChoiceField(label=_("Plan"), queryset=ActionPlan.objects.all())
    sheet = forms.CharField(
        label=_("Hoja"),
        required=False,
        max_length=31,
        help_text=_("Solo para .xlsx con varias hojas; vacío: la primera."),
    )
    publish = forms.BooleanField(
        label=_("Publicar al importar"),
        required=False,
        help_text=_("Si no, lo importado queda como borrador o copia de trabajo para revisarlo."),
    )
    create_missing = forms.BooleanField(
        label=_("Crear los ejes y las dependencias que falten"), required=False
    )
    progress = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, kind, **kwargs):
        super().__init__(*args, **kwargs)
        if kind != "matriz":
            del self.fields["create_missing"]
        self.fields["plan"].initial = ActionPlan.objects.current()


def _folder():
    folder = Path(settings.IMPORTS_ROOT)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _forget(request):
    stored = request.session.pop(SESSION_KEY, None)
    if stored and TOKEN.match(stored.get("token", "")):
        (_folder() / stored["token"]).unlink(missing_ok=True)


def _sweep():
    limit = time.time() - KEEP_SECONDS
    for old in _folder().iterdir():
        if old.stat().st_mtime < limit:
            old.unlink(missing_ok=True)


def _progress_key(token):
    return f"imports:progress:{token}"


def _progress_reporter(token):
    if not TOKEN.match(token or ""):
        return None

    def report(done, total, stage):
        cache.set(_progress_key(token), (done, total, str(stage)), PROGRESS_SECONDS)

    return report


class SpreadsheetAdmin:
    """A model admin with an import page (`import_kind`) and export actions (`export_kind`)."""

    import_kind = None
    export_kind = None
    change_list_template = "admin/commitments/spreadsheet_change_list.html"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.export_kind:
            self.actions = [*(self.actions or []), "export_xlsx", "export_csv"]

    # --- urls and the changelist link --------------------------------------------------

    def get_urls(self):
        if not self.import_kind:
            return super().get_urls()
        opts = self.model._meta
        name = f"{opts.app_label}_{opts.model_name}"
        return [
            path(
                "importar/",
                self.admin_site.admin_view(self.import_view),
                name=f"{name}_import",
            ),
            path(
                "importar/progreso/<str:token>/",
                self.admin_site.admin_view(self.import_progress_view),
                name=f"{name}_import_progress",
            ),
            *super().get_urls(),
        ]

    def _url(self, suffix, *args):
        opts = self.model._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_{suffix}", args=args)

    def changelist_view(self, request, extra_context=None):
        if self.import_kind and self.has_add_permission(request):
            extra_context = {
                **(extra_context or {}),
                "import_url": self._url("import"),
                "import_label": TITLES[self.import_kind],
            }
        return super().changelist_view(request, extra_context)

    # --- the import page -----------------------------------------------------------------

    def import_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        kind = self.import_kind
        if request.method == "POST" and "confirm" in request.POST:
            return self._confirm(request)
        form = ImportForm(request.POST or None, request.FILES or None, kind=kind)
        outcome = token = None
        if request.method == "POST" and form.is_valid():
            outcome, token = self._preview(request, form)
            form = ImportForm(initial=form.cleaned_data, kind=kind)
        progress = secrets.token_hex(16)
        form.initial["progress"] = progress
        # The confirmation polls a progress of its own while the file is written.
        confirm_progress = secrets.token_hex(16)
        context = {
            **self.admin_site.each_context(request),
            "title": TITLES[kind],
            "opts": self.model._meta,
            "form": form,
            "outcome": outcome,
            "token": token,
            "progress": progress,
            "progress_url": self._url("import_progress", progress),
            "confirm_progress": confirm_progress,
            "confirm_progress_url": self._url("import_progress", confirm_progress),
            "columns": IMPORTERS[kind].columns,
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/commitments/import.html", context)

    def _options(self, data):
        options = {"plan": data["plan"], "publish": data["publish"]}
        if self.import_kind == "matriz":
            options["create_missing"] = data["create_missing"]
        return options

    def _importer(self, request, options, progress=None):
        # Who imports decides what the file may touch (a liaison: their units' rows only).
        return importer(self.import_kind, by=request.user, progress=progress, **options)

    def _preview(self, request, form):
        data = form.cleaned_data
        upload = data["file"]
        limit = settings.IMPORT_MAX_MB * 1024 * 1024
        content = upload.read(limit + 1)
        outcome = self._importer(
            request, self._options(data), _progress_reporter(data["progress"])
        ).run(content, upload.name, dry_run=True, sheet=data["sheet"] or None)
        _forget(request)
        token = None
        if outcome.ok and not outcome.nothing_to_do:
            _sweep()
            token = secrets.token_hex(16)
            (_folder() / token).write_bytes(content)
            request.session[SESSION_KEY] = {
                "token": token,
                "kind": self.import_kind,
                "name": upload.name,
                "sha256": hashlib.sha256(content).hexdigest(),
                "sheet": data["sheet"] or None,
                "plan": data["plan"].pk,
                "publish": data["publish"],
                "create_missing": data.get("create_missing", False),
            }
        return outcome, token

    def _confirm(self, request):
        stored = request.session.get(SESSION_KEY) or {}
        token = request.POST.get("confirm", "")
        if stored.get("token") != token or stored.get("kind") != self.import_kind:
            self.message_user(
                request,
                _("Esa revisión ya no está disponible: sube el archivo otra vez."),
                messages.ERROR,
            )
            return HttpResponseRedirect(self._url("import"))
        path_ = _folder() / token
        content = path_.read_bytes() if path_.exists() else b""
        if hashlib.sha256(content).hexdigest() != stored["sha256"]:
            _forget(request)
            self.message_user(
                request, _("El archivo revisado ya no está: súbelo otra vez."), messages.ERROR
            )
            return HttpResponseRedirect(self._url("import"))
        options = {
            "plan": ActionPlan.objects.get(pk=stored["plan"]),
            "publish": stored["publish"],
        }
        if self.import_kind == "matriz":
            options["create_missing"] = stored["create_missing"]
        progress = _progress_reporter(request.POST.get("progress", ""))
        outcome = self._importer(request, options, progress).run(
            content, stored["name"], dry_run=False, sheet=stored["sheet"]
        )
        _forget(request)
        if outcome.ok:
            self.message_user(request, outcome.summary(), messages.SUCCESS)
            for note in outcome.notes:
                self.message_user(request, note, messages.INFO)
            opts = self.model._meta
            return HttpResponseRedirect(
                reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
            )
        # Something changed since the preview (another import, an edit): say what.
        for problem in outcome.problems:
            self.message_user(request, str(problem), messages.ERROR)
        self.message_user(request, outcome.summary(), messages.ERROR)
        return HttpResponseRedirect(self._url("import"))

    def import_progress_view(self, request, token):
        if not TOKEN.match(token) or not self.has_add_permission(request):
            raise Http404
        state = cache.get(_progress_key(token))
        context = {
            "progress": token,
            "progress_url": self._url("import_progress", token),
            "state": state,
        }
        if state:
            context.update(done=state[0], total=state[1], stage=state[2])
        return TemplateResponse(request, "admin/commitments/_import_progress.html", context)

    # --- exports -------------------------------------------------------------------------

    def export_queryset(self, request, queryset):
        """What an export writes for the selected rows; None after telling why not."""
        if self.export_kind != "matriz":
            return queryset
        if queryset.model is ActionPlan:
            queryset = Commitment.objects.filter(plan__in=queryset)
        if queryset.values("plan").distinct().count() > 1:
            self.message_user(
                request,
                _("Exporta la matriz de un solo plan a la vez: el archivo se importa a un plan."),
                messages.ERROR,
            )
            return None
        return queryset

    def _export(self, request, queryset, file_format):
        rows = self.export_queryset(request, queryset)
        if rows is None:
            return None
        content, content_type, extension = export.export(self.export_kind, rows, file_format)
        response = HttpResponse(content, content_type=content_type)
        name = f"{self.export_kind}.{extension}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    @admin.action(description=_("Exportar lo seleccionado a Excel (.xlsx)"))
    def export_xlsx(self, request, queryset):
        return self._export(request, queryset, "xlsx")

    @admin.action(description=_("Exportar lo seleccionado a CSV (UTF-8)"))
    def export_csv(self, request, queryset):
        return self._export(request, queryset, "csv")
