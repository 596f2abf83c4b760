"""Real Chromium (Debian's /usr/bin/chromium) driven by Playwright against live_server."""

import os
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
WIDTHS = {"telefono": 390, "escritorio": 1280}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """A visitor from León: Chromium's own locale (en-US) would choose English wherever the
    language follows the browser, dates included."""
    return {**browser_context_args, "locale": "es-MX"}


@pytest.fixture
def site(live_server, transactional_db, frozen_today):
    """The live site with the demo data loaded, as of the demo's day; returns its base URL.

    The live server runs in a thread of this process, so it sees the frozen day too.
    """
    from commitments import demo as commitments_demo

    commitments_demo.load()
    return live_server.url


@pytest.fixture
def screenshot(page):
    """Save full-page screenshots at phone and desktop widths (kept as CI artifacts)."""

    def take(name):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        paths = []
        for label, width in WIDTHS.items():
            page.set_viewport_size({"width": width, "height": 900})
            path = SCREENSHOTS / f"{name}-{label}.png"
            page.screenshot(path=str(path), full_page=True)
            paths.append(path)
        return paths

    return take


def axe_violations(page):
    """Run axe-core (bundled in axe-playwright-python) and return its violations."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return results.response["violations"]
