"""Time travel: which day a public page shows the plan as it stood."""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from commitments.models import ReportingRound


@dataclass(frozen=True)
class AsOf:
    day: date
    is_past: bool = False
    round: ReportingRound | None = None
    error: str = ""


def resolve_as_of(request, plan):
    """Read `?fecha=AAAA-MM-DD` or `?corte=N` from the query string.

    A bad value never breaks the page: it shows today and says what was wrong.
    """
    today = timezone.localdate()
    round_number = request.GET.get("corte", "").strip()
    raw = request.GET.get("fecha", "").strip()
    if round_number:
        round_ = None
        if round_number.isdigit() and plan is not None:
            round_ = plan.rounds.filter(number=int(round_number)).first()
        if round_ is None:
            return AsOf(today, error=_("No existe el corte «%(n)s».") % {"n": round_number[:20]})
        day = min(round_.deadline, today)
        return AsOf(day, is_past=day < today, round=round_)
    if not raw:
        return AsOf(today)
    try:
        if len(raw) != 10:
            raise ValueError
        day = date.fromisoformat(raw)
    except ValueError:
        return AsOf(
            today,
            error=_("La fecha «%(raw)s» no es válida; use el formato AAAA-MM-DD.")
            % {"raw": raw[:20]},
        )
    if day >= today:
        return AsOf(today)
    return AsOf(day, is_past=True)
