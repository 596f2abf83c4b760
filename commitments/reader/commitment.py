"""One commitment as public at the end of a day: its sheet, measurements, milestones and history."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from commitments import semaforo
from commitments.models import (
    Assessment,
    ClosingReport,
    Dimension,
    Evidence,
    MilestoneStatus,
    RatingRubric,
    ReportingRound,
    RoundReport,
    TransversalRating,
    report_status,
)
from commitments.reader.asof import (
    current,
    is_published_at,
    latest_fact,
    load_facts,
    verdict_at,
    version_at,
)
from commitments.reader.english import translate_contents
from commitments.reader.lists import _row, plan_view
from commitments.reader.refs import Ref, _parties, _pillars, _structure
from commitments.semaforo import ProgressSource
from commitments.stored import row_fields
from core import clock

# --- One commitment ---------------------------------------------------------------------


@dataclass(frozen=True)
class MeasurementView:
    date: date
    value: object
    narrative: str
    evidence_link: str
    published_on: date
    correction_reason: str

    @property
    def has_evidence(self):
        return bool(self.evidence_link)


@dataclass(frozen=True)
class IndicatorView:
    pk: int
    name: str
    unit: str
    baseline: object
    target: object
    direction: str
    periodicity: str
    weight: object
    verification_means: str
    verification_url: str
    measurements: tuple

    @property
    def published_measurements(self):
        return self.measurements

    @property
    def direction_label(self):
        from commitments.models import Indicator

        return Indicator.Direction(self.direction).label

    @property
    def periodicity_label(self):
        from commitments.models import Indicator

        return Indicator.Periodicity(self.periodicity).label


@dataclass(frozen=True)
class EvidenceView:
    title: str
    date: date
    link: str
    published_on: date
    # SHA-256 of the uploaded file, taken when it was saved ("" for a link).
    sha256: str = ""

    @property
    def evidence_link(self):
        return self.link

    @property
    def short_sha256(self):
        return self.sha256[:12]


@dataclass(frozen=True)
class MilestoneView:
    pk: int
    number: int
    title: str
    deliverable: str
    unit: Ref | None
    responsible_person: str
    start_date: date
    end_date: date
    weight: object
    percent: float | None
    status: str
    narrative: str
    difficulties: str
    success_factors: str
    evidence: tuple

    @property
    def has_details(self):
        return bool(self.narrative or self.difficulties or self.success_factors or self.evidence)


@dataclass(frozen=True)
class RoundView:
    round: object
    report: object
    status: str
    closed: bool
    entries: tuple
    evidence: tuple


@dataclass(frozen=True)
class ModificationRow:
    """A public change of a commitment after its approval: one per version after the first.

    `approved_on` is the day it took effect; a version the Secretariado published as an
    approved modification carries its summary and session, a correction its own wording.
    """

    number: int
    approved_on: date
    summary: str
    reason: str
    session: object = None
    is_approved: bool = False


@dataclass(frozen=True)
class HistoryEvent:
    day: date
    kind: str
    text: str
    reason: str = ""


def _link(file_name, url):
    if file_name:
        from django.core.files.storage import default_storage

        return default_storage.url(file_name)
    return url or ""


class CommitmentView:
    """Everything the public page of one commitment shows as it stood on `day`."""

    def __init__(self, commitment, day):
        self.commitment = commitment
        self.plan = commitment.plan
        self.day = day
        self.facts = load_facts(
            {"pk": commitment.pk}, day, plan_id=commitment.plan_id, detailed=True
        )
        self.versions = sorted(self.facts.versions.get(commitment.pk, ()), key=lambda v: v.number)
        self.version = version_at(self.versions, day)

    @property
    def is_public(self):
        return self.version is not None and is_published_at(
            self.facts.publications.get(self.commitment.pk, ()), day=self.day
        )

    @cached_property
    def refs(self):
        axes, objectives = _structure(self.plan)
        units, organizations = _parties()
        return {
            "axes": axes,
            "objectives": objectives,
            "units": units,
            "organizations": organizations,
            "pillars": _pillars(),
        }

    @cached_property
    def row(self):
        c, version = self.commitment, self.version
        return _row(
            c.pk,
            c.slug,
            c.is_example,
            **row_fields(self.content),
            start=version.start,
            end=version.end,
            verdict=verdict_at(plan=self.plan, version=version, facts=self.facts, day=self.day),
            refs=self.refs,
        )

    @property
    def verdict(self):
        return self.row.verdict

    @cached_property
    def content(self):
        """The version's content, its texts in English where the page is and they are."""
        return translate_contents({self.commitment.pk: self.version.content})[self.commitment.pk]

    @property
    def source(self):
        return self.content.progress_source or self.plan.default_progress_source

    @property
    def source_label(self):
        return ProgressSource(self.source).label

    @property
    def goal(self):
        return self.content.goal

    @property
    def contact_name(self):
        return self.content.contact_name

    @property
    def contact_role(self):
        return self.content.contact_role

    @cached_property
    def evidence(self):
        """Evidence public by the end of the day, by milestone id (None: the commitment's)."""
        rows = (
            Evidence.objects.public_at(self.day)
            .filter(commitment=self.commitment)
            .order_by("date", "id")
            .values_list(
                "milestone_id",
                "report_id",
                "title",
                "date",
                "evidence_file",
                "evidence_url",
                "published_at",
                "file_sha256",
            )
        )
        grouped = defaultdict(list)
        for milestone_id, report_id, title, day, file_name, url, at, sha256 in rows:
            view = EvidenceView(
                title,
                day,
                _link(file_name, url),
                timezone.localdate(at),
                sha256 if file_name else "",
            )
            grouped[("report", report_id) if report_id else milestone_id].append(view)
        return grouped

    @cached_property
    def indicators(self):
        return indicator_views(self.content, self.facts, self.day)

    @cached_property
    def milestones(self):
        return milestone_views(
            self.content, self.facts, self.day, self.refs["units"], evidence=self.evidence
        )

    @property
    def general_evidence(self):
        return self.evidence.get(None, [])

    @cached_property
    def rounds(self):
        reports = {
            r.round_id: r
            for r in RoundReport.objects.public_at(self.day)
            .filter(commitment=self.commitment)
            .prefetch_related("entries__milestone")
        }
        rows = []
        for round_ in ReportingRound.objects.filter(plan=self.plan).order_by("number"):
            report = reports.get(round_.pk)
            status = report_status(round_, report, self.day, starts_on=self.row.start)
            rows.append(
                RoundView(
                    round=round_,
                    report=report,
                    status=status,
                    closed=round_.is_closed(self.day),
                    entries=tuple(report.entries.all()) if report else (),
                    evidence=tuple(self.evidence.get(("report", report.pk), ())) if report else (),
                )
            )
        return rows

    @cached_property
    def ratings(self):
        meanings = {(r.dimension, r.level): r.description for r in RatingRubric.objects.all()}
        latest = {}
        for rating in (
            TransversalRating.objects.public_at(self.day)
            .filter(commitment=self.commitment)
            .order_by("published_at", "id")
        ):
            latest[rating.dimension] = rating
        order = list(Dimension.values)
        return [
            (latest[d], meanings.get((d, latest[d].level), ""))
            for d in sorted(latest, key=order.index)
        ]

    @cached_property
    def assessment(self):
        return (
            Assessment.objects.public_at(self.day)
            .filter(commitment=self.commitment, assessed_on__lte=self.day)
            .order_by("-assessed_on", "-published_at")
            .first()
        )

    @cached_property
    def closing_report(self):
        return (
            ClosingReport.objects.public_at(self.day)
            .filter(commitment=self.commitment)
            .order_by("-published_at")
            .first()
        )

    @cached_property
    def modifications(self):
        """Every public version after the original, so the page's "no modifications" and
        its list of modifications read the very versions the page shows."""
        from commitments.models import Modification

        later = [v for v in self.versions_public if v.number > 1]
        ids = [v.modification_id for v in later if v.modification_id]
        approved = {}
        if ids:
            approved = {
                m.pk: m for m in Modification.objects.filter(pk__in=ids).select_related("session")
            }
        rows = []
        for version in later:
            modification = approved.get(version.modification_id)
            if modification is not None:
                rows.append(
                    ModificationRow(
                        version.number,
                        modification.approved_on,
                        modification.summary,
                        version.reason or modification.reason,
                        modification.session,
                        is_approved=True,
                    )
                )
            else:
                rows.append(
                    ModificationRow(
                        version.number,
                        version.effective_on,
                        _("Versión %(n)s: corrección del texto publicado") % {"n": version.number},
                        version.reason,
                    )
                )
        return sorted(rows, key=lambda row: (row.approved_on, row.number))

    @cached_property
    def versions_public(self):
        end = clock.end_of(self.day)
        return [v for v in self.versions if v.published_at < end]

    @cached_property
    def original(self):
        return self.versions[0] if self.versions else None

    def verdict_on(self, day):
        version = version_at(self.versions, day)
        if version is None:
            return None
        return verdict_at(plan=self.plan, version=version, facts=self.facts, day=day)

    @cached_property
    def progress_history(self):
        """(day, verdict) on each day up to the day shown that the public data changed."""
        days = set()
        for group in (self.facts.measurements, self.facts.progress):
            for items in group.values():
                days.update(max(f.date, f.published_on) for f in items)
        days.update(timezone.localdate(v.published_at) for v in self.versions_public)
        days = sorted(d for d in days if self.row.start <= d <= self.day)
        history = []
        for d in days:
            verdict = self.verdict_on(d)
            if verdict is not None:
                history.append((d, verdict))
        return history

    @cached_property
    def history(self):
        """The public record of changes: versions, corrections, withdrawals, overrides and
        publication, in date order, without staff names."""
        events = []
        for version in self.versions_public:
            day = timezone.localdate(version.published_at)
            if version.number == 1:
                text = _("Versión original aprobada (vigente desde el %(day)s).")
            elif version.modification_id:
                text = _("Versión %(n)s por una modificación aprobada, vigente desde el %(day)s.")
            else:
                text = _("Versión %(n)s: corrección del texto publicado, vigente desde el %(day)s.")
            events.append(
                HistoryEvent(
                    day,
                    "version",
                    text % {"n": version.number, "day": date_format(version.effective_on)},
                    version.reason if version.number > 1 else "",
                )
            )
        end = clock.end_of(self.day)
        for at, published in self.facts.publications.get(self.commitment.pk, ()):
            if at < end:
                events.append(
                    HistoryEvent(
                        timezone.localdate(at),
                        "publication",
                        _("Se publicó en el portal.") if published else _("Se retiró del portal."),
                    )
                )
        names = {i.id: i.name for i in self.content.indicators}
        for items in self.facts.measurements.values():
            by_pk = {f.pk: f for f in items}
            for f in items:
                if f.supersedes and f.published_at < end:
                    old = by_pk.get(f.supersedes)
                    values = {
                        "name": names.get(f.owner, ""),
                        "day": date_format(f.date),
                        "old": _number(old.value) if old else "",
                        "new": _number(f.value),
                    }
                    text = (
                        _("Se retiró el dato de «%(name)s» del %(day)s.") % values
                        if f.withdrawn
                        else _("Se corrigió el dato de «%(name)s» del %(day)s: %(old)s → %(new)s.")
                        % values
                    )
                    events.append(HistoryEvent(f.published_on, "correction", text, f.extra[3]))
        titles = {m.id: m.title for m in self.content.milestones}
        for items in self.facts.progress.values():
            for f in items:
                if f.supersedes and f.published_at < end:
                    values = {"title": titles.get(f.owner, ""), "day": date_format(f.date)}
                    text = (
                        _("Se retiró el avance del hito «%(title)s» del %(day)s.")
                        if f.withdrawn
                        else _("Se corrigió el avance del hito «%(title)s» del %(day)s.")
                    ) % values
                    events.append(HistoryEvent(f.published_on, "correction", text, f.extra[4]))
        for f in self.facts.overrides.get(self.commitment.pk, ()):
            if f.published_at >= end:
                continue
            reason, starts_on, ends_on = f.extra[:3]
            label = semaforo.Status(f.value).label.lower()
            if f.supersedes and ends_on:
                text = _("Terminó el estado asignado «%(label)s» el %(day)s.") % {
                    "label": label,
                    "day": date_format(ends_on),
                }
            else:
                text = _("El Secretariado asignó el estado «%(label)s» desde el %(day)s.") % {
                    "label": label,
                    "day": date_format(starts_on),
                }
            events.append(HistoryEvent(f.published_on, "override", text, reason))
        return sorted(events, key=lambda e: e.day)


