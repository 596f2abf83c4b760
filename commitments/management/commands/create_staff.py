"""Create (or update) a staff account with one role, and its units for a liaison.

    python manage.py create_staff ana --role enlace --unit DIF --unit IMPLAN --email ana@…
    STAFF_PASSWORD='…' python manage.py create_staff ana --role secretariado

The password is asked twice, or read from STAFF_PASSWORD; it must pass the site's password
validators (AUTH_PASSWORD_VALIDATORS: 12 characters or more, not common, not only digits,
not like the user's name).
"""

import getpass
import os
import sys

from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from commitments import permissions
from commitments.models import Liaison, ResponsibleUnit

PASSWORD_VARIABLE = "STAFF_PASSWORD"


class Command(BaseCommand):
    help = "Crea una cuenta de personal con un rol (y sus dependencias si es enlace)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=sorted(permissions.ROLES))
        parser.add_argument(
            "--unit",
            action="append",
            default=[],
            metavar="SIGLAS",
            help="Siglas de una dependencia del enlace (se repite para varias).",
        )
        parser.add_argument("--email", default="")
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")

    def handle(self, *args, username, role, unit, email, first_name, last_name, **options):
        if role == "enlace" and not unit:
            raise CommandError("Un enlace necesita al menos una dependencia: usa --unit SIGLAS.")
        if role != "enlace" and unit:
            raise CommandError("Solo los enlaces tienen dependencias (--unit).")
        units = []
        for acronym in unit:
            found = ResponsibleUnit.objects.filter(acronym__iexact=acronym).first()
            if found is None:
                known = ", ".join(ResponsibleUnit.objects.values_list("acronym", flat=True))
                raise CommandError(f"No existe la dependencia «{acronym}». Hay: {known}.")
            units.append(found)
        User = get_user_model()
        user = User.objects.filter(username=username).first() or User(username=username)
        user.email = email or user.email
        user.first_name = first_name or user.first_name
        user.last_name = last_name or user.last_name
        user.is_staff = True
        password = self.read_password()
        try:
            password_validation.validate_password(password, user)
        except ValidationError as error:
            raise CommandError("La contraseña no sirve: " + " ".join(error.messages)) from None
        user.set_password(password)
        with transaction.atomic():
            user.save()
            user.groups.set([Group.objects.get(name=permissions.ROLES[role])])
            if role == "enlace":
                liaison, _created = Liaison.objects.get_or_create(user=user)
                liaison.units.set(units)
            else:
                Liaison.objects.filter(user=user).delete()
        shown = f" ({', '.join(u.acronym or u.name for u in units)})" if units else ""
        self.stdout.write(
            self.style.SUCCESS(f"Lista la cuenta «{username}»: {permissions.ROLES[role]}{shown}.")
        )

    def read_password(self):
        password = os.environ.get(PASSWORD_VARIABLE)
        if password:
            return password
        if not sys.stdin.isatty():
            raise CommandError(
                f"Escribe la contraseña en la variable {PASSWORD_VARIABLE} o corre el comando "
                "en una terminal para que la pregunte."
            )
        first = getpass.getpass("Contraseña: ")
        if first != getpass.getpass("Contraseña (otra vez): "):
            raise CommandError("Las dos contraseñas no coinciden.")
        return first
