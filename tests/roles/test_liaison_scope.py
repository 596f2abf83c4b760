"""A liaison reads and changes only their units' commitments, through any admin URL."""

import json

import pytest

from commitments import services
from commitments.models import FactStatus, Measurement
from tests.roles.conftest import OCT

pytestmark = pytest.mark.django_db

M = "/admin/commitments/measurement/"


@pytest.fixture
def foreign(other, secretariat):
    """A draft of IMPLAN's commitment, not the liaison's."""
    return services.record_measurement(
        indicator=other.indicators.get(), date=OCT, value=41, narrative="Dato de IMPLAN"
    )


@pytest.fixture
def mine(own, liaison):
    return services.record_measurement(
        indicator=own.indicators.get(), date=OCT, value=12, narrative="Dato del DIF", by=liaison
    )


def page(response):
    return response.content.decode()


def test_lists_show_only_their_commitments(liaison_client, own, other, mine, foreign):
    listing = page(liaison_client.get(M))
    assert "DIF-01" in listing and "IMP-01" not in listing
    commitments = page(liaison_client.get("/admin/commitments/commitment/"))
    assert "DIF-01" in commitments and "IMP-01" not in commitments


def test_another_units_change_form_history_and_delete_are_refused(liaison_client, foreign, other):
    for url in [
        f"{M}{foreign.pk}/change/",
        f"{M}{foreign.pk}/delete/",
        f"{M}{foreign.pk}/corregir/",
        f"/admin/commitments/commitment/{other.pk}/change/",
        f"/admin/commitments/indicator/{other.indicators.get().pk}/change/",
    ]:
        response = liaison_client.get(url)
        assert response.status_code in (302, 404), url
        assert "Dato de IMPLAN" not in page(response)
    for url in [f"{M}{foreign.pk}/history/", f"/admin/commitments/commitment/{other.pk}/history/"]:
        assert liaison_client.get(url).status_code == 404, url
    row = foreign.history.latest()
    assert liaison_client.get(f"{M}{foreign.pk}/history/{row.history_id}/").status_code == 404


def test_their_own_history_is_readable_and_names_them(liaison_client, mine):
    response = liaison_client.get(f"{M}{mine.pk}/history/")
    assert response.status_code == 200
    assert "enlace-dif" in page(response)


def test_autocompletes_offer_only_their_commitments(liaison_client, own, other):
    for model, field, term in [
        ("indicator", "indicator", ""),
        ("commitment", "commitment", ""),
        ("milestone", "milestone", ""),
    ]:
        source = "measurement" if field == "indicator" else "evidence"
        response = liaison_client.get(
            f"/admin/commitments/{model}/autocompletar/"
            if model != "commitment"
            else "/admin/autocomplete/",
            {
                "term": term,
                "app_label": "commitments",
                "model_name": source,
                "field_name": field,
            },
        )
        assert response.status_code == 200, model
        texts = " ".join(r["text"] for r in json.loads(response.content)["results"])
        assert "DIF-01" in texts and "IMP-01" not in texts, model


def test_actions_on_another_units_rows_do_nothing(liaison_client, foreign):
    for action in ["submit_selected", "publish_selected", "delete_selected"]:
        liaison_client.post(M, {"action": action, "_selected_action": [foreign.pk], "post": "yes"})
    foreign.refresh_from_db()
    assert foreign.status == FactStatus.DRAFT


def test_a_new_fact_for_another_units_indicator_is_refused(liaison_client, other):
    response = liaison_client.post(
        f"{M}add/", {"indicator": other.indicators.get().pk, "date": "2026-10-31", "value": "9"}
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["indicator"]
    assert errors["indicator"][0] in page(response)
    assert not Measurement.objects.exists()


def test_the_review_queue_is_the_secretariats(liaison_client):
    assert liaison_client.get("/admin/revision/").status_code == 403


def test_a_liaison_cannot_publish_from_the_admin(liaison_client, mine):
    liaison_client.post(M, {"action": "publish_selected", "_selected_action": [mine.pk]})
    mine.refresh_from_db()
    assert mine.status == FactStatus.DRAFT
    assert "Publicar" not in [
        label
        for _name, label in liaison_client.get(M).context["action_form"].fields["action"].choices
    ]
