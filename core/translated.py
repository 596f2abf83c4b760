"""Texts staff write in Spanish with an optional English translation: which one a page shows,
and in which language it is, so a page in English marks the Spanish it falls back to.

Infrastructure: it knows no model. A reader passes both texts to `pick` and hands the result
on as a plain value (`Text` is a `str`, so sorting, formatting and comparing work as before);
templates print it with the `translated` filter (portal/templatetags/translated.py), which
adds `lang="es"` where the page is in English and the text is not.
"""

from django.utils.translation import gettext_lazy as _

from core.l10n import is_english, page_language

SOURCE = "es"
ENGLISH = "en"

ENGLISH_HELP = _("Opcional: si queda vacío, el sitio en inglés muestra el texto en español.")


class Text(str):
    """A text as a page shows it, with the language it is written in (`lang`)."""

    lang = SOURCE

    def __new__(cls, value, lang=SOURCE):
        text = super().__new__(cls, value)
        text.lang = lang
        return text

    def __reduce__(self):
        # Readers' results are cached (pickled) whole; keep the language with the text.
        return (Text, (str(self), self.lang))


def pick(spanish, english=""):
    """The English text on an English page when there is one, else the Spanish."""
    if english and is_english():
        return Text(english, ENGLISH)
    return Text(spanish or "", SOURCE)


def language_of(text):
    """The language of a text a reader gave (Spanish unless it says otherwise)."""
    return getattr(text, "lang", SOURCE)


def foreign_language(text):
    """The text's language when it differs from the page's (to mark it), else ""."""
    lang = language_of(text)
    return lang if lang != page_language() else ""
