"""Plans of any size for the tests that check query counts do not grow with the data."""

from datetime import date

from commitments import services
from commitments.models import Organization
from commitments.semaforo import Status
from core import clock
from tests.commitments import builders


def _observatory():
    found = Organization.objects.filter(slug="observatorio").first()
    return found or services.save(
        instance=Organization(
            name="Observatorio", slug="observatorio", kind=Organization.Kind.CIVIL_SOCIETY
        )
    )


def sized_plan(size, slug=None, plan=None):
    """A public plan with `size` commitments (added to `plan` if given), each with an
    indicator, two milestones, public facts (every second one complete, every third one
    with a status set by hand), led by one of two units and shared with the other unit and
    an organisation."""
    plan = plan or builders.make_plan(slug=slug or f"plan-{size}")
    units = [builders.make_unit("UP"), builders.make_unit("UC")]
    first = plan.commitments.count() + 1
    for number in range(first, first + size):
        lead, other = units[number % 2], units[(number + 1) % 2]
        commitment = builders.make_commitment(
            plan,
            f"C-{number:02}",
            unit=lead,
            indicators=[{"name": "Avance"}],
            milestones=[{"title": "Hito"}, {"title": "Entrega"}],
            publish=False,
        )
        with clock.moment(builders.PUBLISHED_ON):
            services.set_parties(
                commitment=commitment,
                co_responsibles=[(other, "Apoya"), (_observatory(), "Vigila")],
            )
        builders.publish_commitment(commitment)
        builders.add_measurement(commitment.indicators.get(), date(2026, 3, 1), 20)
        milestone = commitment.milestones.first()
        builders.add_progress(milestone, date(2026, 3, 1), 40)
        if number % 2:
            builders.complete_milestone(milestone, date(2026, 6, 1))
        if number % 3 == 0:
            builders.set_override(commitment, Status.AT_RISK, date(2026, 2, 1))
    return plan
