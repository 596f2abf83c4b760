"""Checks for uploaded files: evidence, minutes, calls and member photos.

Only new uploads are checked: a file already stored passed these checks when it arrived,
and re-reading it on every save would fail loudly if the media folder was not copied along.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

IMAGE_EXTENSIONS = {"jpg", "jpeg", "png", "webp"}
IMAGE_CONTENT_TYPES = {"image/jpeg", "image/png", "image/webp"}


def _is_new_upload(value):
    return bool(value) and not getattr(value, "_committed", True)


def _extension(name):
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def validate_upload_size(value):
    if not _is_new_upload(value):
        return
    limit_mb = settings.MAX_UPLOAD_MB
    if value.size > limit_mb * 1024 * 1024:
        raise ValidationError(
            _("El archivo «%(name)s» pesa %(size).1f MB y el máximo permitido es %(limit)s MB."),
            code="file_too_large",
            params={
                "name": value.name.rsplit("/", 1)[-1],
                "size": value.size / (1024 * 1024),
                "limit": limit_mb,
            },
        )


def validate_pdf(value):
    if not _is_new_upload(value):
        return
    if _extension(value.name) != "pdf":
        raise ValidationError(
            _("Sube el documento en formato PDF (archivo terminado en .pdf)."),
            code="not_pdf",
        )
    upload = value.file
    upload.seek(0)
    header = upload.read(5)
    upload.seek(0)
    if header != b"%PDF-":
        raise ValidationError(
            _("El archivo termina en .pdf pero su contenido no es un PDF válido."),
            code="not_pdf",
        )


def validate_image(value):
    if not _is_new_upload(value):
        return
    # Django's image form field fills content_type from what Pillow detected, not from the browser.
    content_type = getattr(value.file, "content_type", None)
    if _extension(value.name) not in IMAGE_EXTENSIONS or (
        content_type and content_type not in IMAGE_CONTENT_TYPES
    ):
        raise ValidationError(
            _("La fotografía debe ser una imagen JPG, PNG o WebP."),
            code="bad_image",
        )


DOCUMENT_EXTENSIONS = {"pdf", "jpg", "jpeg", "png", "webp", "xlsx", "ods", "csv", "docx", "odt"}


def validate_document(value):
    """Evidence: documents, spreadsheets or photos, never executables or web pages."""
    if not _is_new_upload(value):
        return
    if _extension(value.name) not in DOCUMENT_EXTENSIONS:
        raise ValidationError(
            _("El archivo «%(name)s» no es de un tipo permitido (%(allowed)s)."),
            code="invalid_extension",
            params={
                "name": value.name.rsplit("/", 1)[-1],
                "allowed": ", ".join(sorted(DOCUMENT_EXTENSIONS)),
            },
        )
