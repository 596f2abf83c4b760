import pytest
from django.core.cache import cache
from django.utils import timezone as django_timezone

from commitments.demo import DEMO_TODAY
from portal import clock
from portal.cache import forget_local_state

# The day the demo data tells its story; most assertions read as of it.
TODAY = DEMO_TODAY


def freeze_today(monkeypatch, day=TODAY):
    """Pin the project clock (`portal.clock`) to noon of `day`, in every thread."""
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


@pytest.fixture
def demo(db, settings, tmp_path):
    """The León demo data (secretariat, route and example commitments); its uploaded
    evidence goes to a temporary media folder."""
    from commitments import demo as commitments_demo

    settings.MEDIA_ROOT = tmp_path

    return commitments_demo.load()
