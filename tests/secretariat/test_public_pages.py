"""Every public page of the secretariat: private data stays private, and the markup holds up."""

import io
import itertools

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from PIL import Image

from secretariat import demo, urls
from secretariat.models import Call, Member, Session

from .html import headings, parse


def public_urls():
    """Every page the secretariat app serves, one per session and call."""
    pages = {
        "index": [reverse("secretariat:index")],
        "route": [reverse("secretariat:route")],
        "agreements": [reverse("secretariat:agreements")],
        "obligations": [reverse("secretariat:obligations")],
        "session": [session.get_absolute_url() for session in Session.objects.all()],
        "call": [call.get_absolute_url() for call in Call.objects.all()],
    }
    # Signing is private: a member's own login and form.
    private = {"sign", "login", "round"}
    assert set(pages) == {pattern.name for pattern in urls.urlpatterns} - private, (
        "a new public page: add it to this walk"
    )
    assert all(pages.values()), "each kind of page has at least one example to walk"
    return ["/", *(url for group in pages.values() for url in group)]


def photo():
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "teal").save(buffer, "PNG")
    return ContentFile(buffer.getvalue())


@pytest.fixture
def with_photos(cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cast.ana.publish_photo = True
    cast.ana.photo.save("ana.png", photo())
    cast.beto.photo.save("beto.png", photo())  # Beto did not agree to publish it
    return cast


def test_unpublished_personal_data_never_reaches_a_public_page(
    client, today, with_photos, approval_session, scheduled_session, call, route
):
    cast = with_photos
    private = [
        *(m.email for m in Member.objects.all()),
        *(m.phone for m in Member.objects.exclude(phone="")),
        cast.beto.profile,
        cast.beto.organization,
        cast.beto.photo.url,
        cast.beto.photo.name.rsplit("/", 1)[-1],
        cast.carla.organization,
    ]
    published = {cast.ana.profile, cast.ana.organization, cast.ana.photo.url, cast.carla.profile}
    seen = set()
    for url in public_urls():
        html = client.get(url).content.decode()
        for value in private:
            assert value not in html, f"{value!r} is private but shows on {url}"
        seen |= {value for value in published if value in html}
    # The walk would have noticed: what was agreed does show somewhere.
    assert seen == published


@pytest.mark.django_db
def test_demo_data_keeps_contact_details_private(client, today):
    demo.load()
    private = {m.email for m in Member.objects.all()} | {
        m.phone for m in Member.objects.exclude(phone="")
    }
    private |= {m.profile for m in Member.objects.filter(publish_profile=False).exclude(profile="")}
    assert len(private) > 10
    for url in public_urls():
        html = client.get(url).content.decode()
        assert not [value for value in private if value in html], url


@pytest.mark.django_db
def test_every_page_has_one_h1_and_headings_in_order(client, today):
    demo.load()
    for url in public_urls():
        response = client.get(url)
        assert response.status_code == 200, url
        levels = [level for level, _ in headings(response)]
        assert levels[0] == 1 and levels.count(1) == 1, url
        for previous, current in itertools.pairwise(levels):
            assert current <= previous + 1, f"heading jumps from h{previous} to h{current} on {url}"


@pytest.mark.django_db
def test_every_page_uses_machine_readable_dates_and_no_inline_styles(client, today):
    demo.load()
    for url in public_urls():
        response = client.get(url)
        page = parse(response)
        for time in page.find_all("time"):
            assert len(time.attrs.get("datetime", "")) >= 10, (url, time.text)
        html = response.content.decode()
        assert " style=" not in html and "<style" not in html, url
        ids = [node.attrs["id"] for node in page.iter() if "id" in node.attrs]
        assert len(ids) == len(set(ids)), f"duplicate ids on {url}"
