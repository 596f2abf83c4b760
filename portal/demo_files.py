"""Small, valid files for the demo data, so uploads are served and checked like real ones.

`attach(instance, field_name, name, content)` stores the file under a fixed name once and
reuses it on later loads, so reloading the demo never piles up copies in the media folder.
Use `pdf(title, lines)` for evidence and minutes, `png()` for a photo.
"""

import io

from django.core.files.base import ContentFile
from PIL import Image


def _pdf_text(text):
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return escaped.encode("cp1252", errors="replace")


def pdf(title, lines=()):
    """A one-page PDF with a title and a few lines of text (Helvetica, WinAnsi accents)."""
    text = [b"BT /F1 16 Tf 72 760 Td (" + _pdf_text(title) + b") Tj ET"]
    for i, line in enumerate(lines):
        text.append(b"BT /F1 11 Tf 72 %d Td (" % (730 - 16 * i) + _pdf_text(line) + b") Tj ET")
    stream = b"\n".join(text)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def png(color="#1f5f8b", size=(96, 96)):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "PNG")
    return buffer.getvalue()


def attach(instance, field_name, name, content):
    """Point `instance.<field_name>` at `name`, writing `content` there if it is not stored yet.

    The caller saves the instance (validation passes: the file counts as already stored).
    """
    field = getattr(instance, field_name)
    path = field.field.generate_filename(instance, name)
    if field.storage.exists(path):
        field.name = path
    else:
        field.save(name, ContentFile(content), save=False)
