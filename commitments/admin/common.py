"""Pieces shared by the plan's admin pages: form sizing, the write path, the staff verdict.

Every write the admin makes goes through `commitments.services`: structure through
`StructureAdmin`, public facts through `FactAdmin`. A published fact is shown read-only;
it changes only by a correction or a withdrawal with a public reason.
"""

from dataclasses import replace

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import ActionLocation, helpers
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.admin.widgets import (
    AdminDateWidget,
    AdminTextareaWidget,
    AdminTextInputWidget,
    AutocompleteSelect,
)
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from commitments import permissions, semaforo, services
from commitments.admin import files
from commitments.models import (
    Commitment,
    FactStatus,
    Indicator,
    Measurement,
    Milestone,
    MilestoneProgress,
    RoundReport,
    StatusOverride,
)
from portal import clock
from portal.admin_history import ReadOnlyHistoryAdmin

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


def refuse(model_admin, request, error, subject=None):
    """Tell staff, in the site's words, why the services refused a write."""
    for message in error.messages:
        text = f"{subject}: {message}" if subject else message
        model_admin.message_user(request, text, messages.ERROR)


# --- who sees what: audit history and a liaison's commitments ---------------------------

# Foreign keys a liaison may only point at within their own commitments.
SCOPED_TARGETS = (Commitment, Indicator, Milestone, RoundReport)


class AuditedAdmin(ReadOnlyHistoryAdmin):
    """Every change page has its history (who, when, what changed), shown only to those
    who may see that model's history, and to a liaison only for their own records.

    A model tied to a commitment is limited, for a liaison, to the commitments where one of
    their units is responsible or co-responsible: the list, the change form, the history,
    the autocompletes, the actions and anything else built on `get_queryset`.
    """

    def commitment_path(self):
        if self.model is Commitment:
            return ""
        return permissions.COMMITMENT_PATHS.get(self.model.__name__)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        path = self.commitment_path()
        if path is None:
            return queryset
        return permissions.scope(queryset, request.user, path)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        target = db_field.remote_field.model
        if permissions.is_liaison(request.user) and target in SCOPED_TARGETS:
            kwargs["queryset"] = self.admin_site.get_model_admin(target).get_queryset(request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def require_history_visible(self, request, object_id):
        # simple-history falls back to the history rows of an object the queryset hides.
        hidden = not self.get_queryset(request).filter(pk=unquote(object_id)).exists()
        if hidden and permissions.is_liaison(request.user):
            raise Http404


# --- structure: the working copy ------------------------------------------------------


class StructureAdmin(RoomyForm, AuditedAdmin):
    """Plan structure and working copies: saved and deleted through `services`."""

    def save_model(self, request, obj, form, change):
        services.save(instance=obj, by=request.user)

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


# --- autocompletes that say where a record belongs ------------------------------------


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


# --- a step with a reason (unpublish, withdraw, end an override) ----------------------


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Motivo público"),
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text=_("Se muestra en el historial público."),
    )


class ReturnForm(ReasonForm):
    reason = forms.CharField(
        label=_("Comentario para la dependencia"),
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text=_("Qué hay que cambiar. Lo ve quien lo envió; no se publica."),
    )


def reason_step(model_admin, request, queryset, *, title, button, apply, form_class=ReasonForm):
    """An action that first asks for a public reason, then calls `apply(obj, reason)`."""
    form = form_class(request.POST if "reason" in request.POST else None)
    if form.is_valid():
        done = 0
        for obj in queryset:
            try:
                apply(obj, form.cleaned_data["reason"])
            except ValidationError as error:
                refuse(model_admin, request, error, subject=obj)
            else:
                done += 1
        model_admin.message_user(
            request,
            ngettext("Listo: %(n)d registro.", "Listo: %(n)d registros.", done) % {"n": done},
            messages.SUCCESS if done else messages.WARNING,
        )
        return None
    context = {
        **model_admin.admin_site.each_context(request),
        "title": title,
        "button": button,
        "objects": list(queryset),
        "form": form,
        "opts": model_admin.model._meta,
        "action": request.POST.get("action"),
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "action_index": request.POST.get("index", 0),
        "location": request.POST.get("action_location", ""),
    }
    return TemplateResponse(request, "admin/commitments/reason_step.html", context)


