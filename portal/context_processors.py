from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

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


def site(request):
    """Site identity and navigation for the page frame."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "MUNICIPALITY": settings.MUNICIPALITY,
        "SITE_DESCRIPTION": settings.SITE_DESCRIPTION,
        "main_nav": main_nav(request.path),
    }
