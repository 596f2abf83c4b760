import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.django_db
def test_home_page_has_the_site_frame(client):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="es-MX">' in html
    assert 'href="#contenido"' in html and "Saltar al contenido principal" in html
    assert '<nav class="site-nav" aria-label="Principal">' in html
    assert '<a class="site-nav__link" href="/" aria-current="page">Inicio</a>' in html
    assert "<h1>Gobierno Abierto en León</h1>" in html
    assert "<footer" in html


@pytest.mark.django_db
def test_unknown_page_is_a_404_inside_the_frame(client, settings):
    settings.DEBUG = False
    response = client.get("/no-existe/")
    assert response.status_code == 404
    assert "No encontramos esta página" in response.content.decode()
    assert "Saltar al contenido principal" in response.content.decode()


def _run_settings(env):
    code = "import django; django.setup(); print('ok')"
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "portal.settings"},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_secret_key():
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env["DEBUG"] = "false"
    result = _run_settings(env)
    assert result.returncode != 0
    assert "SECRET_KEY es obligatoria" in result.stderr


def test_production_starts_with_a_secret_key():
    env = {**os.environ, "DEBUG": "false", "SECRET_KEY": "x" * 50}
    result = _run_settings(env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_a_malformed_debug_value_is_rejected():
    result = _run_settings({**os.environ, "DEBUG": "quizas"})
    assert result.returncode != 0
    assert "DEBUG debe ser true o false" in result.stderr
