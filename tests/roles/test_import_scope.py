"""An import tells a liaison nothing about rows of other units' commitments."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from commitments import services
from commitments.imports import importer
from commitments.models import Measurement, MilestoneProgress
from tests.imports.files import MEASUREMENT_HEADER, MILESTONE_HEADER, as_csv
from tests.roles.conftest import OCT

pytestmark = pytest.mark.django_db

URL = reverse("admin:commitments_measurement_import")
OUT_OF_SCOPE = (
    "Fila 2, columna «Código»: «IMP-01» no es un compromiso de tus dependencias: solo "
    "importas datos de los compromisos de tus dependencias"
)


@pytest.fixture(autouse=True)
def _var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    settings.IMPORTS_ROOT = tmp_path / "imports"


@pytest.fixture
def submitted(other, secretariat):
    """IMPLAN's measurement, submitted and waiting for review: 41, not public."""
    fact = services.record_measurement(
        indicator=other.indicators.get(), date=OCT, value=41, narrative="Dato de IMPLAN"
    )
    return services.submit(fact=fact)


def guess(value):
    return as_csv(
        MEASUREMENT_HEADER, [["IMP-01", "Colonias mapeadas", "31/10/2026", value, "", ""]]
    )


def rows(response):
    """The answer a page gives, without its one-off tokens (progress, CSRF)."""
    text = response.content.decode()
    text = re.sub(r"[0-9a-f]{32}|[A-Za-z0-9]{64}", "TOKEN", text)
    return re.sub(r"Se revisaron .*? en [^<]*", "", text)


def test_the_admin_preview_answers_the_same_for_the_right_and_a_wrong_guess(
    client, liaison, own, submitted
):
    client.force_login(liaison)
    answers = []
    for value in ("41", "40"):
        data = {
            "file": SimpleUploadedFile("avances.csv", guess(value)),
            "plan": own.plan.pk,
            "progress": "a" * 32,
        }
        response = client.post(URL, data)
        assert response.status_code == 200
        assert "No se importó nada: el archivo tiene 1 problema." in response.text
        assert OUT_OF_SCOPE in response.text
        assert "todo ya estaba registrado" not in response.text
        assert 'name="confirm"' not in response.text
        answers.append(rows(response))
    assert answers[0] == answers[1]
    assert Measurement.objects.get() == submitted


@pytest.mark.parametrize("dry_run", [True, False])
def test_the_importer_refuses_out_of_scope_rows_before_comparing(liaison, own, submitted, dry_run):
    outcomes = [
        importer("avances", plan=own.plan, by=liaison).run(guess(v), "a.csv", dry_run=dry_run)
        for v in ("41", "40")
    ]
    for outcome in outcomes:
        assert [str(p) for p in outcome.problems] == [OUT_OF_SCOPE]
        assert outcome.previews == [] and not outcome.written
    assert outcomes[0].summary() == outcomes[1].summary()
    assert Measurement.objects.get() == submitted


def test_milestones_too(liaison, own, other):
    content = as_csv(MILESTONE_HEADER, [["IMP-01", "Mapa", "31/10/2026", "50", "", ""]])
    outcome = importer("hitos", plan=own.plan, by=liaison).run(content, "h.csv", dry_run=False)
    assert [str(p) for p in outcome.problems] == [OUT_OF_SCOPE]
    assert not MilestoneProgress.objects.exists()


def test_their_own_rows_still_import_as_drafts(liaison, own, other):
    content = as_csv(
        MEASUREMENT_HEADER, [["DIF-01", "Familias atendidas", "31/10/2026", "12", "", ""]]
    )
    outcome = importer("avances", plan=own.plan, by=liaison).run(content, "a.csv", dry_run=False)
    assert outcome.ok and outcome.written
    assert Measurement.objects.drafts().get().value == 12


def test_the_command_acting_as_a_liaison_is_scoped_too(liaison, own, submitted, tmp_path):
    path = tmp_path / "avances.csv"
    path.write_bytes(guess("41"))
    err = io.StringIO()
    with pytest.raises(CommandError, match="el archivo tiene 1 problema"):
        call_command(
            "import_measurements",
            str(path),
            "--user",
            liaison.username,
            stdout=io.StringIO(),
            stderr=err,
        )
    assert OUT_OF_SCOPE in err.getvalue()
    assert Measurement.objects.get() == submitted


def test_only_the_secretariat_imports_the_matrix(liaison, transparency, own):
    for user in (liaison, transparency):
        outcome = importer("matriz", plan=own.plan, by=user).run(b"x", "m.csv")
        assert [str(p) for p in outcome.problems] == [
            "Solo el Secretariado técnico importa la matriz del plan."
        ]
