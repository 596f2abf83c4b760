from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from core import content_version, media

        content_version.connect_signals()
        media.connect_signals()


class PortalAdminConfig(admin_apps.AdminConfig):
    """Django's admin with our site (task groups on the home page)."""

    default = False  # PortalConfig stays the app config of "portal".
    default_site = "portal.admin_site.PortalAdminSite"
