"""Civil society signs off each progress report in its own name (issue 31).

A member linked to a user account (`Member.user`) logs in at /secretariado/entrar/ and signs at
/secretariado/firmar/: the page knows who they are from their own session, so nobody can pick
another member, and staff cannot sign for them (an admin form would let a staff member type
someone else's opinion; `secretariat.services.sign_off` refuses any account but the member's).
These pages are private: never cached, not in the sitemap.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from commitments.models import ActionPlan
from core import clock
from secretariat import services
from secretariat.models import Member, SignOff


class SignOffForm(forms.Form):
    round = forms.IntegerField(widget=forms.HiddenInput)
    opinion = forms.ChoiceField(
        label=_("Tu opinión del informe"), choices=SignOff.Opinion.choices, widget=forms.RadioSelect
    )
    text = forms.CharField(
        label=_("Texto público"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Se publica con tu nombre junto al informe del gobierno."),
    )
    reason = forms.CharField(
        label=_("Motivo público de la corrección"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Solo si ya firmaste y corriges tu opinión."),
    )


def _closed_rounds():
    plan = ActionPlan.objects.current()
    if plan is None:
        return []
    today = clock.today()
    return [r for r in plan.rounds.order_by("number") if r.is_closed(today)]


@login_required(login_url="secretariat:login")
def sign(request):
    member = Member.objects.filter(user=request.user).first()
    if member is None:
        return render(request, "secretariat/sign.html", {"member": None}, status=403)
    rounds = _closed_rounds()
    if request.method == "POST":
        form = SignOffForm(request.POST)
        chosen = {r.pk: r for r in rounds}
        if form.is_valid() and form.cleaned_data["round"] in chosen:
            data = form.cleaned_data
            current = SignOff.objects.filter(
                round=chosen[data["round"]], member=member, superseded=False
            ).first()
            try:
                if current is None:
                    services.sign_off(
                        round=chosen[data["round"]],
                        member=member,
                        opinion=data["opinion"],
                        text=data["text"],
                        by=request.user,
                    )
                else:
                    services.correct_sign_off(
                        sign_off=current,
                        opinion=data["opinion"],
                        text=data["text"],
                        reason=data["reason"],
                        by=request.user,
                    )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Tu opinión quedó registrada y publicada."))
                return redirect("secretariat:sign")
        else:
            messages.error(request, _("Elige tu opinión de un corte cerrado."))
    signed = {s.round_id: s for s in SignOff.objects.filter(member=member, superseded=False)}
    items = [
        {"round": r, "current": signed.get(r.pk), "form": SignOffForm(initial={"round": r.pk})}
        for r in rounds
    ]
    return render(request, "secretariat/sign.html", {"member": member, "items": items})
