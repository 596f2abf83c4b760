"""Plans of any size for the tests that check query counts do not grow with the data."""

from datetime import date

from commitments.semaforo import Status
from tests.commitments import builders


def sized_plan(size, slug=None, plan=None):
    """A public plan with `size` commitments (added to `plan` if given), each with an
    indicator, two milestones and public facts (every second one complete, every third one
    with a status set by hand)."""
    plan = plan or builders.make_plan(slug=slug or f"plan-{size}")
    first = plan.commitments.count() + 1
    for number in range(first, first + size):
        commitment = builders.make_commitment(
            plan,
            f"C-{number:02}",
            indicators=[{"name": "Avance"}],
            milestones=[{"title": "Hito"}, {"title": "Entrega"}],
        )
        builders.add_measurement(commitment.indicators.get(), date(2026, 3, 1), 20)
        milestone = commitment.milestones.first()
        builders.add_progress(milestone, date(2026, 3, 1), 40)
        if number % 2:
            builders.complete_milestone(milestone, date(2026, 6, 1))
        if number % 3 == 0:
            builders.set_override(commitment, Status.AT_RISK, date(2026, 2, 1))
    return plan
