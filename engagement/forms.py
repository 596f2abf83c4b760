from django import forms
from django.utils.translation import gettext_lazy as _

from engagement.models import NAME_MAX, QUESTION_MAX, QUESTION_MIN, QuestionKind


class HoneypotForm(forms.Form):
    # Hidden from people (CSS and aria-hidden); a bot filling every field fills this one.
    website = forms.CharField(
        label=_("No escribas nada aquí"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def is_bot(self):
        return bool(self.data.get("website"))


class QuestionForm(HoneypotForm):
    kind = forms.ChoiceField(
        label=_("¿Qué quieres dejar?"),
        choices=QuestionKind.choices,
        initial=QuestionKind.QUESTION,
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=_("Tu pregunta o comentario"),
        min_length=QUESTION_MIN,
        max_length=QUESTION_MAX,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": QUESTION_MAX}),
        error_messages={
            "required": _("Escribe tu pregunta o comentario."),
            "min_length": _("Escribe al menos %(limit_value)d caracteres."),
            "max_length": _(
                "Escribe como máximo %(limit_value)d caracteres (llevas %(show_value)d)."
            ),
        },
    )
    name = forms.CharField(
        label=_("Tu nombre (opcional)"),
        required=False,
        max_length=NAME_MAX,
        help_text=_("Se publica junto a tu pregunta. Si lo dejas vacío, dirá «Persona anónima»."),
        error_messages={"max_length": _("Escribe como máximo %(limit_value)d caracteres.")},
    )
    email = forms.EmailField(
        label=_("Tu correo (opcional, nunca se publica)"),
        required=False,
        help_text=_(
            "Solo para avisarte, una vez, cuando se publique la respuesta; después lo borramos."
        ),
        error_messages={"invalid": _("Escribe un correo válido, como nombre@ejemplo.mx.")},
    )
    field_order = ["kind", "text", "name", "email", "website"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Filled in here, not on the class: a lazy text with its numbers put in at import
        # would be frozen in the language of the start-up.
        self.fields["text"].help_text = _(
            "Entre %(min)s y %(max)s caracteres. Se publica tal cual, después de que el "
            "Secretariado lo revise; las direcciones web se muestran como texto."
        ) % {"min": QUESTION_MIN, "max": QUESTION_MAX}


class SubscriptionForm(HoneypotForm):
    email = forms.EmailField(
        label=_("Tu correo"),
        help_text=_(
            "Te enviaremos un mensaje para confirmar; sin tu confirmación no recibirás nada."
        ),
        error_messages={
            "required": _("Escribe tu correo."),
            "invalid": _("Escribe un correo válido, como nombre@ejemplo.mx."),
        },
    )
    field_order = ["email", "website"]
