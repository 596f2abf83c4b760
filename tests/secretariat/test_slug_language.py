"""A session's address comes from its Spanish title whatever language the admin is read in:
saved from the English admin it is still /secretariado/sesiones/2a-sesion-ordinaria-2025/."""

from datetime import date

import pytest
from django.utils import translation

from core import clock
from secretariat import services
from secretariat.models import Session

pytestmark = pytest.mark.django_db


def test_a_session_saved_in_english_keeps_the_spanish_slug():
    with translation.override("en"), clock.moment(date(2025, 8, 1)):
        session = services.save(
            instance=Session(kind=Session.Kind.ORDINARY, number=2, date=date(2025, 8, 29))
        )
        english_title = session.title
    assert english_title == "Ordinary Session No. 2"
    assert Session.objects.get().slug == "2a-sesion-ordinaria-2025"


def test_the_admin_form_check_slugs_in_spanish_too():
    session = Session(kind=Session.Kind.EXTRAORDINARY, number=1, date=date(2026, 3, 2))
    with translation.override("en"):
        session.clean(today=date(2026, 3, 1))
    assert session.slug == "1a-sesion-extraordinaria-2026"
