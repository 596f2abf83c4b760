"""The JSON API with the small cast: what it answers, what it refuses and how it caches."""

from datetime import date

import pytest
from django.core.cache import cache

from core import clock
from core.cache import forget_local_state
from secretariat import services as secretariat_services
from tests.commitments import builders
from tests.secretariat.conftest import S, make_agreement

pytestmark = pytest.mark.django_db

LIST = "/api/v1/compromisos/"


@pytest.fixture
def cast(frozen_today, commitment):
    """C-01 with a public measurement (40) and a draft one (77), and a staff account."""
    from django.contrib.auth import get_user_model

    indicator = commitment.indicators.get()
    builders.add_measurement(indicator, date(2026, 6, 30), 40)
    builders.add_measurement(indicator, date(2026, 9, 30), 77, draft=True)
    get_user_model().objects.create_user("enlace", "enlace.privado@leon.gob.mx", "x")
    return commitment


def get(client, url, **query):
    return client.get(url, query)


@pytest.mark.parametrize(
    ("query", "parameter", "says"),
    [
        ({"fecha": "0"}, "fecha", "AAAA-MM-DD"),
        ({"fecha": "20260630"}, "fecha", "AAAA-MM-DD"),
        ({"fecha": "2026-02-30"}, "fecha", "AAAA-MM-DD"),
        ({"pagina": "0"}, "pagina", "desde 1"),
        ({"pagina": "dos"}, "pagina", "desde 1"),
        ({"pagina": "99999"}, "pagina", "hay 1"),
        ({"estado": "verde"}, "estado", "en_tiempo"),
        ({"eje": "no-existe"}, "eje", "no-existe"),
        ({"orden": "fecha"}, "orden", "titulo"),
        ({"color": "rojo"}, "color", "acepta: fecha, plan"),
    ],
)
def test_bad_parameters_get_a_400_naming_the_parameter_and_why(
    cast, client, query, parameter, says
):
    response = client.get(LIST, query)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["parameter"] == parameter
    assert says in body["detail"]


def test_a_filter_value_of_another_plan_is_refused_not_ignored(cast, client):
    other = builders.make_plan(slug="otro")
    response = client.get(LIST, {"eje": other.axes.get().slug, "plan": cast.plan.slug})
    assert response.status_code == 400
    assert response.json()["parameter"] == "eje"


def test_a_day_before_the_plan_is_an_empty_list_that_says_why(cast, client):
    body = client.get(LIST, {"fecha": "2024-06-30"}).json()
    assert body["results"] == [] and body["count"] == 0 and body["total"] == 0
    assert "no era público el 2024-06-30" in body["notice"]


def test_a_commitment_not_yet_public_on_the_day_says_so(cast, client):
    response = client.get(f"/api/v1/compromisos/{cast.slug}/", {"fecha": "2024-06-30"})
    assert response.status_code == 404
    assert "aún no era público" in response.json()["detail"]
    assert client.get("/api/v1/compromisos/nada/").json()["detail"].endswith("«nada».")


def test_only_published_data_and_no_staff_email(cast, client):
    detail = client.get(f"/api/v1/compromisos/{cast.slug}/")
    assert detail.status_code == 200
    measurements = detail.json()["indicators"][0]["measurements"]
    assert [(m["date"], m["value"]) for m in measurements] == [("2026-06-30", 40.0)]
    for url in (
        LIST,
        f"/api/v1/compromisos/{cast.slug}/",
        "/api/v1/cambios/",
        "/api/v1/sesiones/",
        "/api/v1/acuerdos/",
        "/api/v1/dependencias/",
    ):
        text = client.get(url).content.decode()
        assert "enlace.privado@leon.gob.mx" not in text
        assert "s@example.org" not in text
        assert "77" not in text.replace("2026-", "")


def test_the_list_is_the_boards_row_with_absolute_links(cast, client, settings):
    settings.SITE_URL = "https://gobiernoabierto.example"
    body = client.get(LIST, {"fecha": "2026-07-02"}).json()
    [row] = body["results"]
    # 40 % done of 50 % expected: 10 points behind, still on track.
    assert row["code"] == "C-01" and row["status"] == "en_tiempo"
    assert row["progress"] == 40.0 and round(row["expected"]) == 50
    assert row["url"] == (
        f"https://gobiernoabierto.example/compromisos/{cast.slug}/?fecha=2026-07-02"
    )
    assert row["api_url"].startswith("https://gobiernoabierto.example/api/v1/compromisos/")
    counts = {c["value"]: c["count"] for c in body["status_counts"]}
    assert counts["en_tiempo"] == 1 and counts["atrasado"] == 0


def test_the_same_day_written_as_today_or_later_is_today(cast, client, frozen_today):
    later = client.get(LIST, {"fecha": "2030-01-01"}).json()
    assert later["date"] == frozen_today.isoformat()


