"""Each role, each admin model, each of view, add, change, delete: allowed or denied as issue 20
says. The table is the specification; the admin answers."""

import pytest
from django.contrib import admin
from django.test import RequestFactory

from tests.roles.conftest import account

pytestmark = pytest.mark.django_db

# model: (Secretariado técnico, Enlace de dependencia, Unidad de Transparencia)
FULL, VIEW, NONE = "vacd", "v", ""
STRUCTURE = (FULL, NONE, VIEW)
LIAISON_READS = (FULL, VIEW, VIEW)
REPORTED = (FULL, FULL, VIEW)
RECORDED = (FULL, NONE, VIEW)
WRITTEN_BY_SERVICES = (VIEW, NONE, VIEW)
MATRIX = {
    "commitments.exercise": STRUCTURE,
    "commitments.actionplan": STRUCTURE,
    "commitments.pillar": STRUCTURE,
    "commitments.axis": STRUCTURE,
    "commitments.objective": STRUCTURE,
    "commitments.responsibleunit": STRUCTURE,
    "commitments.organization": STRUCTURE,
    "commitments.ratingrubric": STRUCTURE,
    "commitments.commitment": LIAISON_READS,
    "commitments.indicator": LIAISON_READS,
    "commitments.milestone": LIAISON_READS,
    "commitments.reportinground": LIAISON_READS,
    "commitments.measurement": REPORTED,
    "commitments.milestoneprogress": REPORTED,
    "commitments.evidence": REPORTED,
    "commitments.roundreport": REPORTED,
    "commitments.assessment": RECORDED,
    "commitments.transversalrating": RECORDED,
    "commitments.closingreport": RECORDED,
    "commitments.statusoverride": RECORDED,
    "commitments.modification": WRITTEN_BY_SERVICES,
    "commitments.commitmentversion": WRITTEN_BY_SERVICES,
    "commitments.publication": WRITTEN_BY_SERVICES,
    "commitments.liaison": (NONE, NONE, NONE),  # accounts: superusers only
    "secretariat.sector": STRUCTURE,
    "secretariat.member": STRUCTURE,
    "secretariat.call": STRUCTURE,
    "secretariat.session": STRUCTURE,
    "secretariat.agreement": STRUCTURE,
    # An agreement's follow-up: its responsible unit's liaison reports it for review.
    "secretariat.agreementfollowup": REPORTED,
    "secretariat.routemilestone": STRUCTURE,
}
ROLES = ["secretariado", "enlace", "transparencia"]
ACTIONS = {"v": "view", "a": "add", "c": "change", "d": "delete"}


def registered():
    return {
        f"{model._meta.app_label}.{model._meta.model_name}": model_admin
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label in {"commitments", "secretariat"}
    }


def test_the_table_names_every_admin_model():
    assert set(registered()) == set(MATRIX)


@pytest.mark.parametrize("role", ROLES)
def test_each_role_has_exactly_the_permissions_of_the_table(role, django_user_model):
    user = account(django_user_model, f"u-{role}", role)
    request = RequestFactory().get("/admin/")
    request.user = user
    found, expected = {}, {}
    for key, model_admin in registered().items():
        allowed = MATRIX[key][ROLES.index(role)]
        for letter, action in ACTIONS.items():
            check = getattr(model_admin, f"has_{action}_permission")
            found[(key, action)] = bool(check(request))
            expected[(key, action)] = letter in allowed
    assert found == expected


def test_a_staff_account_without_a_role_cannot_enter_the_admin(client, django_user_model):
    account(django_user_model, "sin-rol")
    client.force_login(django_user_model.objects.get(username="sin-rol"))
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_logging_in_without_a_role_says_why(client, django_user_model):
    user = account(django_user_model, "sin-rol")
    user.set_password("una clave bastante larga")
    user.save()
    response = client.post(
        "/admin/login/", {"username": "sin-rol", "password": "una clave bastante larga"}
    )
    assert "Tu cuenta aún no tiene un rol" in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_each_role_enters_the_admin(role, client, django_user_model):
    client.force_login(account(django_user_model, f"u-{role}", role))
    assert client.get("/admin/").status_code == 200
