"""Counts agree with their noun in generated texts (issue 32: "1 vencidos")."""

import re
from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string

from commitments import services
from commitments.imports import importer
from tests.imports.files import MEASUREMENT_HEADER, as_csv

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]


def plain(response):
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def test_the_rules_page_says_one_point_when_a_threshold_is_one(client, plan):
    plan.green_max_gap, plan.yellow_max_gap = 1, 1
    services.save(instance=plan)
    page = plain(client.get("/como-se-calcula/"))
    assert "Va a lo más 1 punto por debajo de lo esperado (o por encima)." in page
    assert "Va más de 1 punto por debajo." in page
    assert "1 puntos" not in page


def test_an_import_of_one_row_says_one_new_row(commitment):
    content = as_csv(MEASUREMENT_HEADER, [["C-01", "Avance de prueba", "31/10/2026", "9", "", ""]])
    outcome = importer("avances", plan=commitment.plan).run(content, "a.csv", dry_run=True)
    assert outcome.summary() == "Revisión sin guardar: 1 fila (1 nueva, 0 cambian, 0 sin cambios)."


@pytest.mark.parametrize(
    ("present", "sentence"),
    [(1, "Asistió 1 de las 9 personas con voto"), (6, "Asistieron 6 de las 9 personas con voto")],
)
def test_the_quorum_line_agrees_with_who_attended(present, sentence):
    quorum = SimpleNamespace(present=present, in_office=9, needed=5, is_met=present >= 5)
    html = render_to_string("secretariat/includes/_quorum.html", {"quorum": quorum})
    assert sentence in " ".join(html.split())
