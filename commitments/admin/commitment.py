"""The commitment page: the working copy of its matrix row, and how it becomes public.

Staff edit the working copy (texts, dates, indicators, milestones, parties). Once the
commitment has a public version, saving publishes the next version with a public reason,
or records an approved modification that does so from its approval date.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.forms import CheckboxSelectMultiple
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from commitments import services
from commitments.admin.basics import RoomyForm, refuse
from commitments.admin.imports import SpreadsheetAdmin
from commitments.admin.reasons import reason_step
from commitments.admin.structure import StructureAdmin
from commitments.admin.verdicts import staff_verdict, staff_verdicts, verdict_if_published
from commitments.content import field_names
from commitments.models import (
    ActionPlan,
    Commitment,
    CoResponsibility,
    FactStatus,
    Indicator,
    Milestone,
    report_status,
)
from commitments.semaforo import STALE, STALE_LABEL, Status
from core import clock
from portal.reports import admin as reports_admin
from secretariat.models import Session

# A commitment's English texts (its milestones' and indicators' are in their inlines).
ENGLISH_FIELDS = ["title_en", "description_en", "goal_en"]


class PublicWorkingCopyInline:
    """Rows of a public commitment are not deleted: a version records what was public."""

    def has_delete_permission(self, request, obj=None):
        return obj is None or not obj.versions.exists()


class IndicatorInline(PublicWorkingCopyInline, RoomyForm, admin.StackedInline):
    model = Indicator
    extra = 0
    fields = [
        ("name", "order"),
        ("name_en", "unit_en"),
        ("unit", "baseline", "target", "direction"),
        ("periodicity", "weight"),
        "verification_means",
        "verification_url",
    ]


class MilestoneInline(PublicWorkingCopyInline, RoomyForm, admin.StackedInline):
    model = Milestone
    extra = 0
    autocomplete_fields = ["unit"]
    fields = [
        ("order", "title"),
        "deliverable",
        ("title_en", "deliverable_en"),
        ("unit", "responsible_person"),
        ("start_date", "end_date", "weight"),
    ]


class CoResponsibilityInline(admin.TabularInline):
    model = CoResponsibility
    extra = 0
    autocomplete_fields = ["unit", "organization"]


class CommitmentForm(forms.ModelForm):
    """The working copy, plus how a change to a public commitment becomes public."""

    public_reason = forms.CharField(
        label=_("Motivo público del cambio"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Se publica con la nueva versión; la versión anterior queda a la vista en el historial."
        ),
    )
    is_modification = forms.BooleanField(
        label=_("Es una modificación aprobada"),
        required=False,
        help_text=_("Márcalo si el Secretariado aprobó este cambio en sesión."),
    )
    approved_on = forms.DateField(
        label=_("Fecha de aprobación"), required=False, widget=admin.widgets.AdminDateWidget
    )
    session = forms.ModelChoiceField(
        label=_("Sesión que la aprobó"),
        queryset=Session.objects.order_by("-date"),
        required=False,
    )
    summary = forms.CharField(label=_("Qué cambió"), max_length=300, required=False)

    class Meta:
        model = Commitment
        fields = [
            "objective",
            "code",
            "slug",
            "title",
            "description",
            "unit",
            "contact_name",
            "contact_role",
            "goal",
            "start_date",
            "end_date",
            "progress_source",
            "pillars",
            "is_example",
            *ENGLISH_FIELDS,
        ]
        widgets = {"pillars": CheckboxSelectMultiple}

    def clean(self):
        data = super().clean()
        if not self.is_public or not self.changes_spanish:
            return data
        if not data.get("public_reason", "").strip():
            self.add_error(
                "public_reason",
                _("Escribe el motivo público del cambio: el compromiso ya es público."),
            )
        if data.get("is_modification"):
            for name in ("approved_on", "session", "summary"):
                if not data.get(name):
                    self.add_error(name, _("Complétalo: es una modificación aprobada."))
        return data

    @property
    def is_public(self):
        return self.instance.pk is not None and self.instance.versions.exists()

    @property
    def changes_spanish(self):
        """Something besides the English was written. A translation alone is saved without
        a public reason and publishes no version (the publish step finds nothing public
        changed); a change to the milestones or indicators without one is refused there."""
        return bool(set(self.changed_data) - set(ENGLISH_FIELDS))


def pending_changes(commitment):
    """(what, published, working copy) for each public field the working copy changes;
    None when the commitment has no public version yet."""
    last = commitment.versions.order_by("-number").first()
    if last is None:
        return None
    now, published = services.snapshot(commitment), last.content
    if now == published:
        return []
    changes = []
    for name in field_names(now):
        old, new = getattr(published, name), getattr(now, name)
        if old == new:
            continue
        if name in ("indicators", "milestones"):
            changes += _part_changes(name, old, new)
        elif name in ("unit_id", "objective_id"):
            field = Commitment._meta.get_field(name.removesuffix("_id"))
            model = field.related_model
            names = {o.pk: str(o) for o in model.objects.filter(pk__in=[old, new])}
            changes.append((field.verbose_name, names.get(old, "—"), names.get(new, "—")))
        elif name in ("pillar_ids", "co_responsibles"):
            label = _("pilares") if name == "pillar_ids" else _("corresponsables")
            changes.append((label, _("los publicados"), _("otros")))
        else:
            label = Commitment._meta.get_field(name).verbose_name
            changes.append((label, old or "—", new or "—"))
    return changes


def _part_changes(name, old, new):
    model, title = (Indicator, "name") if name == "indicators" else (Milestone, "title")
    before = {item.id: item for item in old}
    changes = []
    for item in new:
        published = before.pop(item.id, None)
        if published is None:
            changes.append((model._meta.verbose_name, "—", getattr(item, title)))
            continue
        for key in field_names(item):
            value, was = getattr(item, key), getattr(published, key)
            if was != value:
                label = f"{model._meta.verbose_name} «{getattr(item, title)}», "
                label += str(model._meta.get_field(key.removesuffix("_id")).verbose_name)
                changes.append((label, was, value))
    for item in before.values():
        changes.append((model._meta.verbose_name, getattr(item, title), "—"))
    return changes


class Refused(Exception):
    """The services refused the save; the page is shown again with their reasons."""

    def __init__(self, form, formsets):
        self.form, self.formsets = form, formsets


class StatusListFilter(admin.SimpleListFilter):
    """The semáforo computed today; it is not a column, so it is filtered in Python."""

    title = _("semáforo")
    parameter_name = "semaforo"

    def lookups(self, request, model_admin):
        return [*Status.choices, (STALE, STALE_LABEL)]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        matching = [
            pk
            for pk, verdict in staff_verdicts(
                ActionPlan.objects.filter(pk__in=queryset.values("plan"))
            ).items()
            if verdict.status == self.value() or (self.value() == STALE and verdict.stale)
        ]
        return queryset.filter(pk__in=matching)


def verdict_summary(verdict):
    """The computed status with the assigned one beside it, never in its place."""
    computed = format_html(
        "<strong>{}</strong> ({} % de {} % esperado)",
        verdict.computed_label,
        verdict.progress_display,
        verdict.expected_display,
    )
    if not verdict.overridden:
        return computed
    return format_html(
        "{} · {} <strong>{}</strong>",
        computed,
        _("asignado por el Secretariado:"),
        verdict.label,
    )


@admin.register(Commitment)
class CommitmentAdmin(SpreadsheetAdmin, StructureAdmin):
    import_kind = export_kind = "matriz"
    form = CommitmentForm
    list_display = ["code", "title", "unit_short", "axis_name", "semaforo", "is_published"]
    list_display_links = ["code", "title"]
    list_filter = [
        "plan",
        "objective__axis",
        "unit",
        StatusListFilter,
        "pillars",
        "is_example",
        "is_published",
    ]
    search_fields = ["code", "title", "description", "unit__name", "unit__acronym"]
    autocomplete_fields = ["objective", "unit"]
    prepopulated_fields = {"slug": ["code", "title"]}
    readonly_fields = [
        "computed_status",
        "versions_shown",
        "public_link",
        "round_reports",
        "pending_modification",
    ]
    list_per_page = 50
    actions = ["publish_commitments", "unpublish_commitments", reports_admin.download_commitment]
    inlines = [IndicatorInline, MilestoneInline, CoResponsibilityInline]

    def get_fieldsets(self, request, obj=None):
        fieldsets = [
            (None, {"fields": ["objective", ("code", "slug"), "title", "description"]}),
            (
                _("Responsables y meta"),
                {"fields": ["unit", ("contact_name", "contact_role"), "goal", "pillars"]},
            ),
            (
                _("Periodo y fuente de avance"),
                {"fields": [("start_date", "end_date"), "progress_source"]},
            ),
            (
                _("Versión en inglés"),
                {
                    "fields": ENGLISH_FIELDS,
                    "description": _(
                        "La traducción de la acción, su descripción y su meta para el sitio en "
                        "inglés (los hitos e indicadores tienen la suya abajo). No es un cambio "
                        "de lo publicado: no pide motivo ni crea una versión; el sitio en inglés "
                        "la muestra mientras el texto en español sea el publicado."
                    ),
                },
            ),
        ]
        if obj is None:
            return [*fieldsets, (_("Publicación"), {"fields": ["is_example"]})]
        fieldsets += [
            (_("Semáforo"), {"fields": ["computed_status"]}),
            (_("Seguimiento"), {"fields": ["round_reports"]}),
            (
                _("Publicación"),
                {"fields": ["is_example", "public_link", "versions_shown"]},
            ),
        ]
        if obj.versions.exists():
            fieldsets.append(
                (
                    _("Cambio público"),
                    {
                        "fields": [
                            "pending_modification",
                            "public_reason",
                            "is_modification",
                            ("approved_on", "session"),
                            "summary",
                        ],
                        "description": _(
                            "Este compromiso ya es público: al guardar se publica una nueva "
                            "versión, vigente desde hoy o, si es una modificación aprobada, "
                            "desde su fecha de aprobación. Lo que cambió una importación "
                            "espera aquí, sin publicar, hasta que lo publiques con su motivo."
                        ),
                    },
                )
            )
        return fieldsets

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("plan__exercise", "objective__axis", "unit")
        )

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        # One reading of the plans for the whole page, not one per row.
        verdicts = staff_verdicts({c.plan for c in changelist.result_list})
        for commitment in changelist.result_list:
            commitment.verdict = verdicts.get(commitment.pk)
        return changelist

    # --- what staff read ---

    @admin.display(description=_("dependencia"), ordering="unit__acronym")
    def unit_short(self, obj):
        return obj.unit.acronym or obj.unit.name

    @admin.display(description=_("eje"), ordering="objective__axis__name")
    def axis_name(self, obj):
        return obj.objective.axis.name

    @admin.display(description=_("semáforo hoy"))
    def semaforo(self, obj):
        verdict = getattr(obj, "verdict", None)
        if verdict is None:
            return _("Sin versión publicada")
        summary = verdict_summary(verdict)
        if verdict.stale:
            return format_html("{} · {}", summary, STALE_LABEL.lower())
        return summary

    @admin.display(description=_("estado calculado hoy"))
    def computed_status(self, obj):
        today = self.verdict_shown(staff_verdict(obj))
        from commitments.admin.review import facts_with_status

        pending = facts_with_status(FactStatus.SUBMITTED, commitment=obj)
        if not pending:
            return today
        after, refusal = verdict_if_published(obj, pending)
        heading = ngettext(
            "Si se publica el envío pendiente de revisión:",
            "Si se publican los %(n)d envíos pendientes de revisión:",
            len(pending),
        ) % {"n": len(pending)}
        result = refusal or self.verdict_shown(after)
        return format_html("{}<p><strong>{}</strong></p>{}", today, heading, result)

    def verdict_shown(self, verdict):
        """The status and explanation exactly as the public page gives them."""
        if verdict is None:
            return _("Aún no tiene una versión publicada.")
        if not verdict.overridden:
            return format_html("<p>{}</p><p>{}</p>", verdict_summary(verdict), verdict.explanation)
        return format_html(
            "<p>{}</p><p>{} {}. {} {}</p>",
            verdict_summary(verdict),
            _("El público ve el estado asignado desde el"),
            date_format(verdict.override_since),
            _("Motivo:"),
            verdict.override_reason,
        )

    @admin.display(description=_("versiones públicas"))
    def versions_shown(self, obj):
        versions = obj.versions.order_by("number")
        if not versions:
            return _("Aún no es público: se publica la versión 1 al publicar el compromiso.")
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li>{} {}, {} {}{}</li>",
                (
                    (
                        _("Versión"),
                        version.number,
                        _("vigente desde el"),
                        date_format(version.effective_on),
                        f": {version.reason}" if version.reason else "",
                    )
                    for version in versions
                ),
            ),
        )

    @admin.display(description=_("modificación pendiente"))
    def pending_modification(self, obj):
        changes = pending_changes(obj)
        if changes is None:
            return _("Aún no es público.")
        if not changes:
            return _("Ninguna: lo que ves es la versión publicada.")
        return format_html(
            "<p><strong>{}</strong></p><ul>{}</ul>",
            _(
                "La copia de trabajo cambia lo publicado y el público aún no lo ve: escribe el "
                "motivo (y, si la aprobó el Secretariado, los datos de la modificación) y "
                "guarda para publicarla."
            ),
            format_html_join("", "<li>{}: «{}» → «{}»</li>", changes),
        )

    @admin.display(description=_("página pública"))
    def public_link(self, obj):
        if not obj.is_published:
            return _("No publicado: el público no ve este compromiso.")
        return format_html(
            '<a href="{}">{}</a>', obj.get_absolute_url(), _("Ver la página pública")
        )

    @admin.display(description=_("reportes por corte"))
    def round_reports(self, obj):
        today = clock.today()
        reports = {r.round_id: r for r in obj.round_reports.all()}
        rows = []
        for round_ in obj.plan.rounds.all():
            report = reports.get(round_.pk)
            status = report_status(round_, report, today, starts_on=obj.start_date)
            rows.append((round_.title, status.label))
        if not rows:
            return _("El plan aún no tiene cortes de seguimiento.")
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}: {}</li>", rows))

    # --- writes ---

    def save_related(self, request, form, formsets, change):
        commitment = form.instance
        was_public = form.is_public
        try:
            for formset in formsets:
                self.save_formset(request, form, formset, change)
            services.set_parties(
                commitment=commitment,
                pillars=form.cleaned_data["pillars"],
                by=request.user,
            )
            if was_public:
                self.publish_change(request, form, commitment)
        except ValidationError as error:
            form.add_error(None, error.messages)
            raise Refused(form, formsets) from error

    def publish_change(self, request, form, commitment):
        last = commitment.versions.order_by("-number").first()
        if services.snapshot(commitment) == last.content:
            self.message_user(
                request,
                _("No cambió nada de lo público: no se publicó una versión nueva.")
                if form.changes_spanish or not form.changed_data
                else _(
                    "Guardaste el texto en inglés. Es una traducción: lo publicado no cambió y "
                    "no se publicó una versión nueva."
                ),
                messages.INFO,
            )
            return
        data = form.cleaned_data
        if data["is_modification"]:
            modification = services.approve_modification(
                commitment=commitment,
                approved_on=data["approved_on"],
                summary=data["summary"],
                reason=data["public_reason"],
                session=data["session"],
                by=request.user,
            )
            version = modification.version
        else:
            version = services.publish_version(
                commitment=commitment,
                reason=data["public_reason"],
                effective_on=clock.today(),
                by=request.user,
            )
        self.message_user(
            request,
            _("Publicaste la versión %(n)s, vigente desde el %(day)s.")
            % {"n": version.number, "day": date_format(version.effective_on)},
            messages.SUCCESS,
        )

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except Refused as refused:
            # Django's own transaction was rolled back; show what staff typed, with why.
            return self.render_refused(request, object_id, refused)

    def render_refused(self, request, object_id, refused):
        obj = self.get_object(request, unquote(object_id)) if object_id else None
        admin_form = helpers.AdminForm(
            refused.form,
            list(self.get_fieldsets(request, obj)),
            self.get_prepopulated_fields(request, obj),
            self.get_readonly_fields(request, obj),
            model_admin=self,
        )
        inline_formsets = self.get_inline_formsets(
            request, refused.formsets, self.get_inline_instances(request, obj), obj
        )
        media = self.media + admin_form.media
        for inline_formset in inline_formsets:
            media += inline_formset.media
        context = {
            **self.admin_site.each_context(request),
            "title": _("Modificar %s") % self.opts.verbose_name,
            "subtitle": str(obj) if obj else None,
            "adminform": admin_form,
            "object_id": object_id,
            "original": obj,
            "is_popup": False,
            "to_field": None,
            "media": media,
            "inline_admin_formsets": inline_formsets,
            "errors": helpers.AdminErrorList(refused.form, refused.formsets),
            "preserved_filters": self.get_preserved_filters(request),
        }
        return self.render_change_form(
            request, context, add=obj is None, change=obj is not None, obj=obj
        )

    @admin.action(description=_("Publicar los compromisos seleccionados"), permissions=["change"])
    def publish_commitments(self, request, queryset):
        for commitment in queryset.filter(is_published=False):
            try:
                services.publish_commitment(commitment=commitment, by=request.user)
            except ValidationError as error:
                refuse(self, request, error, subject=commitment.code)
            else:
                self.message_user(
                    request,
                    _("Publicaste %(code)s.") % {"code": commitment.code},
                    messages.SUCCESS,
                )

    @admin.action(
        description=_("Retirar del sitio público (pide un motivo)"), permissions=["change"]
    )
    def unpublish_commitments(self, request, queryset):
        return reason_step(
            self,
            request,
            queryset.filter(is_published=True),
            title=_("Retirar compromisos del sitio público"),
            button=_("Retirar"),
            apply=lambda commitment, reason: services.unpublish_commitment(
                commitment=commitment, reason=reason, by=request.user
            ),
        )
