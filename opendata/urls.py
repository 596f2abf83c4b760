from django.urls import path, re_path

from opendata import views

# The page is in both languages (portal/urls.py puts it under i18n_patterns); the files are
# data, one address each whatever the language of the page that links them.
pages = [
    path("datos/", views.index, name="open_data"),
]

downloads = [
    path("datos/datapackage.json", views.datapackage, name="open_data_package"),
    path("datos/catalogo.jsonld", views.dcat_catalog, name="open_data_catalog"),
    path("datos/paquete.zip", views.package_zip, name="open_data_zip"),
    re_path(
        r"^datos/paquete-(?P<day>[0-9]{4}-[0-9]{2}-[0-9]{2})\.zip$",
        views.dated_package_zip,
        name="open_data_dated_zip",
    ),
    re_path(
        r"^datos/(?P<name>[a-z_]+)\.(?P<fmt>csv|xlsx|json)$",
        views.table_download,
        name="open_data_table",
    ),
]
