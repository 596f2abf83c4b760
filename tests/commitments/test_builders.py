"""The builders write what the public then sees, on the dates the test chose."""

from datetime import date

from commitments.reader import commitment_view
from tests.commitments.builders import add_measurement, approve, complete_milestone


def test_a_value_is_public_from_its_publication_day(commitment):
    indicator = commitment.indicators.get()
    add_measurement(indicator, date(2026, 6, 30), 45, published_on=date(2026, 7, 1))

    before = commitment_view(commitment, date(2026, 6, 30)).indicators[0]
    after = commitment_view(commitment, date(2026, 7, 1)).indicators[0]

    assert before.measurements == ()
    assert [m.value for m in after.measurements] == [45]
    assert after.measurements[0].published_on == date(2026, 7, 1)


def test_a_completed_milestone_and_an_approved_change(commitment):
    milestone = commitment.milestones.get()
    complete_milestone(milestone, date(2026, 5, 4))
    approve(commitment, date(2026, 6, 12), goal="Meta modificada.")

    may = commitment_view(commitment, date(2026, 5, 31))
    june = commitment_view(commitment, date(2026, 6, 12))

    assert may.milestones[0].percent == 100
    assert may.goal == "Meta de prueba."
    assert june.goal == "Meta modificada."
    assert [v.number for v in june.versions_public] == [1, 2]