# --- public facts ---------------------------------------------------------------------


def correction_form_class(model, names):
    """A form with the fields a correction may change and the required public reason."""
    fields = {}
    for name in names:
        kwargs = {"widget": AdminDateWidget} if name == "date" else {}
        fields[name] = model._meta.get_field(name).formfield(**kwargs)
    fields["reason"] = forms.CharField(
        label=_("Motivo público de la corrección"),
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text=_("Se muestra junto al dato corregido; el dato anterior queda en el historial."),
    )
    return type("CorrectionForm", (forms.Form,), fields)


LIAISON_DRAFT_NOTE = _(
    "Se guarda como borrador: no será público hasta que lo envíes a revisión (acción «Enviar "
    "a revisión») y el Secretariado técnico lo publique."
)
LIAISON_DRAFT_MESSAGE = _(
    "Guardaste «%(obj)s» como borrador. Cuando esté listo, envíalo a revisión con la acción "
    "«Enviar a revisión»."
)
# Actions that make something public, or change what is: the Secretariat's.
REVIEWER_ACTIONS = {
    "publish_selected",
    "withdraw_selected",
    "deliver_selected",
    "end_selected",
    "return_selected",
}


class LiveFactForm(forms.ModelForm):
    """Says «ya tiene un avance para esa fecha» on the form: the rule of one live fact per
    indicator (or milestone) and day reads fields the form does not show, so Django's own
    form validation skips it."""

    def validate_unique(self):
        super().validate_unique()
        for constraint in self.instance._meta.constraints:
            if not constraint.name.endswith("_one_live"):
                continue
            try:
                constraint.validate(type(self.instance), self.instance, exclude=set(self.errors))
            except ValidationError as error:
                self._update_errors(error)


