"""The survey's aggregated results from a spreadsheet: all or nothing, problems by file, row
and column, and the page shows exactly the file's figures."""

import io
import re

import pytest
from django.urls import reverse
from openpyxl import Workbook

from participation.imports import SurveyImporter
from participation.models import SurveyOption
from tests.participation.cast import make_survey

pytestmark = pytest.mark.django_db

GOOD = (
    "Pregunta,Opción,Número de respuestas\n"
    "¿Qué tema atender primero?,Seguridad,120\n"
    "¿Qué tema atender primero?,Presupuesto,80\n"
    "¿Has participado antes?,Sí,45\n"
    "¿Has participado antes?,No,155\n"
)


def upload(staff, survey, content, name, button="import"):
    data = content.encode() if isinstance(content, str) else content
    file = io.BytesIO(data)
    file.name = name
    return staff.post(
        reverse("admin:participation_survey_import", args=[survey.pk]),
        {"file": file, button: "1"},
    )


def text(response):
    return re.sub(r"\s+", " ", response.content.decode())


def test_a_bad_file_writes_nothing_and_says_where(staff):
    survey = make_survey(responses=200)
    upload(staff, survey, GOOD, "buena.csv")
    before = list(SurveyOption.objects.values_list("label", "count").order_by("pk"))
    bad = (
        "Pregunta,Opción,Número de respuestas\n"
        "¿Qué tema atender primero?,Seguridad,1\n"
        "¿Qué tema atender primero?,Presupuesto,doce\n"
        "¿Has participado antes?,Sí,999\n"
        "¿Has participado antes?,,3\n"
    )
    page = text(upload(staff, survey, bad, "encuesta-mala.csv"))

    assert "Revisión de «encuesta-mala.csv»" in page
    assert "No se importó nada: el archivo tiene 3 problemas." in page
    assert "Fila 3, columna «Número de respuestas»: «doce» no es un número" in page
    assert (
        "Fila 4, columna «Número de respuestas»: «999» es mayor que el número de respuestas" in page
    )
    assert "Fila 5, columna «Opción»: está vacía" in page
    assert list(SurveyOption.objects.values_list("label", "count").order_by("pk")) == before


def test_a_missing_column_refuses_the_whole_file(staff):
    survey = make_survey()
    page = text(upload(staff, survey, "Pregunta,Número de respuestas\nA,1\n", "sin-opcion.csv"))
    assert "Falta la columna «Opción» en el encabezado (fila 1)." in page
    assert not SurveyOption.objects.exists()


def test_the_review_button_writes_nothing(staff):
    survey = make_survey()
    page = text(upload(staff, survey, GOOD, "buena.csv", button="review"))
    assert "Revisión sin guardar: 4 filas (4 nuevas" in page
    assert not SurveyOption.objects.exists()


def test_the_page_shows_the_figures_of_the_xlsx_file(staff, client, frozen_today):
    survey = make_survey(responses=200)
    book = Workbook()
    sheet = book.active
    sheet.append(["Resultados de la encuesta (título que el importador salta)"])
    rows = [
        ("¿Qué tema atender primero?", "Seguridad", 120),
        ("¿Qué tema atender primero?", "Presupuesto", 80),
        ("¿Has participado antes?", "Sí", 45),
        ("¿Has participado antes?", "No", 155),
    ]
    sheet.append(["Pregunta", "Opción", "Número de respuestas"])
    for row in rows:
        sheet.append(row)
    content = io.BytesIO()
    book.save(content)
    response = upload(staff, survey, content.getvalue(), "encuesta.xlsx")
    assert response.status_code == 302

    page = text(client.get(reverse("participation:index")))
    totals = {"¿Qué tema atender primero?": 200, "¿Has participado antes?": 200}
    for question, option, count in rows:
        percent = f"{100 * count / totals[question]:.1f}"
        assert (
            f'<th scope="row">{option}</th><td class="num">{count}</td>'
            f'<td class="num">{percent} %</td>' in page
        )
    assert "¿Qué tema atender primero? (200 respuestas)" in page
    assert "<dt>Respuestas</dt><dd>200</dd>" in page


def test_only_the_secretariat_imports(db):
    survey = make_survey()
    outcome = SurveyImporter(survey=survey, by=_liaison()).run(
        GOOD.encode(), "buena.csv", dry_run=False
    )
    assert [str(p) for p in outcome.problems] == [
        "Solo el Secretariado técnico carga los resultados de la encuesta."
    ]
    assert not SurveyOption.objects.exists()


def _liaison():
    from django.contrib.auth import get_user_model

    from tests.roles.conftest import account

    return account(get_user_model(), "enlace-x", "enlace")
