"""The semáforo: one rule that turns progress numbers into a public status.

Everything here takes plain values (numbers and dates) so the rule can be tested
exhaustively without a database, and so querysets, pages, reports and open data
all read the same verdict.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import l10n

ONE_DAY = timedelta(days=1)


class Status(models.TextChoices):
    COMPLETE = "completo", gettext_lazy("Completo")
    ON_TRACK = "en_tiempo", gettext_lazy("En tiempo")
    DELAYED = "con_retraso", gettext_lazy("Con retraso")
    AT_RISK = "atrasado", gettext_lazy("Atrasado")
    NOT_STARTED = "no_iniciado", gettext_lazy("No iniciado")


STATUS_ICONS = {
    Status.COMPLETE: "check",
    Status.ON_TRACK: "dot",
    Status.DELAYED: "triangle",
    Status.AT_RISK: "octagon",
    Status.NOT_STARTED: "ring",
}

# From done to most behind: the order a legend lists the statuses in.
SEVERITY_ORDER = [
    Status.COMPLETE,
    Status.ON_TRACK,
    Status.DELAYED,
    Status.AT_RISK,
    Status.NOT_STARTED,
]

# The statuses of a commitment behind its schedule, the furthest behind first.
LATE = (Status.AT_RISK, Status.DELAYED)

# The flag shown beside a status when data is older than the indicator's periodicity.
STALE = "sin_actualizar"
STALE_LABEL = gettext_lazy("Sin actualizar")


class CompletionLevel(models.TextChoices):
    """How OGP rates completion."""

    NOT_STARTED = "no_iniciado", gettext_lazy("No iniciado")
    LIMITED = "limitado", gettext_lazy("Limitado")
    SUBSTANTIAL = "sustancial", gettext_lazy("Sustancial")
    COMPLETE = "completo", gettext_lazy("Completo")


class ProgressSource(models.TextChoices):
    INDICATORS = "indicadores", gettext_lazy("Indicadores")
    MILESTONES = "hitos", gettext_lazy("Hitos")
    BOTH = "ambos", gettext_lazy("Indicadores e hitos")


SOURCE_PHRASES = {
    ProgressSource.INDICATORS: gettext_lazy("según sus indicadores"),
    ProgressSource.MILESTONES: gettext_lazy("según sus hitos"),
    ProgressSource.BOTH: gettext_lazy("según sus indicadores e hitos"),
}


@dataclass(frozen=True)
class Thresholds:
    """Largest gap (percentage points behind expected) still rated green, then yellow."""

    green_max_gap: float = 10
    yellow_max_gap: float = 25


def clamp(value, low=0.0, high=100.0):
    return max(low, min(high, value))


def indicator_progress(baseline, target, value):
    """Share of the way from baseline to target, in percent; works for decreasing targets."""
    if value is None:
        return None
    baseline, target, value = float(baseline), float(target), float(value)
    if target == baseline:
        return 100.0 if value == target else 0.0
    return clamp((value - baseline) / (target - baseline) * 100)


def expected_progress(start, end, on):
    """Linear expectation: 0 % on the start date, 100 % on the end date."""
    if on <= start:
        return 0.0
    if on >= end:
        return 100.0
    return clamp((on - start).days / (end - start).days * 100)


def weighted_mean(pairs):
    """Mean of (value, weight) pairs, skipping missing values and weights that are not
    positive; None when nothing is left (never a division by zero)."""
    # One pass, no lists: lists call this for every commitment they show.
    total = weighted = 0.0
    for value, weight in pairs:
        if value is None or not weight:
            continue
        weight = float(weight)
        if weight > 0:
            total += weight
            weighted += float(value) * weight
    return weighted / total if total > 0 else None


def completion_level(progress):
    if progress is None or progress <= 0:
        return CompletionLevel.NOT_STARTED
    if progress >= 100:
        return CompletionLevel.COMPLETE
    if progress >= 50:
        return CompletionLevel.SUBSTANTIAL
    return CompletionLevel.LIMITED


def format_percent(value):
    return l10n.percent(round(value), space=" ")


# --- Inputs: what the rule needs, as plain values ---------------------------------

# Days a published value stays current, by periodicity, with two weeks' grace to publish it.
PERIOD_DAYS = {
    "mensual": 31 + 14,
    "trimestral": 92 + 14,
    "semestral": 183 + 14,
    "anual": 366 + 14,
}


@dataclass(frozen=True)
class IndicatorInput:
    """One indicator on the day judged: its definition then and its latest public value."""

    baseline: float
    target: float
    weight: float = 1
    periodicity: str = "trimestral"
    latest_value: float | None = None
    latest_date: date | None = None

    @property
    def progress(self):
        return indicator_progress(self.baseline, self.target, self.latest_value)


@dataclass(frozen=True)
class MilestoneInput:
    """One milestone on the day judged: its dates and weight then, its latest public percent."""

    start: date
    end: date
    weight: float = 1
    percent: float | None = None
    cancelled: bool = False


@dataclass(frozen=True)
class OverrideInput:
    status: str
    reason: str
    since: date


@dataclass(frozen=True)
class Part:
    """What one progress source says: progress (0 when nothing is reported), expected,
    whether anything was reported, whether it is out of date."""

    progress: float
    expected: float
    has_data: bool
    stale: bool = False


def stale_after(periodicity, latest_date, progress, start):
    """The last day an indicator's data is current; after it the data is out of date.

    None when it never goes stale (a finished indicator)."""
    allowed = timedelta(days=PERIOD_DAYS.get(periodicity, PERIOD_DAYS["trimestral"]))
    if latest_date is None:
        return start + allowed
    if progress is not None and progress >= 100:
        return None
    return latest_date + allowed


@dataclass(frozen=True)
class RuleInputs:
    """A commitment's indicators and milestones reduced to what the rule needs on any day
    of a stretch in which none of its public facts changes.

    Only the expectation and the staleness move with the day judged, so lists judge
    thousands of commitments from these (kept by `commitments.projection`) without
    reading a single fact.
    """

    indicator_progress: float = 0.0
    indicators_reported: bool = False
    # Data goes stale on the days after this one; None: never.
    stale_after: date | None = None
    milestone_progress: float = 0.0
    milestones_reported: bool = False
    # (start, end, weight) of each milestone not cancelled: they set the expectation.
    windows: tuple = ()


def reduce_inputs(*, start, indicators=(), milestones=()):
    indicators = list(indicators)
    limits = [stale_after(i.periodicity, i.latest_date, i.progress, start) for i in indicators]
    active = [m for m in milestones if not m.cancelled]
    return RuleInputs(
        indicator_progress=weighted_mean((i.progress or 0, i.weight) for i in indicators) or 0.0,
        indicators_reported=any(i.latest_value is not None for i in indicators),
        stale_after=min((d for d in limits if d is not None), default=None),
        milestone_progress=weighted_mean((m.percent or 0, m.weight) for m in active) or 0.0,
        milestones_reported=any(m.percent for m in active),
        windows=tuple((m.start, m.end, m.weight) for m in active),
    )


def parts_for(source, inputs, *, start, end, on):
    parts = []
    if source in (ProgressSource.INDICATORS, ProgressSource.BOTH):
        parts.append(
            Part(
                progress=inputs.indicator_progress,
                expected=expected_progress(start, end, on),
                has_data=inputs.indicators_reported,
                stale=inputs.stale_after is not None and on > inputs.stale_after,
            )
        )
    if source in (ProgressSource.MILESTONES, ProgressSource.BOTH):
        expected = weighted_mean((expected_progress(s, e, on), w) for s, e, w in inputs.windows)
        parts.append(
            Part(
                progress=inputs.milestone_progress,
                expected=expected_progress(start, end, on) if expected is None else expected,
                has_data=inputs.milestones_reported,
            )
        )
    return parts


# --- The verdict -------------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    status: str
    progress: float | None
    expected: float | None
    as_of: date
    source: str
    stale: bool = False
    overridden: bool = False
    override_reason: str = ""
    override_since: date | None = None
    # What the numbers alone give; differs from `status` only when overridden.
    computed_status: str = ""
    has_data: bool = True
    start: date | None = None
    sentence_kind: str = ""
    parts: tuple = field(default=(), compare=False)

    @property
    def explanation(self):
        return explain(self)

    @property
    def label(self):
        return Status(self.status).label

    @property
    def icon(self):
        return STATUS_ICONS[Status(self.status)]

    @property
    def computed_label(self):
        return Status(self.computed_status or self.status).label

    @property
    def computed_icon(self):
        return STATUS_ICONS[Status(self.computed_status or self.status)]

    @property
    def level(self):
        return completion_level(self.progress)

    @property
    def gap(self):
        if self.progress is None or self.expected is None:
            return None
        return self.expected - self.progress

    @property
    def progress_display(self):
        return round(self.progress or 0)

    @property
    def expected_display(self):
        return round(self.expected or 0)


def judge(
    *,
    start,
    end,
    on,
    source=ProgressSource.INDICATORS,
    thresholds=Thresholds(),
    indicators=(),
    milestones=(),
    override=None,
):
    """The status of a commitment on day `on`, from plain inputs, with its one sentence."""
    return judge_reduced(
        reduce_inputs(start=start, indicators=indicators, milestones=milestones),
        start=start,
        end=end,
        on=on,
        source=source,
        thresholds=thresholds,
        override=override,
    )


def judge_reduced(
    inputs,
    *,
    start,
    end,
    on,
    source=ProgressSource.INDICATORS,
    thresholds=Thresholds(),
    override=None,
):
    """`judge` from inputs already reduced by `reduce_inputs`."""
    parts = parts_for(source, inputs, start=start, end=end, on=on)
    has_data = any(p.has_data for p in parts)
    progress = weighted_mean((p.progress, 1) for p in parts) if parts else None
    expected = weighted_mean((p.expected, 1) for p in parts) if parts else None
    if expected is None:
        expected = expected_progress(start, end, on)
    return evaluate(
        progress=progress if has_data else None,
        expected=expected,
        start=start,
        as_of=on,
        has_data=has_data,
        source=source,
        thresholds=thresholds,
        stale=any(p.stale for p in parts),
        override=override,
        parts=tuple(parts),
    )


# --- When a verdict can change -------------------------------------------------------


def breakpoints(inputs, *, start, end, judged_until, overrides=()):
    """The days on which the verdict of these inputs may change other than by growing gap.

    The rule's promise, which the stored states rely on (`commitments.projection`): between
    two consecutive breakpoints, with the same inputs,

    - the expected progress is a straight line in the day (`expected_progress` of the
      commitment and of each milestone window; a weighted mean of lines is a line), so it
      only grows or stays;
    - progress, data and the override do not change, and «sin actualizar» does not flip;

    so the gap only grows and the status moves one way (en tiempo, con retraso, atrasado):
    a day where it differs from the first day's can be found by bisection.

    The breakpoints: the commitment's start and end and its milestones' (where a line
    bends), the day after the data goes stale, each override's first day and the day after
    its last, and the day after `judged_until` (a closed plan is judged at its end).
    `overrides` are (status, reason, first day, last day or None).
    """
    days = {start, end, judged_until + ONE_DAY}
    days.update(day for s, e, _w in inputs.windows for day in (s, e))
    if inputs.stale_after is not None:
        days.add(inputs.stale_after + ONE_DAY)
    for _status, _reason, starts, ends in overrides:
        days.add(starts)
        if ends is not None:
            days.add(ends + ONE_DAY)
    return days


# Which sentence explains a verdict (see `explain`).
COMPLETE_SENTENCE = "completo"
BEFORE_START = "antes_del_inicio"
NOTHING_REPORTED = "sin_reporte"
BY_GAP = "brecha"


def classify(gap, thresholds):
    if gap <= thresholds.green_max_gap:
        return Status.ON_TRACK
    if gap <= thresholds.yellow_max_gap:
        return Status.DELAYED
    return Status.AT_RISK


def evaluate(
    *,
    progress,
    expected,
    start,
    as_of,
    has_data,
    source=ProgressSource.INDICATORS,
    thresholds=Thresholds(),
    stale=False,
    override=None,
    parts=(),
):
    """Decide the status on `as_of` and say why in one sentence.

    "No iniciado" only before the start date. From the start on, a commitment without
    reported progress counts as 0 % and is rated by its gap like any other.
    """
    common = {
        "as_of": as_of,
        "source": source,
        "expected": expected,
        "has_data": has_data,
        "start": start,
        "parts": parts,
    }
    if has_data and progress is not None and progress >= 100:
        status, shown, kind = Status.COMPLETE, 100.0, COMPLETE_SENTENCE
    elif as_of < start:
        status, shown, kind = Status.NOT_STARTED, progress, BEFORE_START
    elif not has_data:
        status, shown, kind = classify(expected, thresholds), None, NOTHING_REPORTED
    else:
        status, shown, kind = classify(expected - progress, thresholds), progress, BY_GAP
    stale = stale and status != Status.COMPLETE
    if override is not None and override.since <= as_of:
        return Verdict(
            status=override.status,
            progress=shown,
            stale=stale and override.status != Status.COMPLETE,
            overridden=True,
            override_reason=override.reason,
            override_since=override.since,
            computed_status=status,
            sentence_kind=kind,
            **common,
        )
    return Verdict(
        status=status,
        progress=shown,
        stale=stale,
        computed_status=status,
        sentence_kind=kind,
        **common,
    )


def explain(verdict):
    """The one sentence that says why a verdict is what it is.

    Written only when a page shows it: lists judge thousands of commitments and show 25.
    """
    when = date_format(verdict.as_of)
    computed = Status(verdict.computed_status or verdict.status)
    values = {
        "when": when,
        "source": SOURCE_PHRASES[ProgressSource(verdict.source)],
        "expected": format_percent(verdict.expected or 0),
        "progress": format_percent(verdict.progress or 0),
        "label": computed.label.lower(),
    }
    kind = verdict.sentence_kind
    if kind == COMPLETE_SENTENCE:
        sentence = _("Avance 100 %% al %(when)s %(source)s: completo.") % values
    elif kind == BEFORE_START:
        sentence = _("Inicia el %(start)s; al %(when)s aún no debía tener avance.") % {
            **values,
            "start": date_format(verdict.start),
        }
    elif kind == NOTHING_REPORTED:
        sentence = _("Sin avance reportado al %(when)s; se esperaba %(expected)s: %(label)s.") % (
            values
        )
    else:
        sentence = (
            _("Avance %(progress)s de %(expected)s esperado al %(when)s %(source)s: %(label)s.")
            % values
        )
    if verdict.overridden:
        return _(
            "Estado asignado por el Secretariado desde el %(since)s: %(label)s (el cálculo da "
            "%(computed)s). Motivo: %(reason)s"
        ) % {
            "since": date_format(verdict.override_since),
            "label": Status(verdict.status).label.lower(),
            "computed": computed.label.lower(),
            "reason": verdict.override_reason,
        }
    if verdict.stale:
        # Still one sentence: the flag is a clause of it.
        clause = _("sus datos no se han actualizado con la periodicidad comprometida.")
        sentence = f"{sentence.rstrip('.')}; {clause}"
    return sentence
