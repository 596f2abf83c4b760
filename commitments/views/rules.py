"""«¿Cómo se calcula el semáforo?»: the rule explained from each plan's real settings."""

from dataclasses import dataclass
from datetime import date

from django.shortcuts import render
from django.utils.translation import gettext as _

from commitments import reader, semaforo
from commitments.semaforo import PERIOD_DAYS, ProgressSource, Status
from core import clock
from core.cache import public_page

# A one-year commitment seen halfway through (expected 50 %), for the worked examples.
EXAMPLE_START = date(2026, 1, 1)
EXAMPLE_END = date(2026, 12, 31)
EXAMPLE_DAY = date(2026, 7, 2)
LATE_START = date(2026, 9, 1)
LATE_END = date(2027, 8, 31)


@dataclass(frozen=True)
class Example:
    description: str
    verdict: semaforo.Verdict


def examples(plan):
    thresholds = plan.thresholds
    expected = semaforo.expected_progress(EXAMPLE_START, EXAMPLE_END, EXAMPLE_DAY)
    cases = [
        (_("Reporta %(p)s cuando se esperaba %(e)s."), expected - thresholds.green_max_gap + 2),
        (_("Reporta %(p)s cuando se esperaba %(e)s."), expected - thresholds.green_max_gap - 5),
        (_("Reporta %(p)s cuando se esperaba %(e)s."), expected - thresholds.yellow_max_gap - 5),
    ]
    found = []
    for text, progress in cases:
        indicator = semaforo.IndicatorInput(
            baseline=0, target=100, latest_value=progress, latest_date=EXAMPLE_DAY
        )
        verdict = semaforo.judge(
            start=EXAMPLE_START,
            end=EXAMPLE_END,
            on=EXAMPLE_DAY,
            thresholds=thresholds,
            indicators=[indicator],
        )
        values = {"p": semaforo.format_percent(progress), "e": semaforo.format_percent(expected)}
        found.append(Example(text % values, verdict))
    silent = semaforo.judge(
        start=EXAMPLE_START,
        end=EXAMPLE_END,
        on=EXAMPLE_DAY,
        thresholds=thresholds,
        indicators=[semaforo.IndicatorInput(baseline=0, target=100)],
    )
    found.append(Example(_("No ha publicado ningún avance desde que empezó."), silent))
    # Seen on the same day as the others, a commitment that starts later.
    early = semaforo.judge(
        start=LATE_START,
        end=LATE_END,
        on=EXAMPLE_DAY,
        thresholds=thresholds,
        indicators=[semaforo.IndicatorInput(baseline=0, target=100)],
    )
    found.append(Example(_("Aún no llega su fecha de inicio."), early))
    return found


@public_page
def semaforo_rules(request):
    plans = reader.published_plans(clock.today())
    chosen = next((p for p in plans if p.slug == request.GET.get("plan")), None)
    plan = chosen or (plans[0] if plans else None)
    context = {
        "plan": plan,
        "plans": plans,
        "statuses": [
            (Status(s), semaforo.STATUS_ICONS[Status(s)]) for s in semaforo.SEVERITY_ORDER
        ],
        "periods": [(label, PERIOD_DAYS[value]) for value, label in _periodicities()],
        "sources": ProgressSource.choices,
    }
    if plan is not None:
        context |= {
            "thresholds": plan.thresholds,
            "source_label": ProgressSource(plan.default_progress_source).label,
            "examples": examples(plan),
            "example_start": EXAMPLE_START,
            "example_end": EXAMPLE_END,
            "example_day": EXAMPLE_DAY,
            "closed": plan.exercise.end_date < clock.today(),
        }
    return render(request, "commitments/semaforo_rules.html", context)


def _periodicities():
    from commitments.models import Indicator

    return Indicator.Periodicity.choices
