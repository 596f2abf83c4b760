"""The public change log lists what was published and when, never who."""

import pytest
from django.core.cache import cache

from commitments import services
from tests.commitments import builders
from tests.roles.conftest import OCT

pytestmark = pytest.mark.django_db


def test_published_changes_are_listed_without_staff_names(client, own, liaison, secretariat):
    indicator = own.indicators.get()
    draft = services.record_measurement(indicator=indicator, date=OCT, value=7, by=liaison)
    page = client.get("/cambios/").content.decode()
    assert "Se publicó el compromiso como se aprobó." in page
    assert "Familias atendidas" not in page  # a draft is not public
    services.submit(fact=draft, by=liaison)
    services.publish(fact=draft, by=secretariat)
    services.correct(fact=draft, reason="Se contó dos veces.", value=6, by=secretariat)
    cache.clear()  # the test's transaction never commits, so the page cache is not bumped
    page = client.get("/cambios/").content.decode()
    assert "Avance de «Familias atendidas» al 31 de octubre de 2026: 7." in page
    assert "Se corrigió el avance de «Familias atendidas» del 31 de octubre de 2026: 6." in page
    assert "Se contó dos veces." in page
    assert "enlace-dif" not in page and "stmga" not in page
    assert 'href="/cambios/"' in page  # the footer links here


def test_each_commitment_has_its_own_feed(client, own, other):
    builders.add_measurement(own.indicators.get(), OCT, 11)
    feed = client.get(f"/compromisos/{own.slug}/cambios.atom")
    assert feed["Content-Type"].startswith("application/atom+xml")
    body = feed.content.decode()
    assert "DIF-01" in body and "IMP-01" not in body
    site = client.get("/cambios.atom").content.decode()
    assert "DIF-01" in site and "IMP-01" in site
