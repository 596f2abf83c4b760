"""End to end on the León demo: the whole package validates, and a download costs the same
number of queries whatever the plan's size."""

import frictionless
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commitments.models import Commitment
from tests.commitments import builders
from tests.opendata.test_package import write_served_package


def test_the_demo_package_is_valid(client, demo, tmp_path):
    path = write_served_package(client, tmp_path)
    report = frictionless.validate(str(path))
    assert report.valid, report.flatten(["resourceName", "rowNumber", "type", "note"])
    rows = (tmp_path / "compromisos.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(rows) - 1 == Commitment.objects.published().count()


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_zip_costs_the_same_queries_for_more_commitments(client, cast):
    few = queries(client, "/datos/paquete.zip")
    for code in ("DA-02", "DA-03", "DA-04"):
        builders.make_commitment(
            cast.plan, code, indicators=[{"name": code}], milestones=[{"title": code}]
        )
    assert queries(client, "/datos/paquete.zip") == few
