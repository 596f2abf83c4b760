"""Two units, a commitment each, and one account per role."""

from datetime import date

import pytest
from django.contrib.auth.models import Group

from commitments import permissions
from commitments.models import Liaison
from tests.commitments import builders
from tests.conftest import ensure_roles


def account(django_user_model, username, role=None, units=()):
    user = django_user_model.objects.create_user(username, password="x", is_staff=True)
    if role:
        ensure_roles()
        user.groups.add(Group.objects.get(name=permissions.ROLES[role]))
    if units:
        Liaison.objects.create(user=user).units.set(units)
    return user


@pytest.fixture
def units(db):
    return builders.make_unit("DIF"), builders.make_unit("IMPLAN")


@pytest.fixture
def own(plan, units):
    """DIF's commitment: the liaison's."""
    return builders.make_commitment(
        plan,
        "DIF-01",
        unit=units[0],
        indicators=[{"name": "Familias atendidas"}],
        milestones=[{"title": "Talleres"}],
    )


@pytest.fixture
def other(plan, units):
    """IMPLAN's commitment: not the liaison's."""
    return builders.make_commitment(
        plan,
        "IMP-01",
        unit=units[1],
        indicators=[{"name": "Colonias mapeadas"}],
        milestones=[{"title": "Mapa"}],
    )


@pytest.fixture
def liaison(django_user_model, units, frozen_today):
    return account(django_user_model, "enlace-dif", "enlace", units=[units[0]])


@pytest.fixture
def secretariat(django_user_model, frozen_today):
    return account(django_user_model, "stmga", "secretariado")


@pytest.fixture
def transparency(django_user_model, frozen_today):
    return account(django_user_model, "transparencia", "transparencia")


@pytest.fixture
def liaison_client(client, liaison):
    client.force_login(liaison)
    return client


OCT = date(2026, 10, 31)
