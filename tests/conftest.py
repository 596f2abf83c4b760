import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_cache():
    """Cached pages from one test must never leak into the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def demo(db):
    """The León demo data (secretariat, route and example commitments)."""
    from commitments import demo as commitments_demo

    return commitments_demo.load()
