"""/secretariado/convocatorias/<slug>/: the call's dates, text and document."""

from django.core.files.base import ContentFile

from .html import parse


def test_the_call_page_shows_dates_and_text(client, call):
    page = parse(client.get("/secretariado/convocatorias/convocatoria-2025/"))
    assert page.find("h1").text == "Convocatoria 2025 para integrar el Secretariado"
    summary = page.find("dl", "summary-list")
    assert "Fecha de publicación 4 de febrero de 2025" in summary.text
    assert "Fecha límite 7 de marzo de 2025" in summary.text
    assert [t.attrs["datetime"] for t in summary.find_all("time")] == ["2025-02-04", "2025-03-07"]
    assert "proponer integrantes" in page.find("main").text
    assert "Descargar la convocatoria" not in page.find("main").text


def test_the_call_document_is_linked_with_its_size(client, call, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call.document.save("convocatoria.pdf", ContentFile(b"%PDF-1.4\n" + b"0" * 2048))
    link = parse(client.get(call.get_absolute_url())).find("dl", "summary-list")
    assert link.find("a").attrs["href"].startswith("/media/secretariado/convocatorias/")
    assert "Descargar la convocatoria (PDF, 2.0 KB)" in link.text


def test_a_document_missing_from_storage_does_not_break_the_page(client, call, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call.document.save("convocatoria.pdf", ContentFile(b"%PDF-1.4\n"))
    (tmp_path / call.document.name).unlink()
    summary = parse(client.get(call.get_absolute_url())).find("dl", "summary-list")
    assert "Documento Descargar la convocatoria" in summary.text
    assert "PDF," not in summary.text
