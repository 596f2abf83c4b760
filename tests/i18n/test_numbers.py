"""Percentages and numbers as each language writes them: «45 %» (a no-break space) and
«1,234.5» in Mexican Spanish, «45%» and «1,234.5» in English."""

import pytest
from django.template import Context, Template
from django.utils import translation

from commitments.semaforo import format_percent
from core import l10n

pytestmark = pytest.mark.once  # No database.


def render(source, **context):
    return Template("{% load localized humanize %}" + source).render(Context(context))


def test_a_percentage_follows_the_language():
    with translation.override("es-mx"):
        assert l10n.percent(45) == "45\u00a0%"
        assert l10n.percent(12.25, 1) == "12.3\u00a0%"
        assert format_percent(62.4) == "62 %"
        assert render("{{ x|percent }} {{ y|percent:1 }}", x=45.5, y=7) == "46\u00a0% 7.0\u00a0%"
    with translation.override("en"):
        assert l10n.percent(45) == "45%"
        assert format_percent(62.4) == "62%"
        assert render("{{ x|percent }} {{ y|percent:1 }}", x=45.5, y=7) == "46% 7.0%"


def test_text_already_formatted_keeps_its_digits():
    with translation.override("en"):
        assert l10n.percent("7.25") == "7.25%"


def test_large_numbers_are_grouped_in_both_languages():
    for language in ("es-mx", "en"):
        with translation.override(language):
            assert render("{{ n|intcomma }}", n=12345) == "12,345"
            assert render('{{ n|floatformat:"-2g" }}', n=1234.5) == "1,234.50"


def test_html_lang_names_the_language_as_html_does():
    assert l10n.html_lang("es-mx") == "es-MX"
    assert l10n.html_lang("en") == "en"


@pytest.mark.parametrize(
    ("path", "code", "expected"),
    [
        ("/tablero/", "en", "/en/tablero/"),
        ("/en/tablero/", "es-mx", "/tablero/"),
        ("/", "en", "/en/"),
        ("/en/", "es-mx", "/"),
        ("/en", "es-mx", "/"),
        ("/en/tablero/", "en", "/en/tablero/"),
        ("/no-existe/", "en", "/en/no-existe/"),
    ],
)
def test_the_same_page_in_another_language(path, code, expected):
    assert l10n.path_in(path, code) == expected
