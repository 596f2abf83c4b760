"""Words read when they are shown, in the language of that page, not frozen at start-up:
settings' default names, form help, open-data descriptions, refusals; and a check that no
module translates text while it is being imported."""

import ast
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from commitments.services import BUSY
from engagement import views as engagement_views
from engagement.forms import QuestionForm
from opendata.tables import plan as plan_tables

ROOT = Path(__file__).resolve().parent.parent
APPS = ("api", "commitments", "core", "engagement", "opendata", "participation", "portal")
APPS += ("secretariat",)
EAGER = {"gettext", "ngettext", "pgettext", "npgettext"}


def in_english(value):
    with translation.override("en"):
        return str(value)


def test_default_licence_and_transparency_unit_follow_the_page():
    assert in_english(settings.OPEN_DATA_LICENSE["title"]) == (
        "Creative Commons Attribution 4.0 International (CC BY 4.0)"
    )
    assert str(settings.OPEN_DATA_LICENSE["title"]).startswith("Creative Commons Atribución")
    unit = settings.TRANSPARENCY_UNIT
    assert in_english(unit["name"]) == "Transparency Unit of the Municipality of León, Guanajuato"
    assert in_english(unit["hours"]) == "Monday to Friday, 8:00 a.m. to 3:30 p.m."


def test_the_question_form_help_is_in_the_language_of_the_page():
    with translation.override("en"):
        help_text = str(QuestionForm().fields["text"].help_text)
    assert help_text.startswith("Between ") and "characters" in help_text
    assert str(QuestionForm().fields["text"].help_text).startswith("Entre ")


def test_refusals_and_busy_follow_the_page():
    assert in_english(engagement_views.TOO_MANY).startswith("We received too many submissions")
    assert in_english(BUSY).startswith("Someone else was saving a change")
    assert str(BUSY).startswith("Otra persona estaba guardando")


def test_open_data_rating_columns_name_their_dimension_in_the_page_language():
    column = next(c for c in plan_tables.COMMITMENTS.columns if c.name == "valoracion_ambicion")
    assert in_english(column.description).endswith(": Ambition.")
    assert str(column.description).endswith(": Ambición.")


def _frozen_calls(path):
    """Calls to an eager gettext that run when `path` is imported: at module or class level,
    in default values and decorators."""
    tree = ast.parse(path.read_text())
    eager = {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation"
        for alias in node.names
        if alias.name in EAGER
    }
    found = []

    def visit(node):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                arguments = child.args
                for default in [*arguments.defaults, *filter(None, arguments.kw_defaults)]:
                    check(default)
                for decorator in getattr(child, "decorator_list", []):
                    check(decorator)
                continue
            check(child, descend=False)
            visit(child)

    def check(node, descend=True):
        nodes = ast.walk(node) if descend else [node]
        for each in nodes:
            if isinstance(each, ast.Call) and getattr(each.func, "id", None) in eager:
                found.append(f"{path.relative_to(ROOT)}:{each.lineno}")

    visit(tree)
    return found


@pytest.mark.parametrize("app", APPS)
def test_no_module_translates_while_it_is_imported(app):
    """Such a string is always Spanish (the language at start-up): use gettext_lazy, or
    translate inside the function that shows it."""
    frozen = [
        place
        for path in sorted((ROOT / app).rglob("*.py"))
        if "migrations" not in path.parts
        for place in _frozen_calls(path)
    ]
    assert frozen == []
