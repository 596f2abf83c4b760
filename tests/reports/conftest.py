import io
from datetime import date

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from portal.reports import store
from tests.commitments import builders
from tests.secretariat.conftest import approval_session, cast, sectors  # noqa: F401


@pytest.fixture(autouse=True)
def reports_on_disk(settings, tmp_path, frozen_today):
    """Reports and the content version in a folder of the test's own, on TODAY."""
    settings.REPORTS_ROOT = tmp_path / "reports"
    settings.PAGE_CACHE_VERSION_FILE = tmp_path / "content-version"
    return settings.REPORTS_ROOT


@pytest.fixture
def builds(monkeypatch):
    """How many PDFs WeasyPrint drew."""
    drawn = []
    real = store.render_pdf

    def counting(html):
        drawn.append(html)
        return real(html)

    monkeypatch.setattr(store, "render_pdf", counting)
    return drawn


def run_worker():
    """What `make run`'s worker does: build every report asked for, then stop.

    The worker drops stale connections between tasks; inside a test's transaction that
    would close it (on PostgreSQL), so the test keeps its connection."""
    from unittest import mock

    with mock.patch(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    ):
        call_command(
            "db_worker", "--batch", "--queue-name", "reports", "--no-startup-delay", verbosity=0
        )


def pdf_of(response):
    """(pypdf reader, text of every page with its line breaks as spaces) of a PDF response."""
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/pdf"
    body = b"".join(response.streaming_content) if response.streaming else response.content
    reader = PdfReader(io.BytesIO(body))
    return reader, " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def download(client, url):
    """A large report: first «se está preparando», then, once the worker ran, the PDF."""
    waiting = client.get(url)
    assert waiting.status_code == 202
    assert "se está preparando" in waiting.content.decode()
    run_worker()
    return client.get(url)


@pytest.fixture
def tracked(plan):
    """C-01 with one indicator and one milestone; what is public changes over 2026:

    - 31/03/2026: the indicator is at 37, published 05/04/2026;
    - 31/05/2026: the indicator is at 58, published only on 10/07/2026;
    - 15/07/2026: the Secretariado assigns «Atrasado», with a reason.
    """
    commitment = builders.make_commitment(
        plan,
        indicators=[
            {"name": "Solicitudes respondidas", "verification_means": "Informe trimestral"}
        ],
        milestones=[{"title": "Hito de publicación"}],
    )
    indicator = commitment.indicators.get()
    builders.add_measurement(indicator, date(2026, 3, 31), 37, published_on=date(2026, 4, 5))
    builders.add_measurement(
        indicator,
        date(2026, 5, 31),
        58,
        published_on=date(2026, 7, 10),
        evidence_url="https://example.org/padron-mayo.csv",
    )
    builders.set_override(
        commitment, "atrasado", date(2026, 7, 15), reason="Motivo publicado en julio."
    )
    builders.add_evidence(commitment.milestones.get(), title="Minuta de arranque")
    return commitment
