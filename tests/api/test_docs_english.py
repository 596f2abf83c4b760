"""The API documentation page in English: what each resource and parameter does is read from
the catalogue; the OpenAPI description it is built from stays Spanish (one address)."""

import re

import pytest
from django.test import RequestFactory
from django.utils import translation

from api import docs

pytestmark = pytest.mark.django_db


def docs_page(language):
    with translation.override(language):
        response = docs.docs(RequestFactory().get("/api/"))
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_resources_and_parameters_in_english():
    page = docs_page("en")
    assert "A commitment with its indicators, progress, milestones, evidence, versions" in page
    assert "What was published, corrected or withdrawn up to the end of the date" in page
    assert "The data as it was public at the end of that day (YYYY-MM-DD)." in page
    assert "Identifier of a principle." in page
    assert "one of: " in page and "list of: " in page
    for spanish in ("Un compromiso con sus indicadores", "Los datos como eran públicos", "uno de:"):
        assert spanish not in page


def test_in_spanish_the_page_is_unchanged():
    page = docs_page("es-mx")
    assert "Un compromiso con sus indicadores, avances, hitos, evidencias, versiones" in page
    assert "Los datos como eran públicos al final de ese día (AAAA-MM-DD)." in page
    assert "uno de: " in page


def test_the_openapi_description_stays_spanish(client):
    with translation.override("en"):
        schema = client.get("/api/v1/openapi.json", HTTP_ACCEPT_LANGUAGE="en").json()
    operation = schema["paths"]["/api/v1/compromisos/{slug}/"]["get"]
    assert operation["description"].startswith("Un compromiso con sus indicadores")
