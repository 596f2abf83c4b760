"""Public pages are cached for anonymous visitors and refreshed as soon as staff change data."""

from collections import defaultdict

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template.response import TemplateResponse
from django.urls import path

from commitments import services
from commitments.models import Commitment, Organization, Pillar
from core.cache import public_page
from tests.commitments import builders
from tests.conftest import TODAY

pytestmark = pytest.mark.usefixtures("frozen_today")


@pytest.fixture
def site(commitment):
    """The small plan: C-01 (pillar Transparencia, shared with an organisation, «Atrasado»)
    and C-02. Returns each kind of public page's URL."""
    transparency = services.save(
        instance=Pillar(name="Transparencia", slug="transparencia", summary="Abrir datos.")
    )
    observatory = services.save(
        instance=Organization(
            name="Observatorio Ciudadano",
            slug="observatorio-ciudadano",
            kind=Organization.Kind.CIVIL_SOCIETY,
        )
    )
    builders.make_commitment(commitment.plan, "C-02", unit=commitment.unit)
    services.set_parties(
        commitment=commitment, pillars=[transparency], co_responsibles=[(observatory, "Vigila")]
    )
    builders.approve(commitment, builders.PUBLISHED_ON)
    builders.set_override(commitment, "atrasado", builders.PUBLISHED_ON)
    return {
        "home": "/",
        "board": "/tablero/",
        "axis": commitment.objective.axis.get_absolute_url(),
        "unit": commitment.unit.get_absolute_url(),
        "organization": observatory.get_absolute_url(),
    }


@pytest.mark.parametrize("page", ["home", "board", "axis", "unit", "organization"])
def test_second_anonymous_visit_is_served_from_the_cache(
    client, site, page, django_assert_num_queries
):
    url = site[page]
    first = client.get(url)
    assert first.status_code == 200
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second.content == first.content
    assert "HX-Request" in second["Vary"]


def test_staff_pages_are_neither_served_from_nor_stored_in_the_cache(admin_client, client, site):
    url = site["unit"]
    anonymous = client.get(url).content.decode()
    assert "Editar en la administración" not in anonymous
    staff = admin_client.get(url).content.decode()
    assert "Editar en la administración" in staff
    cache.clear()
    admin_client.get(url)
    response = client.get(url)
    assert not response.cookies
    assert "Set-Cookie" not in response.headers
    assert "Editar en la administración" not in response.content.decode()


def test_a_saved_change_shows_on_the_next_anonymous_visit(
    client, commitment, django_capture_on_commit_callbacks
):
    assert "Catálogo de datos renovado" not in client.get("/tablero/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        builders.approve(commitment, TODAY, title="Catálogo de datos renovado")
    assert "Catálogo de datos renovado" in client.get("/tablero/").content.decode()


def test_a_change_made_in_the_admin_shows_on_the_next_anonymous_visit(
    admin_client, client, commitment
):
    axis = commitment.objective.axis
    assert "Datos abiertos para todos" not in client.get(axis.get_absolute_url()).content.decode()
    response = admin_client.post(
        f"/admin/commitments/axis/{axis.pk}/change/",
        {
            "plan": axis.plan_id,
            "name": "Datos Abiertos",
            "slug": axis.slug,
            "description": "Datos abiertos para todos.",
            "order": axis.order,
            "objectives-TOTAL_FORMS": 0,
            "objectives-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert "Datos abiertos para todos." in client.get(axis.get_absolute_url()).content.decode()


def test_unpublishing_and_many_to_many_changes_refresh_too(
    client, demo, django_capture_on_commit_callbacks
):
    url = "/tablero/?pilar=transparencia"
    before = client.get(url).content.decode()
    assert "DA-01" in before
    commitment = Commitment.objects.get(code="DA-01")
    with django_capture_on_commit_callbacks(execute=True):
        services.set_parties(
            commitment=commitment,
            pillars=commitment.pillars.exclude(slug="transparencia"),
        )
        builders.approve(commitment, TODAY)
    assert '<span class="code">DA-01</span>' not in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        # A published commitment is never deleted, only withdrawn from view.
        services.unpublish_commitment(
            commitment=Commitment.objects.get(code="DA-04"), reason="Se revisa su redacción."
        )
    assert '<span class="code">DA-04</span>' not in client.get("/tablero/").content.decode()


def test_full_page_and_htmx_fragment_are_cached_apart(client, site):
    full = client.get("/tablero/?estado=atrasado").content.decode()
    fragment = client.get("/tablero/?estado=atrasado", headers={"HX-Request": "true"})
    assert "<html" in full
    assert "<html" not in fragment.content.decode()
    assert "<html" in client.get("/tablero/?estado=atrasado").content.decode()


def test_the_query_string_is_part_of_the_key(client, demo):
    client.get("/tablero/?estado=atrasado")
    page = client.get("/tablero/?estado=completo").content.decode()
    assert "<strong>2</strong> de 16 compromisos" in page


@pytest.mark.urls(__name__)
def test_responses_that_set_cookies_are_never_cached(client, db):
    client.get("/cookie/")
    client.cookies.clear()
    client.get("/cookie/")
    assert len(CALLS["/cookie/"]) == 2


def test_the_site_keeps_serving_when_the_cache_is_down(client, commitment, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("redis caído")

    for method in ("get", "set", "add", "incr"):
        monkeypatch.setattr(cache, method, broken)
    response = client.get("/tablero/")
    assert response.status_code == 200
    assert "Tablero de compromisos" in response.content.decode()


@pytest.mark.urls(__name__)
def test_template_responses_of_generic_views_are_cached_rendered(client, db):
    first = client.get("/generica/")
    second = client.get("/generica/")
    assert len(CALLS["/generica/"]) == 1
    assert second.content == first.content
    assert "Algo salió mal de nuestro lado" in second.content.decode()


@pytest.mark.urls(__name__)
def test_pages_that_need_a_csrf_token_are_not_cached(client, db):
    client.get("/formulario/")
    client.cookies.clear()
    client.get("/formulario/")
    assert len(CALLS["/formulario/"]) == 2


# Views of the tests above, served through the whole middleware stack (the cache lives there).
CALLS = defaultdict(list)  # Each path belongs to one test, so no test sees another's calls.


def _counted(view):
    @public_page
    def wrapped(request):
        CALLS[request.path].append(1)
        return view(request)

    return wrapped


def _sets_cookie(request):
    response = HttpResponse("hola")
    response.set_cookie("preferencia", "1")
    return response


urlpatterns = [
    path("cookie/", _counted(_sets_cookie)),
    path("generica/", _counted(lambda request: TemplateResponse(request, "500.html", {}))),
    path("formulario/", _counted(lambda request: HttpResponse(get_token(request)))),
]
