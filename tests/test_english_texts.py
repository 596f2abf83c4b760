"""Staff's texts in English: shown on English pages where written, else the Spanish marked
`lang="es"`; written in the admin as a translation (no version, no reason), through the
services (the audit history and the content version move).

The English site is its /en/ address (pages); data downloads have one address and stay Spanish.
The page cache is emptied between the steps of a test, which write between two reads.
"""

import csv
import io
import pickle
from datetime import date

import pytest
from django.core.cache import cache
from django.utils import translation

from commitments import reader, services
from commitments.models import Axis, Modification, Objective
from core.cache import forget_local_state
from core.content_version import content_version
from core.translated import Text, pick
from portal.templatetags.translated import lang_attr, text_of, translated
from tests.commitments.builders import (
    admin_form_data,
    cast_commitment,
    cast_plan,
    make_commitment,
    row_index,
)

pytestmark = pytest.mark.django_db

DAY = date(2026, 6, 1)


def english(client, path):
    _forget_pages()
    # A URL reversed after an English request already carries the prefix (the thread keeps
    # the language the last request activated).
    path = path.removeprefix("/en")
    return client.get(path if path.startswith("/datos/") else f"/en{path}")


def spanish(client, path):
    _forget_pages()
    return client.get(path.removeprefix("/en"))


def _forget_pages():
    cache.clear()
    forget_local_state()


def translate(instance, **texts):
    for name, text in texts.items():
        setattr(instance, f"{name}_en", text)
    return services.save(instance=instance)


def page(commitment):
    return f"{commitment.get_absolute_url()}?fecha={DAY.isoformat()}"


@pytest.fixture
def translated_commitment(plan, frozen_today):
    commitment = make_commitment(
        plan, title="Abrir los datos del agua", milestones=[{"title": "Inventario"}]
    )
    return translate(commitment, title="Open the water data")


# --- Public pages ----------------------------------------------------------------------


def test_an_english_title_shows_on_the_english_page_and_the_spanish_at_root(
    client, translated_commitment
):
    response = spanish(client, page(translated_commitment))
    assert response.status_code == 200
    h1 = '<h1 class="commitment-title">{}</h1>'
    assert h1.format("Abrir los datos del agua") in response.content.decode()
    assert "Open the water data" not in response.content.decode()

    response = english(client, page(translated_commitment))
    assert h1.format("Open the water data") in response.content.decode()


def test_an_untranslated_text_falls_back_to_spanish_marked_as_spanish(
    client, translated_commitment
):
    html = english(client, page(translated_commitment)).content.decode()
    # The milestone and the goal have no English: the Spanish, marked as such.
    assert '<span lang="es">Inventario</span>' in html
    assert '<dd lang="es">Meta de prueba.</dd>' in html
    # The same page in Spanish marks nothing.
    assert 'lang="es"' not in spanish(client, page(translated_commitment)).content.decode()


def test_the_axis_page_and_the_lists_use_the_english_names(client, plan, translated_commitment):
    axis = Axis.objects.get(plan=plan)
    translate(axis, name="Test axis", description="What the axis is about.")
    html = english(client, f"{axis.get_absolute_url()}?fecha={DAY.isoformat()}").content.decode()
    assert "<h1>Test axis</h1>" in html
    assert '<p class="lead">What the axis is about.</p>' in html
    # The objective has no English; the commitment's row has.
    assert '<span lang="es">Objetivo de prueba</span>' in html
    assert "</span> Open the water data</a>" in html


def test_a_translation_of_an_unpublished_change_waits_for_its_version(
    client, translated_commitment
):
    # A draft change of the Spanish, translated at once: the public still sees version 1.
    translated_commitment.title = "Abrir los datos del agua y del drenaje"
    translate(translated_commitment, title="Open the water and drainage data")
    html = english(client, page(translated_commitment)).content.decode()
    assert '<h1 class="commitment-title" lang="es">Abrir los datos del agua</h1>' in html
    assert "drainage" not in html


def test_the_readers_keep_the_language_with_the_text(translated_commitment):
    with translation.override("en"):
        rows = reader.plan_view(translated_commitment.plan, DAY).rows
    assert [(row.title, row.title.lang) for row in rows] == [("Open the water data", "en")]
    assert [(row.objective.name.lang) for row in rows] == ["es"]
    # Cached lists hold Text values: the language survives the cache.
    copy = pickle.loads(pickle.dumps(rows[0].title))
    assert (copy, copy.lang) == ("Open the water data", "en")
    # The Spanish page reads the same list in Spanish (its own cache entry).
    with translation.override("es-mx"):
        rows = reader.plan_view(translated_commitment.plan, DAY).rows
    assert [(row.title, row.title.lang) for row in rows] == [("Abrir los datos del agua", "es")]


