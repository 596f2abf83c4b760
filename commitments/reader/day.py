"""The day a page shows, read from `?fecha=AAAA-MM-DD` or `?corte=N` at the edge."""

import re
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from portal import clock

# --- The day shown ---------------------------------------------------------------------

ROUND_NUMBER = re.compile(r"[0-9]{1,4}")
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@dataclass(frozen=True)
class Day:
    """The day a page shows: today, a past date (`?fecha=`) or a round's close (`?corte=`)."""

    day: date
    is_past: bool = False
    round: object = None
    error: str = ""


def resolve_day(request, plan, rounds=None):
    """Read `?fecha=AAAA-MM-DD` or `?corte=N`; a bad value shows today and says why.

    `rounds` are the plan's reporting rounds when the caller has them already."""
    today = clock.today()
    round_number = request.GET.get("corte", "").strip()
    raw = request.GET.get("fecha", "").strip()
    if round_number:
        round_ = None
        if ROUND_NUMBER.fullmatch(round_number) and plan is not None:
            number = int(round_number)
            if rounds is None:
                round_ = plan.rounds.filter(number=number).first()
            else:
                round_ = next((r for r in rounds if r.number == number), None)
        if round_ is None:
            return Day(today, error=_("No existe el corte «%(n)s».") % {"n": round_number[:20]})
        day = min(round_.deadline, today)
        return Day(day, is_past=day < today, round=round_)
    if not raw:
        return Day(today)
    try:
        # Only AAAA-MM-DD: Python also reads 20260630 and other ISO forms nobody typed here.
        if not ISO_DATE.fullmatch(raw):
            raise ValueError
        day = date.fromisoformat(raw)
    except ValueError:
        return Day(
            today,
            error=_("La fecha «%(raw)s» no es válida; usa el formato AAAA-MM-DD.")
            % {"raw": raw[:20]},
        )
    if day >= today:
        return Day(today)
    return Day(day, is_past=True)
