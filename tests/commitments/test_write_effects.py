"""A write's effects are steps of the write (issue 28): however many services nest inside one
transaction, each touched commitment's stored states are rebuilt once and the shared content
version moves once, at the commit; a draft moves nothing public."""

from datetime import date

import pytest

from commitments import projection, services
from core import clock, content_version
from tests.commitments import builders


@pytest.fixture
def effects(monkeypatch):
    seen = {"rebuilt": [], "bumps": 0}
    rebuild = projection.rebuild

    def counted_rebuild(ids):
        seen["rebuilt"].append(sorted(ids))
        return rebuild(ids)

    def counted_bump():
        seen["bumps"] += 1

    monkeypatch.setattr(projection, "rebuild", counted_rebuild)
    monkeypatch.setattr(content_version, "_bump", counted_bump)
    return seen


@services.service
def three_values_on_two_commitments(*, first, second):
    """An outer service calling others, as an import does."""
    for day, value in ((date(2026, 3, 31), 10), (date(2026, 6, 30), 30)):
        services.record_measurement(
            indicator=first.indicators.get(), date=day, value=value, publish=True
        )
    services.record_measurement(
        indicator=second.indicators.get(), date=date(2026, 6, 30), value=50, publish=True
    )


# Real commits: the version moves when the transaction commits, not inside a test's.
@pytest.mark.django_db(transaction=True)
def test_nested_services_rebuild_each_commitment_once_and_bump_once(plan, effects):
    first = builders.make_commitment(plan, "C-01", indicators=[{"name": "Uno"}])
    second = builders.make_commitment(plan, "C-02", indicators=[{"name": "Dos"}])
    effects["rebuilt"].clear()
    effects["bumps"] = 0

    with clock.moment(date(2026, 7, 1)):
        three_values_on_two_commitments(first=first, second=second)

    assert effects["rebuilt"] == [sorted([first.pk, second.pk])]
    assert effects["bumps"] == 1


@pytest.mark.django_db(transaction=True)
def test_a_draft_leaves_the_public_version_alone(commitment, effects):
    effects["bumps"] = 0
    with clock.moment(date(2026, 7, 1)):
        services.record_measurement(
            indicator=commitment.indicators.get(), date=date(2026, 6, 30), value=30
        )
    assert effects["bumps"] == 0
