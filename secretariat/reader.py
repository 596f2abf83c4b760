"""What the Secretariado's record showed the public at the end of a day, as plain values.

The one reader of the Secretariado for the rest of the site (its pages, the plan's pages, the
reports, open data, the API): every function takes the `day` and answers what was public at
the end of it, from the stamps the services write (a session announced, its signed minutes
uploaded, an agreement recorded, a follow-up published, a sign-off recorded). No request, no
URL parameters, no cache here.

- members in office on the day (`members_on`), and those whose term had ended;
- sessions announced by then (`sessions_on`, `session_on`), held or not on the day, with
  their attendance counts and whether their signed minutes were published by then;
- agreements recorded by then with their status on the day (`agreements_on`): the latest
  public follow-up about a day up to D, as public at the end of D, and overdue on D; every
  follow-up published by then, corrected ones too (`follow_up_records`);
- what the forum owes the public, checked on the day (`obligations_on`);
- civil society's sign-offs of a round's progress report (`sign_offs_on`).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from commitments.reader.refs import Ref
from core import clock
from core.translated import pick
from secretariat import obligations
from secretariat.models import Agreement, AgreementFollowUp, Member, Session, SignOff

STATUS = Agreement.Status


@dataclass(frozen=True)
class FollowUpView:
    """One public follow-up of an agreement: what it said and when it became public."""

    date: date
    status: str
    status_label: str
    note: str
    evidence_url: str
    published_at: datetime
    correction_reason: str = ""


@dataclass(frozen=True)
class AgreementView:
    pk: int
    code: str
    text: str
    session_pk: int
    session_title: str
    session_date: date
    session_slug: str
    session_url: str
    responsible: Ref | None
    due_date: date | None
    status: str
    follow_ups: list = field(default_factory=list)
    commitments: list = field(default_factory=list)
    is_example: bool = False

    @property
    def status_label(self):
        return STATUS(self.status).label

    @property
    def status_tone(self):
        return Agreement.BADGES[self.status][0]

    @property
    def status_icon(self):
        return Agreement.BADGES[self.status][1]

    @property
    def latest(self):
        return self.follow_ups[-1] if self.follow_ups else None

    @property
    def is_overdue(self):
        """The rule for "Vencido": past its due date on the day shown and not fulfilled."""
        return self.overdue_on is not None

    overdue_on: date | None = None


def is_overdue(due_date, status, day):
    return due_date is not None and due_date < day and status != STATUS.FULFILLED


def _public(queryset, day, stamp="published_at"):
    return queryset.filter(**{f"{stamp}__lt": clock.end_of(day)})


def _follow_ups(agreement_ids, day):
    """Each agreement's public follow-ups on `day`, about days up to `day`, oldest first."""
    rows = (
        AgreementFollowUp.objects.public_at(day)
        .filter(agreement__in=agreement_ids, date__lte=day)
        .order_by("date", "published_at", "pk")
    )
    found = defaultdict(list)
    for row in rows:
        found[row.agreement_id].append(
            FollowUpView(
                date=row.date,
                status=row.agreement_status,
                status_label=row.get_agreement_status_display(),
                note=row.note,
                evidence_url=row.evidence_url,
                published_at=row.published_at,
                correction_reason=row.correction_reason,
            )
        )
    return found


def _responsible(agreement):
    unit = agreement.responsible_unit
    if unit is not None:
        return Ref(
            pk=unit.pk,
            name=pick(unit.name, unit.name_en),
            slug=unit.slug,
            acronym=unit.acronym,
            url=unit_url(unit),
        )
    if agreement.responsible:
        return Ref(pk=0, name=agreement.responsible)
    return None


def unit_url(unit):
    return reverse("unit", args=[unit.slug])


def _commitments(agreement_ids, day):
    """The published commitments each agreement concerns (the others stay hidden)."""
    from commitments.models import Commitment

    links = Agreement.commitments.through.objects.filter(
        agreement__in=agreement_ids,
        commitment__in=Commitment.objects.published(),
    ).select_related("commitment")
    found = defaultdict(list)
    for link in links.order_by("commitment__code"):
        commitment = link.commitment
        found[link.agreement_id].append(
            Ref(
                pk=commitment.pk,
                name=pick(commitment.title, commitment.title_en),
                slug=commitment.code,
                url=commitment.get_absolute_url(),
            )
        )
    return found


