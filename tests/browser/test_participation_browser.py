"""/participacion/ and its proposals in Chromium: axe finds nothing serious, and the phone
and desktop screenshots are kept to look at."""

from tests.browser.conftest import axe_violations

BLOCKING = {"serious", "critical"}


def test_participation_pages_have_no_serious_accessibility_violations(site, page, screenshot):
    from participation.models import Proposal

    proposal = Proposal.objects.get(number=15)
    pages = {
        "participacion": "/participacion/",
        "propuestas": "/participacion/propuestas/?destino=incorporada",
        "propuesta": proposal.get_absolute_url(),
        "propuesta-antes": f"{proposal.get_absolute_url()}?fecha=2026-01-15",
    }
    blocking = []
    for name, path in pages.items():
        response = page.goto(f"{site}{path}")
        assert response.status == 200, path
        assert page.locator("h1").count() == 1, path
        for violation in axe_violations(page):
            line = f"{path}: [{violation['impact']}] {violation['id']}: {violation['help']}"
            print(line)
            if violation["impact"] in BLOCKING:
                blocking.append(f"{line} {[node['target'] for node in violation['nodes']]}")
        screenshot(name)
    # The demo's proposal 15 was deferred, then incorporated in June 2026.
    page.goto(f"{site}{pages['propuesta-antes']}")
    assert "Diferida a un ejercicio posterior" in page.locator("main").inner_text()
    assert not blocking, "\n".join(blocking)
