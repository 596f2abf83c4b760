"""The site's public address (SITE_URL): links inside PDFs and e-mails point where the site
runs, not to a fixed 127.0.0.1:8000."""

import pytest

from tests.test_production import run_python

pytestmark = pytest.mark.once  # Settings only: no database.

SHOW = "from django.conf import settings; print(settings.SITE_URL, settings.REPORTS_BASE_URL)"


def clean_env(**env):
    return {"SITE_URL": "", "REPORTS_BASE_URL": "", **env}


def test_by_default_it_is_where_make_run_serves(tmp_path):
    result = run_python(SHOW, clean_env(HOST="0.0.0.0", PORT="8011"), tmp_path)
    assert result.stdout.split() == ["http://0.0.0.0:8011", "http://0.0.0.0:8011"], result.stderr


def test_a_deployment_sets_it_and_pdf_links_follow(tmp_path):
    env = clean_env(SITE_URL="https://gobiernoabierto.leon.gob.mx/")
    result = run_python(SHOW, env, tmp_path)
    assert result.stdout.split() == ["https://gobiernoabierto.leon.gob.mx"] * 2, result.stderr


def test_a_bad_address_fails_loudly_in_spanish(tmp_path):
    result = run_python(SHOW, clean_env(SITE_URL="gobiernoabierto.leon.gob.mx"), tmp_path)
    assert result.returncode != 0
    assert "SITE_URL='gobiernoabierto.leon.gob.mx': debe ser una dirección http(s)://" in (
        result.stderr
    )
