"""End to end on the León demo: the whole package validates."""

import frictionless

from commitments.models import Commitment
from tests.opendata.test_package import write_served_package


def test_the_demo_package_is_valid(client, demo, tmp_path):
    path = write_served_package(client, tmp_path)
    report = frictionless.validate(str(path))
    assert report.valid, report.flatten(["resourceName", "rowNumber", "type", "note"])
    rows = (tmp_path / "compromisos.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(rows) - 1 == Commitment.objects.published().count()
