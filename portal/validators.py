"""Validators for uploaded files: evidence, minutes and photos."""

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

DOCUMENT_EXTENSIONS = ("pdf", "jpg", "jpeg", "png", "xlsx", "csv", "docx", "odt", "ods")


@deconstructible
class MaxFileSizeValidator:
    """Refuse files over settings.MAX_UPLOAD_MB, naming the file and its size."""

    def __call__(self, file):
        limit_mb = settings.MAX_UPLOAD_MB
        if file.size > limit_mb * 1024 * 1024:
            raise ValidationError(
                _("El archivo «%(name)s» pesa %(size).1f MB; el máximo es %(limit)d MB."),
                code="file_too_large",
                params={
                    "name": Path(file.name).name,
                    "size": file.size / 1024 / 1024,
                    "limit": limit_mb,
                },
            )

    def __eq__(self, other):
        return isinstance(other, MaxFileSizeValidator)


@deconstructible
class ExtensionValidator:
    """Refuse files whose extension is not one of the allowed ones."""

    def __init__(self, allowed=DOCUMENT_EXTENSIONS):
        self.allowed = tuple(allowed)

    def __call__(self, file):
        extension = Path(file.name).suffix.lower().lstrip(".")
        if extension not in self.allowed:
            raise ValidationError(
                _("El archivo «%(name)s» no es de un tipo permitido (%(allowed)s)."),
                code="invalid_extension",
                params={"name": Path(file.name).name, "allowed": ", ".join(self.allowed)},
            )

    def __eq__(self, other):
        return isinstance(other, ExtensionValidator) and self.allowed == other.allowed


document_validators = [MaxFileSizeValidator(), ExtensionValidator()]
