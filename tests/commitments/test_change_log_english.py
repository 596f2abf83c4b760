"""/cambios/ in English: the kinds of change and the «Tipo de cambio» filter are read in the
page's language, not frozen in the Spanish of the start-up."""

import re
from datetime import date

import pytest
from django.test import RequestFactory
from django.utils import translation

from commitments.views.changes import ChangeFeed, changes
from tests.commitments import builders

pytestmark = pytest.mark.usefixtures("frozen_today")


def text(response):
    assert response.status_code == 200
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def page(path, language):
    # The view itself, under the language the URL machinery would activate.
    with translation.override(language):
        return text(changes(RequestFactory().get(path)))


@pytest.fixture
def measured(commitment):
    builders.add_measurement(commitment.indicators.get(), date(2026, 3, 31), 40)
    builders.add_evidence(commitment, title="Acta de instalación", day=date(2026, 4, 10))
    return commitment


def test_kinds_and_filter_in_english(measured):
    english = page("/cambios/", "en")
    assert "Type of change" in english
    assert "Indicator and milestone progress" in english
    assert "Round reports" in english
    assert "Indicator progress" in english
    assert "“Acta de instalación” was published." in english
    for spanish in ("Tipo de cambio", "Avance de indicador", "Reportes de corte", "Evidencias"):
        assert spanish not in english


def test_the_same_process_still_answers_in_spanish(measured):
    page("/cambios/", "en")
    spanish = page("/cambios/", "es-mx")
    assert "Tipo de cambio" in spanish
    assert "Avances de indicadores y de hitos" in spanish
    assert "Avance de indicador" in spanish
    assert "Indicator progress" not in spanish


def test_the_filter_keeps_its_spanish_values_in_english(measured):
    english = page("/cambios/?tipo=evidencias", "en")
    assert "Acta de instalación" in english
    assert "Avance de «" not in english and "progress of “" not in english


def test_the_feed_titles_in_english(measured):
    with translation.override("en"):
        feed = ChangeFeed()(RequestFactory().get("/cambios.atom")).content.decode()
    assert "“Acta de instalación” was published." in feed