def indicator_views(content, facts, day):
    """A version's indicators with their measurements public by the end of `day`."""
    end = clock.end_of(day)
    views = []
    for item in content.indicators:
        public = sorted(
            current(facts.measurements.get(item.id, ()), end),
            key=lambda f: (f.date, f.published_at),
        )
        views.append(
            IndicatorView(
                pk=item.id,
                name=item.name,
                unit=item.unit,
                baseline=item.baseline,
                target=item.target,
                direction=item.direction,
                periodicity=item.periodicity,
                weight=item.weight,
                verification_means=item.verification_means,
                verification_url=item.verification_url,
                measurements=tuple(
                    MeasurementView(
                        date=f.date,
                        value=f.value,
                        narrative=_extra(f, 0),
                        evidence_link=_link(_extra(f, 1), _extra(f, 2)),
                        published_on=f.published_on,
                        correction_reason=_extra(f, 3),
                    )
                    for f in public
                ),
            )
        )
    return views


def milestone_views(content, facts, day, units, evidence=None):
    """A version's milestones as public at the end of `day`: the latest percent and status
    (no progress yet: 0 % and pending; cancelled: no percent), notes and evidence.
    `evidence` maps a milestone id to its public evidence (none if not given)."""
    end = clock.end_of(day)
    evidence = evidence or {}
    views = []
    for number, item in enumerate(content.milestones, start=1):
        latest = latest_fact(current(facts.progress.get(item.id, ()), end))
        if latest is None:
            percent, status, notes = 0.0, MilestoneStatus.PENDING, ("", "", "")
        else:
            percent = float(latest.value)
            status = latest.extra[0]
            notes = tuple(_extra(latest, i) for i in (1, 2, 3))
        if status == MilestoneStatus.CANCELLED:
            percent = None
        views.append(
            MilestoneView(
                pk=item.id,
                number=number,
                title=item.title,
                deliverable=item.deliverable,
                unit=units.get(item.unit_id),
                responsible_person=item.responsible_person,
                start_date=item.start_date,
                end_date=item.end_date,
                weight=item.weight,
                percent=percent,
                status=MilestoneStatus(status),
                narrative=notes[0],
                difficulties=notes[1],
                success_factors=notes[2],
                evidence=tuple(evidence.get(item.id, ())),
            )
        )
    return views