class FactAdmin(UsesLabelledAutocompletes, RoomyForm, AuditedAdmin):
    """A public fact: a draft is edited and deleted, a published row is only corrected
    (`correctable` fields, with a reason) or withdrawn, both through `services`."""

    correctable = ()
    withdrawable = True
    draft_note = _(
        "Se guarda como borrador: no será público hasta que lo publiques (acción «Publicar»)."
    )
    draft_message = _(
        "Guardaste «%(obj)s» como borrador: aún no es público. Publícalo con la acción "
        "«Publicar» cuando esté revisado."
    )
    actions = ["publish_selected", "return_selected", "submit_selected", "withdraw_selected"]
    form = LiveFactForm

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as error:
            # The form was valid, but another writer got there first (same indicator and
            # day, or the same draft published meanwhile): nothing was saved.
            refuse(self, request, error)
            return HttpResponseRedirect(request.get_full_path())

    def get_queryset(self, request):
        corrected = self.model._default_manager.filter(supersedes=OuterRef("pk"))
        return super().get_queryset(request).annotate(has_correction=Exists(corrected))

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "publication", files.STAFF_FIELD]

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if obj is None:
            return fields
        if files.staff_file_url(obj) and not self.has_change_permission(request, obj):
            # Read-only, the admin would link the public /media/ URL: 404 until published.
            fields = files.staff_fields(fields)
        return [*fields, "publication"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "evidence_file":
            kwargs["widget"] = files.StaffFileInput
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(description=_("archivo de evidencia"))
    def evidence_file_shown(self, obj):
        return files.staff_link(obj)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None:
            return fieldsets
        note = LIAISON_DRAFT_NOTE if permissions.is_liaison(request.user) else self.draft_note
        (name, options), *rest = fieldsets
        return [(name, {**options, "description": note}), *rest]

    def _locked(self, request, obj):
        """Public rows never change here; a submission waits for the Secretariat."""
        if obj is None:
            return False
        under_review = obj.status == FactStatus.SUBMITTED
        return obj.is_public or (under_review and not permissions.is_reviewer(request.user))

    def has_change_permission(self, request, obj=None):
        if self._locked(request, obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if self._locked(request, obj):
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location=action_location)
        if not self.withdrawable:
            actions.pop("withdraw_selected", None)
        if permissions.is_reviewer(request.user):
            actions.pop("submit_selected", None)
        else:
            for name in REVIEWER_ACTIONS:
                actions.pop(name, None)
        if not self.has_change_permission(request):
            actions.pop("submit_selected", None)
        return actions

    # --- writes ---

    def record(self, request, obj, form):
        """Create the draft through its service; returns the saved row."""
        return services.record_fact(fact=obj, publish=False, by=request.user)

    def save_model(self, request, obj, form, change):
        if change:
            changes = {name: form.cleaned_data[name] for name in form.changed_data}
            services.update_draft(fact=obj, by=request.user, **changes)
            return
        saved = self.record(request, obj, form)
        # The admin redirects to and logs `obj`: give it the row the service wrote.
        obj.pk = saved.pk
        obj._state.adding = False

    def response_add(self, request, obj, post_url_continue=None):
        if not self.model._default_manager.get(pk=obj.pk).is_public:
            liaison = permissions.is_liaison(request.user)
            message = LIAISON_DRAFT_MESSAGE if liaison else self.draft_message
            self.message_user(request, message % {"obj": obj}, messages.WARNING)
        return super().response_add(request, obj, post_url_continue)

    def delete_model(self, request, obj):
        services.delete_draft(fact=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            services.delete_draft(fact=obj, by=request.user)

    @admin.action(
        description=_("Publicar"),
        location=[ActionLocation.CHANGE_LIST, ActionLocation.CHANGE_FORM],
    )
    def publish_selected(self, request, queryset):
        done = 0
        for fact in queryset.drafts():
            try:
                services.publish(fact=fact, by=request.user)
            except ValidationError as error:
                refuse(self, request, error, subject=fact)
            else:
                done += 1
        self.message_user(
            request,
            ngettext("Publicaste %(n)d registro.", "Publicaste %(n)d registros.", done)
            % {"n": done},
            messages.SUCCESS if done else messages.WARNING,
        )

    @admin.action(
        description=_("Enviar a revisión"),
        location=[ActionLocation.CHANGE_LIST, ActionLocation.CHANGE_FORM],
    )
    def submit_selected(self, request, queryset):
        done = 0
        for fact in queryset.filter(status__in=[FactStatus.DRAFT, FactStatus.RETURNED]):
            try:
                services.submit(fact=fact, by=request.user)
            except ValidationError as error:
                refuse(self, request, error, subject=fact)
            else:
                done += 1
        self.message_user(
            request,
            ngettext(
                "Enviaste %(n)d registro a revisión del Secretariado.",
                "Enviaste %(n)d registros a revisión del Secretariado.",
                done,
            )
            % {"n": done},
            messages.SUCCESS if done else messages.WARNING,
        )

    @admin.action(
        description=_("Devolver con un comentario"),
        location=[ActionLocation.CHANGE_LIST, ActionLocation.CHANGE_FORM],
    )
    def return_selected(self, request, queryset):
        return reason_step(
            self,
            request,
            queryset.filter(status=FactStatus.SUBMITTED),
            title=_("Devolver a la dependencia"),
            button=_("Devolver"),
            form_class=ReturnForm,
            apply=lambda fact, comment: services.return_for_changes(
                fact=fact, comment=comment, by=request.user
            ),
        )

    @admin.action(description=_("Retirar de lo público (pide un motivo)"))
    def withdraw_selected(self, request, queryset):
        return reason_step(
            self,
            request,
            queryset.published(),
            title=_("Retirar de lo público"),
            button=_("Retirar"),
            apply=lambda fact, reason: services.withdraw(fact=fact, reason=reason, by=request.user),
        )

    # --- the correction page ---

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<path:object_id>/corregir/",
                self.admin_site.admin_view(self.correction_view),
                name=f"{opts.app_label}_{opts.model_name}_correct",
            ),
            *super().get_urls(),
        ]

    def correction_view(self, request, object_id):
        fact = get_object_or_404(self.get_queryset(request), pk=unquote(object_id))
        allowed = self.has_view_permission(request, fact) and permissions.is_reviewer(request.user)
        if not self.correctable or not allowed:
            return HttpResponseRedirect(reverse("admin:index"))
        Form = correction_form_class(self.model, self.correctable)
        initial = {name: getattr(fact, name) for name in self.correctable}
        form = Form(request.POST or None, request.FILES or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            changes = {
                name: form.cleaned_data[name] for name in form.changed_data if name != "reason"
            }
            try:
                row = services.correct(
                    fact=fact, reason=form.cleaned_data["reason"], by=request.user, **changes
                )
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                self.message_user(
                    request,
                    _("Publicaste la corrección; el dato anterior queda en el historial."),
                    messages.SUCCESS,
                )
                opts = self.model._meta
                return HttpResponseRedirect(
                    reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[row.pk])
                )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Corregir «%(fact)s»") % {"fact": fact},
            "fact": fact,
            "form": form,
            "media": self.media + form.media,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/commitments/correction.html", context)

    # --- what staff read ---

    @admin.display(description=_("publicación"))
    def publication(self, obj):
        return publication_note(self, obj)

    @admin.display(description=_("fecha del dato"), ordering="date")
    def day(self, obj):
        return date_format(obj.date, "d/m/Y")

    @admin.display(description=_("hecho público el"), ordering="published_at")
    def published_day(self, obj):
        if obj.published_at is None:
            return "-"
        return date_format(timezone.localtime(obj.published_at), "d/m/Y")

    @admin.display(description=_("estado"), ordering="status")
    def status_shown(self, obj):
        if obj.is_withdrawal:
            return _("Retiro publicado")
        if getattr(obj, "has_correction", False):
            return _("Publicado · corregido después")
        return obj.get_status_display()


