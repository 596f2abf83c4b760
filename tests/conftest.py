import os

import pytest
from django.core.cache import cache
from django.utils import timezone as django_timezone
from hypothesis import HealthCheck, settings

from commitments.demo import DEMO_TODAY
from core import clock
from core.cache import forget_local_state

# CI (CI=true) runs fewer examples, with no deadline: the machine is shared and slow.
settings.register_profile(
    "ci",
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
    settings.load_profile("ci")


def examples(wanted):
    """`wanted` examples, or fewer under a profile that asks for fewer (CI)."""
    return min(wanted, settings.default.max_examples)


# The day the demo data tells its story; most assertions read as of it.
TODAY = DEMO_TODAY


def freeze_today(monkeypatch, day=TODAY):
    """Pin the project clock (`core.clock`) to noon of `day`, in every thread."""
    real = django_timezone.localdate

    def localdate(value=None, timezone=None):
        return day if value is None else real(value, timezone)

    monkeypatch.setattr(django_timezone, "localdate", localdate)
    monkeypatch.setattr(clock, "FIXED", clock.at_noon(day))


@pytest.fixture
def frozen_today(monkeypatch):
    """Pages see TODAY whatever the real clock says (a live server thread too)."""
    freeze_today(monkeypatch)
    return TODAY


@pytest.fixture
def superuser(django_user_model, frozen_today):
    """Secretariat staff with every permission, working on TODAY."""
    return django_user_model.objects.create_superuser("secretariado", "s@example.org", "x")


@pytest.fixture
def staff(client, superuser):
    """A client logged into the admin as `superuser`."""
    client.force_login(superuser)
    return client


@pytest.fixture(scope="session", autouse=True)
def _var_of_this_process(tmp_path_factory):
    """Each test process (each pytest-xdist worker, each run of another database at the same
    time) has its own var/: the page cache's content version lives in a file every process of
    a deployment shares, so a shared one would let one process's saves expire another's pages."""
    from django.test import override_settings

    var = tmp_path_factory.mktemp("var")
    own = override_settings(
        VAR_DIR=var,
        PAGE_CACHE_VERSION_FILE=var / "content-version",
        REPORTS_ROOT=var / "reports",
        IMPORTS_ROOT=var / "imports",
    )
    own.enable()
    yield var
    own.disable()


@pytest.fixture(autouse=True)
def _spanish_to_begin_with():
    """Each test starts in the site's language. A request to /en/… leaves English active in its
    thread (as Django's LocaleMiddleware does), and `reverse()` in a later test would then
    give /en/ addresses."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield


@pytest.fixture(autouse=True)
def _empty_cache():
    """Cached pages from one test must never leak into the next, nor a cache outage."""
    cache.clear()
    forget_local_state()
    yield
    cache.clear()
    forget_local_state()


@pytest.fixture
def plan(db):
    """A published test plan (exercise 2025-2027), public since 1 January 2025."""
    from tests.commitments import builders

    return builders.make_plan()


@pytest.fixture
def commitment(plan):
    """C-01 of `plan`: one indicator from 0 to 100 % and one milestone over 2026, public."""
    from tests.commitments import builders

    return builders.make_commitment(
        plan, indicators=[{"name": "Avance de prueba"}], milestones=[{"title": "Hito de prueba"}]
    )


class DemoDatabase:
    """The León demo, loaded once per test session (per pytest-xdist worker).

    It is loaded inside an outer transaction that stays open while demo tests run; each demo
    test nests its own transaction (pytest-django's) in it, rolled back at its end, so demo
    tests never see each other's writes. Before any test that does not use the demo, the outer
    transaction is rolled back, so small-cast tests still start from an empty database; the next
    demo test loads the demo again (tests are ordered so that this rarely happens).
    """

    def __init__(self, blocker, media_root):
        self.blocker = blocker
        self.media_root = media_root
        self.atomic = None
        self.plan_pk = None
        self.loads = 0

    def open(self):
        if self.atomic is not None:
            return
        from django.db import transaction
        from django.test import override_settings

        from commitments import demo as commitments_demo

        with self.blocker.unblock():
            self.atomic = transaction.atomic()
            self.atomic.__enter__()
            # Like pytest-django's own: durable blocks may nest in it.
            transaction.get_connection().atomic_blocks[-1]._from_testcase = True
            try:
                with override_settings(MEDIA_ROOT=self.media_root):
                    self.plan_pk = commitments_demo.load().pk
            except BaseException:
                self.close()
                raise
            finally:
                cache.clear()
                forget_local_state()
        self.loads += 1

    def close(self):
        if self.atomic is None:
            return
        from django.db import transaction

        atomic, self.atomic = self.atomic, None
        with self.blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
        cache.clear()
        forget_local_state()


_demo_database = None


def _uses_demo(item):
    return "demo" in getattr(item, "fixturenames", ())


DB_FIXTURES = {"db", "transactional_db", "django_db_setup", "live_server"}


def _touches_no_database(item):
    return item.get_closest_marker("django_db") is None and not DB_FIXTURES & set(
        getattr(item, "fixturenames", ())
    )


@pytest.hookimpl(wrapper=True)
def pytest_collection_modifyitems(config, items):
    """Before any other plugin (so that `-m "not once"` sees it), mark `once` the tests the
    database cannot change, which CI runs on SQLite only: browser tests, PDF rendering (marked
    in their modules) and every test that never touches the database.

    After the others, put the demo tests last, one after another, so that each process (each
    pytest-xdist worker) loads the demo once."""
    for item in items:
        if "tests/browser/" in item.nodeid or _touches_no_database(item):
            item.add_marker(pytest.mark.once)
    result = yield
    items.sort(key=_uses_demo)
    return result


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Before each test: open the loaded demo for demo tests, roll it back for any other that
    uses the database."""
    if _demo_database is None:
        return  # not loaded yet: the `_demo_session` fixture loads it
    if _uses_demo(item):
        _demo_database.open()
    elif not _touches_no_database(item):
        _demo_database.close()


@pytest.fixture(scope="session")
def _demo_session(django_db_setup, django_db_blocker, tmp_path_factory):
    global _demo_database
    _demo_database = DemoDatabase(django_db_blocker, tmp_path_factory.mktemp("demo-media"))
    _demo_database.open()
    yield _demo_database
    _demo_database.close()
    _demo_database = None


@pytest.fixture
def demo(request, _demo_session, db, settings):
    """The León demo data (secretariat, route and example commitments), loaded once per
    session (see DemoDatabase); its uploaded evidence is in a session's temporary media folder.
    Returns the demo plan."""
    from commitments.models import ActionPlan

    if {"transactional_db", "live_server"} & set(request.fixturenames):
        raise pytest.UsageError(
            "`demo` lives in a transaction that is rolled back: a transactional test "
            "(live_server) loads it itself, like tests/browser/conftest.py's `site`."
        )
    settings.MEDIA_ROOT = _demo_session.media_root
    return ActionPlan.objects.get(pk=_demo_session.plan_pk)


def ensure_roles():
    """The three role groups as their migration makes them. A transactional test's flush
    (concurrent writers, restore, the browser) empties every table, the groups and
    permissions that migrations wrote included, and pytest-django runs those tests before
    the demo's."""
    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission
    from django.contrib.contenttypes.management import create_contenttypes

    from portal.management.commands.restore import roles_made_by_migrate

    roles = roles_made_by_migrate()
    if Group.objects.filter(name__in=roles).count() == len(roles):
        return
    for app_config in apps.get_app_configs():
        create_contenttypes(app_config, verbosity=0)
        create_permissions(app_config, verbosity=0)
    for name, wanted in roles.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(
            [
                Permission.objects.get(content_type__app_label=app, codename=codename)
                for app, codename in wanted
            ]
        )
