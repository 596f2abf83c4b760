"""Participation in the admin: the Secretariado técnico's record of the survey, the tables,
the proposals and their fates. Every write goes through `participation.services`; a fate
follows the plan's review workflow (`commitments.admin.facts.FactAdmin`)."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from commitments.admin.basics import RoomyForm, refuse
from commitments.admin.facts import FactAdmin
from participation import services
from participation.imports import SurveyImporter
from participation.models import (
    Attendance,
    CocreationTable,
    Proposal,
    ProposalFate,
    ResultsReport,
    Survey,
    Theme,
)
from portal.admin_history import ReadOnlyHistoryAdmin


class ThroughServices(RoomyForm, ReadOnlyHistoryAdmin):
    """Saves and deletes through `participation.services`, refused in Spanish if they say no."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as error:
            refuse(self, request, error)
            return HttpResponseRedirect(request.get_full_path())

    def save_model(self, request, obj, form, change):
        services.save(instance=obj, by=request.user)

    def delete_model(self, request, obj):
        services.delete(instance=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            services.delete(instance=obj, by=request.user)


@admin.register(Theme)
class ThemeAdmin(ThroughServices):
    list_display = ["name", "order"]
    prepopulated_fields = {"slug": ["name"]}


class SurveyImportForm(forms.Form):
    file = forms.FileField(
        label=_("Archivo"),
        help_text=_("Hoja de cálculo .xlsx o .csv con una fila por pregunta y opción."),
    )
    sheet = forms.CharField(
        label=_("Hoja"),
        required=False,
        max_length=31,
        help_text=_("Solo para .xlsx con varias hojas; vacío: la primera."),
    )


@admin.register(Survey)
class SurveyAdmin(ThroughServices):
    list_display = ["title", "start_date", "end_date", "responses"]
    readonly_fields = ["results"]

    def get_urls(self):
        return [
            path(
                "<int:pk>/importar/",
                self.admin_site.admin_view(self.import_view),
                name="participation_survey_import",
            ),
            *super().get_urls(),
        ]

    @admin.display(description=_("resultados agregados"))
    def results(self, obj):
        if obj.pk is None:
            return "-"
        link = format_html(
            '<p><a href="{}">{}</a></p>',
            reverse("admin:participation_survey_import", args=[obj.pk]),
            _("Cargar los resultados desde una hoja de cálculo (reemplaza los actuales)"),
        )
        lines = format_html_join(
            "",
            "<li>{} · {}: {}</li>",
            (
                (option.question.text, option.label, option.count)
                for question in obj.questions.prefetch_related("options")
                for option in question.options.all()
            ),
        )
        return format_html("{}<ul>{}</ul>", link, lines)

    def import_view(self, request, pk):
        survey = get_object_or_404(Survey, pk=pk)
        if not self.has_change_permission(request, survey):
            raise PermissionDenied
        form = SurveyImportForm(request.POST or None, request.FILES or None)
        outcome = None
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            dry_run = "import" not in request.POST
            outcome = SurveyImporter(survey=survey, by=request.user).run(
                upload.read(),
                upload.name,
                dry_run=dry_run,
                sheet=form.cleaned_data["sheet"] or None,
            )
            if outcome.written:
                self.message_user(request, outcome.summary(), messages.SUCCESS)
                return HttpResponseRedirect(
                    reverse("admin:participation_survey_change", args=[survey.pk])
                )
        context = {
            **self.admin_site.each_context(request),
            "title": SurveyImporter.title,
            "survey": survey,
            "opts": self.model._meta,
            "form": form,
            "outcome": outcome,
            "columns": SurveyImporter.columns,
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/participation/survey_import.html", context)


class AttendanceForm(forms.Form):
    """A count per sector; a sector left empty had nobody there."""

    def __init__(self, *args, table=None, **kwargs):
        super().__init__(*args, **kwargs)
        counts = {}
        if table is not None and table.pk:
            counts = {row.sector: row.count for row in table.attendance.all()}
        for value, label in Attendance._meta.get_field("sector").choices:
            self.fields[f"sector_{value}"] = forms.IntegerField(
                label=label, min_value=0, required=False, initial=counts.get(value)
            )

    def counts(self):
        prefix = "sector_"
        return {
            name.removeprefix(prefix): value
            for name, value in self.cleaned_data.items()
            if value is not None
        }


@admin.register(CocreationTable)
class CocreationTableAdmin(ThroughServices):
    list_display = ["date", "theme", "is_example"]
    readonly_fields = ["attendance_shown"]

    @admin.display(description=_("asistencia por sector"))
    def attendance_shown(self, obj):
        if obj.pk is None:
            return _("Guarda la mesa para registrar su asistencia por sector.")
        rows = format_html_join(
            "", "<li>{}: {}</li>", ((a.get_sector_display(), a.count) for a in obj.attendance.all())
        )
        link = reverse("admin:participation_cocreationtable_attendance", args=[obj.pk])
        return format_html('<ul>{}</ul><p><a href="{}">{}</a></p>', rows, link, _("Cambiar"))

    def get_urls(self):
        return [
            path(
                "<int:pk>/asistencia/",
                self.admin_site.admin_view(self.attendance_view),
                name="participation_cocreationtable_attendance",
            ),
            *super().get_urls(),
        ]

    def attendance_view(self, request, pk):
        table = get_object_or_404(CocreationTable, pk=pk)
        if not self.has_change_permission(request, table):
            raise PermissionDenied
        form = AttendanceForm(request.POST or None, table=table)
        if request.method == "POST" and form.is_valid():
            try:
                services.set_attendance(table=table, counts=form.counts(), by=request.user)
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                self.message_user(request, _("Guardaste la asistencia."), messages.SUCCESS)
                return HttpResponseRedirect(
                    reverse("admin:participation_cocreationtable_change", args=[table.pk])
                )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Asistencia de «%(table)s»") % {"table": table},
            "opts": self.model._meta,
            "form": form,
            "table": table,
        }
        return TemplateResponse(request, "admin/participation/attendance.html", context)


@admin.register(Proposal)
class ProposalAdmin(ThroughServices):
    list_display = ["number", "theme", "origin", "is_example"]
    list_filter = ["origin", "theme"]
    search_fields = ["text"]


@admin.register(ProposalFate)
class ProposalFateAdmin(FactAdmin):
    services = services
    fields = [
        "proposal",
        "date",
        "outcome",
        "commitment",
        "milestone",
        "merged_into",
        "explanation",
    ]
    correctable = ("date", "outcome", "commitment", "milestone", "merged_into", "explanation")
    list_display = ["proposal", "outcome", "day", "status_shown", "published_day"]
    list_filter = ["status", "outcome"]
    raw_id_fields = ["proposal", "merged_into"]


@admin.register(ResultsReport)
class ResultsReportAdmin(ThroughServices):
    list_display = ["title", "published_on"]
