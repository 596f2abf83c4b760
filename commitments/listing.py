"""Lists of commitments (board, axis and unit pages): which ones, in what order, and totals.

Pages get a plan's commitments as plain rows from the reader (`reader.plan_view`), then
filter, sort, count and paginate them here: the status is the semáforo's verdict, which
SQL cannot filter on, and the rows are small tuples, so this costs little even at 4,000.
"""

import unicodedata
from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext_lazy as _

from commitments import reader, semaforo
from commitments.models import Assessment, Dimension, RatingLevel
from commitments.semaforo import STALE, STALE_LABEL, STATUS_ICONS, Status

PAGE_SIZE = 25

# Query parameters that say which plan and which day a page shows; links keep them.
CONTEXT_PARAMS = ("plan", "fecha", "corte")
FILTER_PARAMS = ("q", "eje", "dependencia", "estado", "pilar", "corresponsable", "valoracion")

# The independent assessment as a filter: assessed at all, or starred ("destacado").
ASSESSED = "valorados"
STARRED = "destacados"
ASSESSMENT_CHOICES = [
    ("", _("Con o sin valoración")),
    (ASSESSED, _("Con valoración independiente")),
    (STARRED, _("Destacados por la valoración independiente")),
]

# The statuses a visitor can filter on: the five of the semáforo plus the "sin actualizar" flag.
STATUS_CHOICES = [*Status.choices, (STALE, STALE_LABEL)]
STATUS_ICON = {**STATUS_ICONS, STALE: "question"}

# "Más urgente primero": the order used when sorting by status.
SEVERITY = [Status.AT_RISK, Status.DELAYED, Status.NOT_STARTED, Status.ON_TRACK, Status.COMPLETE]

# The default order (by code) has an empty value, so it stays out of shared URLs.
SORT_CHOICES = [
    ("", _("Clave")),
    ("estado", _("Más urgentes primero")),
    ("avance", _("Mayor avance primero")),
    ("titulo", _("Título (A-Z)")),
]

UNIT_PARTY = "dependencia"
ORGANIZATION_PARTY = "organizacion"


# --- Totals ------------------------------------------------------------------


@dataclass(frozen=True)
class StatusCount:
    value: str
    label: str
    icon: str
    count: int


@dataclass(frozen=True)
class Summary:
    """How a group of commitments is doing: counts per status and mean progress."""

    total: int
    counts: dict
    progress: float | None
    expected: float | None

    @classmethod
    def of(cls, rows):
        rows = list(rows)
        counts = dict.fromkeys(STATUS_ICON, 0)
        for row in rows:
            counts[row.verdict.status] += 1
            counts[STALE] += row.verdict.stale
        # A commitment without published progress counts as 0 % in the mean.
        progress = semaforo.weighted_mean((row.verdict.progress or 0, 1) for row in rows)
        expected = semaforo.weighted_mean((row.verdict.expected, 1) for row in rows)
        return cls(len(rows), counts, progress, expected)

    @property
    def statuses(self):
        return [
            StatusCount(value, label, STATUS_ICON[value], self.counts[value])
            for value, label in STATUS_CHOICES
        ]


@dataclass(frozen=True)
class AxisSummary:
    axis: object
    summary: Summary


def by_axis(rows):
    groups = {}
    for row in rows:
        groups.setdefault(row.axis, []).append(row)
    axes = sorted(groups, key=lambda axis: (axis.order, axis.name))
    return [AxisSummary(axis, Summary.of(groups[axis])) for axis in axes]


@dataclass(frozen=True)
class LevelCount:
    label: str
    count: int
    meaning: str


@dataclass(frozen=True)
class DimensionSummary:
    label: str
    levels: list


def transversal_summary(view):
    """Commitments per level of each transversal indicator, with what each level means."""
    counts, meanings = view.ratings
    return [
        DimensionSummary(
            dimension.label,
            [
                LevelCount(
                    level.label,
                    counts.get((dimension, level), 0),
                    meanings.get((dimension, level), ""),
                )
                for level in RatingLevel
            ],
        )
        for dimension in Dimension
    ]


