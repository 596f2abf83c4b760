"""Lists of commitments (board, axis and unit pages): which ones, in what order, and totals.

Pages read a plan's commitments on a day through `reader.PlanList`: the stored states
carry each day's verdict, so the filters here become SQL, totals come from one grouped
query (`reader.Group`) and only the 25 rows shown are judged in full. Reports, which show
every commitment, use the same totals over plain rows (`Summary.of`).
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext_lazy as _

from commitments import reader, semaforo, stored
from commitments.models import Assessment, Dimension, RatingLevel
from commitments.semaforo import STALE, STALE_LABEL, STATUS_ICONS, Status
from commitments.stored import fold
from core import clock, params

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

    @classmethod
    def of_groups(cls, groups):
        counts = dict.fromkeys(STATUS_ICON, 0)
        total, progress, expected = 0, 0.0, 0.0
        for group in groups:
            counts[group.status] += group.count
            counts[STALE] += group.count if group.stale else 0
            total += group.count
            progress += group.progress_sum
            expected += group.expected_sum
        if not total:
            return cls(0, counts, None, None)
        return cls(total, counts, progress / total, expected / total)

    @property
    def statuses(self):
        """The five statuses of the semáforo: their counts add up to `total`."""
        return [
            StatusCount(value, label, STATUS_ICON[value], self.counts[value])
            for value, label in Status.choices
        ]

    @property
    def stale(self):
        """The «sin actualizar» flag, shown apart: it marks commitments of any status."""
        return StatusCount(STALE, STALE_LABEL, STATUS_ICON[STALE], self.counts[STALE])


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


def by_axis_of_groups(groups):
    found = {}
    for group in groups:
        found.setdefault(group.axis, []).append(group)
    axes = sorted(found, key=lambda axis: (axis.order, axis.name))
    return [AxisSummary(axis, Summary.of_groups(found[axis])) for axis in axes]


class StateRows:
    """A sorted queryset of stored states as the sequence a Paginator pages: its length is
    known from the tally, and only the slice a page shows is read and judged."""

    def __init__(self, plan_list, states, count):
        self.plan_list = plan_list
        self.states = states
        self._count = count

    def count(self):
        return self._count

    def __len__(self):
        return self._count

    def __getitem__(self, index):
        if not isinstance(index, slice):
            raise TypeError("StateRows only pages")
        # The database sorts narrow rows and picks the page; only its rows carry their texts
        # and payloads, sorted again (25 of them).
        page = self.states.values("pk")[index]
        ordering = self.states.query.order_by
        return self.plan_list.rows(
            type(self.states)(self.states.model).filter(pk__in=page).order_by(*ordering)
        )


@dataclass(frozen=True)
class LevelCount:
    label: str
    count: int
    meaning: str


@dataclass(frozen=True)
class DimensionSummary:
    label: str
    levels: list


def transversal_summary(ratings):
    """Commitments per level of each transversal indicator, with what each level means
    (`ratings`: `reader.ratings_summary`)."""
    counts, meanings = ratings
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


def assessment_summary(counted):
    """The independent assessment, from the latest public one of each commitment:
    (`reader.AssessmentFact`, how many) pairs (`reader.assessment_tally`)."""

    def tally(field, choices):
        return [
            Tally(label, sum(n for a, n in counted if getattr(a, field) == value))
            for value, label in choices
        ]

    return AssessmentSummary(
        assessed=sum(n for _a, n in counted),
        starred=sum(n for a, n in counted if a.is_starred),
        completion=tally("completion", Assessment.Completion.choices),
        potential=tally("potential", Assessment.Potential.choices),
        assessors=sorted({a.assessor for a, _n in counted}),
    )


# --- Filters and sorting -------------------------------------------------------


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
        max_length=params.SEARCH_MAX_LENGTH,
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

    def __init__(self, data, groups):
        super().__init__(data, label_suffix="")
        axes = _unique((g.axis for g in groups), lambda a: (a.order, a.name))
        units = _unique((g.unit for g in groups), lambda u: fold(u.name))
        pillars = _unique((p for g in groups for p in g.pillars), lambda p: p.order)
        co = [(kind, ref) for g in groups for kind, ref in g.parties]
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

    def narrowed(self, plan_list, *, ignore_status=False):
        """The public states of `plan_list` that the filters keep."""
        refs = plan_list.refs
        states = plan_list.states
        if self.value("eje"):
            states = states.under_objectives(
                [
                    pk
                    for pk, o in refs["objectives"].items()
                    if o.extra["axis"].slug == self.value("eje")
                ]
            )
        if self.value("dependencia"):
            states = states.filter(unit_ref=_pk(refs["units"], self.value("dependencia")))
        if self.value("pilar"):
            states = states.with_pillar(_pk(refs["pillars"], self.value("pilar")))
        if self.value("corresponsable"):
            kind, _sep, slug = self.value("corresponsable").partition(":")
            table = refs["units"] if kind == UNIT_PARTY else refs["organizations"]
            tag = stored.party_tag(reader.PARTY_TAGS[kind], _pk(table, slug))
            states = states.with_party(tag)
        if self.value("valoracion"):
            states = states.assessed(starred=self.value("valoracion") == STARRED)
        if self.value("q"):
            states = states.with_words(fold(self.value("q")).split())
        if self.value("estado") and not ignore_status:
            states = states.with_status(self.value("estado"), STALE)
        return states

    def narrows(self):
        """Whether any filter but the status is in use (else the plan's tally serves)."""
        return any(self.value(name) for name in FILTER_PARAMS if name != "estado")

    def shown(self, groups):
        """How many of the commitments in `groups` the status filter keeps."""
        statuses = self.value("estado")
        if not statuses:
            return sum(g.count for g in groups)
        return sum(
            g.count for g in groups if g.status in statuses or (STALE in statuses and g.stale)
        )

    def results(self, plan_list, groups):
        """The filtered commitments, sorted, as a sequence for the Paginator; `groups` is the
        tally of `narrowed(plan_list, ignore_status=True)`."""
        states = self.narrowed(plan_list).ordered(self.value("orden"), plan_list.day, SEVERITY)
        return StateRows(plan_list, states, self.shown(groups))

    def status_options(self, groups):
        """Each status with how many commitments it would show, given the other filters
        (`groups`: the tally of those)."""
        counts = Summary.of_groups(groups)
        chosen = self.value("estado")
        return [
            StatusOption(item.value, item.label, item.icon, item.count, item.value in chosen)
            for item in [*counts.statuses, counts.stale]
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


def _pk(refs, slug):
    """The id of the reference with this slug (the form only lets known ones through)."""
    return next((pk for pk, ref in refs.items() if ref.slug == slug), 0)


# --- The board ---------------------------------------------------------------------


def chosen_plan(slug):
    """The plans public today, and the one `slug` names (else the current one)."""
    plans = reader.published_plans(clock.today())
    chosen = next((p for p in plans if p.slug == slug), None)
    return chosen or (plans[0] if plans else None), plans


@dataclass(frozen=True)
class Board:
    """A plan's commitments on a day under the board's filters: what the board page and the
    API's list (api/) show, computed in one place so they cannot differ."""

    plan_list: object
    groups: list
    form: BoardFilterForm
    narrowed: list
    results: StateRows

    @property
    def total(self):
        return sum(g.count for g in self.groups)


def board(plan, day, data):
    """`plan` on `day` filtered by `data` (the board's query)."""
    plan_list = reader.PlanList(plan, day)
    groups = plan_list.groups()
    form = BoardFilterForm(data, groups)
    # The other filters' tally: the status options count within it, and so does the total shown.
    narrowed = (
        plan_list.groups(form.narrowed(plan_list, ignore_status=True)) if form.narrows() else groups
    )
    return Board(plan_list, groups, form, narrowed, form.results(plan_list, narrowed))


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


def plan_choices():
    """The slugs the plan's filters may name (portal/params.known_values)."""
    from commitments.models import (
        ActionPlan,
        Axis,
        Commitment,
        Organization,
        Pillar,
        ResponsibleUnit,
    )

    def slugs(queryset):
        return frozenset(queryset.values_list("slug", flat=True))

    units = slugs(ResponsibleUnit.objects.all())
    organizations = slugs(Organization.objects.all())
    return {
        "commitments": slugs(Commitment.objects.filter(is_published=True, plan__is_published=True)),
        "plans": slugs(ActionPlan.objects.published()),
        "axes": slugs(Axis.objects.filter(plan__is_published=True)),
        "units": units,
        "pillars": slugs(Pillar.objects.all()),
        "parties": frozenset(
            [f"{UNIT_PARTY}:{slug}" for slug in units]
            + [f"{ORGANIZATION_PARTY}:{slug}" for slug in organizations]
        ),
    }


def register_parameters():
    """Tell portal/params what the plan's filters accept (called once, at start-up)."""
    params.register(
        parsers={
            params.PLAN: params.known("plans"),
            "eje": params.known("axes"),
            "dependencia": params.known("units"),
            "pilar": params.known("pillars"),
            "corresponsable": params.known("parties"),
            "orden": params.one_of({value for value, _label in SORT_CHOICES if value}),
            "valoracion": params.one_of({value for value, _label in ASSESSMENT_CHOICES if value}),
        },
        view_parsers={
            "changes": {
                "tipo": params.one_of({value for value, _label, _kept in reader.FILTER_KINDS}),
                "compromiso": params.known("commitments"),
                "desde": params.day_value,
                "hasta": params.day_value,
            }
        },
        multiple={"board": {"estado": [value for value, _label in STATUS_CHOICES]}},
        choices=plan_choices,
    )
