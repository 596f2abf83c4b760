"""The public forms: ask about a commitment, follow it by e-mail, confirm, unsubscribe.

They are separate small pages, never the cached commitment page: a public page is cached
and shared by every anonymous visitor (core/cache.py), so it can carry neither a CSRF
token nor a message meant for one person. These pages are not cached (`never_cache`),
render their own token, and after a POST redirect to themselves with the message
(post/redirect/get), so everything works without JavaScript.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from commitments.models import Commitment
from engagement import reader, services, spam
from engagement.forms import QuestionForm, SubscriptionForm

# Lazy: said in the language of the page that was sent.
BOT = gettext_lazy(
    "No pudimos recibir tu envío: el campo «No escribas nada aquí» tenía texto, como lo "
    "llenan los programas automáticos. Si eres una persona, déjalo vacío y vuelve a enviarlo."
)
TOO_MANY = gettext_lazy(
    "Recibimos demasiados envíos desde tu conexión en la última hora. Espera un rato y vuelve "
    "a intentarlo; si compartes la conexión con más personas, intenta más tarde."
)


def _public(slug):
    ref = reader.public_commitment(slug)
    if ref is None:
        raise Http404
    return ref


def _refused(request, form, action):
    """Why a send is refused before looking at its content (bot or flood), or None."""
    if form.is_bot():
        return BOT
    if spam.over_limit(request, action):
        return TOO_MANY
    return None


def _form_page(request, template, form, ref, status=200):
    return render(request, template, {"form": form, "commitment": ref}, status=status)


@never_cache
def ask(request, slug):
    ref = _public(slug)
    form = QuestionForm(request.POST or None)
    if request.method != "POST":
        return _form_page(request, "engagement/ask.html", form, ref)
    refusal = _refused(request, form, "ask")
    if refusal:
        messages.error(request, refusal)
        return _form_page(request, "engagement/ask.html", form, ref, status=429)
    if form.is_valid():
        try:
            services.ask(
                commitment=get_object_or_404(Commitment, pk=ref.pk),
                kind=form.cleaned_data["kind"],
                text=form.cleaned_data["text"],
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _(
                    "Recibimos tu mensaje. Se publicará en la página del compromiso cuando el "
                    "Secretariado lo revise."
                )
                + (
                    " " + _("Te avisaremos por correo cuando se publique la respuesta.")
                    if form.cleaned_data["email"]
                    else ""
                ),
            )
            return redirect("engagement:ask", slug=ref.slug)
    return _form_page(request, "engagement/ask.html", form, ref, status=400)


@never_cache
def follow(request, slug):
    ref = _public(slug)
    form = SubscriptionForm(request.POST or None)
    if request.method != "POST":
        return _form_page(request, "engagement/follow.html", form, ref)
    refusal = _refused(request, form, "follow")
    if refusal:
        messages.error(request, refusal)
        return _form_page(request, "engagement/follow.html", form, ref, status=429)
    if form.is_valid():
        try:
            services.subscribe(
                commitment=get_object_or_404(Commitment, pk=ref.pk),
                email=form.cleaned_data["email"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _(
                    "Si %(email)s aún no seguía este compromiso, le enviamos un mensaje: "
                    "abre el enlace que trae para confirmar. Sin confirmación no enviaremos "
                    "nada más."
                )
                % {"email": form.cleaned_data["email"]},
            )
            return redirect("engagement:follow", slug=ref.slug)
    return _form_page(request, "engagement/follow.html", form, ref, status=400)


@never_cache
def confirm(request, token):
    try:
        subscription = services.confirm(token=token)
    except ValidationError as error:
        return render(
            request, "engagement/result.html", {"problem": " ".join(error.messages)}, status=400
        )
    return render(
        request,
        "engagement/result.html",
        {"confirmed": True, "commitment": reader.public_commitment(subscription.commitment.slug)},
    )


# A mail client's one-click unsubscribe (RFC 8058) posts without a CSRF token; the signed
# token in the URL is what authorises it.
@csrf_exempt
@never_cache
def unsubscribe(request, token):
    if request.method != "POST":
        return render(request, "engagement/unsubscribe.html", {"token": token})
    try:
        commitment = services.unsubscribe(token=token)
    except ValidationError as error:
        return render(
            request, "engagement/result.html", {"problem": " ".join(error.messages)}, status=400
        )
    ref = reader.public_commitment(commitment.slug) if commitment else None
    return render(request, "engagement/result.html", {"unsubscribed": True, "commitment": ref})
