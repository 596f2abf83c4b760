from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.templatetags.static import static as static_url
from django.urls import include, path
from django.views.generic import RedirectView, TemplateView

from api import urls as api_urls
from core import media
from opendata import urls as opendata_urls
from portal import views
from portal.sitemaps import SITEMAPS

# Pages: Spanish at their plain address, English under /en/ (the language is the URL's only,
# core.middleware.LanguageMiddleware). The admin too: /admin/ in Spanish, /en/admin/ in English.
pages = i18n_patterns(
    path("", views.home, name="home"),
    path("admin/", admin.site.urls),
    path("", include("portal.reports.urls")),
    path("", include("commitments.urls")),
    path("", include("secretariat.urls")),
    path("", include("participation.urls")),
    path("", include(opendata_urls.pages)),
    path("", include("engagement.urls")),
    path("", include(api_urls.pages)),
    path("aviso-de-privacidad/", views.privacy_notice, name="privacy"),
    path("aviso-de-privacidad/simplificado/", views.privacy_notice_short, name="privacy_short"),
    path("accesibilidad/", views.accessibility, name="accessibility"),
    prefix_default_language=False,
)

# Data and machine files: one address, whatever the language of the page that links them.
urlpatterns = [
    *pages,
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
    # Browsers and crawlers ask for /favicon.ico whatever the page's <link rel="icon"> says.
    path("favicon.ico", RedirectView.as_view(url=static_url("img/favicon.svg"), permanent=True)),
    path("", include(opendata_urls.downloads)),
    path("", include(api_urls.data)),
    path("salud/", views.health, name="health"),
    path(".well-known/security.txt", views.security_txt, name="security_txt"),
    # Uploaded files, only those of public records (core/media.py), in every mode.
    path("media/<path:path>", media.serve, name="media"),
]

handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"
