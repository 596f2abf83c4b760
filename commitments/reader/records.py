"""A plan's public record at the end of a day, as rows: what the open-data downloads publish.

Every commitment public in a plan on day D with the version in force, its indicators and
milestones as its page shows them, every fact about them published by the end of D
(corrections and withdrawals too, each pointing at the row it replaces), its evidence with
the file's fingerprint, the reporting rounds and their reports, and the public versions.
Plain values out; no request, URL or cache.
"""

import mimetypes
import posixpath
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from commitments.models import (
    Evidence,
    Modification,
    ReportingRound,
    RoundReport,
    TransversalRating,
    report_status,
)
from commitments.reader.asof import current, load_facts, published_plans, version_at
from commitments.reader.commitment import _link, milestone_views
from commitments.reader.lists import plan_view
from commitments.reader.refs import _parties
from core import clock


@dataclass(frozen=True)
class CommitmentRecord:
    plan_slug: str
    progress_source: str  # its version's, else the plan's default
    row: object  # lists.Row, with its verdict on the day
    content: object  # content.VersionContent of the version in force
    version: int
    ratings: dict  # dimension → level of the latest public transversal rating


@dataclass(frozen=True)
class IndicatorRecord:
    commitment_id: int
    item: object  # content.IndicatorContent


@dataclass(frozen=True)
class FactRecord:
    """A published fact (measurement or milestone progress), current or replaced."""

    pk: int
    owner: int
    date: date
    value: object
    published_at: datetime
    supersedes: int | None
    withdrawn: bool
    in_force: bool
    details: dict


@dataclass(frozen=True)
class MilestoneRecord:
    commitment_id: int
    view: object  # commitment.MilestoneView (percent and status on the day)


@dataclass(frozen=True)
class EvidenceRecord:
    pk: int
    commitment_id: int
    milestone_id: int | None
    round_id: int | None  # the round of the report it belongs to
    title: str
    date: date
    link: str
    media_type: str
    sha256: str
    published_at: datetime


@dataclass(frozen=True)
class RoundRecord:
    pk: int
    plan_slug: str
    number: int
    title: str
    period_end: date
    opens_on: date
    deadline: date


@dataclass(frozen=True)
class ReportRecord:
    """A commitment's place in a reporting round, with what it reported if it delivered."""

    round_id: int
    commitment_id: int
    status: str
    report_id: int | None = None
    published_at: datetime | None = None
    narrative: str = ""
    difficulties: str = ""


@dataclass(frozen=True)
class VersionRecord:
    commitment_id: int
    number: int
    effective_on: date
    published_at: datetime
    reason: str
    summary: str
    approved_on: date | None
    session_slug: str


@dataclass
class PlanRecords:
    commitments: list
    indicators: list
    measurements: list
    milestones: list
    milestone_progress: list
    evidence: list
    rounds: list
    reports: list
    versions: list


def public_records(day):
    """The public record of every plan public at the end of `day`, current plan first."""
    return [plan_records(plan, day) for plan in published_plans(day)]


def plan_records(plan, day):
    rows = plan_view(plan, day).rows
    records = PlanRecords([], [], [], [], [], [], [], [], [])
    if not rows:
        return records
    end = clock.end_of(day)
    facts = load_facts({"plan": plan}, day, plan_id=plan.pk, detailed=True)
    units = _parties()[0]
    ratings = _ratings([row.pk for row in rows], day)
    public_versions = []
    for row in rows:
        versions = sorted(facts.versions[row.pk], key=lambda v: v.number)
        version = version_at(versions, day)
        content = version.content
        records.commitments.append(
            CommitmentRecord(
                plan.slug,
                content.progress_source or plan.default_progress_source,
                row,
                content,
                version.number,
                ratings.get(row.pk, {}),
            )
        )
        for item in content.indicators:
            records.indicators.append(IndicatorRecord(row.pk, item))
            records.measurements += _fact_records(
                facts.measurements.get(item.id, ()),
                end,
                ("narrative", "evidence_file", "evidence_url", "correction_reason"),
            )
        for view in milestone_views(content, facts, day, units):
            records.milestones.append(MilestoneRecord(row.pk, view))
            records.milestone_progress += _fact_records(
                facts.progress.get(view.pk, ()),
                end,
                ("status", "narrative", "difficulties", "success_factors", "correction_reason"),
            )
        public_versions += [v for v in versions if v.published_at < end]
    records.versions = _version_records(public_versions)
    ids = [row.pk for row in rows]
    rounds = list(ReportingRound.objects.filter(plan=plan).order_by("number"))
    records.rounds = [
        RoundRecord(r.pk, plan.slug, r.number, r.title, r.period_end, r.opens_on, r.deadline)
        for r in rounds
    ]
    records.reports = _report_records(rounds, records.commitments, day)
    milestone_ids = {m.view.pk for m in records.milestones}
    report_rounds = {r.report_id: r.round_id for r in records.reports if r.report_id}
    records.evidence = _evidence_records(ids, day, milestone_ids, report_rounds)
    return records


