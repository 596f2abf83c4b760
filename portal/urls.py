from django.contrib import admin
from django.urls import include, path

from portal import media, views

admin.site.site_header = "Gobierno Abierto · Administración"
admin.site.site_title = "Gobierno Abierto"
admin.site.index_title = "Administración del plan y del Secretariado"

urlpatterns = [
    path("", views.home, name="home"),
    path("admin/", admin.site.urls),
    path("", include("commitments.urls")),
    path("", include("secretariat.urls")),
    path("aviso-de-privacidad/", views.privacy_notice, name="privacy"),
    path("aviso-de-privacidad/simplificado/", views.privacy_notice_short, name="privacy_short"),
    path("accesibilidad/", views.accessibility, name="accessibility"),
    path("salud/", views.health, name="health"),
    path(".well-known/security.txt", views.security_txt, name="security_txt"),
    # Uploaded files, only those of public records (portal/media.py), in every mode.
    path("media/<path:path>", media.serve, name="media"),
]

handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"
