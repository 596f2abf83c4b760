"""Public facts in the admin: drafts, review, publication, correction and withdrawal.

Every write goes through `commitments.services`. A published fact is shown read-only; it
changes only by a correction or a withdrawal with a public reason.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import ActionLocation
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import (
    AdminDateWidget,
)
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from commitments import permissions, services
from commitments.admin import files
from commitments.admin.autocompletes import UsesLabelledAutocompletes
from commitments.admin.basics import RoomyForm, current_object_id, refuse
from commitments.admin.reasons import ReturnForm, reason_step
from commitments.admin.scope import AuditedAdmin
from commitments.models import (
    FactStatus,
)


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
    # The write path: another app's facts (participation's fates) bring their own module
    # with the same functions.
    services = services
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
        if action_location == ActionLocation.CHANGE_FORM:
            for name in self._not_for_this_status(request):
                actions.pop(name, None)
        return actions

    # On a record's own page only the steps its status allows (a published fact is not
    # published again nor returned; a draft is not withdrawn).
    STEPS_BY_STATUS = {
        FactStatus.DRAFT: {"publish_selected", "submit_selected"},
        FactStatus.RETURNED: {"publish_selected", "submit_selected"},
        FactStatus.SUBMITTED: {"publish_selected", "return_selected"},
        FactStatus.PUBLISHED: {"withdraw_selected"},
    }

    def _not_for_this_status(self, request):
        object_id = current_object_id(request)
        if object_id is None:
            return set()
        status = (
            self.model._default_manager.filter(pk=unquote(object_id))
            .values_list("status", flat=True)
            .first()
        )
        allowed = self.STEPS_BY_STATUS.get(status, set())
        return {name for steps in self.STEPS_BY_STATUS.values() for name in steps} - allowed

    # --- writes ---

    def record(self, request, obj, form):
        """Create the draft through its service; returns the saved row."""
        return self.services.record_fact(fact=obj, publish=False, by=request.user)

    def save_model(self, request, obj, form, change):
        if change:
            changes = {name: form.cleaned_data[name] for name in form.changed_data}
            self.services.update_draft(fact=obj, by=request.user, **changes)
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
            # Ours says it was saved, and that it is not public yet: Django's «se agregó
            # correctamente» would say the first half again.
            request._draft_said = True
        return super().response_add(request, obj, post_url_continue)

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        if level == messages.SUCCESS and getattr(request, "_draft_said", False):
            return
        super().message_user(request, message, level, *args, **kwargs)

    def delete_model(self, request, obj):
        self.services.delete_draft(fact=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.services.delete_draft(fact=obj, by=request.user)

    @admin.action(
        description=_("Publicar"),
        location=[ActionLocation.CHANGE_LIST, ActionLocation.CHANGE_FORM],
    )
    def publish_selected(self, request, queryset):
        done = 0
        for fact in queryset.drafts():
            try:
                self.services.publish(fact=fact, by=request.user)
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
                self.services.submit(fact=fact, by=request.user)
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
            apply=lambda fact, comment: self.services.return_for_changes(
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
            apply=lambda fact, reason: self.services.withdraw(
                fact=fact, reason=reason, by=request.user
            ),
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
                row = self.services.correct(
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
        return date_format(obj.date, "SHORT_DATE_FORMAT")

    @admin.display(description=_("hecho público el"), ordering="published_at")
    def published_day(self, obj):
        if obj.published_at is None:
            return "-"
        return date_format(timezone.localtime(obj.published_at), "SHORT_DATE_FORMAT")

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
    when = date_format(timezone.localtime(obj.published_at), "DATETIME_FORMAT")
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
    return date_format(timezone.localtime(value), "DATETIME_FORMAT") if value else "-"


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
