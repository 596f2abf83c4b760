"""What the public commitment page shows on one day.

`CommitmentPage` reads a commitment loaded with `Commitment.objects.with_details(day)`
and arranges it for the template; the rules themselves (semáforo, milestone percent,
report status, closing report deadline) stay in the models.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cached_property

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from commitments import charts
from commitments.models import Dimension, RatingRubric, report_status
from commitments.semaforo import ProgressSource, format_percent


@dataclass(frozen=True)
class MilestoneRow:
    milestone: object
    percent: float | None
    status: str
    # Narrative and difficulties are not dated: they belong to the live percent.
    shows_notes: bool

    @property
    def has_details(self):
        m = self.milestone
        notes = self.shows_notes and (m.narrative or m.difficulties or m.success_factors)
        return bool(notes or m.evidence_as_of)


@dataclass(frozen=True)
class RoundRow:
    round: object
    report: object
    status: str
    closed: bool


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
    return date_format(day, "d/m/Y")


class CommitmentPage:
    """The sections of the commitment page, as they stood on `as_of.day`."""

    def __init__(self, commitment, as_of):
        self.commitment = commitment
        self.as_of = as_of
        self.day = as_of.day

    @cached_property
    def verdict(self):
        return self.commitment.verdict(self.day)

    @property
    def source_label(self):
        return ProgressSource(self.verdict.source).label

    @cached_property
    def milestones(self):
        return [
            MilestoneRow(
                m, m.percent_as_of(self.day), m.status_as_of(self.day), m.is_live_on(self.day)
            )
            for m in self.commitment.milestones.all()
        ]

    @cached_property
    def rounds(self):
        reports = {report.round_id: report for report in self.commitment.round_reports.all()}
        rows = []
        for round_ in self.commitment.plan.rounds.all():
            report = reports.get(round_.pk)
            status = report_status(round_, report, self.day, starts_on=self.commitment.start_date)
            rows.append(RoundRow(round_, report, status, round_.is_closed(self.day)))
        return rows

    @cached_property
    def ratings(self):
        meanings = {(r.dimension, r.level): r.description for r in RatingRubric.objects.all()}
        order = list(Dimension.values)
        ratings = sorted(self.commitment.ratings.all(), key=lambda r: order.index(r.dimension))
        return [RatingRow(r, meanings.get((r.dimension, r.level), "")) for r in ratings]

    @property
    def assessment(self):
        assessments = self.commitment.published_assessments
        return assessments[0] if assessments else None

    @cached_property
    def closing(self):
        """The closing report once submitted, else its deadline once the commitment is complete."""
        report = getattr(self.commitment, "closing_report", None)
        if report is not None and report.submitted_on <= self.day:
            return Closing(report=report)
        due = self.commitment.closing_report_due(self.day)
        if due is None:
            return None
        return Closing(due=due, overdue=self.day > due)

    @cached_property
    def chart(self):
        """Published progress over time against the linear expectation; None before the start."""
        commitment = self.commitment
        if self.day < commitment.start_date:
            return None
        history = commitment.progress_history(self.day)
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
            "when": short_date(self.day),
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
        commitment = self.commitment
        parts = []
        if actual:
            parts.append(
                _(
                    "Línea continua con puntos: avance publicado, de %(first)s el %(start)s "
                    "a %(last)s el %(end)s."
                )
                % {
                    "first": format_percent(actual[0][1]),
                    "start": short_date(actual[0][0]),
                    "last": format_percent(current),
                    "end": short_date(self.day),
                }
            )
        else:
            parts.append(_("Aún no hay avance publicado."))
        parts.append(
            _("Línea discontinua: avance esperado, de 0 %% el %(start)s a 100 %% el %(end)s.")
            % {"start": short_date(commitment.start_date), "end": short_date(commitment.end_date)}
        )
        parts.append(_("Línea vertical punteada: %(day)s.") % {"day": short_date(self.day)})
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
    def read(cls, data):
        return cls(
            code=data.get("code", ""),
            title=data.get("title", ""),
            description=data.get("description", ""),
            goal=data.get("goal", ""),
            unit=data.get("unit", ""),
            start_date=_day(data.get("start_date")),
            end_date=_day(data.get("end_date")),
            indicators=[
                SnapshotIndicator(
                    name=i.get("name", ""),
                    unit=i.get("unit", ""),
                    baseline=_number(i.get("baseline")),
                    target=_number(i.get("target")),
                    verification=i.get("verification", ""),
                )
                for i in data.get("indicators", [])
            ],
            milestones=[
                SnapshotMilestone(
                    title=m.get("title", ""),
                    deliverable=m.get("deliverable", ""),
                    start_date=_day(m.get("start_date")),
                    end_date=_day(m.get("end_date")),
                )
                for m in data.get("milestones", [])
            ],
        )


def _day(value):
    return date.fromisoformat(value) if value else None


def _number(value):
    return Decimal(value) if value not in (None, "") else None
