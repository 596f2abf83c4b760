"""Evidence files: a clear Spanish message for a wrong type or an oversized file."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from commitments.models import Evidence, Milestone
from portal.demo_files import pdf

PDF = pdf("Acta de entrega")


@pytest.fixture
def milestone(demo):
    return Milestone.objects.filter(commitment__code="DA-01").first()


def evidence(milestone, name, size):
    return Evidence(
        commitment=milestone.commitment,
        milestone=milestone,
        title="Acta de entrega",
        evidence_file=SimpleUploadedFile(name, PDF + b"0" * (size - len(PDF))),
    )


def test_an_executable_is_refused_with_its_name(milestone):
    with pytest.raises(ValidationError) as error:
        evidence(milestone, "informe.exe", 1000).full_clean()
    assert error.value.message_dict["evidence_file"] == [
        "El archivo «informe.exe» no es de un tipo permitido "
        "(csv, docx, jpeg, jpg, ods, odt, pdf, png, webp, xlsx)."
    ]


def test_a_file_over_the_limit_is_refused_with_its_size(milestone, settings):
    settings.MAX_UPLOAD_MB = 5
    with pytest.raises(ValidationError) as error:
        evidence(milestone, "informe.pdf", 5 * 1024 * 1024 + 1).full_clean()
    assert error.value.message_dict["evidence_file"] == [
        "El archivo «informe.pdf» pesa 5.0 MB y el máximo permitido es 5 MB."
    ]


def test_a_pdf_within_the_limit_is_accepted(milestone):
    evidence(milestone, "informe.pdf", 2000).full_clean()
