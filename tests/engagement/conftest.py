"""Questions and followers on the small cast: one public commitment, and accounts per role."""

from datetime import date
from importlib import import_module

import pytest
from django.contrib.auth.models import Group, Permission

from core import clock
from engagement import services
from engagement.models import QuestionKind
from tests.commitments import builders
from tests.roles.conftest import account

ASKER = "persona.que.pregunta@example.org"
FOLLOWER = "persona.que.sigue@example.org"


def grant_engagement_roles():
    """The engagement permissions of each role, as its migration grants them (a transactional
    test's flush may have emptied the groups)."""
    roles = import_module("engagement.migrations.0002_roles").ROLES
    for name, wanted in roles.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *(
                Permission.objects.get(
                    content_type__app_label="engagement", codename=f"{action}_{model}"
                )
                for action, model in wanted
            )
        )


@pytest.fixture
def unit(db):
    return builders.make_unit("DGIG")


@pytest.fixture
def tracked(plan, unit):
    """A public commitment of DGIG's with one indicator."""
    return builders.make_commitment(
        plan, "DA-01", unit=unit, indicators=[{"name": "Conjuntos publicados"}]
    )


@pytest.fixture
def liaison(django_user_model, unit, frozen_today):
    user = account(django_user_model, "enlace-dgig", "enlace", units=[unit])
    grant_engagement_roles()
    return user


@pytest.fixture
def other_unit_liaison(django_user_model, frozen_today):
    implan = builders.make_unit("IMPLAN")
    user = account(django_user_model, "enlace-implan", "enlace", units=[implan])
    grant_engagement_roles()
    return user


@pytest.fixture
def secretariat(django_user_model, frozen_today):
    user = account(django_user_model, "stmga", "secretariado")
    grant_engagement_roles()
    return user


def ask(commitment, text="¿Cuándo se publica el primer conjunto de datos?", on=None, **fields):
    fields.setdefault("kind", QuestionKind.QUESTION)
    with clock.moment(on or date(2026, 11, 2)):
        return services.ask(commitment=commitment, text=text, **fields)


def approve(question, on=date(2026, 11, 3), by=None):
    with clock.moment(on):
        return services.approve(question=question, by=by)
