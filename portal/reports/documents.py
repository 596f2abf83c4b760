"""What each report shows, read through `commitments.reader` for one day.

A report object names its subject and day (which is all the disk cache keys on besides the
content version) and reads its data only when `html()` is called, so a cached download
reads nothing. Everything about the plan comes from the reader's plain values; the
Secretariado's sessions and agreements are read from their models, as their page does.
"""

import base64
from collections import Counter
from dataclasses import dataclass
from datetime import date
from itertools import groupby
from urllib.parse import urljoin

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from commitments import listing, reader, stored
from commitments.commitment_page import CommitmentPage
from commitments.models import ActionPlan, Commitment, MilestoneStatus, Pillar, ReportingRound
from commitments.semaforo import Status
from core import clock
from portal.reports.render import base_url
from secretariat import reader as secretariat_reader
from secretariat.models import Session

# The milestones an informe lists under «Próximos hitos».
NEXT_MILESTONES = 20


def active_language():
    return translation.get_supported_language_variant(
        translation.get_language() or settings.LANGUAGE_CODE
    )


class Report:
    """One PDF: its subject, its day, its language, where it is kept and how to build it again.

    The language is the one active where the report is asked for (the page's: /en/reportes/…
    is English); the worker builds it in that language, and it is kept apart from the other's.
    """

    kind = ""
    template = ""
    # Built by the worker: too slow to build while a visitor waits.
    background = False

    def __init__(self, subject, day, language=None):
        self.subject = subject
        self.day = day
        self.language = language or active_language()

    @property
    def ident(self):
        return self.subject.slug

    @property
    def args(self):
        """JSON arguments for `from_args` (the worker rebuilds the report from them)."""
        return {"pk": self.subject.pk, "day": self.day.isoformat(), "language": self.language}

    @classmethod
    def from_args(cls, args):
        subject = cls.subjects().filter(pk=args["pk"]).first()
        day = date.fromisoformat(args["day"])
        return cls(subject, day, args.get("language")) if subject else None

    @classmethod
    def subjects(cls):
        raise NotImplementedError

    def context(self):
        raise NotImplementedError

    def html(self):
        context = {
            "report": self,
            "generated_on": clock.today(),
            "author": settings.TRANSPARENCY_UNIT["name"],
            "municipality": settings.MUNICIPALITY,
            "site_name": settings.SITE_NAME,
            "site_url": settings.REPORTS_BASE_URL,
        }
        return render_to_string(self.template, context | self.context())


# --- The plan on a day -----------------------------------------------------------------


@dataclass(frozen=True)
class Upcoming:
    """A milestone not yet concluded, under «Próximos hitos», with its commitment's code."""

    code: str
    milestone: reader.MilestoneView


CONCLUDED = {MilestoneStatus.COMPLETE, MilestoneStatus.CANCELLED}


def plan_entries(plan, day):
    """The plan's public commitments on `day`, in plan order, each as the reader's
    `CommitmentDetail`: the very row, indicators and milestones its page shows that day."""
    return sorted(
        reader.plan_details(plan, day),
        key=lambda e: (e.row.axis.order, e.row.axis.name, e.row.objective.order, e.row.code_key),
    )


def upcoming_milestones(entries, day):
    """Milestones not concluded that end on `day` or later, the first to end first."""
    found = sorted(
        (
            (m.end_date, stored.natural_key(e.row.code), m.number, Upcoming(e.row.code, m))
            for e in entries
            for m in e.milestones
            if m.status not in CONCLUDED and m.end_date >= day
        ),
        key=lambda item: item[:3],
    )
    return [item[-1] for item in found[:NEXT_MILESTONES]]


def by_axis_and_objective(entries):
    """[(axis, [(objective, [entry, …]), …]), …] in plan order."""
    return [
        (
            axis,
            [
                (objective, list(items))
                for objective, items in groupby(group, lambda e: e.row.objective)
            ],
        )
        for axis, group in groupby(entries, lambda e: e.row.axis)
    ]


