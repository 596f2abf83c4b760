"""The file of a fact awaiting review opens for the staff who may see the fact, and only them."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from commitments import services
from commitments.admin.files import staff_file_url
from core import cache
from portal import demo_files
from tests.roles.conftest import OCT, account

pytestmark = pytest.mark.django_db

PDF = demo_files.pdf("Evidencia del DIF")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def submitted(own, liaison, django_capture_on_commit_callbacks):
    """DIF's measurement with its evidence file, sent to review: not public."""
    with django_capture_on_commit_callbacks(execute=True):
        fact = services.record_measurement(
            indicator=own.indicators.get(),
            date=OCT,
            value=12,
            evidence_file=ContentFile(PDF, name="avance.pdf"),
            by=liaison,
        )
        services.submit(fact=fact, by=liaison)
    return fact


@pytest.fixture
def other_liaison(django_user_model, units, frozen_today):
    return account(django_user_model, "enlace-implan", "enlace", units=[units[1]])


def opened(client, user, url):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client.get(url)


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_the_url_is_an_admin_url_outside_the_public_page_cache(submitted):
    url = staff_file_url(submitted)
    assert url == reverse("admin:fact_file", args=["avance", submitted.pk])
    assert url.startswith("/admin/")

    class Request:
        path_info = url

    assert cache.public_view_name(Request) is None


def test_the_reviewer_and_the_owner_liaison_get_the_bytes_never_stored(
    client, submitted, secretariat, liaison, transparency
):
    url = staff_file_url(submitted)
    for user in (secretariat, liaison, transparency):
        response = opened(client, user, url)
        assert response.status_code == 200, user
        assert body(response) == PDF
        assert response["Cache-Control"] == "private, no-store"
        assert response["Content-Type"] == "application/pdf"
        assert response["X-Content-Type-Options"] == "nosniff"


def test_anonymous_and_another_units_liaison_get_nothing(client, submitted, other_liaison):
    url = staff_file_url(submitted)
    for user in (None, other_liaison):
        response = opened(client, user, url)
        assert response.status_code == 404
        assert PDF not in body(response)
    missing = reverse("admin:fact_file", args=["otra-cosa", submitted.pk])
    assert opened(client, other_liaison, missing).status_code == 404


def test_the_public_media_url_stays_404_until_published(
    client, submitted, secretariat, django_capture_on_commit_callbacks
):
    public = submitted.evidence_file.url
    assert public.startswith("/media/")
    assert opened(client, None, public).status_code == 404
    assert opened(client, secretariat, public).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        services.publish(fact=submitted, by=secretariat)
    assert opened(client, None, public).status_code == 200


def test_the_review_pages_link_the_staff_view(client, submitted, secretariat, liaison):
    url = staff_file_url(submitted)
    public = submitted.evidence_file.url
    queue = opened(client, secretariat, reverse("admin:review_queue"))
    assert f'<a href="{url}">Abrir el archivo de evidencia</a>' in queue.text
    change = reverse("admin:commitments_measurement_change", args=[submitted.pk])
    # The reviewer may change it (the file input links it); the liaison waits (read-only).
    for user in (secretariat, liaison):
        page = opened(client, user, change)
        assert page.status_code == 200
        assert f'href="{url}"' in page.text, user
        assert f'href="{public}"' not in page.text, user