def _fact_records(facts, end, detail_names):
    in_force = {f.pk for f in current(facts, end)}
    found = []
    for f in sorted(facts, key=lambda f: (f.date, f.published_at, f.pk)):
        details = dict(zip(detail_names, f.extra, strict=False))
        if "evidence_file" in details:
            details["evidence_link"] = _link(
                details.pop("evidence_file"), details.pop("evidence_url")
            )
        found.append(
            FactRecord(
                f.pk,
                f.owner,
                f.date,
                f.value,
                f.published_at,
                f.supersedes,
                f.withdrawn,
                f.pk in in_force,
                details,
            )
        )
    return found


def _ratings(commitment_ids, day):
    latest = defaultdict(dict)
    for cid, dimension, level in (
        TransversalRating.objects.public_at(day)
        .filter(commitment_id__in=commitment_ids)
        .order_by("published_at", "id")
        .values_list("commitment_id", "dimension", "level")
    ):
        latest[cid][dimension] = level
    return latest


def _version_records(public):
    ids = [v.modification_id for v in public if v.modification_id]
    approved = {}
    if ids:
        approved = {
            m.pk: m for m in Modification.objects.filter(pk__in=ids).select_related("session")
        }
    found = []
    for v in public:
        modification = approved.get(v.modification_id)
        found.append(
            VersionRecord(
                v.commitment_id,
                v.number,
                v.effective_on,
                v.published_at,
                v.reason or (modification.reason if modification else ""),
                modification.summary if modification else "",
                modification.approved_on if modification else None,
                modification.session.slug if modification and modification.session else "",
            )
        )
    return found


def _report_records(rounds, commitments, day):
    ids = [c.row.pk for c in commitments]
    reports = {
        (r.round_id, r.commitment_id): r
        for r in RoundReport.objects.public_at(day).filter(commitment_id__in=ids)
    }
    found = []
    for round_ in rounds:
        for c in commitments:
            report = reports.get((round_.pk, c.row.pk))
            status = report_status(round_, report, day, starts_on=c.row.start)
            if report is None:
                found.append(ReportRecord(round_.pk, c.row.pk, status))
                continue
            found.append(
                ReportRecord(
                    round_.pk,
                    c.row.pk,
                    status,
                    report.pk,
                    report.published_at,
                    report.narrative,
                    report.difficulties,
                )
            )
    return found


def _evidence_records(commitment_ids, day, milestone_ids, report_rounds):
    found = []
    for pk, cid, milestone_id, report_id, title, day_, file_name, url, sha256, at in (
        Evidence.objects.public_at(day)
        .filter(commitment_id__in=commitment_ids)
        .order_by("commitment_id", "date", "id")
        .values_list(
            "pk",
            "commitment_id",
            "milestone_id",
            "report_id",
            "title",
            "date",
            "evidence_file",
            "evidence_url",
            "file_sha256",
            "published_at",
        )
    ):
        found.append(
            EvidenceRecord(
                pk,
                cid,
                # Only milestones and reports the same record lists: a milestone dropped by a
                # later version is no longer one of the commitment's.
                milestone_id if milestone_id in milestone_ids else None,
                report_rounds.get(report_id),
                title,
                day_,
                _link(file_name, url),
                media_type(file_name or url),
                sha256 if file_name else "",
                at,
            )
        )
    return found


def media_type(name):
    """The media type a file's or link's name suggests ("" when it says none)."""
    path = posixpath.basename((name or "").split("?")[0])
    return mimetypes.guess_type(path)[0] or ""
