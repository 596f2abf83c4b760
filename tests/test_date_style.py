"""One style of date for prose and one for tables, in every language (issue 32): Spanish reads
"31 de agosto de 2027" in a sentence and "31/10/2026" in a table cell; English follows through
Django's named formats, day first ("31 August 2027", "31 Oct 2026")."""

from datetime import date

import pytest
from django.utils import translation
from django.utils.formats import date_format

from commitments.semaforo import judge
from tests.test_commitment_page import page, section, text

pytestmark = pytest.mark.usefixtures("frozen_today")


def test_the_commitment_page_writes_prose_dates_in_words_and_table_dates_in_figures(client, demo):
    html = page(client, "DA-01")
    assert "Fecha de término 31 de agosto de 2027" in text(section(html, "estado"))
    measurements = section(html, "avances")
    assert '<time datetime="2026-10-31">31/10/2026</time>' in measurements
    history = text(section(html, "historial"))
    assert "10 de septiembre de 2025: Se publicó en el portal." in history
    assert "10/09/2025" not in history


def test_the_secretariat_sentences_write_dates_in_words(client, demo):
    lead = client.get("/secretariado/acuerdos/?fecha=2026-10-01").content.decode()
    assert "Al 1 de octubre de 2026 el Secretariado había tomado" in lead


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("es-mx", "Inicia el 1 de septiembre de 2025; al 31 de agosto de 2025"),
        ("en", "1 September 2025"),
    ],
)
def test_generated_sentences_write_the_date_in_the_pages_language(language, sentence):
    with translation.override(language):
        verdict = judge(start=date(2025, 9, 1), end=date(2027, 8, 31), on=date(2025, 8, 31))
        assert sentence in verdict.explanation
        assert "01/09/2025" not in verdict.explanation


@pytest.mark.parametrize(
    ("language", "prose", "table"),
    [("es-mx", "27 de junio de 2025", "27/06/2025"), ("en", "27 June 2025", "27 Jun 2025")],
)
def test_each_language_has_one_prose_and_one_table_style(language, prose, table):
    with translation.override(language):
        assert date_format(date(2025, 6, 27)) == prose
        assert date_format(date(2025, 6, 27), "SHORT_DATE_FORMAT") == table
