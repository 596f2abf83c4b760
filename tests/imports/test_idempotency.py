"""Importing the same file twice changes nothing the second time, and says so."""

from datetime import date

import pytest

from commitments.imports import importer
from commitments.models import Commitment, Evidence, Measurement, MilestoneProgress
from tests.imports.conftest import counts
from tests.imports.files import (
    MATRIX_HEADER,
    MEASUREMENT_HEADER,
    MILESTONE_HEADER,
    as_csv,
    matrix_row,
)

pytestmark = pytest.mark.django_db

MEASUREMENTS = as_csv(
    MEASUREMENT_HEADER,
    [
        ["C-01", "Avance de prueba", "31/03/2026", "25", "Primer trimestre", ""],
        ["C-01", "Quejas", "31/03/2026", "35", "", "https://example.org/quejas.pdf"],
    ],
)


def run(kind, plan, content, name="archivo.csv", **options):
    return importer(kind, plan=plan, **options).run(content, name, dry_run=False)


def test_measurements_twice_as_drafts(matrix_plan):
    first = run("avances", matrix_plan, MEASUREMENTS)
    assert first.summary() == "Importación hecha: 2 filas (2 nuevas, 0 cambian, 0 sin cambios)."
    assert Measurement.objects.drafts().count() == 2
    before = counts()
    second = run("avances", matrix_plan, MEASUREMENTS)
    assert second.summary() == "2 filas revisadas: todo ya estaba registrado, no cambia nada."
    assert counts() == before


def test_publishing_drafts_then_nothing(matrix_plan):
    run("avances", matrix_plan, MEASUREMENTS)
    published = run("avances", matrix_plan, MEASUREMENTS, publish=True)
    assert [(p.kind, p.changes) for p in published.previews] == [
        ("cambia", [("Publicación", "borrador", "publicado")])
    ] * 2
    assert Measurement.objects.published().count() == 2
    again = run("avances", matrix_plan, MEASUREMENTS, publish=True)
    assert again.nothing_to_do


def test_a_published_value_changes_only_by_a_correction(matrix_plan):
    run("avances", matrix_plan, MEASUREMENTS, publish=True)
    changed = MEASUREMENTS.replace(b"31/03/2026,25", b"31/03/2026,27")
    before = counts()
    refused = run("avances", matrix_plan, changed)
    assert [str(p) for p in refused.problems] == [
        "Fila 2, columna «Valor»: «27» cambia lo ya publicado para esa fecha («25»): para "
        "corregirlo, importa con «publicar» (se publica una corrección con su motivo) o "
        "corrígelo en la administración"
    ]
    assert counts() == before
    corrected = run("avances", matrix_plan, changed, publish=True)
    assert corrected.previews[0].changes == [("Valor", "25", "27")]
    row = Measurement.objects.get(supersedes__isnull=False)
    assert (row.value, row.correction_reason) == (
        27,
        "Corrección por importación del 25 de noviembre de 2026",
    )
    public = Measurement.objects.public_at(date(2026, 11, 25)).filter(date=date(2026, 3, 31))
    assert sorted(m.value for m in public) == [27, 35]


def test_milestone_progress_with_evidence_twice(matrix_plan):
    content = as_csv(
        MILESTONE_HEADER,
        [["C-01", "Hito de prueba", "30/06/2026", "100", "Completo", "https://example.org/acta"]],
    )
    first = run("hitos", matrix_plan, content, publish=True)
    assert first.ok, [str(p) for p in first.problems]
    assert MilestoneProgress.objects.published().get().percent == 100
    assert Evidence.objects.published().get().evidence_url == "https://example.org/acta"
    before = counts()
    second = run("hitos", matrix_plan, content, publish=True)
    assert second.summary() == "1 fila revisada: todo ya estaba registrado, no cambia nada."
    assert counts() == before


def test_matrix_new_commitment_then_a_public_change(matrix_plan):
    content = as_csv(MATRIX_HEADER, [matrix_row()])
    run("matriz", matrix_plan, content)
    commitment = Commitment.objects.get(code="N-01")
    assert not commitment.is_published and not commitment.versions.exists()
    assert run("matriz", matrix_plan, content).nothing_to_do
    published = run("matriz", matrix_plan, content, publish=True)
    assert published.previews[0].changes == [("Publicación", "sin publicar", "publicado")]
    assert commitment.versions.count() == 1
    changed = as_csv(MATRIX_HEADER, [matrix_row(**{"Acción": "Publicar más datos"})])
    outcome = run("matriz", matrix_plan, changed, publish=True)
    assert [(p.kind, p.changes) for p in outcome.previews] == [
        ("modificación propuesta", [("Acción", "Publicar datos abiertos", "Publicar más datos")])
    ]
    assert outcome.notes == [
        "1 compromiso aprobado cambia: queda como modificación propuesta, sin publicar; el "
        "Secretariado técnico la publica con su motivo desde la página del compromiso."
    ]
    # The working copy changed; the public record waits for the Secretariado.
    commitment.refresh_from_db()
    assert commitment.title == "Publicar más datos"
    assert commitment.versions.get().data["title"] == "Publicar datos abiertos"
    assert run("matriz", matrix_plan, changed).nothing_to_do


def test_a_dry_run_previews_and_writes_nothing(matrix_plan):
    before = counts()
    content = as_csv(MATRIX_HEADER, [matrix_row(), matrix_row(**{"Indicador": "Otro"})])
    outcome = importer("matriz", plan=matrix_plan, publish=True).run(content, "m.csv")
    assert outcome.ok and not outcome.written
    assert [(p.row, p.label, p.kind) for p in outcome.previews] == [
        (2, "N-01 · Conjuntos publicados", "nuevo"),
        (3, "N-01 · Otro", "nuevo"),
    ]
    assert (
        outcome.summary() == "Revisión sin guardar: 2 filas (2 nuevas, 0 cambian, 0 sin cambios)."
    )
    assert counts() == before
