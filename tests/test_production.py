"""Production mode: deploy checks, headers, compression, the page cache's key and outages."""

import gzip
import json
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache

from commitments import services
from commitments.models import CommitmentState, CommitmentVersion, Pillar
from core import cache as page_cache
from core import content_version

ROOT = Path(__file__).resolve().parent.parent
GZIP = {"Accept-Encoding": "gzip, deflate"}
PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "una-llave-larga-y-aleatoria-para-la-prueba-0123456789-abcdefghijklmnop",
    "ALLOWED_HOSTS": "gobiernoabierto.leon.gob.mx,testserver",
    "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto: https",
    "EMAIL_HOST": "smtp.leon.gob.mx",
}

pytestmark = pytest.mark.usefixtures("frozen_today")


def run_python(code, env, tmp_path):
    # The browser tests' conftest sets DJANGO_ALLOW_ASYNC_UNSAFE for the whole session;
    # a deployed process never has it.
    inherited = {"SECRET_KEY", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in inherited}
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={
            **clean,
            "DJANGO_SETTINGS_MODULE": "portal.settings",
            "VAR_DIR": str(tmp_path / "var"),
            **env,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )


# --- Deploy checks and settings ---------------------------------------------------


def test_check_deploy_finds_nothing_with_production_settings_and_collected_static(tmp_path):
    # As deployed: collectstatic has run (make run does it), into a folder of the test's own.
    # One collectstatic (a minute of compression) serves both checks.
    env = {**PRODUCTION_ENV, "STATIC_ROOT": str(tmp_path / "static")}
    setup = "import django; django.setup(); from django.core.management import call_command; "
    collected = run_python(
        setup + "call_command('collectstatic', interactive=False, verbosity=0)", env, tmp_path
    )
    assert collected.returncode == 0, collected.stderr
    code = setup + "call_command('check', deploy=True, fail_level='DEBUG')"
    result = run_python(code, env, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout

    # After collectstatic, pages link hashed, compressed files.
    assert list((tmp_path / "static" / "css").glob("portal.*.css.br"))
    result = run_python(RENDER_PAGES, env, tmp_path)
    assert re.match(
        r'200 <link rel="stylesheet" href="/static/css/portal\.[0-9a-f]{12}\.css">', result.stdout
    )


def test_the_secret_key_can_come_from_a_file(tmp_path):
    key_file = tmp_path / "secret_key"
    key_file.write_text("llave-de-archivo\n")
    env = {"DEBUG": "false", "SECRET_KEY_FILE": str(key_file)}
    code = (
        "import django; django.setup(); from django.conf import settings as s; print(s.SECRET_KEY)"
    )
    assert run_python(code, env, tmp_path).stdout.strip() == "llave-de-archivo"


def test_a_bad_proxy_header_setting_stops_the_start_with_its_name(tmp_path):
    env = {**PRODUCTION_ENV, "SECURE_PROXY_SSL_HEADER": "https"}
    result = run_python("import django; django.setup()", env, tmp_path)
    assert result.returncode != 0
    assert "SECURE_PROXY_SSL_HEADER debe verse como «X-Forwarded-Proto: https»" in result.stderr


RENDER_PAGES = """
import django; django.setup()
from django.test import Client
client = Client(headers={"X-Forwarded-Proto": "https"})  # Behind the TLS proxy.
for url in ("/aviso-de-privacidad/", "/no-existe/"):
    response = client.get(url)
    css = [l for l in response.content.decode().splitlines() if "stylesheet" in l]
    print(response.status_code, css[0].strip())
print(client.get("/static/css/portal.css").status_code)
"""


def test_without_collectstatic_production_pages_still_render(tmp_path):
    env = {**PRODUCTION_ENV, "STATIC_ROOT": str(tmp_path / "vacio")}
    result = run_python(RENDER_PAGES, env, tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == '200 <link rel="stylesheet" href="/static/css/portal.css">'
    assert lines[1] == '404 <link rel="stylesheet" href="/static/css/portal.css">'
    assert lines[2] == "200"  # WhiteNoise serves the source folder meanwhile.


# --- Templates: nothing inline that the CSP would block ------------------------------

INLINE = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|<style|\sstyle=|\son[a-z]+=", re.I)


def test_no_template_has_inline_scripts_styles_or_handlers():
    templates = [
        path
        for folder in ("templates", "portal", "commitments", "secretariat", "opendata")
        for path in (ROOT / folder).rglob("*.html")
    ]
    assert len(templates) > 30
    offenders = [
        f"{path.relative_to(ROOT)}: {match[0]}"
        for path in templates
        for match in INLINE.finditer(path.read_text())
        # Data blocks (JSON, JSON-LD) are never run, so the CSP has nothing to block there.
        if 'type="application/json"' not in match[0]
        and 'type="application/ld+json"' not in match[0]
    ]
    assert offenders == []


# --- Headers, compression, the cache ------------------------------------------------


@pytest.mark.django_db
def test_public_pages_carry_the_security_headers(client, commitment):
    response = client.get("/tablero/")
    assert response["Content-Security-Policy"].startswith("default-src 'self'; script-src 'self';")
    assert "nonce" not in response["Content-Security-Policy"]
    assert "camera=()" in response["Permissions-Policy"]
    assert response["Cache-Control"] == "public, no-cache"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_https_behind_the_proxy_gets_hsts(client, commitment, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    response = client.get("/tablero/", headers={"X-Forwarded-Proto": "https"})
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


@pytest.mark.django_db
def test_cached_and_fresh_pages_are_compressed_with_the_same_headers(
    client, commitment, django_assert_num_queries
):
    fresh = client.get("/tablero/", headers=GZIP)
    with django_assert_num_queries(0):
        cached = client.get("/tablero/", headers=GZIP)
    for response in (fresh, cached):
        assert response["Content-Encoding"] == "gzip"
        assert "Tablero de compromisos" in gzip.decompress(response.content).decode()
    same = ("Vary", "Cache-Control", "ETag", "Content-Type", "Content-Security-Policy")
    assert {h: fresh[h] for h in same} == {h: cached[h] for h in same}
    assert {"Cookie", "HX-Request", "Accept-Encoding"} <= {
        v.strip() for v in cached["Vary"].split(",")
    }
    assert int(cached["Content-Length"]) == len(cached.content) < 15_000


@pytest.mark.django_db
def test_a_client_without_gzip_gets_plain_html_from_the_same_entry(client, commitment):
    client.get("/tablero/", headers=GZIP)
    plain = client.get("/tablero/")
    assert not plain.has_header("Content-Encoding")
    assert "Tablero de compromisos" in plain.content.decode()


@pytest.mark.django_db
def test_a_known_page_answers_304_to_its_etag(client, commitment):
    etag = client.get("/tablero/")["ETag"]
    again = client.get("/tablero/", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""


@pytest.mark.django_db
def test_admin_pages_are_never_compressed(admin_client):
    response = admin_client.get("/admin/", headers=GZIP)
    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")
    assert "csrfmiddlewaretoken" in response.content.decode()


@pytest.mark.django_db
def test_head_and_options_cost_no_rendering(client, commitment, django_assert_num_queries):
    client.get("/tablero/")
    with django_assert_num_queries(0):
        head = client.head("/tablero/")
        options = client.options("/tablero/")
    assert head.status_code == 200 and head.content == b""
    assert options.status_code == 200 and options["Allow"] == "GET, HEAD, OPTIONS"


@pytest.mark.django_db
def test_a_head_request_fills_the_cache_for_the_next_get(
    client, commitment, django_assert_num_queries
):
    client.head("/tablero/")
    with django_assert_num_queries(0):
        response = client.get("/tablero/")
    assert "Tablero de compromisos" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "noise",
    ["x=123", "utm_source=correo", "estado=inventado", "eje=no-existe", "pagina=1", "orden=azar"],
)
def test_unknown_and_invalid_parameters_are_the_plain_page(
    client, commitment, noise, django_assert_num_queries
):
    plain = client.get("/tablero/")
    client.get("/tablero/?eje=x")  # The filter values are read once per content version.
    with django_assert_num_queries(0):
        noisy = client.get(f"/tablero/?{noise}")
    assert noisy.content == plain.content


@pytest.mark.django_db
def test_a_huge_date_is_not_copied_into_the_links(client, commitment):
    junk = "2026-01-01" + "x" * 8000
    page = client.get(f"/tablero/?fecha={junk}&estado=atrasado").content.decode()
    assert "xxxxxxxxxx" not in page
    assert len(page) < 80_000
    assert "Estado: Atrasado" in page  # The valid parameter still applies.


@pytest.mark.django_db
@pytest.mark.parametrize("corte", ["%C2%B2", "%C2%B3", "%E2%91%A0", "9" * 4301, "0" * 5000 + "1"])
def test_odd_round_numbers_never_break_a_page(client, commitment, corte):
    urls = ["/tablero/", commitment.objective.axis.get_absolute_url()]
    urls += [commitment.get_absolute_url(), commitment.unit.get_absolute_url()]
    for url in urls:
        assert client.get(f"{url}?corte={corte}").status_code == 200


@pytest.mark.django_db
def test_a_mistyped_date_still_says_what_was_wrong(client, commitment):
    page = client.get("/tablero/?fecha=2026-02-30").content.decode()
    assert "La fecha «2026-02-30» no es válida; usa el formato AAAA-MM-DD." in page


@pytest.mark.django_db
def test_variants_stored_per_page_are_bounded(client, demo, settings):
    settings.PAGE_CACHE_MAX_VARIANTS = 2
    for query in ("q=uno", "q=dos", "q=tres"):
        client.get(f"/tablero/?{query}")
    version = content_version.content_version()
    keys = [page_cache_key(client, f"/tablero/?{q}", version) for q in ("q=uno", "q=dos", "q=tres")]
    assert [cache.get(key) is not None for key in keys] == [True, True, False]
    client.get("/tablero/")
    assert cache.get(page_cache_key(client, "/tablero/", version)) is not None


def page_cache_key(client, url, version):
    request = client.get(url).wsgi_request
    return page_cache.page_key(request, "board", version)


@pytest.mark.django_db
def test_logged_in_staff_bypass_the_cache_but_a_stale_session_cookie_does_not(
    client, admin_client, commitment, django_assert_num_queries
):
    client.get("/tablero/")
    client.cookies["sessionid"] = "no-existe-esta-sesion"
    with django_assert_num_queries(1):  # Reading the (missing) session, nothing else.
        assert client.get("/tablero/").status_code == 200
    staff = admin_client.get("/tablero/")
    assert staff["Cache-Control"] == "private, no-cache"
    assert "Editar en la administración" in staff.content.decode()


@pytest.mark.django_db
def test_a_version_bumped_by_another_process_refreshes_this_ones_pages(client, commitment):
    assert "Catálogo renovado" not in client.get("/tablero/").content.decode()
    version = CommitmentVersion.objects.filter(commitment=commitment).latest("number")
    CommitmentVersion.objects.filter(pk=version.pk).update(  # No signal.
        data={**version.data, "title": "Catálogo renovado"}
    )
    # And the public state its write path derives from it.
    CommitmentState.objects.filter(commitment_id=version.commitment_id).update(
        title="Catálogo renovado"
    )
    assert "Catálogo renovado" not in client.get("/tablero/").content.decode()
    # What another server process writes when staff save there.
    content_version._write_version_file(content_version._read_version_file())
    assert "Catálogo renovado" in client.get("/tablero/").content.decode()


@pytest.mark.django_db
def test_a_change_is_bumped_again_at_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        pillar = Pillar.objects.create(name="Pilar", slug="pilar", order=9)
        during = content_version.content_version()
        pillar.name = "Pilar renombrado"
        pillar.save()
    # Once per transaction, however many rows: pages rendered meanwhile are dropped.
    assert len(callbacks) == 1
    assert content_version.content_version() != during


# --- Redis down ---------------------------------------------------------------------


@pytest.fixture
def unreachable_redis(settings, tmp_path):
    settings.VAR_DIR = tmp_path  # Where server processes note an outage they logged.
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": settings.REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5},
        }
    }


@pytest.mark.django_db
def test_with_redis_down_pages_are_served_and_logged_once(
    client, commitment, unreachable_redis, caplog
):
    caplog.set_level(logging.WARNING, logger="core.cache")
    for _ in range(5):
        response = client.get("/tablero/")
        assert response.status_code == 200
        assert "Tablero de compromisos" in response.content.decode()
    lines = [r for r in caplog.records if r.name == "core.cache"]
    assert len(lines) == 1
    assert lines[0].getMessage().startswith("Cache unavailable (ConnectionError")
    assert lines[0].exc_info is None
    # Another server process meeting the same outage says nothing more.
    page_cache.forget_local_state()
    client.get("/tablero/")
    assert len([r for r in caplog.records if r.name == "core.cache"]) == 1


def retitle(commitment, title):
    """A corrected title, public as a new version (what staff do in the admin)."""
    commitment.title = title
    services.save(instance=commitment)
    services.publish_version(commitment=commitment, reason="Corrección de redacción.")


@pytest.mark.django_db
def test_with_redis_down_each_process_keeps_fresh_copies(
    client, commitment, unreachable_redis, django_assert_num_queries
):
    client.get("/tablero/")
    with django_assert_num_queries(0):
        assert "Tablero de compromisos" in client.get("/tablero/").content.decode()
    retitle(commitment, "Guardado con Redis caído")
    assert "Guardado con Redis caído" in client.get("/tablero/").content.decode()


@pytest.mark.django_db
def test_redis_serves_as_the_shared_cache(client, commitment, settings, django_assert_num_queries):
    settings.REDIS_URL = "redis://127.0.0.1:6379/0"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": settings.REDIS_URL,
            "KEY_PREFIX": f"pruebas-{os.getpid()}",
        }
    }
    try:
        cache.set("probe", 1)
    except Exception:
        pytest.skip("no Redis at 127.0.0.1:6379")
    client.get("/tablero/")
    with django_assert_num_queries(0):
        assert "Tablero de compromisos" in client.get("/tablero/").content.decode()
    retitle(commitment, "Título desde Redis")
    assert "Título desde Redis" in client.get("/tablero/").content.decode()
    cache.clear()


