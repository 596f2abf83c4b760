"""The Data Package validates with frictionless, the zip holds it, the DCAT catalogue and the
schema.org block parse with the types a harvester and a search engine look for."""

import io
import json
import re
import zipfile
from datetime import date

import frictionless
import rdflib
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core import clock
from opendata.tables import tables
from secretariat import services as secretariat_services
from secretariat.models import Agreement
from tests.commitments import builders
from tests.opendata.conftest import held_session_with_agreement


def write_served_package(client, folder, query=""):
    """The package as the site serves it: the descriptor and the CSV each path names."""
    descriptor = client.get(f"/datos/datapackage.json{query}")
    (folder / "datapackage.json").write_bytes(descriptor.content)
    for resource in json.loads(descriptor.content)["resources"]:
        # The path is relative to the descriptor: /datos/<tabla>.csv.
        assert resource["path"] == f"{resource['name']}.csv{query}"
        download = client.get(f"/datos/{resource['path']}")
        assert download.status_code == 200
        (folder / f"{resource['name']}.csv").write_bytes(download.content)
        resource["path"] = f"{resource['name']}.csv"
    return folder / "datapackage.json"


def test_the_served_package_is_valid_with_its_keys(client, cast, tmp_path):
    path = write_served_package(client, tmp_path)
    report = frictionless.validate(str(path))
    assert report.valid, report.flatten(["resourceName", "rowNumber", "type", "note"])
    descriptor = json.loads(path.read_text())
    assert descriptor["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    assert "profile" not in descriptor
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    measurements = next(r for r in descriptor["resources"] if r["name"] == "avances")
    assert measurements["encoding"] == "utf-8-sig"
    assert measurements["schema"]["primaryKey"] == ["id"]
    assert {"fields": ["corrige_a"], "reference": {"resource": "", "fields": ["id"]}} in (
        measurements["schema"]["foreignKeys"]
    )


def test_a_broken_reference_would_be_caught(client, cast, tmp_path):
    path = write_served_package(client, tmp_path)
    indicators = tmp_path / "indicadores.csv"
    header, row = indicators.read_text(encoding="utf-8-sig").splitlines()
    fields = row.split(",")
    fields[1] = "999999"
    indicators.write_text(f"{header}\n{','.join(fields)}\n", encoding="utf-8-sig")
    report = frictionless.validate(str(path))
    assert not report.valid
    assert report.flatten(["type"]) == [["foreign-key"]]


def test_a_dated_package_points_at_the_same_days_downloads(client, cast):
    descriptor = json.loads(client.get("/datos/datapackage.json?fecha=2026-05-04").content)
    assert {r["path"] for r in descriptor["resources"]} == {
        f"{t.name}.csv?fecha=2026-05-04" for t in tables()
    }
    assert descriptor["version"] == "2026-05-04"


def test_the_zip_holds_the_descriptor_and_every_csv_of_its_day(client, cast):
    response = client.get("/datos/paquete-2026-05-04.zip")
    assert response["Content-Disposition"] == 'attachment; filename="paquete-2026-05-04.zip"'
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert sorted(archive.namelist()) == sorted(
        ["datapackage.json", *(f"{t.name}.csv" for t in tables())]
    )
    measurements = archive.read("avances.csv").decode("utf-8-sig")
    assert measurements == client.get("/datos/avances.csv?fecha=2026-05-04").content.decode(
        "utf-8-sig"
    )
    same = client.get("/datos/paquete.zip?fecha=2026-05-04")
    assert same["Content-Disposition"] == 'attachment; filename="paquete-2026-05-04.zip"'


def test_the_dcat_catalogue_has_a_dataset_per_table_and_a_distribution_per_format(client, cast):
    response = client.get("/datos/catalogo.jsonld")
    assert response["Content-Type"] == "application/ld+json"
    catalogue = json.loads(response.content)
    assert catalogue["@type"] == "dcat:Catalog"
    datasets = catalogue["dcat:dataset"]
    assert [d["dct:title"]["@value"] for d in datasets] == [str(t.title) for t in tables()]
    for dataset in datasets:
        assert dataset["@type"] == "dcat:Dataset"
        assert dataset["dct:license"] == {
            "@id": "https://creativecommons.org/licenses/by/4.0/deed.es"
        }
        assert dataset["dct:modified"]["@value"] == "2026-07-20"
        assert dataset["dct:publisher"]["foaf:name"] == "Municipio de León, Guanajuato"
        assert dataset["dcat:contactPoint"]["vcard:hasEmail"]["@id"].startswith("mailto:")
        distributions = dataset["dcat:distribution"]
        assert [d["dcat:mediaType"] for d in distributions] == [
            "text/csv",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/json",
        ]
        assert all(d["@type"] == "dcat:Distribution" for d in distributions)
    csv_url = datasets[0]["dcat:distribution"][0]["dcat:downloadURL"]["@id"]
    assert csv_url == f"{settings.SITE_URL}/datos/compromisos.csv"
    assert client.get(csv_url.removeprefix(settings.SITE_URL)).status_code == 200


def test_the_dcat_catalogue_reads_as_rdf(client, cast):
    graph = rdflib.Graph().parse(
        data=client.get("/datos/catalogo.jsonld").content, format="json-ld"
    )
    dcat = rdflib.Namespace("http://www.w3.org/ns/dcat#")
    assert len(list(graph.subjects(rdflib.RDF.type, dcat.Dataset))) == len(tables())


def test_the_page_describes_itself_as_a_schema_org_dataset(client, cast):
    response = client.get("/datos/")
    html = response.content.decode()
    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    dataset = json.loads(block)
    assert dataset["@type"] == "Dataset"
    assert dataset["license"] == "https://creativecommons.org/licenses/by/4.0/deed.es"
    assert {"@type", "encodingFormat", "contentUrl", "name"} <= set(dataset["distribution"][0])
    # The CSP blocks inline scripts; a JSON-LD data block is never run, and nothing else is.
    assert "script-src 'self'" in response["Content-Security-Policy"]


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_zip_costs_the_same_queries_for_more_commitments_and_sessions(client, cast):
    few = queries(client, "/datos/paquete.zip")
    for number, code in enumerate(("DA-02", "DA-03", "DA-04"), start=3):
        builders.make_commitment(
            cast.plan, code, indicators=[{"name": code}], milestones=[{"title": code}]
        )
        _session, agreement = held_session_with_agreement(
            number, date(2026, number, 1), f"A-{number}"
        )
        with clock.moment(date(2026, number, 2)):
            secretariat_services.record_follow_up(
                agreement=agreement, status=Agreement.Status.IN_PROGRESS, date=date(2026, number, 2)
            )
    assert queries(client, "/datos/paquete.zip") == few