def by_unit(rows):
    """[(unit name, listing.Summary), …] by name."""
    groups = {}
    for row in rows:
        groups.setdefault(str(row.unit), []).append(row)
    return [(name, listing.Summary.of(groups[name])) for name in sorted(groups)]


class PlanReport(Report):
    """Plan de Acción completo: cover, contents, pillars, the whole matrix and each status."""

    kind = "plan"
    template = "reports/plan.html"
    background = True

    @classmethod
    def subjects(cls):
        return ActionPlan.objects.select_related("exercise", "approved_at_session")

    @property
    def title(self):
        return _("Plan de Acción Municipal de Gobierno Abierto %(period)s") % {
            "period": self.subject.exercise.period
        }

    @property
    def filename(self):
        return f"plan-de-accion-{self.subject.exercise.period}.pdf"

    def context(self):
        entries = plan_entries(self.subject, self.day)
        served = Counter(p.pk for e in entries for p in e.row.pillars)
        return {
            "plan": self.subject,
            "pillars": [(pillar, served[pillar.pk]) for pillar in Pillar.objects.all()],
            "axes": by_axis_and_objective(entries),
            "count": len(entries),
            "has_examples": any(e.row.is_example for e in entries),
            "all_examples": all(e.row.is_example for e in entries),
        }


class ProgressReport(Report):
    """Informe de avance al <fecha>, or al cierre de un corte (then `round` is set)."""

    kind = "avance"
    template = "reports/progress.html"
    background = True

    def __init__(self, plan, day, round_=None, language=None):
        super().__init__(plan, day, language)
        self.round = round_
        if round_ is not None:
            self.kind = "corte"

    @property
    def args(self):
        return super().args | {"round": self.round.pk if self.round else None}

    @classmethod
    def from_args(cls, args):
        plan = cls.subjects().filter(pk=args["pk"]).first()
        round_ = ReportingRound.objects.filter(pk=args["round"]).first() if args["round"] else None
        day = date.fromisoformat(args["day"])
        return cls(plan, day, round_, args.get("language")) if plan else None

    @classmethod
    def subjects(cls):
        return ActionPlan.objects.select_related("exercise")

    @property
    def title(self):
        if self.round:
            return _("Informe de avance al cierre del corte %(n)s (%(day)s)") % {
                "n": self.round.number,
                "day": date_format(self.day),
            }
        return _("Informe de avance al %(day)s") % {"day": date_format(self.day)}

    @property
    def filename(self):
        if self.round:
            return f"informe-de-avance-corte-{self.round.number}.pdf"
        return f"informe-de-avance-al-{self.day.isoformat()}.pdf"

    def context(self):
        entries = plan_entries(self.subject, self.day)
        rows = [e.row for e in entries]
        view = reader.plan_view(self.subject, self.day)
        return {
            "plan": self.subject,
            "entries": entries,
            "summary": listing.Summary.of(rows),
            "axes_groups": [(item.axis.name, item.summary) for item in listing.by_axis(rows)],
            "unit_groups": by_unit(rows),
            "overrides": [e for e in entries if e.row.verdict.overridden],
            "transversal": listing.transversal_summary(view.ratings),
            "assessments": listing.assessment_summary(view.assessments),
            "upcoming": upcoming_milestones(entries, self.day),
            "attention": [
                (
                    _("Atrasados"),
                    [e for e in entries if e.row.verdict.status == Status.AT_RISK],
                    _("Ningún compromiso estaba atrasado."),
                ),
                (
                    _("Con retraso"),
                    [e for e in entries if e.row.verdict.status == Status.DELAYED],
                    _("Ningún compromiso iba con retraso."),
                ),
            ],
            "has_examples": any(row.is_example for row in rows),
            "all_examples": all(row.is_example for row in rows),
            # Civil society signs after the round closes: its opinion as of today, next to
            # the government's report as of the close.
            "sign_offs": secretariat_reader.sign_offs_on(self.round, clock.today())
            if self.round
            else None,
        }