def publication_note(model_admin, obj):
    """Where a fact stands, and what staff can do with it now."""
    if obj.pk is None:
        return "-"
    if not obj.is_public:
        return review_note(obj)
    when = date_format(timezone.localtime(obj.published_at), "d/m/Y H:i")
    parts = [format_html("{} {}.", _("Publicado el"), when)]
    if obj.supersedes_id:
        parts.append(
            format_html(
                "{} «{}».",
                _("Retira un dato anterior. Motivo:")
                if obj.is_withdrawal
                else _("Corrige un dato anterior. Motivo:"),
                obj.correction_reason,
            )
        )
    opts = model_admin.model._meta
    if obj.corrections.exists():
        parts.append(_("Ya tiene una corrección o un retiro: corrige el registro más reciente."))
    elif not obj.is_withdrawal and model_admin.correctable:
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_correct", args=[obj.pk])
        parts.append(format_html('<a href="{}">{}</a>', url, _("Corregir (con un motivo público)")))
    if not obj.is_withdrawal and model_admin.withdrawable and not obj.corrections.exists():
        parts.append(_("Para retirarlo, usa la acción «Retirar de lo público» de la lista."))
    return format_html_join("", "<p>{}</p>", ((part,) for part in parts))


def _moment(value):
    return date_format(timezone.localtime(value), "d/m/Y H:i") if value else "-"


def review_note(obj):
    """Where an unpublished fact is in the review, and the Secretariat's comment if returned."""
    if obj.status == FactStatus.SUBMITTED:
        return format_html(
            "<p>{} {}.</p>", _("Enviado a revisión del Secretariado el"), _moment(obj.submitted_at)
        )
    if obj.status == FactStatus.RETURNED:
        return format_html(
            "<p>{} {}. {}</p><blockquote>{}</blockquote><p>{}</p>",
            _("Devuelto por el Secretariado el"),
            _moment(obj.reviewed_at),
            _("Comentario:"),
            obj.review_comment,
            _("Haz los cambios y vuelve a enviarlo a revisión."),
        )
    return _("Borrador: aún no es público.")


