"""What a visitor reads about proposals: their fate, the links with commitments both ways,
and `?fecha=` showing the fate that was public that day."""

import re
from datetime import date

import pytest
from django.urls import reverse

from participation.models import Outcome
from tests.participation.cast import change, fate, make_proposal, make_table

pytestmark = pytest.mark.django_db

BEFORE_CHANGE = "2026-01-15"


def text(response):
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.fixture
def table(db):
    return make_table()


def test_a_proposal_and_its_commitment_link_each_other(client, commitment, table, frozen_today):
    milestone = commitment.milestones.get()
    proposal = make_proposal(table, text="Mapear los reportes por colonia.")
    fate(proposal, commitment=commitment, milestone=milestone, reason="Se atiende en el mapa.")

    page = text(client.get(proposal.get_absolute_url()))
    assert "Incorporada al plan" in page
    assert f'href="{reverse("commitment", args=[commitment.slug])}"' in page
    assert "Motivo: Se atiende en el mapa." in page
    assert "hito: Hito de prueba" in page

    on_commitment = text(client.get(reverse("commitment", args=[commitment.slug])))
    assert "Propuestas ciudadanas de las que surgió" in on_commitment
    assert f'href="{proposal.get_absolute_url()}"' in on_commitment
    assert "Mapear los reportes por colonia." in on_commitment


def test_a_fate_changed_later_keeps_the_earlier_one_on_earlier_days(
    client, commitment, table, frozen_today
):
    proposal = make_proposal(table)
    deferred = fate(proposal, Outcome.DEFERRED, reason="No cabe en este ejercicio.")
    change(
        deferred,
        reason="La modificación de junio la incorporó.",
        outcome=Outcome.INCORPORATED,
        commitment=commitment,
        explanation="Se suma al compromiso.",
    )
    url = proposal.get_absolute_url()

    today = text(client.get(url))
    assert "Incorporada al plan" in today
    assert (
        "Cambió un destino anterior; motivo del cambio: La modificación de junio la incorporó."
        in today
    )
    assert "Destinos anteriores" in today and "No cabe en este ejercicio." in today

    earlier = text(client.get(url, {"fecha": BEFORE_CHANGE}))
    assert "Diferida a un ejercicio posterior" in earlier
    assert "Incorporada al plan" not in earlier
    assert "Destinos anteriores" not in earlier

    commitment_then = text(
        client.get(reverse("commitment", args=[commitment.slug]), {"fecha": BEFORE_CHANGE})
    )
    assert url not in commitment_then
    assert url in text(client.get(reverse("commitment", args=[commitment.slug])))

    deferred_then = text(
        client.get(
            reverse("participation:proposals"), {"destino": "diferida", "fecha": BEFORE_CHANGE}
        )
    )
    assert "1 propuesta" in deferred_then and url in deferred_then
    assert "0 propuestas" in text(
        client.get(reverse("participation:proposals"), {"destino": "diferida"})
    )


def test_drafts_and_submissions_are_not_public(client, table, frozen_today):
    proposal = make_proposal(table)
    draft = fate(proposal, Outcome.NOT_TAKEN, publish=False, reason="Motivo aún en borrador.")
    from participation import services

    services.submit(fact=draft)

    page = text(client.get(proposal.get_absolute_url()))
    assert "Sin respuesta publicada todavía" in page
    assert "Motivo aún en borrador." not in page
    overview = text(client.get(reverse("participation:index")))
    assert "0 de 1 propuestas tienen una respuesta pública" in overview

    services.publish(fact=draft)
    assert "Motivo aún en borrador." in text(client.get(proposal.get_absolute_url()))


def test_a_proposal_recorded_later_is_not_on_an_earlier_day(client, table, frozen_today):
    proposal = make_proposal(table)
    assert client.get(proposal.get_absolute_url(), {"fecha": "2025-06-01"}).status_code == 404
    assert client.get(proposal.get_absolute_url(), {"fecha": "2025-06-10"}).status_code == 200


def test_the_overview_counts_by_fate_theme_and_sector(client, commitment, table, frozen_today):
    first = make_proposal(table, 1, sector="academia")
    second = make_proposal(table, 2, text="Otra propuesta.")
    make_proposal(table, 3, text="Sin respuesta aún.")
    fate(first, commitment=commitment)
    fate(second, Outcome.MERGED, merged_into=first)

    page = text(client.get(reverse("participation:index")))
    assert "2 de 3 propuestas tienen una respuesta pública" in page
    assert 'Incorporada al plan <span class="figure-number">1</span>' in page
    assert 'Fusionada con otra propuesta <span class="figure-number">1</span>' in page
    assert 'Sin respuesta publicada <span class="figure-number">1</span>' in page
    # Attendance by sector: 10 academia and 5 ciudadanía.
    assert '<th scope="row">Academia</th><td class="num">10</td><td class="num">66.7 %</td>' in page
    assert 'Asistentes a las mesas <span class="figure-number">15</span>' in page
    assert "?tema=datos-abiertos" in page
    # Proposals by sector, with the same columns as the totals (the pending one included).
    assert (
        '<th scope="row">Academia</th><td class="num">1</td><td class="num">1</td>'
        '<td class="num">0</td><td class="num">0</td><td class="num">0</td><td class="num">0</td>'
    ) in page


def test_the_list_filters_by_theme_and_origin_and_keeps_the_day(client, table, frozen_today):
    make_proposal(table, 1)
    page = text(
        client.get(
            reverse("participation:proposals"),
            {"tema": "datos-abiertos", "origen": "mesa", "fecha": "2026-01-15", "x": "1"},
        )
    )
    assert "1 propuesta" in page
    assert '<option value="datos-abiertos" selected>' in page
    assert '<input type="hidden" name="fecha" value="2026-01-15">' in page
    assert "0 propuestas" in text(
        client.get(reverse("participation:proposals"), {"origen": "encuesta"})
    )


def test_the_route_links_the_results_report(client, frozen_today):
    from secretariat.models import RouteMilestone

    RouteMilestone.objects.create(
        order=1,
        title="Informe de resultados",
        stage=RouteMilestone.Stage.RESULTS,
        start_date=date(2025, 7, 1),
        status=RouteMilestone.Status.DONE,
    )
    page = text(client.get(reverse("secretariat:route")))
    assert f'href="{reverse("participation:index")}#informe"' in page
