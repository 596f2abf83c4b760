"""The downloads open, match the database and show what was public at the end of a day."""

import csv
import io
import json
import zipfile
from datetime import date

import pytest
from django.conf import settings
from openpyxl import load_workbook

from opendata.tables import tables
from tests.commitments import builders
from tests.opendata.conftest import (
    CORRECTED_ON,
    DRAFT_EVIDENCE,
    DRAFT_NARRATIVE,
    HIDDEN_COMMITMENT,
    MEASURED_ON,
    MEASUREMENT_PUBLIC_ON,
    STAFF_EMAIL,
    STAFF_USERNAME,
)

TABLE_NAMES = [t.name for t in tables()]


def read_csv(client, name, query=""):
    response = client.get(f"/datos/{name}.csv{query}")
    assert response.status_code == 200
    assert response.content.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_csv_starts_with_the_bom_and_names_the_day_in_its_file_name(client, cast):
    response = client.get("/datos/compromisos.csv?fecha=2026-06-01")
    assert response.content.startswith(b"\xef\xbb\xbfid,plan,clave,accion,")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="compromisos-2026-06-01.csv"'


def test_commitments_carry_the_matrix_row_and_the_semaforo(client, cast):
    (row,) = read_csv(client, "compromisos")
    assert row["id"] == str(cast.commitment.pk)
    assert row["clave"] == "DA-01"
    assert row["accion"] == "Compromiso DA-01"
    assert row["meta"] == "Meta de prueba."
    assert row["indicadores"] == "Conjuntos publicados"
    assert row["dependencia_responsable"] == "Unidad UP"
    assert row["fecha_de_inicio"] == "2026-01-01"
    assert row["fecha_de_termino"] == "2026-12-31"
    assert row["estado"] in {"en_tiempo", "con_retraso", "atrasado"}
    assert row["avance"] == "42.0"
    assert float(row["avance_esperado"]) > 85
    assert row["nivel_de_cumplimiento"] == "limitado"
    assert row["pagina"] == f"{settings.SITE_URL}/compromisos/{cast.commitment.slug}/"


def test_measurements_have_both_dates_and_the_correction_points_at_what_it_corrects(client, cast):
    rows = read_csv(client, "avances")
    assert len(rows) == 2  # the draft is not public
    original, correction = sorted(rows, key=lambda r: r["hecho_publico_el"])
    assert original["id"] == str(cast.measurement.pk)
    assert original["fecha_del_dato"] == MEASURED_ON.isoformat()
    assert original["hecho_publico_el"] == f"{MEASUREMENT_PUBLIC_ON.isoformat()}T12:00:00-06:00"
    assert original["valor"] == "40.00"
    assert original["vigente"] == "false"
    assert correction["corrige_a"] == str(cast.measurement.pk)
    assert correction["fecha_del_dato"] == MEASURED_ON.isoformat()
    assert correction["hecho_publico_el"].startswith(CORRECTED_ON.isoformat())
    assert correction["motivo_de_correccion"] == "Se sumó mal."
    assert correction["vigente"] == "true"


def test_each_table_has_the_rows_the_database_has(client, cast):
    counts = {name: len(read_csv(client, name)) for name in TABLE_NAMES}
    assert counts == {
        "compromisos": 1,
        "indicadores": 1,
        "avances": 2,
        "hitos": 1,
        "avances_de_hitos": 1,
        "evidencias": 1,
        "cortes": 1,
        "reportes_de_corte": 1,
        "versiones": 1,
        "sesiones": 1,
        "acuerdos": 1,
        "seguimientos_de_acuerdos": 2,
        "ruta": 1,
        "propuestas": 0,
        "encuesta": 0,
    }


def test_evidence_has_its_link_media_type_and_fingerprint(client, cast):
    (row,) = read_csv(client, "evidencias")
    assert row["titulo"] == "Acta de entrega"
    assert row["hito_id"] == str(cast.milestone.pk)
    assert row["tipo_de_medio"] == "application/pdf"
    assert row["sha256"] == cast.evidence.file_sha256
    assert len(row["sha256"]) == 64
    assert row["enlace"].startswith(f"{settings.SITE_URL}/media/evidencias/")
    assert client.get(row["enlace"].removeprefix(settings.SITE_URL)).status_code == 200


def test_a_past_day_shows_only_what_was_public_by_its_end(client, cast):
    def values(day):
        return [r["valor"] for r in read_csv(client, "avances", f"?fecha={day.isoformat()}")]

    assert values(date(2026, 4, 9)) == []
    assert values(MEASUREMENT_PUBLIC_ON) == ["40.00"]
    assert sorted(values(CORRECTED_ON)) == ["40.00", "42.00"]
    (report,) = read_csv(client, "reportes_de_corte", "?fecha=2026-07-19")
    assert report["estado"] == "pendiente"
    assert report["informe"] == ""
    (report,) = read_csv(client, "reportes_de_corte")
    assert report["estado"] == "entregado"
    assert report["informe"] == "Reporte del corte."


def test_before_the_plan_was_public_every_table_of_the_plan_is_empty(client, cast):
    for name in ("compromisos", "indicadores", "avances", "evidencias", "versiones"):
        assert read_csv(client, name, "?fecha=2024-12-31") == []


