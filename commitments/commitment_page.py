"""What the public commitment page shows on one day, arranged for its template.

The facts come from `commitments.reader` (what was public at the end of the day); the
rule from `commitments.semaforo`. This module only lays them out: chart, sections, snapshot.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import cached_property

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from commitments import charts
from commitments.semaforo import Status, format_percent


@dataclass(frozen=True)
class RatingRow:
    rating: object
    meaning: str


@dataclass(frozen=True)
class Closing:
    report: object = None
    due: date | None = None
    overdue: bool = False


@dataclass(frozen=True)
class ChartRow:
    day: date
    progress: float | None
    expected: float | None


@dataclass(frozen=True)
class Chart:
    geometry: charts.ProgressChart
    rows: list
    message: str
    description: str


def short_date(day):
    return date_format(day, "SHORT_DATE_FORMAT")


class CommitmentPage:
    """The sections of the commitment page, as public at the end of `as_of.day`.

    It arranges what `reader.CommitmentView` read for the template; it reads nothing else.
    """

    def __init__(self, view, as_of):
        self.view = view
        self.as_of = as_of
        self.day = as_of.day
        row = view.row
        self.pk = row.pk
        self.slug = row.slug
        self.code = row.code
        self.title = row.title
        self.description = row.description
        self.axis = row.axis
        self.objective = row.objective
        self.unit = row.unit
        self.pillars = row.pillars
        self.co_parties = row.co_parties
        self.is_example = row.is_example
        self.start_date = row.start
        self.end_date = row.end
        self.plan = view.plan
        self.goal = view.goal
        self.contact_name = view.contact_name
        self.contact_role = view.contact_role

    def get_absolute_url(self):
        return reverse("commitment", args=[self.slug])

    @property
    def verdict(self):
        return self.view.verdict

    @property
    def source_label(self):
        return self.view.source_label

    @property
    def indicators(self):
        return self.view.indicators

    @property
    def milestones(self):
        return self.view.milestones

    @property
    def general_evidence(self):
        return self.view.general_evidence

    @property
    def rounds(self):
        return self.view.rounds

    @property
    def ratings(self):
        return [RatingRow(rating, meaning) for rating, meaning in self.view.ratings]

    @property
    def assessment(self):
        return self.view.assessment

    @property
    def modifications(self):
        return self.view.modifications

    @property
    def history(self):
        return self.view.history

    @property
    def has_original(self):
        return len(self.view.versions_public) > 1

    @cached_property
    def closing(self):
        """The closing report once delivered, else its deadline once the commitment is complete."""
        report = self.view.closing_report
        if report is not None:
            return Closing(report=report)
        done = self._completed_on()
        if done is None:
            return None
        due = done + timedelta(days=self.plan.closing_report_days)
        return Closing(due=due, overdue=self.day > due)

    def _completed_on(self):
        if self.verdict.status != Status.COMPLETE:
            return None
        if self.verdict.overridden:
            return self.verdict.override_since
        history = self.view.progress_history
        complete = [day for day, v in history if v.status == Status.COMPLETE]
        return complete[0] if complete else self.day

    @cached_property
    def chart(self):
        """Published progress over time against the linear expectation; None before the start."""
        commitment = self
        if self.day < commitment.start_date:
            return None
        history = self.view.progress_history
        actual = [(day, v.progress) for day, v in history if v.progress is not None]
        if actual and actual[0][0] > commitment.start_date:
            # Progress is measured from the baseline, so the line starts at 0 % on day one.
            actual.insert(0, (commitment.start_date, 0.0))
        current = self.verdict.progress if actual else None
        expected = {commitment.start_date: 0.0}
        expected.update((day, v.expected) for day, v in history if day >= commitment.start_date)
        expected[self.day] = self.verdict.expected
        expected.setdefault(commitment.end_date, 100.0)
        expected = sorted(expected.items())

        geometry = charts.progress_chart(
            start=commitment.start_date,
            end=commitment.end_date,
            today=self.day,
            actual=actual,
            current=current,
            expected=expected,
            actual_label=_("Avance %(p)s") % {"p": format_percent(current)} if actual else "",
            expected_label=_("Esperado"),
            today_label=_("Al %(day)s") % {"day": short_date(self.day)}
            if self.as_of.is_past
            else _("Hoy"),
            format_tick=lambda day: date_format(day, "b Y"),
        )
        by_day_actual, by_day_expected = dict(actual), dict(expected)
        if current is not None:
            by_day_actual[self.day] = current
        rows = [
            ChartRow(day, by_day_actual.get(day), by_day_expected.get(day))
            for day in sorted(by_day_actual.keys() | by_day_expected.keys())
        ]
        return Chart(
            geometry=geometry,
            rows=rows,
            message=self._chart_message(),
            description=self._chart_description(actual, current),
        )

    def _chart_message(self):
        verdict = self.verdict
        values = {
            "when": date_format(self.day),
            "progress": format_percent(verdict.progress or 0),
            "expected": format_percent(verdict.expected or 0),
        }
        if verdict.progress is None:
            return _("Al %(when)s no hay avances publicados; se esperaba %(expected)s.") % values
        if verdict.progress >= 100:
            return _("Al %(when)s alcanzó el 100 %% de avance.") % values
        gap = round(verdict.gap)
        if gap == 0:
            return _("Al %(when)s avanza al ritmo esperado (%(progress)s).") % values
        values["points"] = abs(gap)
        if gap > 0:
            sentence = ngettext(
                "Al %(when)s avanza %(points)s punto por debajo de lo esperado "
                "(%(progress)s de %(expected)s).",
                "Al %(when)s avanza %(points)s puntos por debajo de lo esperado "
                "(%(progress)s de %(expected)s).",
                abs(gap),
            )
        else:
            sentence = ngettext(
                "Al %(when)s avanza %(points)s punto por encima de lo esperado "
                "(%(progress)s de %(expected)s).",
                "Al %(when)s avanza %(points)s puntos por encima de lo esperado "
                "(%(progress)s de %(expected)s).",
                abs(gap),
            )
        return sentence % values

    def _chart_description(self, actual, current):
        commitment = self
        parts = []
        if actual:
            parts.append(
                _(
                    "Línea continua con puntos: avance publicado, de %(first)s el %(start)s "
                    "a %(last)s el %(end)s."
                )
                % {
                    "first": format_percent(actual[0][1]),
                    "start": date_format(actual[0][0]),
                    "last": format_percent(current),
                    "end": date_format(self.day),
                }
            )
        else:
            parts.append(_("Aún no hay avance publicado."))
        parts.append(
            _("Línea discontinua: avance esperado, de 0 %% el %(start)s a 100 %% el %(end)s.")
            % {"start": date_format(commitment.start_date), "end": date_format(commitment.end_date)}
        )
        parts.append(_("Línea vertical punteada: %(day)s.") % {"day": date_format(self.day)})
        return " ".join(parts)


@dataclass(frozen=True)
class SnapshotIndicator:
    name: str
    unit: str
    baseline: Decimal | None
    target: Decimal | None
    verification: str


@dataclass(frozen=True)
class SnapshotMilestone:
    title: str
    deliverable: str
    start_date: date | None
    end_date: date | None


@dataclass(frozen=True)
class Snapshot:
    """An approved version of a commitment, read back from its JSON record."""

    code: str
    title: str
    description: str
    goal: str
    unit: str
    start_date: date | None
    end_date: date | None
    indicators: list
    milestones: list

    @classmethod
    def read(cls, content, unit_name=""):
        """From a version's `VersionContent`."""
        return cls(
            code=content.code,
            title=content.title,
            description=content.description,
            goal=content.goal,
            unit=unit_name,
            start_date=content.start_date,
            end_date=content.end_date,
            indicators=[
                SnapshotIndicator(
                    name=i.name,
                    unit=i.unit,
                    baseline=i.baseline,
                    target=i.target,
                    # The page has shown none so far: a version names it
                    # `verification_means` (kept as it was: no change in behaviour).
                    verification="",
                )
                for i in content.indicators
            ],
            milestones=[
                SnapshotMilestone(
                    title=m.title,
                    deliverable=m.deliverable,
                    start_date=m.start_date,
                    end_date=m.end_date,
                )
                for m in content.milestones
            ],
        )
