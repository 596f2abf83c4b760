"""What changes with the page's language besides its words: HTML's name for the language,
the same page's address in another language, and how a percentage is written.

The language is the URL's (core.middleware.LanguageMiddleware): Spanish at the plain address,
English under /en/. Pages keep the same path in both, so switching is adding or removing the
prefix, for any page (a 404 too)."""

from django.conf import settings
from django.template.defaultfilters import floatformat
from django.utils import translation


def html_lang(code=None):
    """A language as HTML's `lang` and `hreflang` write it: es-MX, en (the active one by
    default)."""
    return translation.to_locale(code or translation.get_language()).replace("_", "-")


def active_language():
    """The active language as settings.LANGUAGES names it (es-mx, en)."""
    return translation.get_supported_language_variant(
        translation.get_language() or settings.LANGUAGE_CODE
    )


def base_language(code):
    """A language without its region ("es-mx" → "es"; none → the site's)."""
    return (code or settings.LANGUAGE_CODE).split("-")[0]


def page_language():
    """The active language without its region: "es" or "en"."""
    return base_language(translation.get_language())


def is_english():
    return page_language() == "en"


def path_in(path, code):
    """`path` (without the script prefix) in language `code`: this language's prefix removed,
    the other's added (none for the default language)."""
    if translation.get_language_from_path(path) is not None:
        path = path[len(path.split("/")[1]) + 1 :] or "/"
    return path if code == settings.LANGUAGE_CODE else f"/{code}{path}"


def percent(value, decimals=0, space="\u00a0"):
    """A percentage as the page's language writes it: «45 %» in Spanish (the sign apart, as
    the Spanish academies and ISO 80000 ask; a no-break space keeps it with its number), «45%»
    in English. `value` is a number (rounded like `floatformat`, with the language's decimal
    mark) or text already formatted; `space` is the Spanish separator."""
    text = value if isinstance(value, str) else floatformat(value, decimals)
    return f"{text}%" if is_english() else f"{text}{space}%"
