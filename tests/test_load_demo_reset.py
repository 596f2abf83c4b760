"""`make demo` (load_demo --reset) really resets the demo, and keeps staff accounts."""

import pytest
from django.core.management import call_command

from commitments.models import Commitment
from secretariat.models import Agreement, Sector, Session


@pytest.mark.django_db(transaction=True)
def test_reset_removes_hand_made_rows_and_keeps_staff(django_user_model):
    call_command("load_demo")
    sessions = Session.objects.count()
    Sector.objects.create(name="Sector capturado a mano", slug="a-mano")
    Agreement.objects.filter(code="STMGA-2025-02-05").update(text="Editado a mano")
    django_user_model.objects.create_user("enlace", password="x")

    call_command("load_demo", reset=True)

    assert not Sector.objects.filter(slug="a-mano").exists()
    assert Agreement.objects.get(code="STMGA-2025-02-05").text.startswith("Presentar")
    assert Session.objects.count() == sessions
    assert Commitment.objects.filter(is_example=True).exists()
    assert django_user_model.objects.filter(username="enlace").exists()
    # The demo links agreements to the commitments they concern.
    assert Agreement.objects.get(code="STMGA-2026-E1-01").commitments.get().code == "PP-02"
