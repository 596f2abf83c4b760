"""Approved modifications keep the version they replaced."""

from datetime import date

import pytest

from commitments.models import Commitment, Modification
from tests.commitments.builders import (
    add_indicator,
    add_milestone,
    add_row,
    admin_form_data,
    make_commitment,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def commitment():
    commitment = make_commitment(goal="Publicar 50 conjuntos de datos.")
    add_indicator(commitment, baseline=0, target=50, name="Conjuntos publicados")
    add_milestone(commitment, title="Portal en operación")
    return commitment


def modify(staff, commitment, summary, **changes):
    url = f"/admin/commitments/commitment/{commitment.pk}/change/"
    data = admin_form_data(staff.get(url))
    data.update(changes)
    add_row(
        data,
        "modifications",
        approved_on="2026-06-12",
        summary=summary,
        reason="Lo aprobó el Secretariado en sesión ordinaria.",
    )
    response = staff.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    return Commitment.objects.get(pk=commitment.pk)


def test_recording_a_modification_keeps_the_previous_version(staff, commitment):
    changed = modify(
        staff,
        commitment,
        "Se amplía el plazo y la meta.",
        end_date="2027-06-30",
        goal="Publicar 80 conjuntos de datos.",
    )

    modification = changed.modifications.get()
    previous = modification.previous_version
    assert previous["end_date"] == "2026-12-31"
    assert previous["goal"] == "Publicar 50 conjuntos de datos."
    assert previous["indicators"][0]["name"] == "Conjuntos publicados"
    assert previous["milestones"][0]["title"] == "Portal en operación"
    assert changed.end_date == date(2027, 6, 30)
    assert changed.goal == "Publicar 80 conjuntos de datos."
    assert changed.snapshot()["goal"] == "Publicar 80 conjuntos de datos."


def test_the_original_version_is_the_one_before_the_first_modification(staff, commitment):
    assert commitment.original_version() is None
    modify(staff, commitment, "Primera", goal="Publicar 80 conjuntos de datos.")
    changed = modify(staff, commitment, "Segunda", goal="Publicar 100 conjuntos de datos.")

    assert changed.modifications.count() == 2
    assert changed.original_version()["goal"] == "Publicar 50 conjuntos de datos."
    second = changed.modifications.get(summary="Segunda")
    assert second.previous_version["goal"] == "Publicar 80 conjuntos de datos."
    assert changed.goal == "Publicar 100 conjuntos de datos."


def test_the_modification_page_shows_the_previous_version(staff, commitment):
    modify(staff, commitment, "Se amplía el plazo.", end_date="2027-06-30")
    modification = Modification.objects.get()

    page = staff.get(f"/admin/commitments/modification/{modification.pk}/change/")

    html = page.content.decode()
    assert "<dt>Periodo</dt><dd>01/01/2026 a 31/12/2026</dd>" in html
    assert "<dt>Indicadores</dt><dd>Conjuntos publicados</dd>" in html


def test_a_modification_added_on_its_own_page_keeps_the_current_version(staff, commitment):
    response = staff.post(
        "/admin/commitments/modification/add/",
        {
            "commitment": commitment.pk,
            "approved_on": "2026-06-12",
            "summary": "Se cambia la dependencia enlace.",
            "reason": "Reestructura administrativa.",
        },
    )
    assert response.status_code == 302
    assert commitment.original_version()["goal"] == "Publicar 50 conjuntos de datos."
