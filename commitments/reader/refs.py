"""Units, organisations, axes, objectives and pillars as plain references with their URLs."""

from dataclasses import dataclass, field

from django.db.models import (
    Value,
)
from django.urls import reverse

from commitments.models import (
    Objective,
    Organization,
    Pillar,
    ResponsibleUnit,
)

# --- Plain references --------------------------------------------------------------------


@dataclass(frozen=True)
class Ref:
    """A unit, organisation, axis, objective or pillar, as a page shows it."""

    pk: int
    name: str
    slug: str = ""
    acronym: str = ""
    order: int = 0
    url: str = ""
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    @property
    def short(self):
        return self.acronym or self.name


PARTY_FIELDS = ("name", "slug", "acronym", "website", "office_email", "office_phone")


def _parties():
    """Units and organisations as Refs, read in one query (a UNION of both tables)."""
    units = ResponsibleUnit.objects.annotate(party_kind=Value("u")).values_list(
        "party_kind", "pk", *PARTY_FIELDS, "office_address"
    )
    blank = {f"blank_{n}": Value("") for n in range(4)}
    organizations = Organization.objects.annotate(party_kind=Value("o"), **blank).values_list(
        "party_kind", "pk", "name", "slug", "blank_0", "website", "blank_1", "blank_2", "blank_3"
    )
    found = {"u": {}, "o": {}}
    rows = units.order_by().union(organizations.order_by(), all=True)
    for kind, pk, name, slug, acronym, website, email, phone, address in rows:
        if kind == "u":
            extra = {"website": website, "email": email, "phone": phone, "address": address}
            found["u"][pk] = Ref(
                pk, name, slug, acronym, url=reverse("unit", args=[slug]), extra=extra
            )
        else:
            found["o"][pk] = Ref(pk, name, slug, url=reverse("organization", args=[slug]))
    return found["u"], found["o"]


def _units():
    return _parties()[0]


def _pillars():
    return {p.pk: Ref(p.pk, p.name, p.slug, order=p.order) for p in Pillar.objects.all()}


def _structure(plan):
    axes, objectives = {}, {}
    for o in Objective.objects.filter(axis__plan=plan).select_related("axis"):
        a = o.axis
        if a.pk not in axes:
            axes[a.pk] = Ref(
                a.pk, a.name, a.slug, order=a.order, url=reverse("axis", args=[a.slug])
            )
        objectives[o.pk] = Ref(o.pk, o.title, o.code, order=o.order, extra={"axis": axes[a.pk]})
    return axes, objectives
