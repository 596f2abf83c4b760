from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import Count
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from commitments import permissions
from commitments.admin.facts import FactAdmin
from core import clock
from portal.admin_history import ReadOnlyHistoryAdmin
from portal.reports import admin as reports_admin
from secretariat import reader, services
from secretariat.forms import SessionAdminForm
from secretariat.models import (
    AgendaItem,
    Agreement,
    AgreementFollowUp,
    Call,
    Member,
    RouteMilestone,
    Sector,
    Session,
)


def _save_links(form, by):
    """A form's many-to-many choices, through the services (never `save_m2m`)."""
    if "commitments" in form.cleaned_data and form.instance.pk:
        services.set_agreement_commitments(
            agreement=form.instance, commitments=form.cleaned_data["commitments"], by=by
        )


class RecordAdmin(ReadOnlyHistoryAdmin):
    """The Secretariado's record is saved and deleted only through `secretariat.services`."""

    def save_model(self, request, obj, form, change):
        services.save(instance=obj, by=request.user)

    def save_related(self, request, form, formsets, change):
        _save_links(form, request.user)
        for formset in formsets:
            self.save_formset(request, form, formset, change)

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
        deleted = set(formset.deleted_forms)
        for inline_form in formset.forms:
            if inline_form not in deleted and inline_form.has_changed():
                _save_links(inline_form, request.user)


@admin.register(Sector)
class SectorAdmin(RecordAdmin):
    list_display = ["name", "order", "member_count"]
    list_editable = ["order"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(member_total=Count("members"))

    @admin.display(description=_("integrantes"), ordering="member_total")
    def member_count(self, sector):
        return sector.member_total


@admin.register(Member)
class MemberAdmin(RecordAdmin):
    list_display = [
        "name",
        "kind",
        "sector",
        "role",
        "term",
        "is_active",
        "consents",
        "is_example",
    ]
    list_filter = ["is_active", "kind", "role", "sector", "is_example", "publish_profile"]
    list_select_related = ["sector"]
    search_fields = ["name", "organization", "email"]
    autocomplete_fields = ["sector", "joined_through_call"]
    raw_id_fields = ["user"]
    date_hierarchy = "term_start"
    fieldsets = [
        (None, {"fields": ["name", "sector", "kind", "role", "organization", "is_example"]}),
        (
            _("Periodo"),
            {"fields": ["term_start", "term_end", "is_active", "joined_through_call"]},
        ),
        (
            _("Perfil público y consentimiento"),
            {
                "description": _(
                    "Solo se publica lo que la persona autorizó por escrito. Sin autorización, "
                    "la semblanza, la fotografía y el organismo quedan guardados pero ocultos."
                ),
                "fields": [
                    "profile",
                    "publish_profile",
                    "photo",
                    "publish_photo",
                    "publish_organization",
                ],
            },
        ),
        (
            _("Firma de los informes de avance"),
            {
                "description": _(
                    "La cuenta con la que la persona entra a /secretariado/firmar/ y firma, en "
                    "su nombre, su opinión de cada informe (solo ciudadanía e invitados "
                    "permanentes). Nadie firma por ella desde aquí."
                ),
                "fields": ["user"],
            },
        ),
        (
            _("Contacto (privado)"),
            {
                "description": _("Para uso interno del Secretariado; nunca se publica."),
                "fields": ["email", "phone"],
            },
        ),
    ]

    @admin.display(description=_("periodo"), ordering="term_start")
    def term(self, member):
        start = date_format(member.term_start, "SHORT_DATE_FORMAT")
        end = date_format(member.term_end, "SHORT_DATE_FORMAT") if member.term_end else "…"
        return f"{start} a {end}"

    @admin.display(description=_("autoriza publicar"))
    def consents(self, member):
        granted = [
            label
            for flag, label in [
                (member.publish_profile, _("semblanza")),
                (member.publish_photo, _("foto")),
                (member.publish_organization, _("organismo")),
            ]
            if flag
        ]
        return ", ".join(str(label) for label in granted) or _("nada")


@admin.register(Call)
class CallAdmin(RecordAdmin):
    list_display = ["title", "published_on", "deadline", "joined_total", "is_example"]
    search_fields = ["title", "text"]
    date_hierarchy = "published_on"
    prepopulated_fields = {"slug": ["title"]}
    fieldsets = [
        (None, {"fields": ["title", "slug", ("published_on", "deadline"), "is_example"]}),
        (_("Contenido"), {"fields": ["text", "requirements", "document"]}),
        (_("Resultado"), {"fields": ["outcome"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(joined_count=Count("members_joined"))

    @admin.display(description=_("se integraron"), ordering="joined_count")
    def joined_total(self, call):
        return call.joined_count


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 1
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2})}}


class AgreementInline(admin.StackedInline):
    model = Agreement
    extra = 0
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 3})}}
    fields = [
        ("code", "due_date"),
        "text",
        ("responsible_unit", "responsible"),
        "commitments",
    ]
    autocomplete_fields = ["commitments", "responsible_unit"]


