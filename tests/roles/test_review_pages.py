"""What the Secretariat and a liaison see of the review in the admin."""

import pytest

from commitments import services
from tests.commitments import builders
from tests.roles.conftest import OCT

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(own, liaison):
    fact = services.record_measurement(
        indicator=own.indicators.get(), date=OCT, value=90, by=liaison
    )
    return services.submit(fact=fact, by=liaison)


def text(response):
    return response.content.decode()


def test_the_queue_shows_the_value_and_the_status_before_and_after(
    client, secretariat, submitted, own
):
    builders.add_measurement(own.indicators.get(), builders.START, 5)
    client.force_login(secretariat)
    page = text(client.get("/admin/revision/"))
    assert "Avance de «Familias atendidas» al 31 de octubre de 2026: 90 %" in page
    assert "enlace-dif" in page
    # On TODAY (10/11/2026) 5 % of a one-year commitment is far behind; 90 % is on time.
    assert page.index("Atrasado") < page.index("En tiempo")
    assert "1 envío de las dependencias espera tu revisión" in text(client.get("/admin/"))


def test_the_commitment_page_shows_the_status_after_the_pending_submission(
    client, secretariat, submitted, own
):
    client.force_login(secretariat)
    page = text(client.get(f"/admin/commitments/commitment/{own.pk}/change/"))
    assert "Si se publica el envío pendiente de revisión:" in page
    assert "En tiempo" in page


def test_the_liaison_sees_their_commitments_and_what_was_returned(
    liaison_client, secretariat, submitted, own, other
):
    services.return_for_changes(fact=submitted, comment="Falta la evidencia.", by=secretariat)
    home = text(liaison_client.get("/admin/"))
    assert "DIF-01" in home and "IMP-01" not in home
    assert "Falta la evidencia." in home
    form = text(liaison_client.get(f"/admin/commitments/measurement/{submitted.pk}/change/"))
    assert "Devuelto por el Secretariado" in form and "Falta la evidencia." in form


def test_the_return_action_asks_for_a_comment(client, secretariat, submitted):
    client.force_login(secretariat)
    url = "/admin/commitments/measurement/"
    data = {"action": "return_selected", "_selected_action": [submitted.pk]}
    asked = text(client.post(url, data))
    assert "Comentario para la dependencia" in asked
    client.post(url, {**data, "reason": "Revisa el valor."})
    submitted.refresh_from_db()
    assert (submitted.status, submitted.review_comment) == ("devuelto", "Revisa el valor.")