# --- One commitment ----------------------------------------------------------------------


class CommitmentSheet(Report):
    """Ficha de compromiso: its status, matrix row, chart, milestones and evidence."""

    kind = "ficha"
    template = "reports/commitment.html"

    @classmethod
    def subjects(cls):
        return Commitment.objects.select_related("plan__exercise")

    @property
    def as_of(self):
        return reader.Day(self.day, is_past=self.day < clock.today())

    @property
    def title(self):
        return _("Ficha del compromiso %(code)s al %(day)s") % {
            "code": self.view.row.code,
            "day": date_format(self.day),
        }

    @property
    def filename(self):
        if self.as_of.is_past:
            return f"ficha-{self.subject.slug}-al-{self.day.isoformat()}.pdf"
        return f"ficha-{self.subject.slug}.pdf"

    @property
    def view(self):
        if not hasattr(self, "_view"):
            self._view = reader.commitment_view(self.subject, self.day)
        return self._view

    def context(self):
        page = CommitmentPage(self.view, self.as_of)
        chart = page.chart
        evidence = [Link(e.title, e.date, absolute(e.link), "") for e in page.general_evidence]
        for m in page.milestones:
            about = _("Hito %(n)s") % {"n": m.number}
            evidence += [Link(e.title, e.date, absolute(e.link), about) for e in m.evidence]
        # A measurement's own file or link is evidence too (the page shows it beside the value).
        for i in page.indicators:
            evidence += [
                Link(_("Evidencia del valor"), f.date, absolute(f.evidence_link), i.name)
                for f in i.measurements
                if f.has_evidence
            ]
        return {
            "page": page,
            "as_of": self.as_of,
            "chart": chart,
            "chart_image": chart_image(chart) if chart else "",
            "milestones": [(m, m.status.label) for m in page.milestones],
            "evidence": evidence,
            "page_url": absolute(page.get_absolute_url()),
            "has_examples": page.is_example,
        }


@dataclass(frozen=True)
class Link:
    title: str
    date: date
    url: str
    about: str


def absolute(link):
    """Links in a PDF are read outside the site: every one is absolute."""
    return urljoin(base_url(), link) if link else ""


def chart_image(chart):
    """The web page's chart geometry as an SVG image (a data: URL), so the PDF tags it as a
    figure with its alternative text; presentation attributes, because WeasyPrint does not
    style an SVG from the document's stylesheet."""
    svg = render_to_string("reports/includes/_chart.svg", {"g": chart.geometry})
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


# --- The Secretariado ------------------------------------------------------------------


class SessionMinutes(Report):
    """Resumen de la sesión: agenda, attendance with quorum, agreements and their follow-up,
    generated from the record; the signed minutes («Acta firmada») are the uploaded PDF."""

    kind = "acta"
    template = "reports/session.html"

    @classmethod
    def subjects(cls):
        return Session.objects.with_details()

    @property
    def title(self):
        return _("Resumen de la %(session)s del Secretariado") % {"session": self.subject.title}

    @property
    def filename(self):
        return f"resumen-{self.subject.slug}.pdf"

    def context(self):
        session = self.subject
        agreements = secretariat_reader.agreements_on(self.day, session=session)
        minutes = secretariat_reader.minutes_public_on(session, self.day)
        return {
            "session": session,
            "attendance": list(session.attendance.all()),
            "quorum": session.quorum(),
            "agreements": agreements,
            "overdue": sum(a.is_overdue for a in agreements),
            "minutes_url": absolute(session.minutes.url) if minutes else "",
            "has_examples": session.is_example,
        }


KINDS = {
    report.kind: report for report in (PlanReport, ProgressReport, CommitmentSheet, SessionMinutes)
}
KINDS["corte"] = ProgressReport
