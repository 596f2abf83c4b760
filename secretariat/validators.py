"""Checks for uploaded files: minutes and calls are PDFs, member photos are images.

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
            _("El archivo pesa %(size).1f MB y el máximo permitido es %(limit)s MB."),
            code="file_too_large",
            params={"size": value.size / (1024 * 1024), "limit": limit_mb},
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
