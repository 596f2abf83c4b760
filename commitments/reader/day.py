"""The day a page shows, from the day its query asked for (read at the edge, core/params.py)."""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from core import clock


@dataclass(frozen=True)
class Day:
    """The day a page shows: today, a past date (`?fecha=`) or a round's close (`?corte=`)."""

    day: date
    is_past: bool = False
    round: object = None
    error: str = ""


def day_on(asked, plan, rounds=None):
    """The day `asked` (a `core.params.Asked`) shows of `plan`: a round asked for is found
    among the plan's and shows its close; one the plan lacks shows today and says why.

    `rounds` are the plan's reporting rounds when the caller has them already."""
    if asked.round_number is None:
        return Day(asked.day, is_past=asked.is_past, error=asked.error)
    today = clock.today()
    number = asked.round_number
    round_ = None
    if plan is not None:
        if rounds is None:
            round_ = plan.rounds.filter(number=number).first()
        else:
            round_ = next((r for r in rounds if r.number == number), None)
    if round_ is None:
        return Day(today, error=_("No existe el corte «%(n)s».") % {"n": str(number)[:20]})
    day = min(round_.deadline, today)
    return Day(day, is_past=day < today, round=round_)