def test_an_agreement_shows_its_status_on_the_day_from_its_follow_ups(client, cast):
    def agreement(day=""):
        (row,) = read_csv(client, "acuerdos", f"?fecha={day}" if day else "")
        return row["estado"], row["seguimiento"], row["actualizado_el"]

    assert agreement("2026-06-12") == ("pendiente", "", "")
    assert agreement("2026-08-31") == ("pendiente", "Sin avance.", "2026-07-01")
    assert agreement("2026-09-01") == ("cumplido", "Se revisó.", "2026-09-01")
    assert agreement() == ("cumplido", "Se revisó.", "2026-09-01")
    assert read_csv(client, "acuerdos", "?fecha=2026-06-11") == []
    follow_ups = read_csv(client, "seguimientos_de_acuerdos", "?fecha=2026-08-31")
    assert [(f["acuerdo_id"], f["estado"], f["fecha_del_dato"]) for f in follow_ups] == [
        (str(cast.agreement.pk), "pendiente", "2026-07-01")
    ]
    assert len(read_csv(client, "seguimientos_de_acuerdos")) == 2


def test_json_parses_with_typed_values(client, cast):
    response = client.get("/datos/avances.json?fecha=2026-05-04")
    assert response["Content-Disposition"] == 'attachment; filename="avances-2026-05-04.json"'
    document = json.loads(response.content)
    assert document["fecha"] == "2026-05-04"
    assert document["licencia"] == "CC-BY-4.0"
    correction = next(r for r in document["registros"] if r["corrige_a"])
    assert correction["valor"] == 42.0
    assert correction["es_retiro"] is False
    assert correction["fecha_del_dato"] == "2026-03-31"


def test_xlsx_opens_with_the_same_rows(client, cast):
    response = client.get("/datos/indicadores.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    header, *rows = list(sheet.values)
    assert header[:3] == ("id", "compromiso_id", "nombre")
    assert len(rows) == 1
    assert rows[0][2] == "Conjuntos publicados"
    assert rows[0][4] == 0  # línea base


@pytest.mark.parametrize("url", ["/datos/avances.csv", "/datos/datapackage.json"])
def test_a_mistyped_date_is_refused_saying_what_is_wrong(client, cast, url):
    response = client.get(f"{url}?fecha=2026-13-01")
    assert response.status_code == 400
    assert "«2026-13-01» no es válida; usa el formato AAAA-MM-DD" in response.content.decode()


def test_a_date_that_is_not_one_is_dropped_like_on_pages(client, cast):
    response = client.get("/datos/avances.csv?fecha=hoy&x=1")
    assert response.status_code == 200
    assert 'filename="avances-2026-11-25.csv"' in response["Content-Disposition"]


def test_an_unknown_table_is_not_found(client, cast):
    assert client.get("/datos/usuarios.csv").status_code == 404


def test_no_download_has_staff_accounts_or_unpublished_values(client, cast):
    bodies = []
    for name in TABLE_NAMES:
        for fmt in ("csv", "json"):
            bodies.append(client.get(f"/datos/{name}.{fmt}").content.decode("utf-8-sig"))
        sheet = load_workbook(io.BytesIO(client.get(f"/datos/{name}.xlsx").content)).active
        bodies += [str(value) for row in sheet.values for value in row]
    archive = zipfile.ZipFile(io.BytesIO(client.get("/datos/paquete.zip").content))
    bodies += [archive.read(name).decode("utf-8-sig") for name in archive.namelist()]
    bodies.append(client.get("/datos/").content.decode())
    bodies.append(client.get("/datos/datapackage.json").content.decode())
    bodies.append(client.get("/datos/catalogo.jsonld").content.decode())
    text = "\n".join(bodies)
    secrets = (STAFF_EMAIL, STAFF_USERNAME, DRAFT_NARRATIVE, DRAFT_EVIDENCE, HIDDEN_COMMITMENT)
    for secret in (*secrets, "77.00", "DA-99"):
        assert secret not in text


@pytest.mark.parametrize(
    "value", ["", "0", "2026-02-30", "9" * 5000, "2026-06-01T00:00", "²", "2999-01-01"]
)
def test_any_date_value_gets_the_data_or_a_clear_refusal(client, cast, value):
    response = client.get("/datos/avances.json", {"fecha": value}, follow=True)
    assert response.status_code in (200, 400)
    # An empty field leads to the address without it, as on every page.
    assert response.redirect_chain == ([("/datos/avances.json", 302)] if value == "" else [])
    if response.status_code == 400:
        assert "no es válida" in response.content.decode()
    else:
        assert json.loads(response.content)["tabla"] == "avances"


def test_downloads_are_cached_like_pages_until_something_is_published(
    client, cast, django_assert_num_queries
):
    first = client.get("/datos/avances.csv", HTTP_ACCEPT_ENCODING="gzip")
    with django_assert_num_queries(0):
        second = client.get("/datos/avances.csv", HTTP_ACCEPT_ENCODING="gzip")
    assert second["ETag"] == first["ETag"]
    assert second["Content-Disposition"] == first["Content-Disposition"]
    builders.add_measurement(cast.indicator, date(2026, 9, 30), 60)
    rows = read_csv(client, "avances")
    assert [r["valor"] for r in rows if r["fecha_del_dato"] == "2026-09-30"] == ["60.00"]


def test_a_route_stage_is_done_only_from_the_day_it_ended(client, cast):
    (stage,) = read_csv(client, "ruta", "?fecha=2025-02-28")
    assert stage["estado"] == "planned"
    (stage,) = read_csv(client, "ruta", "?fecha=2025-03-01")
    assert stage["estado"] == "done"
