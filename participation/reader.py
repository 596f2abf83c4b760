"""What the public sees of participation, as it stood at the end of a day.

Plain values out (dataclasses, numbers, strings), no request nor URL: the views, the
commitment page and the open data build on these. A proposal is public from the moment it
was recorded; its fate is the published `ProposalFate` public at the end of `day`
(`PublicFactQuerySet.public_at`), so a fate changed later keeps the earlier one on the days
before. Survey aggregates are shown as percentages of the answers to each question.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from commitments.models import Publication
from commitments.reader.asof import is_published_at, published_plans
from core import clock
from core.l10n import page_language
from core.translated import Text, pick
from participation.models import (
    Attendance,
    CocreationTable,
    Origin,
    Outcome,
    Proposal,
    ProposalFate,
    ResultsReport,
    Sector,
    Survey,
    Theme,
)

PENDING = "pendiente"
PENDING_LABEL = _("Sin respuesta publicada")
OUTCOME_ORDER = [Outcome.INCORPORATED, Outcome.MERGED, Outcome.DEFERRED, Outcome.NOT_TAKEN]


@dataclass(frozen=True)
class Fate:
    outcome: str
    label: str
    reason: str
    date: date
    published_on: date
    is_correction: bool
    correction_reason: str
    commitment_code: str = ""
    commitment_title: str = ""
    # Empty when the commitment is not public on the day shown: named, not linked.
    commitment_slug: str = ""
    milestone_title: str = ""
    merged_into_id: int | None = None
    merged_into_number: int | None = None


@dataclass(frozen=True)
class ProposalRow:
    id: int
    number: int
    text: str
    theme: str
    theme_slug: str
    origin: str
    origin_label: str
    source: str
    sector: str
    sector_label: str
    is_example: bool
    fate: Fate | None


@dataclass(frozen=True)
class ProposalPage:
    proposal: ProposalRow
    # Fates public earlier and replaced since (oldest first), with the reason of each change.
    earlier: list
    merged_here: list


@dataclass(frozen=True)
class Count:
    value: str
    label: str
    count: int
    percent: float


@dataclass(frozen=True)
class Question:
    text: str
    total: int
    options: list


@dataclass(frozen=True)
class SurveyResults:
    title: str
    start_date: date
    end_date: date
    spread: str
    responses: int
    is_example: bool
    questions: list


@dataclass(frozen=True)
class Table:
    date: date
    theme: str
    facilitators: list
    attendance: list
    total: int
    proposals: int
    is_example: bool


@dataclass(frozen=True)
class Line:
    name: str
    slug: str
    total: int
    outcomes: list


@dataclass(frozen=True)
class Overview:
    day: date
    survey: SurveyResults | None
    tables: list
    table_attendance: int
    participants: int
    proposals: int
    answered: int
    outcomes: list
    themes: list
    # Attendance at the tables by sector, and the tables' proposals by sector and fate.
    sectors: list
    proposal_sectors: list
    report: object
    has_examples: bool = field(default=False)


def _percent(part, whole):
    return round(100 * part / whole, 1) if whole else 0.0


def _source(proposal):
    """Where a proposal came from: a table (named in the page's language) or a survey (its
    title as staff wrote it, in Spanish)."""
    if proposal.origin == Origin.TABLE:
        return Text(str(proposal.table), page_language())
    return str(proposal.survey)


def _public_commitments(ids, day):
    """Of the commitments `ids`, those public at the end of `day` (plan and commitment)."""
    if not ids:
        return set()
    plans = {plan.pk for plan in published_plans(day)}
    events = {}
    for commitment_id, at, published in Publication.objects.filter(
        commitment__in=ids, commitment__plan__in=plans, at__lt=clock.end_of(day)
    ).values_list("commitment_id", "at", "is_published"):
        events.setdefault(commitment_id, []).append((at, published))
    return {pk for pk, found in events.items() if is_published_at(found, day)}


def _fate(row, public):
    commitment, milestone, merged = row.commitment, row.milestone, row.merged_into
    return Fate(
        outcome=row.outcome,
        label=row.get_outcome_display(),
        reason=row.explanation,
        date=row.date,
        published_on=row.published_on,
        is_correction=row.supersedes_id is not None,
        correction_reason=row.correction_reason,
        commitment_code=commitment.code if commitment else "",
        commitment_title=pick(commitment.title, commitment.title_en) if commitment else "",
        commitment_slug=commitment.slug if commitment and commitment.pk in public else "",
        milestone_title=pick(milestone.title, milestone.title_en) if milestone else "",
        merged_into_id=merged.pk if merged else None,
        merged_into_number=merged.number if merged else None,
    )


def _fates(queryset, day):
    rows = list(
        queryset.select_related("commitment", "milestone", "merged_into").order_by("published_at")
    )
    public = _public_commitments({row.commitment_id for row in rows if row.commitment_id}, day)
    return rows, public


def _proposals_at(day):
    return Proposal.objects.filter(recorded_at__lt=clock.end_of(day))


def _rows(proposals, day):
    proposals = list(proposals.select_related("theme", "table__theme", "survey"))
    fates, public = _fates(
        ProposalFate.objects.public_at(day).filter(proposal__in=[p.pk for p in proposals]), day
    )
    by_proposal = {fate.proposal_id: _fate(fate, public) for fate in fates}
    return [
        ProposalRow(
            id=p.pk,
            number=p.number,
            text=p.text,
            theme=pick(p.theme.name, p.theme.name_en),
            theme_slug=p.theme.slug,
            origin=p.origin,
            origin_label=p.get_origin_display(),
            source=_source(p),
            sector=p.sector,
            sector_label=p.get_sector_display() if p.sector else "",
            is_example=p.is_example,
            fate=by_proposal.get(p.pk),
        )
        for p in proposals
    ]


def proposals(day, *, outcome=None, theme=None, origin=None):
    """The proposals public at the end of `day`, by number, optionally filtered. `outcome`
    "pendiente" selects those without a public fate yet."""
    queryset = _proposals_at(day).order_by("number")
    if theme:
        queryset = queryset.filter(theme__slug=theme)
    if origin:
        queryset = queryset.filter(origin=origin)
    rows = _rows(queryset, day)
    if outcome == PENDING:
        return [row for row in rows if row.fate is None]
    if outcome:
        return [row for row in rows if row.fate and row.fate.outcome == outcome]
    return rows


def proposal(pk, day):
    """One proposal as it stood at the end of `day`, or None if it was not public yet."""
    found = _proposals_at(day).filter(pk=pk)
    rows = _rows(found, day)
    if not rows:
        return None
    end = clock.end_of(day)
    shown = ProposalFate.objects.public_at(day).filter(proposal=pk).values_list("pk", flat=True)
    earlier, public = _fates(
        ProposalFate.objects.published()
        .filter(proposal=pk, published_at__lt=end, is_withdrawal=False)
        .exclude(pk__in=list(shown)),
        day,
    )
    merged_here = _rows(
        _proposals_at(day).filter(
            pk__in=ProposalFate.objects.public_at(day).filter(merged_into=pk).values("proposal_id")
        ),
        day,
    )
    return ProposalPage(
        proposal=rows[0], earlier=[_fate(row, public) for row in earlier], merged_here=merged_here
    )


def for_commitment(commitment_id, day):
    """The proposals incorporated into a commitment (or one of its milestones) at `day`."""
    ids = ProposalFate.objects.public_at(day).filter(commitment=commitment_id)
    return _rows(_proposals_at(day).filter(pk__in=ids.values("proposal_id")), day)


def outcome_counts(rows, *, pending=False):
    """How many of `rows` have each fate; "pendiente" too if any has none (or `pending`,
    so the lines of a table have the same columns as its totals)."""
    counted = Counter(row.fate.outcome if row.fate else PENDING for row in rows)
    labels = dict(Outcome.choices)
    found = [
        Count(value, labels[value], counted[value], _percent(counted[value], len(rows)))
        for value in OUTCOME_ORDER
    ]
    if pending or counted[PENDING]:
        found.append(
            Count(PENDING, PENDING_LABEL, counted[PENDING], _percent(counted[PENDING], len(rows)))
        )
    return found


def survey_results(survey=None):
    """The survey's aggregated results (the most recent survey when none is given)."""
    survey = survey or Survey.objects.order_by("-start_date").first()
    if survey is None:
        return None
    questions = []
    for question in survey.questions.prefetch_related("options"):
        options = list(question.options.all())
        total = sum(option.count for option in options)
        questions.append(
            Question(
                text=question.text,
                total=total,
                options=[
                    Count(str(o.order), o.label, o.count, _percent(o.count, total)) for o in options
                ],
            )
        )
    return SurveyResults(
        title=survey.title,
        start_date=survey.start_date,
        end_date=survey.end_date,
        spread=survey.spread,
        responses=survey.responses,
        is_example=survey.is_example,
        questions=questions,
    )


