"""A backup restores into a database just made with `migrate` (its role groups included), to
the microsecond: every public page and Atom feed comes back byte for byte.

The new database is real: a SQLite file, or a PostgreSQL database `wtd_restore_<pid>` on the
tests' own server, made empty, migrated, and used as `default` while the pages are read.
"""

import copy
import os
import re
from contextlib import contextmanager
from datetime import date, datetime
from datetime import time as clock_time

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import CommandError
from django.core.management import call_command as manage
from django.db import connections
from django.db.utils import load_backend
from django.utils import timezone

from commitments import permissions, services
from commitments.models import Measurement, PublicFact
from core import clock
from core.cache import forget_local_state
from tests.commitments import builders
from tests.conftest import ensure_roles

pytestmark = [pytest.mark.usefixtures("frozen_today"), pytest.mark.django_db(transaction=True)]

CSRF = re.compile(rb'(name="csrfmiddlewaretoken" value="|name="csrf-token" content=")[^"]*"')


@pytest.fixture(autouse=True)
def roles(db):
    """The role groups as their migration makes them (a transactional test before this one
    flushed them)."""
    ensure_roles()


def moment(day, hour, minute, second, microsecond):
    return timezone.make_aware(datetime.combine(day, clock_time(hour, minute, second, microsecond)))


def build_cast(django_user_model):
    """A small plan whose public moments differ only in their microseconds."""
    plan = builders.make_plan()
    first = builders.make_commitment(
        plan, indicators=[{"name": "Solicitudes respondidas"}], milestones=[{"title": "Arranque"}]
    )
    second = builders.make_commitment(plan, code="C-02", indicators=[{"name": "Mesas"}])
    indicator = first.indicators.get()
    day = date(2026, 7, 10)
    # Written in the reverse order of their moments (ids against time), all in one
    # millisecond: 12:00:00.123401 (A), .123402 (A's correction), .123403 (B).
    with clock.moment(moment(day, 12, 0, 0, 123403)):
        services.record_measurement(indicator=indicator, date=day, value=40, publish=True)
    with clock.moment(moment(day, 12, 0, 0, 123401)):
        fact = services.record_measurement(
            indicator=second.indicators.get(), date=day, value=10, publish=True
        )
    with clock.moment(moment(day, 12, 0, 0, 123402)):
        services.correct(fact=fact, reason="Se capturó mal la cifra.", value=12)
    with clock.moment(moment(date(2026, 8, 3), 9, 15, 7, 654321)):
        services.record_milestone_progress(
            milestone=first.milestones.get(), date=date(2026, 8, 1), percent=30, publish=True
        )
    builders.add_evidence(first, published_on=date(2026, 8, 4))
    builders.set_override(second, "atrasado", date(2026, 9, 1), reason="Acuerdo de septiembre.")
    staff = django_user_model.objects.create_user("enlace", "e@example.org", "x")
    staff.groups.add(Group.objects.get(name=permissions.LIAISON))
    return [first, second]


def public_urls(client, commitments):
    sitemap = client.get("/sitemap.xml").content.decode()
    urls = {
        re.sub(r"^https?://[^/]+", "", loc) for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap)
    }
    urls |= {"/sitemap.xml", "/cambios/", "/cambios.atom", "/como-se-calcula/", "/reportes/"}
    for commitment in commitments:
        urls.add(f"/compromisos/{commitment.slug}/cambios.atom")
        urls.add(f"/compromisos/{commitment.slug}/?fecha=2026-07-10")
    return sorted(urls)


def read_pages(client, urls):
    cache.clear()
    forget_local_state()
    pages = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        pages[url] = CSRF.sub(rb'\1"', response.content)
    return pages


@contextmanager
def new_database(tmp_path):
    """A new, empty database of the tests' engine, as `default` while inside."""
    current = connections["default"]
    settings_dict = copy.deepcopy(current.settings_dict)
    postgres = current.vendor == "postgresql"
    if postgres:
        name = f"wtd_restore_{os.getpid()}"
        with current.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
            cursor.execute(f'CREATE DATABASE "{name}"')
        settings_dict["NAME"] = name
    else:
        settings_dict["NAME"] = str(tmp_path / "nueva.sqlite3")
    fresh = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, "default")
    connections._connections.default = fresh
    ContentType.objects.clear_cache()
    try:
        yield
    finally:
        fresh.close()
        connections._connections.default = current
        ContentType.objects.clear_cache()
        cache.clear()
        forget_local_state()
        if postgres:
            with current.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')


def moments():
    return {
        (type(fact).__name__, fact.pk): fact.published_at
        for model in PublicFact.__subclasses__()
        for fact in model.objects.all()
    }


def test_restore_into_a_freshly_migrated_database_gives_back_every_page(
    client, django_user_model, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.REPORTS_ROOT = tmp_path / "reports"
    commitments = build_cast(django_user_model)
    assert Measurement.objects.filter(published_at__second=0).count() == 3  # one second
    urls = public_urls(client, commitments)
    before = read_pages(client, urls)
    before_moments = moments()
    archive = tmp_path / "respaldo.tar.gz"
    manage("backup", str(archive))

    with new_database(tmp_path):
        manage("migrate", interactive=False, verbosity=0)
        assert Group.objects.count() == 3  # The roles migration made them.
        manage("restore", str(archive))
        assert moments() == before_moments
        assert django_user_model.objects.get(username="enlace").groups.get().name == (
            permissions.LIAISON
        )
        after = read_pages(client, urls)

    assert len(urls) > 10
    changed = [url for url in urls if after[url] != before[url]]
    assert changed == []
    atom = before["/cambios.atom"].decode()
    # The feed tells those moments to the microsecond (noon in León is 18:00 UTC).
    assert all(f"18:00:00.12340{n}+00:00" in atom for n in (1, 2, 3))


def test_restore_still_refuses_a_role_that_is_not_the_migrations(client, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    archive = tmp_path / "respaldo.tar.gz"
    manage("backup", str(archive))
    Group.objects.get(name=permissions.LIAISON).permissions.clear()
    with pytest.raises(CommandError, match=r"no está vacía .*auth\.group"):
        manage("restore", str(archive))
    Group.objects.create(name="Invitados")
    Group.objects.filter(name=permissions.LIAISON).delete()
    with pytest.raises(CommandError, match=r"no está vacía .*auth\.group"):
        manage("restore", str(archive))