def agreements_on(day, *, session=None, commitment=None):
    """The agreements recorded by the end of `day`, newest session first, each with its status
    and follow-ups as public then. `session` or `commitment` narrows them."""
    queryset = _public(Agreement.objects.in_list_order(), day)
    if session is not None:
        queryset = queryset.filter(session=session).order_by("code")
    if commitment is not None:
        queryset = queryset.filter(commitments=commitment).order_by("session__date", "code")
    agreements = list(queryset)
    ids = [a.pk for a in agreements]
    follow_ups = _follow_ups(ids, day)
    commitments = _commitments(ids, day)
    views = []
    for agreement in agreements:
        facts = follow_ups.get(agreement.pk, [])
        status = facts[-1].status if facts else STATUS.PENDING
        views.append(
            AgreementView(
                pk=agreement.pk,
                code=agreement.code,
                text=agreement.text,
                session_pk=agreement.session_id,
                session_title=agreement.session.title,
                session_date=agreement.session.date,
                session_slug=agreement.session.slug,
                session_url=agreement.session.get_absolute_url(),
                responsible=_responsible(agreement),
                due_date=agreement.due_date,
                status=status,
                follow_ups=facts,
                commitments=commitments.get(agreement.pk, []),
                is_example=agreement.session.is_example,
                overdue_on=day if is_overdue(agreement.due_date, status, day) else None,
            )
        )
    return views


def follow_up_records(day):
    """Every follow-up of the agreements recorded by the end of `day` published by then,
    corrections and withdrawals too (each pointing at the row it replaces), as the plan's
    fact records (`value` is the agreement's status): what the open data publishes."""
    from commitments.reader.records import FactRecord

    rows = (
        _public(AgreementFollowUp.objects.published(), day)
        .filter(agreement__in=_public(Agreement.objects.all(), day), date__lte=day)
        .order_by("agreement__session__date", "agreement__code", "date", "published_at", "pk")
    )
    in_force = set(AgreementFollowUp.objects.public_at(day).values_list("pk", flat=True))
    return [
        FactRecord(
            pk=row.pk,
            owner=row.agreement_id,
            date=row.date,
            value=row.agreement_status,
            published_at=row.published_at,
            supersedes=row.supersedes_id,
            withdrawn=row.is_withdrawal,
            in_force=row.pk in in_force,
            details={
                "note": row.note,
                "evidence_url": row.evidence_url,
                "correction_reason": row.correction_reason,
            },
        )
        for row in rows
    ]


@dataclass(frozen=True)
class AgreementTotals:
    total: int
    fulfilled: int
    in_progress: int
    pending: int
    overdue: int


def totals(agreements):
    """How many of `agreements` (views) there are by status, and how many are overdue."""
    by_status = defaultdict(int)
    for agreement in agreements:
        by_status[agreement.status] += 1
    return AgreementTotals(
        total=len(agreements),
        fulfilled=by_status[STATUS.FULFILLED],
        in_progress=by_status[STATUS.IN_PROGRESS],
        pending=by_status[STATUS.PENDING],
        overdue=sum(a.is_overdue for a in agreements),
    )


# --- Sessions -----------------------------------------------------------------------------


@dataclass(frozen=True)
class SessionView:
    pk: int
    slug: str
    title: str
    date: date
    place: str
    is_held: bool
    summary: str
    agreement_count: int
    attendance_count: int
    has_minutes: bool
    minutes_published_at: datetime | None
    is_example: bool

    @property
    def status_label(self):
        return _("Celebrada") if self.is_held else _("Programada")

    @property
    def status_tone(self):
        return "done" if self.is_held else "planned"

    @property
    def status_icon(self):
        return "check" if self.is_held else "ring"

    @property
    def url(self):
        return reverse("secretariat:session", kwargs={"slug": self.slug})


def _session_view(session, day, agreement_count):
    minutes_public = bool(session.minutes) and _stamp_by(session.minutes_published_at, day)
    # Attendance is recorded when the session is held: none shows before that.
    held = session.is_held and _stamp_by(session.held_published_at, day)
    return SessionView(
        pk=session.pk,
        slug=session.slug,
        title=session.title,
        date=session.date,
        place=session.place,
        is_held=held,
        summary=session.summary,
        agreement_count=agreement_count,
        attendance_count=session.attendance_total if held else 0,
        has_minutes=minutes_public,
        minutes_published_at=session.minutes_published_at if minutes_public else None,
        is_example=session.is_example,
    )


def _stamp_by(moment, day):
    return moment is not None and moment < clock.end_of(day)


def sessions_on(day):
    """The sessions announced by the end of `day`, newest first."""
    end = clock.end_of(day)
    sessions = _public(Session.objects.all(), day).annotate(
        attendance_total=Count("attendance", distinct=True),
        agreement_total=Count(
            "agreements", filter=Q(agreements__published_at__lt=end), distinct=True
        ),
    )
    return [
        _session_view(session, day, session.agreement_total)
        for session in sessions.order_by("-date", "-start_time")
    ]


