"""The public change log: what was published, corrected or withdrawn, newest first."""

from dataclasses import dataclass
from datetime import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commitments import semaforo
from commitments.models import (
    Assessment,
    ClosingReport,
    CommitmentVersion,
    Evidence,
    FactStatus,
    Measurement,
    MilestoneProgress,
    Publication,
    RoundReport,
    StatusOverride,
    TransversalRating,
)
from commitments.reader.commitment import _number
from commitments.reader.english import translate_contents
from core import clock

# --- The public change log ----------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One thing made public: what, when, and the commitment (or plan) it belongs to.

    Never who: the change log is public and names no staff."""

    key: str
    at: datetime
    kind: str
    text: str
    reason: str = ""
    code: str = ""
    title: str = ""
    url: str = ""
    # What kind of record (a key of RECORDS), the commitment's slug and its unit's.
    record: str = ""
    slug: str = ""
    unit: str = ""
    is_example: bool = False

    @property
    def day(self):
        return timezone.localdate(self.at)

    @property
    def kind_label(self):
        """A correction or a withdrawal says so; anything else names its record."""
        if self.kind in ("correction", "withdrawal"):
            return ACTIONS[self.kind]
        return RECORDS.get(self.record) or ACTIONS.get(self.kind, "")


# Lazy labels: these constants outlive the request whose language they are read in.
ACTIONS = {
    "version": gettext_lazy("Versión del compromiso"),
    "publication": gettext_lazy("Publicación"),
    "new": gettext_lazy("Dato nuevo"),
    "correction": gettext_lazy("Corrección"),
    "withdrawal": gettext_lazy("Retiro"),
    "override": gettext_lazy("Estado asignado"),
}
RECORDS = {
    "version": gettext_lazy("Versión del compromiso"),
    "publication": gettext_lazy("Publicación"),
    "measurement": gettext_lazy("Avance de indicador"),
    "progress": gettext_lazy("Avance de hito"),
    "evidence": gettext_lazy("Evidencia"),
    "override": gettext_lazy("Estado asignado"),
    "report": gettext_lazy("Reporte de corte"),
    "assessment": gettext_lazy("Valoración independiente"),
    "closingreport": gettext_lazy("Informe de cierre"),
    "rating": gettext_lazy("Calificación transversal"),
}
# What the change log's «tipo» filter offers: (value, label, records or actions it keeps).
FILTER_KINDS = [
    ("avances", gettext_lazy("Avances de indicadores y de hitos"), {"measurement", "progress"}),
    ("evidencias", gettext_lazy("Evidencias"), {"evidence"}),
    ("reportes", gettext_lazy("Reportes de corte"), {"report"}),
    ("versiones", gettext_lazy("Versiones y modificaciones"), {"version"}),
    ("estados", gettext_lazy("Estados asignados"), {"override"}),
    (
        "valoraciones",
        gettext_lazy("Valoraciones, calificaciones e informes de cierre"),
        {"assessment", "closingreport", "rating"},
    ),
    ("publicaciones", gettext_lazy("Publicaciones y retiros del portal"), {"publication"}),
    ("correcciones", gettext_lazy("Correcciones"), {"correction"}),
    ("retiros", gettext_lazy("Retiros de datos"), {"withdrawal"}),
]


def matches(change, *, kind="", slug="", unit="", since=None, until=None):
    """Whether `change` passes the change log's filters (each empty one keeps everything)."""
    if kind:
        wanted = next((kept for value, _label, kept in FILTER_KINDS if value == kind), set())
        if change.record not in wanted and change.kind not in wanted:
            return False
    if slug and change.slug != slug:
        return False
    if unit and change.unit != unit:
        return False
    if since and change.day < since:
        return False
    return not (until and change.day > until)