# --- Health, security.txt, privacy ----------------------------------------------------


@pytest.mark.django_db
def test_health_reports_database_and_cache(client):
    response = client.get("/salud/")
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_concurrent_pollers_all_see_a_healthy_cache(settings):
    """Monitors polling at once each get "ok": a check reads only the key it wrote."""
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection
    from django.test import Client

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/0",
            "KEY_PREFIX": f"pruebas-salud-{os.getpid()}",
        }
    }
    try:
        cache.set("probe", 1)
    except Exception:
        pytest.skip("no Redis at 127.0.0.1:6379")

    def poll(_n):
        client = Client()
        try:
            return [json.loads(client.get("/salud/").content)["status"] for _ in range(50)]
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=4) as pool:
        answers = [status for statuses in pool.map(poll, range(4)) for status in statuses]
    assert len(answers) == 200
    assert set(answers) == {"ok"}
    # And none is left behind.
    assert not cache._cache.get_client().keys(f"pruebas-salud-{os.getpid()}:*portal:health*")
    cache.delete("probe")


@pytest.mark.django_db
def test_health_is_503_when_the_database_fails(client, monkeypatch):
    def broken():
        raise ConnectionError("sin base")

    monkeypatch.setattr("portal.views._database_answers", broken)
    response = client.get("/salud/")
    assert response.status_code == 503
    assert json.loads(response.content)["database"] == "error"