def test_304_when_the_client_has_this_version(cast, client):
    first = client.get(LIST, {"fecha": "2026-07-02"})
    assert first.status_code == 200 and first["ETag"] and first["Last-Modified"]
    again = client.get(LIST, {"fecha": "2026-07-02"}, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304 and again.content == b""
    # A new fact changes the answer and its tag.
    builders.add_measurement(
        cast.indicators.get(), date(2026, 7, 1), 60, published_on=date(2026, 7, 1)
    )
    fresh = client.get(LIST, {"fecha": "2026-07-02"}, headers={"If-None-Match": first["ETag"]})
    assert fresh.status_code == 200 and fresh["ETag"] != first["ETag"]


def test_answers_are_cached_under_their_canonical_parameters(
    cast, client, django_assert_num_queries
):
    client.get(LIST, {"estado": ["atrasado", "completo"], "pagina": "1"})
    with django_assert_num_queries(0):
        # Same parameters, another order and a page 1 that says nothing: the stored answer.
        again = client.get(f"{LIST}?pagina=1&estado=completo&estado=atrasado")
    assert again.status_code == 200 and again.json()["count"] == 1


def test_cors_is_open_for_get_on_the_api_only(cast, client):
    origin = {"Origin": "https://periodico.example"}
    response = client.get(LIST, headers=origin)
    assert response["Access-Control-Allow-Origin"] == "*"
    # Served from the cache, too.
    assert client.get(LIST, headers=origin)["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(LIST, headers=origin | {"Access-Control-Request-Method": "GET"})
    assert "POST" not in preflight["Access-Control-Allow-Methods"]
    assert "Access-Control-Allow-Origin" not in client.get("/tablero/", headers=origin)


def test_writing_is_not_allowed(cast, client):
    assert client.post(LIST, {}).status_code == 405


def test_the_rate_limit_answers_429_in_spanish(cast, client, settings):
    settings.API_RATE_LIMIT = "2/min"
    assert client.get(LIST, {"orden": "titulo"}).status_code == 200
    assert client.get(LIST, {"orden": "avance"}).status_code == 200
    # Cached answers are free.
    assert client.get(LIST, {"orden": "titulo"}).status_code == 200
    refused = client.get(LIST, {"orden": "estado"})
    assert refused.status_code == 429
    assert "Demasiadas consultas" in refused.json()["detail"]
    assert int(refused["Retry-After"]) > 0
    cache.clear()
    forget_local_state()


def test_sessions_and_agreements_read_like_popolo(frozen_today, client, commitment):
    session = builders.make_session(date(2026, 6, 12))
    agreement = make_agreement(
        session, "STMGA-2026-02-01", text="Revisar el corte.", due_date=date(2026, 7, 1)
    )
    agreement.commitments.add(commitment)
    events = client.get("/api/v1/sesiones/").json()["results"]
    assert events[0]["id"] == session.slug and events[0]["motions"] == ["STMGA-2026-02-01"]
    assert events[0]["classification"] == "ordinaria"
    [motion] = client.get("/api/v1/acuerdos/").json()["results"]
    assert motion["event_id"] == session.slug and motion["overdue"] is True
    assert motion["commitments"] == [commitment.slug]
    # Before the session, neither.
    assert client.get("/api/v1/acuerdos/", {"fecha": "2026-06-11"}).json()["count"] == 0
    assert client.get("/api/v1/sesiones/", {"fecha": "2026-06-11"}).json()["results"] == []


def test_an_agreement_has_the_status_its_follow_ups_gave_it_on_the_day(frozen_today, client):
    session = builders.make_session(date(2026, 6, 12))
    agreement = make_agreement(
        session, "STMGA-2026-02-01", status=S.PENDING, followed_on=date(2026, 7, 1)
    )
    with clock.moment(date(2026, 9, 1)):
        secretariat_services.record_follow_up(
            agreement=agreement, status=S.FULFILLED, date=date(2026, 9, 1), note="Listo."
        )

    def motion(day):
        [found] = client.get("/api/v1/acuerdos/", {"fecha": day}).json()["results"]
        return found["status"], found["updated_on"], [f["status"] for f in found["follow_ups"]]

    assert motion("2026-08-31") == ("pendiente", "2026-07-01", ["pendiente"])
    assert motion("2026-09-01") == ("cumplido", "2026-09-01", ["pendiente", "cumplido"])


def test_plans_axes_units_rounds_and_changes(cast, client, settings):
    builders.add_round(cast.plan, 1, date(2026, 6, 30))
    plans = client.get("/api/v1/planes/").json()["results"]
    assert [p["slug"] for p in plans] == [cast.plan.slug]
    assert client.get("/api/v1/planes/", {"fecha": "2024-12-31"}).json()["results"] == []
    axes = client.get("/api/v1/ejes/").json()["results"]
    assert axes[0]["objectives"] == [{"code": "O1", "title": "Objetivo de prueba"}]
    units = client.get("/api/v1/dependencias/").json()["results"]
    assert units[0]["url"] == f"{settings.SITE_URL}/dependencias/up/"
    rounds = client.get("/api/v1/cortes/").json()["results"]
    assert rounds[0]["number"] == 1 and rounds[0]["closed"] is True
    changes = client.get("/api/v1/cambios/", {"fecha": "2026-06-30"}).json()
    texts = [c["text"] for c in changes["results"]]
    assert any("al 30 de junio de 2026: 40" in text for text in texts)
    earlier = client.get("/api/v1/cambios/", {"fecha": "2026-06-29"}).json()
    assert earlier["count"] == changes["count"] - 1


def test_the_docs_page_lists_every_endpoint_and_the_limits(client, settings):
    page = client.get("/api/").content.decode()
    for path in ("/api/v1/compromisos/", "/api/v1/compromisos/{slug}/", "/api/v1/sesiones/"):
        assert f"GET {path}" in page
    assert "AAAA-MM-DD" in page and settings.API_RATE_LIMIT in page and "If-None-Match" in page
    assert '<a href="/api/v1/openapi.json">' in page


def test_the_openapi_description_is_3_1_and_declares_the_400(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.1")
    for methods in schema["paths"].values():
        assert "400" in methods["get"]["responses"]
