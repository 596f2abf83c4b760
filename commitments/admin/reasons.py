"""A step with a reason: unpublish, withdraw, return for changes, end an override."""

from django import forms
from django.contrib import messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from commitments.admin.basics import refuse


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
