"""Evidence files keep the SHA-256 they had when they were saved."""

import hashlib
from importlib import import_module

from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile

from commitments import services
from commitments.models import Evidence
from tests.commitments import builders
from tests.opendata.conftest import PDF


def test_the_service_stores_the_files_fingerprint(cast):
    assert cast.evidence.file_sha256 == hashlib.sha256(PDF).hexdigest()
    cast.evidence.refresh_from_db()
    assert cast.evidence.file_sha256 == hashlib.sha256(PDF).hexdigest()


def test_a_link_has_no_fingerprint(cast):
    evidence = builders.add_evidence(cast.milestone, title="Enlace")
    assert evidence.file_sha256 == ""


def test_replacing_a_drafts_file_takes_a_new_fingerprint(cast):
    draft = builders.add_evidence(
        cast.milestone,
        title="Borrador",
        draft=True,
        evidence_url="",
        evidence_file=SimpleUploadedFile("uno.pdf", PDF),
    )
    other = PDF + b"\n% otra"
    services.update_draft(fact=draft, evidence_file=SimpleUploadedFile("dos.pdf", other))
    assert draft.file_sha256 == hashlib.sha256(other).hexdigest()


def test_the_migration_fingerprints_files_stored_before_it(cast):
    Evidence.objects.update(file_sha256="")
    migration = import_module("commitments.migrations.0011_evidence_file_sha256")
    migration.fingerprint_stored_files(apps, None)
    cast.evidence.refresh_from_db()
    assert cast.evidence.file_sha256 == hashlib.sha256(PDF).hexdigest()
