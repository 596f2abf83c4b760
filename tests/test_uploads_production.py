"""Uploaded files in production: checked by content, served safely, private until published."""

import io
import zipfile
from datetime import date
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from commitments import services
from commitments.models import Indicator
from core.validators import validate_document, validate_image, validate_pdf
from portal import demo_files
from secretariat.models import Member
from tests.commitments import builders
from tests.secretariat.conftest import cast, sectors  # noqa: F401

pytestmark = pytest.mark.usefixtures("frozen_today")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def zipped(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def upload(name, content):
    """What a model's file field holds for a new upload (validators skip stored files)."""
    uploaded = SimpleUploadedFile(name, content)
    uploaded._committed = False
    return uploaded


def refusal(validator, name, content):
    with pytest.raises(ValidationError) as caught:
        validator(upload(name, content))
    return caught.value.messages


# --- Content checks -------------------------------------------------------------------


def test_a_real_pdf_is_accepted():
    validate_pdf(upload("acta.pdf", demo_files.pdf("Acta")))
    validate_document(upload("informe.pdf", demo_files.pdf("Informe")))


@pytest.mark.parametrize(
    "content",
    [b"%PDF-1.4\n<html><script>alert(1)</script></html>", b"MZ\x90\x00\x03", b"<html></html>"],
)
def test_something_else_named_pdf_is_refused(content):
    expected = ["El archivo termina en .pdf pero su contenido no es un PDF válido."]
    assert refusal(validate_pdf, "acta.pdf", content) == expected
    assert refusal(validate_document, "evidencia.pdf", content) == expected


def test_office_files_are_checked_before_they_are_opened(settings):
    settings.MAX_UNZIPPED_MB = 1
    bomb = zipped({"word/document.xml": b"0" * (2 * 1024 * 1024)})
    assert len(bomb) < 20_000
    assert refusal(validate_document, "informe.docx", bomb) == [
        "El archivo «informe.docx» ocupa 2 MB al descomprimirse; el máximo es 1 MB."
    ]
    settings.MAX_ZIP_MEMBERS = 3
    crowded = zipped({f"parte{i}.xml": b"x" for i in range(5)})
    assert refusal(validate_document, "datos.xlsx", crowded) == [
        "El archivo «datos.xlsx» contiene 5 partes; el máximo es 3."
    ]


def test_an_office_file_must_be_of_its_kind():
    validate_document(upload("informe.docx", zipped({"word/document.xml": b"<w:document/>"})))
    ods = zipped({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"})
    validate_document(upload("datos.ods", ods))
    assert refusal(validate_document, "datos.odt", ods) == [
        "El archivo «datos.odt» no es un documento .odt válido."
    ]
    assert refusal(validate_document, "informe.docx", b"PK\x03\x04 roto") == [
        "El archivo «informe.docx» no es un documento .docx válido."
    ]


def test_images_are_decoded():
    validate_image(upload("foto.png", demo_files.png()))
    validate_document(upload("foto.png", demo_files.png()))
    broken = demo_files.png()[:40]
    assert refusal(validate_image, "foto.png", broken) == [
        "El archivo «foto.png» no es una imagen JPG, PNG o WebP que se pueda abrir."
    ]
    assert refusal(validate_document, "foto.jpg", b"<svg onload=alert(1)>") == [
        "El archivo «foto.jpg» no es una imagen JPG, PNG o WebP que se pueda abrir."
    ]


def test_a_csv_must_be_text():
    validate_document(upload("datos.csv", "clave,avance\nDA-01,40 %\n".encode("cp1252")))
    assert refusal(validate_document, "datos.csv", b"MZ\x00\x00\x90") == [
        "El archivo «datos.csv» termina en .csv pero no es un texto separado por comas."
    ]


# --- Serving --------------------------------------------------------------------------


def attach_evidence(commitment, name, content, publish=True):
    return services.add_evidence(
        commitment=commitment,
        title="Evidencia",
        evidence_file=ContentFile(content, name=name),
        publish=publish,
    )


@pytest.mark.django_db
def test_evidence_of_a_published_commitment_is_served_with_safe_headers(client, commitment):
    evidence = attach_evidence(commitment, "informe.pdf", demo_files.pdf("I"))
    response = client.get(evidence.evidence_file.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "default-src 'none'" in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_office_files_are_downloaded_not_shown(client, commitment):
    docx = zipped({"word/document.xml": b"<w:document/>"})
    evidence = attach_evidence(commitment, "informe.docx", docx)
    response = client.get(evidence.evidence_file.url)
    assert response["Content-Disposition"].startswith("attachment;")


@pytest.mark.django_db
def test_files_of_unpublished_records_are_not_public(
    client, commitment, django_capture_on_commit_callbacks
):
    other = builders.make_commitment(commitment.plan, "C-02", indicators=[{"name": "Avance"}])
    evidence = attach_evidence(commitment, "borrador.pdf", demo_files.pdf("B"))
    with django_capture_on_commit_callbacks(execute=True):
        services.unpublish_commitment(commitment=commitment, reason="Revisión.")
    assert client.get(evidence.evidence_file.url).status_code == 404

    indicator = Indicator.objects.filter(commitment=other).first()
    with django_capture_on_commit_callbacks(execute=True):
        measurement = services.record_measurement(
            indicator=indicator,
            date=date(2026, 1, 15),
            value=1,
            evidence_file=ContentFile(demo_files.pdf("A"), name="avance.pdf"),
        )
    url = measurement.evidence_file.url
    assert client.get(url).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        services.publish(fact=measurement)
    assert client.get(url).status_code == 200


@pytest.mark.django_db
@pytest.mark.usefixtures("cast")
def test_a_photo_is_public_only_with_consent(client):
    member = Member.objects.filter(publish_photo=False).first()
    member.photo.save("foto.png", ContentFile(demo_files.png()), save=True)
    assert client.get(member.photo.url).status_code == 404
    member.publish_photo = True
    member.save()
    response = client.get(member.photo.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"


@pytest.mark.django_db
def test_paths_outside_the_media_folder_are_not_found(client, commitment):
    for path in ("/media/../db.sqlite3", "/media/%2e%2e/portal/settings.py", "/media/nada.pdf"):
        assert client.get(path).status_code == 404


@pytest.mark.django_db
def test_a_replaced_file_is_removed(commitment, django_capture_on_commit_callbacks):
    # A draft's file can be replaced; a published one never changes.
    evidence = attach_evidence(commitment, "v1.pdf", demo_files.pdf("1"), publish=False)
    old = Path(evidence.evidence_file.path)
    assert old.exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.update_draft(
            fact=evidence, evidence_file=ContentFile(demo_files.pdf("2"), name="v2.pdf")
        )
    assert not old.exists()
    assert Path(evidence.evidence_file.path).exists()


@pytest.mark.django_db
def test_the_demo_minutes_are_real_pdfs_linked_from_their_session(client, demo):
    page = client.get("/secretariado/sesiones/sesion-de-instalacion-2025/").content.decode()
    assert 'href="/media/secretariado/actas/acta-sesion-de-instalacion-2025.pdf"' in page
    response = client.get("/media/secretariado/actas/acta-sesion-de-instalacion-2025.pdf")
    validate_pdf(upload("acta.pdf", b"".join(response.streaming_content)))