@dataclass(frozen=True)
class Tally:
    label: str
    count: int


@dataclass(frozen=True)
class AssessmentSummary:
    assessed: int
    starred: int
    completion: list
    potential: list
    assessors: list


def assessment_summary(found):
    """The independent assessment, from the latest public one of each commitment."""

    def tally(field, choices):
        return [
            Tally(label, sum(getattr(a, field) == value for a in found)) for value, label in choices
        ]

    return AssessmentSummary(
        assessed=len(found),
        starred=sum(a.is_starred for a in found),
        completion=tally("completion", Assessment.Completion.choices),
        potential=tally("potential", Assessment.Potential.choices),
        assessors=sorted({a.assessor for a in found}),
    )


# --- Filters and sorting -------------------------------------------------------


def fold(text):
    """Lower case without accents, so «participacion» finds «Participación»."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def party_value(party, kind=UNIT_PARTY):
    """The party filter's value for a unit or an organisation."""
    return reader.party_key(kind, party.slug)


def _choices(items, empty_label):
    return [("", empty_label), *items]


def _unique(objects, key):
    return sorted(set(objects), key=key)


class BoardFilterForm(forms.Form):
    """The board's filters; choices come from the commitments on the board."""

    q = forms.CharField(
        label=_("Buscar"),
        required=False,
        max_length=100,
        help_text=_("En la clave, el título o la descripción."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    eje = forms.ChoiceField(label=_("Eje"), required=False)
    dependencia = forms.ChoiceField(label=_("Dependencia responsable"), required=False)
    estado = forms.MultipleChoiceField(label=_("Estado"), required=False, choices=STATUS_CHOICES)
    pilar = forms.ChoiceField(label=_("Pilar"), required=False)
    corresponsable = forms.ChoiceField(
        label=_("Responsable o corresponsable"),
        required=False,
        help_text=_("Dependencias y organizaciones que encabezan o comparten un compromiso."),
    )
    valoracion = forms.ChoiceField(
        label=_("Valoración independiente"), required=False, choices=ASSESSMENT_CHOICES
    )
    orden = forms.ChoiceField(label=_("Ordenar por"), required=False, choices=SORT_CHOICES)

    def __init__(self, data, rows, assessments=None):
        super().__init__(data, label_suffix="")
        # {commitment pk: starred?} for the commitments with a public assessment.
        self.assessments = assessments or {}
        axes = _unique((r.axis for r in rows), lambda a: (a.order, a.name))
        units = _unique((r.unit for r in rows), lambda u: fold(u.name))
        pillars = _unique((p for r in rows for p in r.pillars), lambda p: p.order)
        co = [(kind, ref) for r in rows for kind, ref, _role in r.co_parties]
        party_units = _unique(
            [*units, *(ref for kind, ref in co if kind == UNIT_PARTY)], lambda u: fold(u.name)
        )
        organizations = _unique(
            (ref for kind, ref in co if kind == ORGANIZATION_PARTY), lambda o: fold(o.name)
        )
        self.fields["eje"].choices = _choices([(a.slug, a.name) for a in axes], _("Todos los ejes"))
        self.fields["dependencia"].choices = _choices(
            [(u.slug, str(u)) for u in units], _("Todas las dependencias")
        )
        self.fields["pilar"].choices = _choices(
            [(p.slug, p.name) for p in pillars], _("Todos los pilares")
        )
        self.fields["corresponsable"].choices = _choices(
            [
                (_("Dependencias"), [(party_value(u), str(u)) for u in party_units]),
                (
                    _("Organizaciones"),
                    [(party_value(o, ORGANIZATION_PARTY), o.name) for o in organizations],
                ),
            ],
            _("Cualquiera"),
        )
        self._values = {}
        self.is_valid()

    def value(self, name):
        """The cleaned value of a filter; an invalid one is ignored (empty)."""
        if name not in self._values:
            self._values[name] = self.cleaned_data.get(name) or self.fields[name].to_python(None)
        return self._values[name]

    def matches(self, row, *, ignore_status=False):
        verdict = row.verdict
        if self.value("eje") and row.axis.slug != self.value("eje"):
            return False
        if self.value("dependencia") and row.unit.slug != self.value("dependencia"):
            return False
        if self.value("pilar") and self.value("pilar") not in {p.slug for p in row.pillars}:
            return False
        if self.value("corresponsable") and self.value("corresponsable") not in row.parties:
            return False
        chosen = self.value("valoracion")
        if chosen == ASSESSED and row.pk not in self.assessments:
            return False
        if chosen == STARRED and not self.assessments.get(row.pk):
            return False
        if self.value("q"):
            text = fold(f"{row.code} {row.title} {row.description}")
            if not all(word in text for word in fold(self.value("q")).split()):
                return False
        statuses = self.value("estado")
        if statuses and not ignore_status:
            return verdict.status in statuses or (STALE in statuses and verdict.stale)
        return True

    def filter(self, rows):
        return sort_rows([row for row in rows if self.matches(row)], self.value("orden"))

    def status_options(self, rows):
        """Each status with how many commitments it would show, given the other filters."""
        counts = Summary.of([row for row in rows if self.matches(row, ignore_status=True)])
        chosen = self.value("estado")
        return [
            StatusOption(item.value, item.label, item.icon, item.count, item.value in chosen)
            for item in counts.statuses
        ]

    def active_filters(self, query):
        """Each filter in use, as a label and the query string that removes it."""
        active = []
        for name in FILTER_PARAMS:
            field = self.fields[name]
            for value in _as_list(self.value(name)):
                if name == "q":
                    label = _("Búsqueda: «%(text)s»") % {"text": value}
                else:
                    label = f"{field.label}: {_choice_label(field, value)}"
                active.append(ActiveFilter(label, without(query, name, value)))
        return active


@dataclass(frozen=True)
class StatusOption:
    value: str
    label: str
    icon: str
    count: int
    checked: bool


@dataclass(frozen=True)
class ActiveFilter:
    label: str
    query: str


def _as_list(value):
    if isinstance(value, list):
        return value
    return [value] if value else []


def _choice_label(field, value):
    for key, label in field.choices:
        if isinstance(label, list | tuple):
            for sub_key, sub_label in label:
                if sub_key == value:
                    return sub_label
        elif key == value:
            return label
    return value


def sort_rows(rows, key):
    if key == "estado":
        return sorted(
            rows,
            key=lambda r: (
                SEVERITY.index(r.verdict.status),
                not r.verdict.stale,
                -(r.verdict.gap or 0),
                r.code_key,
            ),
        )
    if key == "avance":
        return sorted(rows, key=lambda r: (-(r.verdict.progress or 0), r.code_key))
    if key == "titulo":
        return sorted(rows, key=lambda r: fold(r.title))
    return sorted(rows, key=lambda r: r.code_key)


# --- Query strings -------------------------------------------------------------


def clean_query(query, keep=None):
    """The query string without empty values (and only the `keep` names, if given)."""
    return urlencode(query_pairs(query, keep=keep))


def without(query, name, value=None):
    """The query string without one filter value (or the whole parameter) nor the page."""
    copy = query.copy()
    copy.pop("pagina", None)
    if value is None:
        copy.pop(name, None)
    else:
        copy.setlist(name, [v for v in copy.getlist(name) if v != value])
    return clean_query(copy)


def without_day(query):
    """The query without time travel nor page: where "Ver los datos de hoy" goes."""
    copy = query.copy()
    for name in ("fecha", "corte", "pagina"):
        copy.pop(name, None)
    return copy


def context_query(query):
    """Only the plan and the day shown: what links to other pages keep."""
    return clean_query(query, keep=CONTEXT_PARAMS)


def query_pairs(query, keep=None, drop=()):
    """(name, value) pairs of the non-empty parameters, for hidden form inputs."""
    return [
        (name, value)
        for name, values in query.lists()
        for value in values
        if value.strip() and name not in drop and (keep is None or name in keep)
    ]