def published_between(start=None, end=None, commitment=None):
    """Everything made public from `start` up to `end` (now by default) included, newest
    first, as `Change`s.

    Only what belongs to a commitment public now, in a plan public now (and those plans'
    own publications). One query per kind of record, whatever the number of changes.
    """
    from commitments.models import Commitment

    end = end or clock.now()
    commitments = Commitment.objects.filter(is_published=True, plan__is_published=True)
    if commitment is not None:
        commitments = commitments.filter(pk=commitment.pk)
    found = commitments.values_list("pk", "slug", "unit__slug", "is_example")
    slugs, units, examples = {}, {}, set()
    for pk, slug, unit, is_example in found:
        slugs[pk], units[pk] = slug, unit
        if is_example:
            examples.add(pk)
    latest = {}
    for version in CommitmentVersion.objects.filter(
        commitment__in=list(slugs), published_at__lte=end
    ).order_by("commitment_id", "number"):
        latest[version.commitment_id] = version.content
    latest = translate_contents(latest)

    def within(queryset, moment="published_at"):
        queryset = queryset.filter(**{f"{moment}__lte": end})
        return queryset.filter(**{f"{moment}__gte": start}) if start else queryset

    def facts(model, path="commitment_id"):
        queryset = within(model.objects.filter(status=FactStatus.PUBLISHED))
        return queryset.filter(**{f"{path}__in": list(slugs)}).order_by()

    def change(key, at, cid, kind, text, reason=""):
        content = latest.get(cid)
        code, title = (content.code, content.title) if content else ("", "")
        url = reverse("commitment", args=[slugs[cid]]) if cid in slugs else ""
        record = key.rsplit("-", 1)[0]
        return Change(
            key,
            at,
            kind,
            text,
            reason,
            code,
            title,
            url,
            record=record,
            slug=slugs.get(cid, ""),
            unit=units.get(cid) or "",
            is_example=cid in examples,
        )

    def fact_kind(f):
        if f.is_withdrawal:
            return "withdrawal"
        return "correction" if f.supersedes_id else "new"

    def indicator_names(cid):
        content = latest.get(cid)
        return {i.id: i.name for i in content.indicators} if content else {}

    def milestone_titles(cid):
        content = latest.get(cid)
        return {m.id: m.title for m in content.milestones} if content else {}

    changes = []
    for v in within(CommitmentVersion.objects.filter(commitment__in=list(slugs))).order_by():
        if v.number == 1:
            text = _("Se publicó el compromiso como se aprobó.")
        elif v.modification_id:
            text = _("Versión %(n)s por una modificación aprobada, vigente desde el %(day)s.")
        else:
            text = _("Versión %(n)s: corrección del texto publicado, vigente desde el %(day)s.")
        values = {"n": v.number, "day": date_format(v.effective_on)}
        changes.append(
            change(
                f"version-{v.pk}",
                v.published_at,
                v.commitment_id,
                "version",
                text % values,
                v.reason,
            )
        )
    publications = within(Publication.objects.all(), "at").select_related("plan").order_by()
    for p in publications:
        if p.commitment_id is not None:
            if p.commitment_id not in slugs:
                continue
            text = _("Se publicó en el portal.") if p.is_published else _("Se retiró del portal.")
            changes.append(
                change(f"publication-{p.pk}", p.at, p.commitment_id, "publication", text, p.reason)
            )
        elif commitment is None and p.plan.is_published:
            text = (
                _("Se publicó el plan «%(plan)s».")
                if p.is_published
                else _("Se retiró del portal el plan «%(plan)s».")
            )
            changes.append(
                Change(
                    f"publication-{p.pk}",
                    p.at,
                    "publication",
                    text % {"plan": p.plan.title},
                    p.reason,
                    url=reverse("board"),
                    record="publication",
                )
            )
    for f in facts(Measurement, "indicator__commitment_id").select_related("indicator"):
        cid = f.indicator.commitment_id
        name = indicator_names(cid).get(f.indicator_id, f.indicator.name)
        values = {"name": name, "day": date_format(f.date), "value": _number(f.value)}
        text = {
            "new": _("Avance de «%(name)s» al %(day)s: %(value)s."),
            "correction": _("Se corrigió el avance de «%(name)s» del %(day)s: %(value)s."),
            "withdrawal": _("Se retiró el avance de «%(name)s» del %(day)s."),
        }[fact_kind(f)]
        changes.append(
            change(
                f"measurement-{f.pk}",
                f.published_at,
                cid,
                fact_kind(f),
                text % values,
                f.correction_reason,
            )
        )
    for f in facts(MilestoneProgress, "milestone__commitment_id").select_related("milestone"):
        cid = f.milestone.commitment_id
        title = milestone_titles(cid).get(f.milestone_id, f.milestone.title)
        values = {"title": title, "day": date_format(f.date), "percent": f.percent}
        text = {
            "new": _("Avance del hito «%(title)s» al %(day)s: %(percent)s %%."),
            "correction": _(
                "Se corrigió el avance del hito «%(title)s» del %(day)s: %(percent)s %%."
            ),
            "withdrawal": _("Se retiró el avance del hito «%(title)s» del %(day)s."),
        }[fact_kind(f)]
        changes.append(
            change(
                f"progress-{f.pk}",
                f.published_at,
                cid,
                fact_kind(f),
                text % values,
                f.correction_reason,
            )
        )
    for f in facts(Evidence):
        text = {
            "new": _("Se publicó «%(title)s»."),
            "correction": _("Se corrigió la evidencia «%(title)s»."),
            "withdrawal": _("Se retiró la evidencia «%(title)s»."),
        }[fact_kind(f)] % {"title": f.title}
        changes.append(
            change(
                f"evidence-{f.pk}",
                f.published_at,
                f.commitment_id,
                fact_kind(f),
                text,
                f.correction_reason,
            )
        )
    for f in facts(StatusOverride):
        label = semaforo.Status(f.status_value).label.lower()
        if f.supersedes_id and f.ends_on:
            text = _("Terminó el estado asignado «%(label)s» el %(day)s.") % {
                "label": label,
                "day": date_format(f.ends_on),
            }
        else:
            text = _("El Secretariado asignó el estado «%(label)s» desde el %(day)s.") % {
                "label": label,
                "day": date_format(f.starts_on),
            }
        changes.append(
            change(f"override-{f.pk}", f.published_at, f.commitment_id, "override", text, f.reason)
        )
    for f in facts(RoundReport).select_related("round"):
        text = _("Se entregó su reporte para «%(round)s».") % {"round": f.round.title}
        changes.append(change(f"report-{f.pk}", f.published_at, f.commitment_id, "new", text))
    for model, text in (
        (Assessment, _("Se publicó una valoración independiente.")),
        (ClosingReport, _("Se publicó el informe de cierre.")),
    ):
        for f in facts(model):
            key = f"{model._meta.model_name}-{f.pk}"
            changes.append(change(key, f.published_at, f.commitment_id, fact_kind(f), text))
    for f in facts(TransversalRating):
        text = _("Se publicó la calificación de «%(dimension)s»: %(level)s.") % {
            "dimension": f.get_dimension_display(),
            "level": f.get_level_display().lower(),
        }
        changes.append(change(f"rating-{f.pk}", f.published_at, f.commitment_id, "new", text))
    return sorted(changes, key=lambda c: (c.at, c.key), reverse=True)