# --- the status staff see is the one the public sees ------------------------


def staff_verdicts(plans):
    """Today's public verdict of each commitment of `plans` that has a public version."""
    from commitments import reader

    today = clock.today()
    found = {}
    for plan in plans:
        for row in reader.plan_view(plan, today).rows:
            found[row.pk] = row.verdict
    return found


def staff_verdict(commitment):
    from commitments import reader

    view = reader.CommitmentView(commitment, clock.today())
    return view.verdict if view.version is not None else None


def verdict_if_published(commitment, facts):
    """Today's public verdict of `commitment` if `facts` were published now.

    Computed, not published: the commitment's public facts as the reader reads them, the
    pending `facts` added as if public this moment (a round report as the progress its
    publication records), and the semáforo's rule on them. Nothing is written, locked or
    rolled back. Returns (verdict, refusal): refusal is the services' reason when
    publishing would be refused.
    """
    from commitments import reader

    refusal = services.refusal_to_publish(facts)
    if refusal:
        return None, refusal
    commitment = Commitment.objects.select_related("plan").get(pk=commitment.pk)
    today = clock.today()
    view = reader.CommitmentView(commitment, today)
    if view.version is None:
        return None, None
    stored = [type(f)._default_manager.get(pk=f.pk) for f in facts]
    public = with_pending(view.facts, stored, now=clock.now(), day=today)
    plan, version = commitment.plan, view.version
    on = reader.judged_on(plan, today)
    indicators, milestones, overrides = reader.rule_inputs(version=version, facts=public, day=today)
    verdict = semaforo.judge(
        start=version.start,
        end=version.end,
        on=on,
        source=version.data["progress_source"] or plan.default_progress_source,
        thresholds=plan.thresholds,
        indicators=indicators,
        milestones=milestones,
        override=reader.override_on(overrides, on),
    )
    return verdict, None


def with_pending(facts, pending, *, now, day):
    """`facts` (a reader.PlanFacts) with the `pending` rows as if published at `now`, in the
    shape the reader loads them (`detailed`). Evidence does not enter the rule."""
    from commitments import reader

    measurements = {k: list(v) for k, v in facts.measurements.items()}
    progress = {k: list(v) for k, v in facts.progress.items()}
    overrides = {k: list(v) for k, v in facts.overrides.items()}
    rows = []
    for fact in pending:
        rows += services.report_progress(fact) if isinstance(fact, RoundReport) else [fact]
    for number, row in enumerate(rows, start=1):
        pk = row.pk or -number  # a round report's progress is not saved: ids of its own
        base = (row.supersedes_id, row.is_withdrawal)
        if isinstance(row, Measurement) and row.date <= day:
            extra = (
                row.narrative,
                row.evidence_file.name or "",
                row.evidence_url,
                row.correction_reason,
            )
            measurements.setdefault(row.indicator_id, []).append(
                reader.Fact(pk, row.indicator_id, row.date, now, *base, row.value, extra)
            )
        elif isinstance(row, MilestoneProgress) and row.date <= day:
            extra = (
                row.milestone_status,
                row.narrative,
                row.difficulties,
                row.success_factors,
                row.correction_reason,
            )
            progress.setdefault(row.milestone_id, []).append(
                reader.Fact(pk, row.milestone_id, row.date, now, *base, row.percent, extra)
            )
        elif isinstance(row, StatusOverride):
            extra = (row.reason, row.starts_on, row.ends_on)
            overrides.setdefault(row.commitment_id, []).append(
                reader.Fact(pk, row.commitment_id, day, now, *base, row.status_value, extra)
            )
    return replace(facts, measurements=measurements, progress=progress, overrides=overrides)


def current_object_id(request):
    return request.resolver_match.kwargs.get("object_id")


class CommitmentCodeColumn:
    """The commitment's short code as a list column (its full title is too long)."""

    @admin.display(description=_("compromiso"), ordering="commitment__code")
    def commitment_code(self, obj):
        return obj.commitment.code
