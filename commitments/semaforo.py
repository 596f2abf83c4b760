"""The semáforo: one rule that turns progress numbers into a public status.

Everything here takes plain values (numbers and dates) so the rule can be tested
exhaustively without a database, and so querysets, pages, reports and open data
all read the same verdict.
"""

from dataclasses import dataclass, replace
from datetime import date

from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


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
    """Mean of (value, weight) pairs, skipping missing values; None when nothing is left."""
    pairs = [(float(v), float(w)) for v, w in pairs if v is not None and w]
    total = sum(w for _, w in pairs)
    if not pairs or total <= 0:
        return None
    return sum(v * w for v, w in pairs) / total


def completion_level(progress):
    if progress is None or progress <= 0:
        return CompletionLevel.NOT_STARTED
    if progress >= 100:
        return CompletionLevel.COMPLETE
    if progress >= 50:
        return CompletionLevel.SUBSTANTIAL
    return CompletionLevel.LIMITED


def format_percent(value):
    return f"{round(value):d} %"


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
    explanation: str = ""

    @property
    def label(self):
        return Status(self.status).label

    @property
    def icon(self):
        return STATUS_ICONS[Status(self.status)]

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
    override="",
    override_reason="",
):
    """Decide the status of a commitment on `as_of` and say why in one sentence."""
    verdict = _decide(
        progress=progress,
        expected=expected,
        start=start,
        as_of=as_of,
        has_data=has_data,
        source=source,
        thresholds=thresholds,
        stale=stale,
        override=override,
        override_reason=override_reason,
    )
    if verdict.stale:
        stale_sentence = _("Sus datos no se han actualizado con la periodicidad comprometida.")
        verdict = replace(verdict, explanation=f"{verdict.explanation} {stale_sentence}")
    return verdict


def _decide(
    *,
    progress,
    expected,
    start,
    as_of,
    has_data,
    source,
    thresholds,
    stale,
    override,
    override_reason,
):
    when = date_format(as_of, "d/m/Y")
    source_phrase = SOURCE_PHRASES[ProgressSource(source)]
    common = {"as_of": as_of, "source": source, "expected": expected}

    if override:
        label = Status(override).label
        sentence = _("Estado asignado por el Secretariado: %(label)s. Motivo: %(reason)s") % {
            "label": label.lower(),
            "reason": override_reason,
        }
        return Verdict(
            status=override,
            progress=progress,
            stale=stale and override != Status.COMPLETE,
            overridden=True,
            override_reason=override_reason,
            explanation=sentence,
            **common,
        )

    if has_data and progress is not None and progress >= 100:
        sentence = _("Avance 100 %% al %(when)s %(source)s: completo.") % {
            "when": when,
            "source": source_phrase,
        }
        return Verdict(status=Status.COMPLETE, progress=100.0, explanation=sentence, **common)

    if as_of < start:
        sentence = _("Inicia el %(start)s; al %(when)s aún no debía tener avance.") % {
            "start": date_format(start, "d/m/Y"),
            "when": when,
        }
        return Verdict(status=Status.NOT_STARTED, progress=progress, explanation=sentence, **common)

    if not has_data:
        sentence = _(
            "Sin avances publicados al %(when)s; se esperaba %(expected)s: no iniciado."
        ) % {"when": when, "expected": format_percent(expected)}
        return Verdict(
            status=Status.NOT_STARTED, progress=None, stale=stale, explanation=sentence, **common
        )

    gap = expected - progress
    if gap <= thresholds.green_max_gap:
        status = Status.ON_TRACK
    elif gap <= thresholds.yellow_max_gap:
        status = Status.DELAYED
    else:
        status = Status.AT_RISK
    sentence = _(
        "Avance %(progress)s de %(expected)s esperado al %(when)s %(source)s: %(label)s."
    ) % {
        "progress": format_percent(progress),
        "expected": format_percent(expected),
        "when": when,
        "source": source_phrase,
        "label": Status(status).label.lower(),
    }
    return Verdict(status=status, progress=progress, stale=stale, explanation=sentence, **common)
