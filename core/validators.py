"""Checks for uploaded files: evidence, minutes, calls and member photos.

The content is checked, not the name: a PDF must parse as one, an image must decode, an
office file (a zip) is inspected before anything opens it (members and size once inflated),
a CSV must be text. A file over the size limit is not opened at all: the size check says so.

Only new uploads are checked: a file already stored passed these checks when it arrived,
and re-reading it on every save would fail loudly if the media folder was not copied along.
"""

import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PyPdfError

IMAGE_EXTENSIONS = {"jpg", "jpeg", "png", "webp"}
IMAGE_FORMATS = {"JPEG", "PNG", "WEBP"}
# Photos and scanned evidence are far smaller; a bigger canvas is a decompression bomb.
MAX_IMAGE_PIXELS = 40_000_000
# Each office format names its own marker member; without it the zip is something else.
OFFICE_MARKERS = {
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "odt": "mimetype",
    "ods": "mimetype",
}
OPEN_DOCUMENT_TYPES = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
}
DOCUMENT_EXTENSIONS = {"pdf", *IMAGE_EXTENSIONS, *OFFICE_MARKERS, "csv"}


def _is_new_upload(value):
    return bool(value) and not getattr(value, "_committed", True)


def _extension(name):
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _short_name(value):
    return value.name.rsplit("/", 1)[-1]


def _within_size_limit(value):
    return value.size <= settings.MAX_UPLOAD_MB * 1024 * 1024


def _rewound(value):
    upload = value.file
    upload.seek(0)
    return upload


def validate_upload_size(value):
    if not _is_new_upload(value):
        return
    limit_mb = settings.MAX_UPLOAD_MB
    if not _within_size_limit(value):
        raise ValidationError(
            _("El archivo «%(name)s» pesa %(size).1f MB y el máximo permitido es %(limit)s MB."),
            code="file_too_large",
            params={
                "name": _short_name(value),
                "size": value.size / (1024 * 1024),
                "limit": limit_mb,
            },
        )


def _check_pdf(value):
    upload = _rewound(value)
    try:
        if upload.read(5) != b"%PDF-":
            raise ValueError
        upload.seek(0)
        if len(PdfReader(upload).pages) < 1:
            raise ValueError
    except (ValueError, PyPdfError, KeyError, TypeError, AttributeError, RecursionError):
        raise ValidationError(
            _("El archivo termina en .pdf pero su contenido no es un PDF válido."),
            code="not_pdf",
        ) from None
    finally:
        upload.seek(0)


def _check_image(value):
    upload = _rewound(value)
    try:
        with Image.open(upload) as image:
            if image.format not in IMAGE_FORMATS:
                raise ValueError
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                raise ValueError
            image.load()
    except (ValueError, OSError, UnidentifiedImageError, Image.DecompressionBombError):
        raise ValidationError(
            _("El archivo «%(name)s» no es una imagen JPG, PNG o WebP que se pueda abrir."),
            code="bad_image",
            params={"name": _short_name(value)},
        ) from None
    finally:
        upload.seek(0)


def check_office(value, extension):
    """An office file (a zip) inspected before anything opens it; also used by the importer."""
    upload = _rewound(value)
    name = _short_name(value)
    try:
        with zipfile.ZipFile(upload) as archive:
            members = archive.infolist()
            if len(members) > settings.MAX_ZIP_MEMBERS:
                raise ValidationError(
                    _("El archivo «%(name)s» contiene %(count)s partes; el máximo es %(limit)s."),
                    code="too_many_members",
                    params={"name": name, "count": len(members), "limit": settings.MAX_ZIP_MEMBERS},
                )
            inflated = sum(member.file_size for member in members)
            if inflated > settings.MAX_UNZIPPED_MB * 1024 * 1024:
                raise ValidationError(
                    _(
                        "El archivo «%(name)s» ocupa %(size).0f MB al descomprimirse; "
                        "el máximo es %(limit)s MB."
                    ),
                    code="inflates_too_much",
                    params={
                        "name": name,
                        "size": inflated / (1024 * 1024),
                        "limit": settings.MAX_UNZIPPED_MB,
                    },
                )
            names = {member.filename for member in members}
            if OFFICE_MARKERS[extension] not in names:
                raise ValueError
            # Read only after the size check: the member is known to be small.
            if (
                extension in OPEN_DOCUMENT_TYPES
                and archive.read("mimetype").strip() != OPEN_DOCUMENT_TYPES[extension]
            ):
                raise ValueError
    except (ValueError, zipfile.BadZipFile, OSError, KeyError):
        raise ValidationError(
            _("El archivo «%(name)s» no es un documento .%(extension)s válido."),
            code="bad_office_file",
            params={"name": name, "extension": extension},
        ) from None
    finally:
        upload.seek(0)


def _check_csv(value):
    upload = _rewound(value)
    try:
        content = upload.read()
    finally:
        upload.seek(0)
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = content.decode(encoding)
        except UnicodeDecodeError:
            continue
        if not any(ch < " " and ch not in "\t\r\n" for ch in text):
            return
    raise ValidationError(
        _("El archivo «%(name)s» termina en .csv pero no es un texto separado por comas."),
        code="bad_csv",
        params={"name": _short_name(value)},
    )


def validate_pdf(value):
    if not _is_new_upload(value):
        return
    if _extension(value.name) != "pdf":
        raise ValidationError(
            _("Sube el documento en formato PDF (archivo terminado en .pdf)."),
            code="not_pdf",
        )
    if _within_size_limit(value):
        _check_pdf(value)


def validate_image(value):
    if not _is_new_upload(value):
        return
    if _extension(value.name) not in IMAGE_EXTENSIONS:
        raise ValidationError(
            _("La fotografía debe ser una imagen JPG, PNG o WebP."),
            code="bad_image",
        )
    if _within_size_limit(value):
        _check_image(value)


def validate_document(value):
    """Evidence: documents, spreadsheets or photos, never executables or web pages."""
    if not _is_new_upload(value):
        return
    extension = _extension(value.name)
    if extension not in DOCUMENT_EXTENSIONS:
        raise ValidationError(
            _("El archivo «%(name)s» no es de un tipo permitido (%(allowed)s)."),
            code="invalid_extension",
            params={"name": _short_name(value), "allowed": ", ".join(sorted(DOCUMENT_EXTENSIONS))},
        )
    if not _within_size_limit(value):
        return
    if extension == "pdf":
        _check_pdf(value)
    elif extension in IMAGE_EXTENSIONS:
        _check_image(value)
    elif extension in OFFICE_MARKERS:
        check_office(value, extension)
    else:
        _check_csv(value)