@admin.register(Session)
class SessionAdmin(RecordAdmin):
    actions = [reports_admin.download_session]
    form = SessionAdminForm
    list_display = ["__str__", "kind", "date", "place", "is_held", "agreement_total", "is_example"]
    list_filter = ["kind", "is_held", "is_example"]
    search_fields = ["slug", "place", "summary", "agenda_items__title"]
    date_hierarchy = "date"
    filter_horizontal = ["attendance"]
    inlines = [AgendaItemInline, AgreementInline]
    fieldsets = [
        (None, {"fields": [("kind", "number"), ("date", "start_time"), "place", "is_held"]}),
        (_("Publicación"), {"fields": ["slug", "summary", "minutes", "is_example"]}),
        (
            _("Asistencia y quórum"),
            {
                "description": _(
                    "Solo aparecen las personas en funciones en la fecha de la sesión (guárdala "
                    "primero si es nueva). Hay quórum con la mayoría simple de quienes tienen "
                    "voto; sin él, explica el motivo para poder marcarla como celebrada."
                ),
                "fields": ["attendance", "held_without_quorum_note"],
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_agreement_counts()

    def save_model(self, request, obj, form, change):
        if "attendance" in form.cleaned_data:
            attendance = form.cleaned_data["attendance"]
        else:
            attendance = obj.attendance.all() if obj.pk else []
        services.save_session(session=obj, attendance=attendance, by=request.user)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "attendance":
            # Each option shows the member's sector: fetch it in the same query. The form
            # narrows it to the members in office on the session's date.
            kwargs["queryset"] = Member.objects.select_related("sector")
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    @admin.display(description=_("acuerdos"), ordering="agreement_count")
    def agreement_total(self, session):
        return session.agreement_count


class OverdueFilter(admin.SimpleListFilter):
    title = _("vencimiento")
    parameter_name = "vencido"

    def lookups(self, request, model_admin):
        return [("si", _("Vencidos")), ("no", _("No vencidos"))]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        overdue = [a.pk for a in reader.agreements_on(clock.today()) if a.is_overdue]
        if self.value() == "si":
            return queryset.filter(pk__in=overdue)
        return queryset.exclude(pk__in=overdue)


@admin.register(Agreement)
class AgreementAdmin(RecordAdmin):
    list_display = [
        "code",
        "short_text",
        "session",
        "responsible_name",
        "due_date",
        "status_today",
        "overdue",
    ]
    list_filter = [OverdueFilter, "session", "responsible_unit"]
    list_select_related = ["session", "responsible_unit"]
    search_fields = ["code", "text", "responsible", "responsible_unit__name"]
    autocomplete_fields = ["session", "commitments", "responsible_unit"]
    date_hierarchy = "due_date"

    def changelist_view(self, request, extra_context=None):
        self.today = {a.pk: a for a in reader.agreements_on(clock.today())}
        return super().changelist_view(request, extra_context)

    @admin.display(description=_("responsable"))
    def responsible_name(self, agreement):
        return agreement.responsible_name

    @admin.display(description=_("estado hoy"))
    def status_today(self, agreement):
        view = self.today.get(agreement.pk)
        return view.status_label if view else "—"

    @admin.display(description=_("vencido"), boolean=True)
    def overdue(self, agreement):
        view = self.today.get(agreement.pk)
        return bool(view and view.is_overdue)

    @admin.display(description=_("acuerdo"))
    def short_text(self, agreement):
        return agreement.text if len(agreement.text) <= 90 else f"{agreement.text[:87]}…"


@admin.register(AgreementFollowUp)
class AgreementFollowUpAdmin(FactAdmin):
    """A follow-up is a public fact: a liaison of the responsible unit drafts and submits it,
    the Secretariado técnico publishes it; once public it is only corrected, with a reason."""

    list_display = ["agreement", "date", "agreement_status", "status", "published_at"]
    list_filter = ["status", "agreement_status"]
    list_select_related = ["agreement"]
    search_fields = ["agreement__code", "note"]
    fields = ["agreement", "agreement_status", "date", "note", "evidence_url"]
    correctable = ("agreement_status", "date", "note", "evidence_url")

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if permissions.is_liaison(request.user):
            units = permissions.unit_ids(request.user)
            queryset = queryset.filter(agreement__responsible_unit__in=units)
        return queryset

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "agreement" and permissions.is_liaison(request.user):
            units = permissions.unit_ids(request.user)
            kwargs["queryset"] = Agreement.objects.filter(responsible_unit__in=units)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(RouteMilestone)
class RouteMilestoneAdmin(RecordAdmin):
    list_display = ["order", "title", "stage", "start_date", "end_date", "status", "is_example"]
    list_display_links = ["title"]
    list_editable = ["order", "status"]
    list_filter = ["status", "stage", "is_example"]
    search_fields = ["title", "description"]
    autocomplete_fields = ["session", "call"]
    fieldsets = [
        (None, {"fields": ["order", "title", "stage", "status", "is_example"]}),
        (_("Fechas"), {"fields": [("start_date", "end_date")]}),
        (
            _("Para el público"),
            {"fields": ["description", "session", "call", "document_url", "survey_url"]},
        ),
    ]