def test_the_template_filters_mark_only_a_fallback_on_an_english_page():
    with translation.override("en"):
        assert translated(pick("Datos", "Data")) == "Data"
        assert translated(pick("Datos")) == '<span lang="es">Datos</span>'
        assert translated(pick("<b>", "")) == '<span lang="es">&lt;b&gt;</span>'
        assert lang_attr(pick("Datos")) == ' lang="es"'
        assert lang_attr(Text("Data", "en")) == ""
        axis = Axis(name="Eje", name_en="Axis")
        assert (text_of(axis, "name"), text_of(axis, "name").lang) == ("Axis", "en")
    with translation.override("es-mx"):
        assert translated(pick("Datos", "Data")) == "Datos"
        assert lang_attr(pick("Datos", "Data")) == ""


# --- Open data ----------------------------------------------------------------------------


def test_open_data_adds_english_columns_and_keeps_the_spanish_ones(client, translated_commitment):
    response = english(client, f"/datos/compromisos.csv?fecha={DAY.isoformat()}")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 1
    row = rows[0]
    assert row["accion"] == "Abrir los datos del agua"
    assert (
        row["estado_texto"] != ""
        and row["estado_texto"]
        == next(
            csv.DictReader(
                io.StringIO(
                    spanish(
                        client, f"/datos/compromisos.csv?fecha={DAY.isoformat()}"
                    ).content.decode("utf-8-sig")
                )
            )
        )["estado_texto"]
    )
    assert row["accion_en"] == "Open the water data"
    assert row["meta_en"] == ""
    assert list(row)[-6:] == [
        "accion_en",
        "descripcion_en",
        "meta_en",
        "eje_en",
        "objetivo_en",
        "dependencia_responsable_en",
    ]


# --- The admin ----------------------------------------------------------------------------


def change_url(obj):
    return f"/admin/{obj._meta.app_label}/{obj._meta.model_name}/{obj.pk}/change/"


def test_the_admin_saves_the_english_as_a_translation(staff, client):
    commitment = cast_commitment(cast_plan())
    url = change_url(commitment)
    form = staff.get(url)
    assert "Versión en inglés" in form.content.decode()
    data = admin_form_data(form)
    data["title_en"] = "Open the municipality's data"
    before = content_version()

    response = staff.post(url, data, follow=True)

    assert response.redirect_chain, response.content.decode()[:2000]
    assert "Guardaste el texto en inglés" in response.content.decode()
    # A translation: no new version, no modification, no public reason asked.
    assert commitment.versions.count() == 1
    assert not Modification.objects.filter(commitment=commitment).exists()
    commitment.refresh_from_db()
    assert commitment.title_en == "Open the municipality's data"
    # Through the service: recorded in the audit history with who wrote it, pages refreshed.
    last = commitment.history.latest()
    assert (last.title_en, last.history_user.username) == (
        "Open the municipality's data",
        "secretariado",
    )
    assert content_version() != before
    client.logout()
    html = english(client, commitment.get_absolute_url()).content.decode()
    assert '<h1 class="commitment-title">Open the municipality&#x27;s data</h1>' in html


def test_an_english_milestone_title_saved_inline_publishes_no_version(staff):
    commitment = cast_commitment(cast_plan())
    milestone = commitment.milestones.get()
    url = change_url(commitment)
    data = admin_form_data(staff.get(url))
    index = row_index(data, "milestones", milestone.pk)
    data[f"milestones-{index}-title_en"] = "First milestone"

    response = staff.post(url, data)

    assert response.status_code == 302
    milestone.refresh_from_db()
    assert milestone.title_en == "First milestone"
    assert commitment.versions.count() == 1


def test_a_spanish_change_still_needs_its_public_reason(staff):
    commitment = cast_commitment(cast_plan())
    url = change_url(commitment)
    data = admin_form_data(staff.get(url))
    data.update(title_en="Open data", goal="Publicar 120 conjuntos.")
    response = staff.post(url, data)
    assert "Escribe el motivo público del cambio" in response.content.decode()
    assert commitment.versions.count() == 1


def test_the_structure_admin_pages_offer_the_english_fields(staff):
    plan = cast_plan()
    objective = Objective.objects.get(axis__plan=plan)
    for obj, field in ((plan, "title_en"), (objective.axis, "name_en"), (objective, "title_en")):
        html = staff.get(change_url(obj)).content.decode()
        assert f'name="{field}"' in html, obj
