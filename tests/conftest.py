import pytest
from django.core.cache import cache
from django.utils import timezone as django_timezone

from commitments.demo import DEMO_TODAY
from portal.cache import forget_local_state

# The day the demo data tells its story; most assertions read as of it.
TODAY = DEMO_TODAY


def freeze_today(monkeypatch, day=TODAY):
    """Make `timezone.localdate()` (the project's "today") return `day`."""
    real = django_timezone.localdate

    def localdate(value=None, timezone=None):
        return day if value is None else real(value, timezone)

    monkeypatch.setattr(django_timezone, "localdate", localdate)


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
def demo(db):
    """The León demo data (secretariat, route and example commitments)."""
    from commitments import demo as commitments_demo

    return commitments_demo.load()
