"""Uploaded minutes, calls and photos: type and size are checked with a clear message."""

import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from portal.demo_files import pdf
from secretariat.models import Call, Member

PDF = pdf("Convocatoria")


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "navy").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def new_call(db):
    return Call(title="C", slug="c", published_on=date(2025, 2, 4), text="t")


def document_errors(call):
    with pytest.raises(ValidationError) as caught:
        call.full_clean()
    return caught.value.message_dict["document"]


def test_a_pdf_within_the_limit_is_accepted(new_call):
    new_call.document = SimpleUploadedFile("convocatoria.pdf", PDF, "application/pdf")
    new_call.full_clean()


def test_a_document_that_is_not_a_pdf_is_refused(new_call):
    new_call.document = SimpleUploadedFile("convocatoria.docx", b"PK\x03\x04", "application/zip")
    assert document_errors(new_call) == [
        "Sube el documento en formato PDF (archivo terminado en .pdf)."
    ]


def test_a_file_named_pdf_with_other_content_is_refused(new_call):
    new_call.document = SimpleUploadedFile("acta.pdf", b"<html>no</html>", "application/pdf")
    assert document_errors(new_call) == [
        "El archivo termina en .pdf pero su contenido no es un PDF válido."
    ]


def test_a_pdf_over_the_size_limit_is_refused(new_call, settings):
    settings.MAX_UPLOAD_MB = 1
    big = PDF + b"0" * (1024 * 1024 + 200_000)
    new_call.document = SimpleUploadedFile("acta.pdf", big, "application/pdf")
    assert document_errors(new_call) == [
        "El archivo «acta.pdf» pesa 1.2 MB y el máximo permitido es 1 MB."
    ]


def test_member_photos_must_be_jpg_png_or_webp(sectors, settings):
    settings.MAX_UPLOAD_MB = 5
    member = Member(
        name="M", sector=sectors.citizens, kind="ciudadano", term_start=date(2025, 4, 30)
    )
    member.photo = SimpleUploadedFile("foto.gif", b"GIF89a", "image/gif")
    with pytest.raises(ValidationError) as caught:
        member.full_clean()
    assert caught.value.message_dict["photo"] == [
        "La fotografía debe ser una imagen JPG, PNG o WebP."
    ]
    member.photo = SimpleUploadedFile("foto.png", png_bytes(), "image/png")
    member.full_clean()
