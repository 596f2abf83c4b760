"""The project's own matrix export imports into an empty plan, co-responsibles included."""

import pytest

from commitments.imports import importer
from commitments.models import Commitment, ResponsibleUnit
from tests.commitments import builders
from tests.imports.conftest import counts
from tests.imports.test_round_trip import exported, rich_plan  # noqa: F401

pytestmark = pytest.mark.django_db


def as_on_a_new_install(content):
    """The export as another install reads it: its co-responsibles are not registered."""
    return content.replace(b"DGI: Datos", b"DNUEVA: Datos").replace(
        b"Observatorio Ciudadano", b"Colectivo Nuevo"
    )


@pytest.fixture
def content(rich_plan):  # noqa: F811
    return as_on_a_new_install(exported("matriz", Commitment.objects.filter(plan=rich_plan), "csv"))


def test_creates_the_missing_co_responsibles_when_asked(content):
    empty = builders.make_plan(slug="vacio")
    outcome = importer("matriz", plan=empty, publish=True, create_missing=True).run(
        content, "matriz.csv", dry_run=False
    )
    assert outcome.ok, [str(p) for p in outcome.problems]
    assert [p.kind for p in outcome.previews] == ["nuevo"] * 3
    copied = Commitment.objects.get(plan=empty, code="PC-02")
    assert [(co.party.name, co.role) for co in copied.co_responsibles.all()] == [
        ("Colectivo Nuevo", "Acompaña"),
        ("DNUEVA", "Datos"),
    ]
    assert ResponsibleUnit.objects.filter(name__in=["Colectivo Nuevo", "DNUEVA"]).count() == 2


def test_without_creating_says_which_and_writes_nothing(content):
    empty = builders.make_plan(slug="vacio")
    before = counts()
    outcome = importer("matriz", plan=empty, publish=True).run(content, "matriz.csv", dry_run=False)
    assert not outcome.written and counts() == before
    messages = [str(p) for p in outcome.problems]
    assert any(
        "columna «Corresponsables»" in m
        and "«Colectivo Nuevo»" in m
        and "crear los que falten" in m
        for m in messages
    ), messages
