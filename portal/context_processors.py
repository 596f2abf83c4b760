from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from core.l10n import html_lang, path_in

# Sections appear in the navigation once their URL exists, so no link leads nowhere.
MAIN_NAV = [
    ("home", _("Inicio")),
    ("board", _("Tablero")),
    ("secretariat:index", _("Secretariado")),
    ("secretariat:route", _("Ruta")),
    ("participation:index", _("Participación")),
    ("open_data", _("Datos abiertos")),
    ("reports", _("Reportes")),
]

# How the switch offers each language: in that language itself, whatever the page's (a reader
# who does not understand this page's language must still recognise their own), so these
# are not translated.
LANGUAGE_NAMES = {
    "es-mx": ("Español", "Ver esta página en español"),
    "en": ("English", "View this page in English"),
}


def main_nav(path):
    items = []
    for url_name, label in MAIN_NAV:
        try:
            url = reverse(url_name)
        except NoReverseMatch:
            continue
        current = path == url if url == "/" else path.startswith(url)
        items.append({"url": url, "label": label, "current": current})
    return items


def language_versions(request):
    """This page in every language: code, HTML lang, its address with this page's (canonical)
    query, and whether it is the page's own language."""
    current = translation.get_language()
    query = request.META.get("QUERY_STRING", "")
    versions = []
    for code, _name in settings.LANGUAGES:
        url = get_script_prefix().rstrip("/") + path_in(request.path_info, code)
        url += f"?{query}" if query else ""
        name, label = LANGUAGE_NAMES[code]
        versions.append(
            {
                "code": code,
                "lang": html_lang(code),
                "url": url,
                "absolute_url": request.build_absolute_uri(url),
                "name": name,
                "label": label,
                "current": code == current,
            }
        )
    return versions


def site(request):
    """Site identity, navigation and language for the page frame."""
    language = translation.get_language()
    versions = language_versions(request)
    return {
        "SITE_NAME": settings.SITE_NAME,
        "MUNICIPALITY": settings.MUNICIPALITY,
        "SITE_DESCRIPTION": settings.SITE_DESCRIPTION,
        "main_nav": main_nav(request.path),
        "og_locale": translation.to_locale(language),
        "language_versions": versions,
        "other_languages": [v for v in versions if not v["current"]],
        "default_version": next(v for v in versions if v["code"] == settings.LANGUAGE_CODE),
    }
