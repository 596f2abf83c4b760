"""Safe logins: lockout after 5 failures (per client address, also behind a proxy), lifted
by `axes_reset`; strong passwords for accounts made by command; idle expiry; a password
change ends the other sessions."""

from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import Client

from commitments.models import Liaison
from tests.roles.conftest import account

pytestmark = pytest.mark.django_db

PASSWORD = "una clave muy larga 2026"


@pytest.fixture
def staff_user(django_user_model):
    user = account(django_user_model, "stmga", "secretariado")
    user.set_password(PASSWORD)
    user.save()
    return user


def attempt(client, password, **extra):
    return client.post("/admin/login/", {"username": "stmga", "password": password}, **extra)


def test_the_fifth_failure_locks_and_axes_reset_unlocks(client, staff_user):
    for _ in range(4):
        assert attempt(client, "mala").status_code == 200
    locked = attempt(client, "mala")
    assert locked.status_code == 429
    assert "Acceso bloqueado por ahora" in locked.content.decode()
    assert "Vuelve a intentarlo en 30 minutos." in locked.content.decode()
    assert "Gobierno Abierto · Administración" in locked.content.decode()
    assert "Django" not in locked.content.decode()
    assert attempt(client, PASSWORD).status_code == 429
    call_command("axes_reset", verbosity=0)
    assert attempt(client, PASSWORD).status_code == 302


def test_behind_a_proxy_the_client_address_is_locked_not_the_proxy(client, staff_user, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(5):
        attempt(client, "mala", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert attempt(client, PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.7").status_code == 429
    assert attempt(client, PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 302


def test_create_staff_refuses_a_weak_password(monkeypatch):
    monkeypatch.setenv("STAFF_PASSWORD", "corta")
    with pytest.raises(CommandError, match="La contraseña no sirve"):
        call_command("create_staff", "ana", role="secretariado")


def test_create_staff_makes_a_liaison_of_their_units(monkeypatch, django_user_model, units):
    monkeypatch.setenv("STAFF_PASSWORD", PASSWORD)
    call_command("create_staff", "ana", role="enlace", unit=["dif"], stdout=StringIO())
    user = django_user_model.objects.get(username="ana")
    assert user.is_staff and user.check_password(PASSWORD)
    assert list(user.groups.values_list("name", flat=True)) == ["Enlace de dependencia"]
    assert list(Liaison.objects.get(user=user).units.all()) == [units[0]]


def test_sessions_expire_after_inactivity_and_each_request_renews_them(client, staff_user):
    client.force_login(staff_user)
    response = client.get("/admin/")
    assert response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == 30 * 60


def test_a_password_change_ends_the_other_sessions(staff_user):
    here, elsewhere = Client(), Client()
    here.force_login(staff_user)
    elsewhere.force_login(staff_user)
    new = "otra clave muy larga 2027"
    response = here.post(
        "/admin/password_change/",
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    assert here.get("/admin/").status_code == 200
    assert elsewhere.get("/admin/").status_code == 302