def _extra(fact, index):
    """A detail column of a fact, empty when the facts were loaded without details."""
    return fact.extra[index] if index < len(fact.extra) else ""


@dataclass(frozen=True)
class CommitmentDetail:
    """A commitment of a plan's list with its version's content, indicators and milestones
    exactly as its page shows them on the same day (without evidence)."""

    row: object
    content: object  # commitments.content.VersionContent
    indicators: tuple
    milestones: tuple

    @property
    def goal(self):
        return self.content.goal


def plan_details(plan, day):
    """Every commitment public in `plan` at the end of `day` (the rows of `plan_view`, in its
    order) with what its page shows of its content, indicators and milestones."""
    rows = plan_view(plan, day).rows
    if not rows:
        return []
    facts = load_facts({"plan": plan}, day, plan_id=plan.pk)
    units = _parties()[0]
    contents = translate_contents(
        {row.pk: version_at(facts.versions[row.pk], day).content for row in rows}
    )
    details = []
    for row in rows:
        content = contents[row.pk]
        details.append(
            CommitmentDetail(
                row,
                content,
                tuple(indicator_views(content, facts, day)),
                tuple(milestone_views(content, facts, day, units)),
            )
        )
    return details


def commitment_view(commitment, day):
    """The commitment as public at the end of `day`, or None if it was not public then."""
    view = CommitmentView(commitment, day)
    if not view.is_public:
        return None
    if not is_published_at(view.facts.plan_events, day):
        return None
    return view


def _number(value):
    if value is None:
        return ""
    text = f"{value:f}".rstrip("0").rstrip(".") if "." in f"{value:f}" else f"{value:f}"
    return text
