"""A version's content reads its stored JSON into typed fields and writes back the very same
JSON: no stored version needs migrating."""

import json
from datetime import date
from decimal import Decimal

from django.db import connection

from commitments import services
from commitments.content import CoResponsible, MilestoneContent, VersionContent
from commitments.models import CommitmentVersion

# A version as the code before `VersionContent` wrote it (services.version_data), keys in
# its order.
STORED_BEFORE = json.loads(
    """{"code": "DA-10", "title": "Datos abiertos", "description": "Publicar datos.",
    "goal": "100 conjuntos.", "unit_id": 3, "objective_id": 7, "contact_name": "Ana",
    "contact_role": "Enlace", "start_date": "2026-01-15", "end_date": "2027-06-30",
    "progress_source": "", "pillar_ids": [1, 4],
    "co_responsibles": [{"unit_id": null, "organization_id": 2, "role": "Apoyo"},
    {"unit_id": 5, "organization_id": null, "role": ""}],
    "indicators": [{"id": 11, "name": "Conjuntos", "unit": "conjuntos", "baseline": "0.00",
    "target": "100.50", "direction": "up", "periodicity": "trimestral", "weight": "1.00",
    "verification_means": "Portal", "verification_url": "https://datos.example/", "order": 1}],
    "milestones": [{"id": 21, "order": 1, "title": "Catálogo", "deliverable": "Un catálogo",
    "unit_id": null, "responsible_person": "Luis", "start_date": "2026-02-01",
    "end_date": "2026-12-31", "weight": "0.50"}]}"""
)


def test_reads_typed_and_writes_back_the_same_json_byte_for_byte():
    content = VersionContent.from_json(STORED_BEFORE)
    assert content.end_date == date(2027, 6, 30)
    assert content.indicators[0].target == Decimal("100.50")
    assert content.milestones[0].weight == Decimal("0.50")
    assert content.milestones[0].start_date == date(2026, 2, 1)
    assert content.co_responsibles[0] == CoResponsible(None, 2, "Apoyo")
    assert json.dumps(content.to_json()) == json.dumps(STORED_BEFORE)
    assert VersionContent.from_json(content.to_json()) == content


def test_a_milestone_round_trips_on_its_own():
    item = MilestoneContent.from_json(STORED_BEFORE["milestones"][0])
    assert MilestoneContent.from_json(item.to_json()) == item


def test_every_demo_version_round_trips(demo):
    versions = list(CommitmentVersion.objects.order_by("pk"))
    assert versions
    for version in versions:
        content = VersionContent.from_json(version.data)
        assert content.to_json() == version.data, version
        assert VersionContent.from_json(content.to_json()) == content, version
        if connection.vendor == "sqlite":  # PostgreSQL's jsonb keeps no key order
            assert json.dumps(content.to_json()) == json.dumps(version.data), version


def test_a_working_copy_reads_as_its_published_version(demo):
    for commitment in demo.commitments.all():
        last = commitment.versions.order_by("-number").first()
        if last is not None and services.snapshot(commitment) == last.content:
            assert services.snapshot(commitment).to_json() == last.data


def test_the_changes_log_names_indicators_and_milestones_as_the_latest_version(demo):
    from commitments.reader.changes import published_between

    names = {
        text
        for version in CommitmentVersion.objects.all()
        for text in [i.name for i in version.content.indicators]
        + [m.title for m in version.content.milestones]
    }
    prefixes = ("measurement-", "progress-")
    texts = [c.text for c in published_between() if c.key.startswith(prefixes)]
    assert texts and all(any(f"«{n}»" in t for n in names) for t in texts)