def session_on(session, day):
    """A session as public at the end of `day`, or None if it was not announced by then."""
    if not _stamp_by(session.published_at, day):
        return None
    session.attendance_total = session.attendance.count()
    agreements = agreements_on(day, session=session)
    return _session_view(session, day, len(agreements))


def minutes_public_on(session, day):
    return bool(session.minutes) and _stamp_by(session.minutes_published_at, day)


# --- Members ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Members:
    current: list
    former: list


def members_on(day):
    """Members in office on `day` and those whose term had ended by then (model rows: the
    templates read only their public properties)."""
    members = Member.objects.in_display_order().filter(term_start__lte=day)
    current = [m for m in members if m.in_office_on(day)]
    former = [m for m in members if m.term_end is not None and m.term_end < day]
    return Members(current=current, former=former)


# --- Civil society's sign-off of each progress report --------------------------------------


@dataclass(frozen=True)
class SignOffView:
    member: str
    kind_label: str
    opinion: str
    opinion_label: str
    text: str
    signed_at: datetime
    correction_reason: str = ""

    @property
    def tone(self):
        return SignOff.BADGES[self.opinion][0]

    @property
    def icon(self):
        return SignOff.BADGES[self.opinion][1]


@dataclass(frozen=True)
class SignOffs:
    """The sign-offs of a round as public on a day, and who in civil society has not signed."""

    round_number: int
    round_title: str
    signed: list
    pending: list  # names of civil-society members in office who have not signed

    @property
    def counts(self):
        found = dict.fromkeys(SignOff.Opinion.values, 0)
        for item in self.signed:
            found[item.opinion] += 1
        return [(SignOff.Opinion(value).label, n) for value, n in found.items()]


def sign_offs_on(round, day):
    """The latest sign-off of each member for `round`, as public at the end of `day`."""
    end = clock.end_of(day)
    rows = (
        SignOff.objects.filter(round=round, signed_at__lt=end)
        .select_related("member")
        .order_by("signed_at", "pk")
    )
    latest = {}
    for row in rows:
        latest[row.member_id] = row  # a correction comes after what it corrects
    signed = [
        SignOffView(
            member=row.member.name,
            kind_label=row.member.get_kind_display(),
            opinion=row.opinion,
            opinion_label=row.get_opinion_display(),
            text=row.text,
            signed_at=row.signed_at,
            correction_reason=row.correction_reason,
        )
        for row in sorted(latest.values(), key=lambda r: r.member.name)
    ]
    pending = [
        member.name
        for member in Member.objects.filter(kind__in=Member.CIVIL_SOCIETY).in_office(day)
        if member.pk not in latest
    ]
    return SignOffs(round.number, round.title, signed, sorted(pending))


# --- What the forum owes the public -------------------------------------------------------


def _local_days(moments):
    return [timezone.localdate(moment) for moment in moments if moment is not None]


def obligations_record(day):
    """The dates `secretariat.obligations` checks, as public at the end of `day`."""
    from commitments.models import ReportingRound

    end = clock.end_of(day)
    sessions = list(_public(Session.objects.all(), day).order_by("date"))
    held = [s for s in sessions if s.is_held and _stamp_by(s.held_published_at, day)]
    minutes = [s.minutes_published_at if minutes_public_on(s, day) else None for s in sessions]
    agreements = agreements_on(day)
    rounds = ReportingRound.objects.filter(plan__is_published=True, deadline__lte=day)
    follow_ups = AgreementFollowUp.objects.published().filter(published_at__lt=end)
    return obligations.Record(
        day=day,
        start=held[0].date if held else None,
        meetings=[s.date for s in held],
        repository_updates=[
            *_local_days(minutes),
            *rounds.values_list("deadline", flat=True),
        ],
        page_updates=_local_days(
            [
                *(s.published_at for s in sessions),
                *minutes,
                *_public(Agreement.objects.all(), day).values_list("published_at", flat=True),
                *follow_ups.values_list("published_at", flat=True),
            ]
        ),
        minutes=[
            (
                s.title,
                s.date,
                timezone.localdate(s.minutes_published_at) if minutes_public_on(s, day) else None,
            )
            for s in held
        ],
        overdue=sorted(
            ((a.code, a.due_date) for a in agreements if a.is_overdue), key=lambda item: item[1]
        ),
    )


def obligations_on(day):
    """Each obligation of the forum checked on `day` (`secretariat.obligations`)."""
    return obligations.check_all(obligations_record(day), settings.MINUTES_DUE_DAYS)


def round_sign_offs(plan, day):
    """The sign-offs of the last round of `plan` closed by `day` (the board's line), or None."""
    closed = plan.rounds.filter(deadline__lt=day).order_by("-number").first()
    return sign_offs_on(closed, day) if closed is not None else None