def tables(day):
    """The co-creation tables held by `day`, with attendance by sector."""
    labels = dict(Sector.choices)
    found = []
    for table in CocreationTable.objects.filter(date__lte=day).select_related("theme"):
        counts = {row.sector: row.count for row in table.attendance.all()}
        total = sum(counts.values())
        found.append(
            Table(
                date=table.date,
                theme=pick(table.theme.name, table.theme.name_en),
                facilitators=table.facilitator_list,
                attendance=[
                    Count(value, labels[value], counts[value], _percent(counts[value], total))
                    for value in Sector.values
                    if value in counts
                ],
                total=total,
                proposals=_proposals_at(day).filter(table=table).count(),
                is_example=table.is_example,
            )
        )
    return found


def overview(day):
    """The numbers `/participacion/` tells its story with."""
    rows = proposals(day)
    survey = survey_results()
    if survey and survey.start_date > day:
        survey = None
    held = tables(day)
    attendance = (
        Attendance.objects.filter(table__date__lte=day)
        .values("sector")
        .annotate(n=Sum("count"))
        .order_by()
    )
    by_sector = {row["sector"]: row["n"] for row in attendance}
    in_tables = sum(by_sector.values())
    sectors = [
        Count(value, label, by_sector[value], _percent(by_sector[value], in_tables))
        for value, label in Sector.choices
        if value in by_sector
    ]
    pending = any(row.fate is None for row in rows)
    themes = []
    for theme in Theme.objects.all():
        mine = [row for row in rows if row.theme_slug == theme.slug]
        if mine:
            themes.append(
                Line(
                    pick(theme.name, theme.name_en),
                    theme.slug,
                    len(mine),
                    outcome_counts(mine, pending=pending),
                )
            )
    proposal_sectors = []
    for value, label in Sector.choices:
        mine = [row for row in rows if row.sector == value]
        if mine:
            proposal_sectors.append(
                Line(label, value, len(mine), outcome_counts(mine, pending=pending))
            )
    report = ResultsReport.objects.filter(published_on__lte=day).first()
    answered = sum(1 for row in rows if row.fate)
    return Overview(
        day=day,
        survey=survey,
        tables=held,
        table_attendance=in_tables,
        participants=in_tables + (survey.responses if survey else 0),
        proposals=len(rows),
        answered=answered,
        outcomes=outcome_counts(rows),
        themes=themes,
        sectors=sectors,
        proposal_sectors=proposal_sectors,
        report=report,
        has_examples=bool(
            (survey and survey.is_example)
            or any(t.is_example for t in held)
            or any(r.is_example for r in rows)
        ),
    )


def themes():
    return [(theme.slug, pick(theme.name, theme.name_en)) for theme in Theme.objects.all()]


# --- open data: plain rows --------------------------------------------------------------


def proposal_data(day):
    """One plain row per proposal public at `day`, with its fate (for downloads)."""
    return [
        {
            "numero": row.number,
            "propuesta": row.text,
            "tema": row.theme,
            "origen": row.origin_label,
            "fuente": row.source,
            "sector": row.sector_label,
            "destino": row.fate.label if row.fate else "",
            "motivo": row.fate.reason if row.fate else "",
            "compromiso": row.fate.commitment_code if row.fate else "",
            "fecha_del_destino": row.fate.date.isoformat() if row.fate else "",
            "publicado_el": row.fate.published_on.isoformat() if row.fate else "",
            "dato_de_ejemplo": row.is_example,
        }
        for row in proposals(day)
    ]


def survey_data():
    """One plain row per question and option of the survey's aggregated results."""
    survey = survey_results()
    if survey is None:
        return []
    return [
        {
            "pregunta": question.text,
            "opcion": option.label,
            "respuestas": option.count,
            "porcentaje": option.percent,
            "dato_de_ejemplo": survey.is_example,
        }
        for question in survey.questions
        for option in question.options
    ]