@pytest.mark.django_db
def test_health_says_degraded_when_only_the_cache_fails(client, unreachable_redis):
    response = client.get("/salud/")
    assert response.status_code == 200
    assert json.loads(response.content) == {
        "status": "degradado",
        "database": "ok",
        "cache": "error",
    }


def test_security_txt_names_a_contact_and_an_expiry(client):
    response = client.get("/.well-known/security.txt")
    body = response.content.decode()
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "Contact: mailto:seguridad@leon.gob.mx" in body
    assert re.search(r"^Expires: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", body, re.M)


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/tablero/", "/secretariado/", "/no-existe/"])
def test_every_page_links_the_privacy_notices_and_accessibility(client, commitment, url):
    page = client.get(url).content.decode()
    assert '<a href="/aviso-de-privacidad/">Aviso de privacidad</a>' in page
    assert '<a href="/aviso-de-privacidad/simplificado/">' in page
    assert '<a href="/accesibilidad/">Accesibilidad</a>' in page


@pytest.mark.django_db
def test_the_privacy_notice_names_the_data_the_purpose_and_arco(client, settings):
    settings.TRANSPARENCY_UNIT = {**settings.TRANSPARENCY_UNIT, "email": "ut@ejemplo.mx"}
    page = client.get("/aviso-de-privacidad/").content.decode()
    for text in (
        "Quién es responsable de tus datos",
        "nombre completo, sector",
        "Solo si la persona lo autorizó",
        "Para qué los publicamos",
        "Tus derechos ARCO",
        '<a href="mailto:ut@ejemplo.mx">ut@ejemplo.mx</a>',
    ):
        assert text in page
    short = client.get("/aviso-de-privacidad/simplificado/").content.decode()
    assert "ut@ejemplo.mx" in short and 'href="/aviso-de-privacidad/"' in short


@pytest.mark.django_db
def test_the_accessibility_statement_says_how_to_report_a_barrier(client):
    page = client.get("/accesibilidad/").content.decode()
    assert "WCAG) 2.2 en su nivel AA" in page
    assert "Avísanos de una barrera" in page
