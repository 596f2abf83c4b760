"""The admin's matrix import in real Chromium: the file is really sent, with JavaScript on."""

import csv

from playwright.sync_api import expect

from tests.imports.files import MATRIX_HEADER

PASSWORD = "una-clave-de-prueba-larga-2026"
ROW = {
    "Eje": "Datos Abiertos",
    "Objetivo": "Fortalecer datos abiertos en León (objetivo de ejemplo)",
    "Código": "DA-09",
    "Acción": "Publicar el directorio de trámites en datos abiertos (ejemplo)",
    "Descripción": "Dato de ejemplo.",
    "Responsable": "DGIG",
    "Corresponsables": "",
    "Meta": "Directorio completo.",
    "Indicador": "Trámites publicados",
    "Unidad de medida": "trámites",
    "Línea base": "0",
    "Valor meta": "120",
    "Sentido": "ascendente",
    "Periodicidad": "trimestral",
    "Peso": "1",
    "Fecha de inicio": "01/02/2026",
    "Fecha de término": "31/12/2026",
    "Medio de verificación": "Portal de datos",
}


def write_matrix(path, **changes):
    with path.open("w", newline="", encoding="utf-8-sig") as out:
        writer = csv.writer(out, delimiter=";")
        writer.writerow(MATRIX_HEADER)
        writer.writerow([{**ROW, **changes}[column] for column in MATRIX_HEADER])
    return path


def log_in(page, site):
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_superuser("importa", "importa@leon.gob.mx", PASSWORD)
    page.goto(f"{site}/admin/login/")
    page.get_by_label("Nombre de usuario").fill("importa")
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Identificarse").click()
    expect(page.get_by_role("heading", name="¿Qué vas a hacer hoy?")).to_be_visible()


def send(page, site, path):
    page.goto(f"{site}/admin/commitments/actionplan/importar/")
    page.get_by_label("Archivo").set_input_files(str(path))
    page.get_by_label("Plan:", exact=True).select_option(
        label="Plan de Acción Municipal de Gobierno Abierto 2025-2027"
    )
    page.get_by_role("button", name="Revisar el archivo").click()


def test_a_file_is_checked_then_imported(site, page, tmp_path):
    from commitments.models import Commitment

    log_in(page, site)
    send(page, site, write_matrix(tmp_path / "mala.csv", **{"Fecha de término": "31/02/2026"}))
    expect(page.get_by_text("«31/02/2026» no es una fecha válida")).to_be_visible()
    expect(page.get_by_role("button", name="Confirmar e importar")).to_have_count(0)

    send(page, site, write_matrix(tmp_path / "buena.csv"))
    expect(page.get_by_text("Revisión sin guardar: 1 fila (1 nueva")).to_be_visible()
    assert not Commitment.objects.filter(code="DA-09").exists()
    page.get_by_role("button", name="Confirmar e importar").click()
    expect(page.get_by_text("Importación hecha: 1 fila (1 nueva")).to_be_visible()
    assert Commitment.objects.get(code="DA-09").indicators.get().name == "Trámites publicados"
