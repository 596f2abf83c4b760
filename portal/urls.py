from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.templatetags.static import static as static_url
from django.urls import include, path
from django.views.generic import RedirectView, TemplateView

from core import media
from portal import views
from portal.sitemaps import SITEMAPS

urlpatterns = [
    path("", views.home, name="home"),
    path("admin/", admin.site.urls),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
    # Browsers and crawlers ask for /favicon.ico whatever the page's <link rel="icon"> says.
    path("favicon.ico", RedirectView.as_view(url=static_url("img/favicon.svg"), permanent=True)),
    path("", include("portal.reports.urls")),
    path("", include("commitments.urls")),
    path("", include("secretariat.urls")),
    path("", include("participation.urls")),
    path("", include("opendata.urls")),
    path("", include("engagement.urls")),
    path("", include("api.urls")),
    path("aviso-de-privacidad/", views.privacy_notice, name="privacy"),
    path("aviso-de-privacidad/simplificado/", views.privacy_notice_short, name="privacy_short"),
    path("accesibilidad/", views.accessibility, name="accessibility"),
    path("salud/", views.health, name="health"),
    path(".well-known/security.txt", views.security_txt, name="security_txt"),
    # Uploaded files, only those of public records (core/media.py), in every mode.
    path("media/<path:path>", media.serve, name="media"),
]

handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"
