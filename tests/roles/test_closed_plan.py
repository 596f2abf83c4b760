"""A finished plan is the record: its liaisons read it and no longer write to it (admin, import,
services); the Secretariado still corrects it. A liaison's admin home lists only what is
theirs to do, with the round open now or the next one."""

import re
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from commitments import services
from commitments.imports import importer
from commitments.models import Measurement
from tests.commitments import builders
from tests.imports.files import MEASUREMENT_HEADER, as_csv

pytestmark = pytest.mark.django_db

CLOSED_PLAN = "Plan 2022-2024"
REFUSAL = (
    "El plan «Plan 2022-2024» ya concluyó: sus datos son solo de consulta para las "
    "dependencias. Si hay que corregir algo, pídelo al Secretariado técnico."
)


@pytest.fixture(autouse=True)
def _var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path


@pytest.fixture
def finished(units):
    """DIF's commitment TP-03 of the 2022-2024 plan, over since 2024 (TODAY is in 2026)."""
    exercise = builders.make_exercise(2, date(2022, 1, 1), date(2024, 12, 31))
    plan = builders.make_plan(exercise=exercise, title=CLOSED_PLAN, slug="plan-2022")
    return builders.make_commitment(
        plan,
        "TP-03",
        unit=units[0],
        start_date=date(2023, 1, 1),
        end_date=date(2024, 6, 30),
        indicators=[{"name": "Solicitudes respondidas"}],
    )


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def test_a_liaison_cannot_add_a_measurement_to_a_finished_plan_in_the_admin(
    liaison_client, finished
):
    response = liaison_client.post(
        "/admin/commitments/measurement/add/",
        {"indicator": finished.indicators.get().pk, "date": "2024-06-30", "value": "9"},
        follow=True,
    )
    assert messages_of(response) == [REFUSAL]
    assert REFUSAL in response.text
    assert not Measurement.objects.exists()


def test_a_liaison_cannot_import_into_a_finished_plan(liaison_client, liaison, finished):
    content = as_csv(
        MEASUREMENT_HEADER, [["TP-03", "Solicitudes respondidas", "30/06/2024", "9", "", ""]]
    )
    preview = liaison_client.post(
        reverse("admin:commitments_measurement_import"),
        {
            "file": SimpleUploadedFile("avances.csv", content),
            "plan": finished.plan.pk,
            "progress": "a" * 32,
        },
    )
    assert REFUSAL in preview.text
    assert 'name="confirm"' not in preview.text
    outcome = importer("avances", plan=finished.plan, by=liaison).run(
        content, "avances.csv", dry_run=False
    )
    assert [str(problem) for problem in outcome.problems] == [REFUSAL]
    assert not outcome.written and not Measurement.objects.exists()


def test_a_liaison_cannot_send_an_old_draft_of_a_finished_plan(liaison, finished):
    draft = services.record_measurement(
        indicator=finished.indicators.get(), date=date(2024, 6, 30), value=9
    )
    with pytest.raises(ValidationError) as refused:
        services.submit(fact=draft, by=liaison)
    assert refused.value.messages == [REFUSAL]


def test_the_secretariat_still_corrects_a_finished_plan(secretariat, finished):
    fact = services.record_measurement(
        indicator=finished.indicators.get(), date=date(2024, 6, 30), value=9, by=secretariat
    )
    assert Measurement.objects.get() == fact


def liaison_home(client):
    page = client.get("/admin/").content.decode()
    block = page.split("Tus compromisos", 1)[1].split("</table>", 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", block))


def test_the_liaison_home_leaves_out_finished_plans_and_names_the_next_round(
    liaison_client, own, finished
):
    # Round 1 closed in July; round 2 opens after the period it covers.
    builders.add_round(own.plan, 1, date(2026, 6, 30), date(2026, 7, 1), date(2026, 7, 31))
    builders.add_round(own.plan, 2, date(2026, 12, 31), date(2027, 1, 1), date(2027, 1, 31))
    home = liaison_home(liaison_client)
    assert "DIF-01 · Compromiso DIF-01" in home
    assert "TP-03" not in home
    assert "Corte 1" not in home
    assert "Corte actual: ninguno abierto; el próximo, Corte 2, abre el 1 de enero de 2027." in home
    assert "DIF-01 · Compromiso DIF-01 Sin corte abierto" in home


def test_the_liaison_home_shows_the_round_open_now(liaison_client, own):
    builders.add_round(own.plan, 1, date(2026, 6, 30), date(2026, 7, 1), date(2026, 7, 31))
    builders.add_round(own.plan, 2, date(2026, 10, 31), date(2026, 11, 1), date(2026, 12, 15))
    home = liaison_home(liaison_client)
    assert "Corte actual: Corte 2, entrega hasta el 15 de diciembre de 2026." in home
    assert "DIF-01 · Compromiso DIF-01 Corte abierto" in home


def test_a_liaison_of_finished_plans_only_is_told_so(liaison_client, finished):
    home = liaison_home(liaison_client)
    assert "TP-03" not in home
    assert "Tus compromisos son de planes que ya concluyeron" in home
