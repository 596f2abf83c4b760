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
from core.translated import Text, language_of, pick

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
        # In the language of its name, so a page marks a name left in Spanish.
        text = f"{self.name} ({self.acronym})" if self.acronym else self.name
        return Text(text, language_of(self.name))

    @property
    def short(self):
        return self.acronym or self.name


PARTY_FIELDS = ("name", "slug", "acronym", "website", "office_email", "office_phone")


def _parties():
    """Units and organisations as Refs, read in one query (a UNION of both tables)."""
    units = ResponsibleUnit.objects.annotate(party_kind=Value("u")).values_list(
        "party_kind", "pk", *PARTY_FIELDS, "office_address", "name_en"
    )
    # An organisation's name is its own (a proper name): it has no English version.
    blank = {f"blank_{n}": Value("") for n in range(5)}
    organizations = Organization.objects.annotate(party_kind=Value("o"), **blank).values_list(
        "party_kind",
        "pk",
        "name",
        "slug",
        "blank_0",
        "website",
        "blank_1",
        "blank_2",
        "blank_3",
        "blank_4",
    )
    found = {"u": {}, "o": {}}
    rows = units.order_by().union(organizations.order_by(), all=True)
    for kind, pk, name, slug, acronym, website, email, phone, address, name_en in rows:
        if kind == "u":
            extra = {"website": website, "email": email, "phone": phone, "address": address}
            found["u"][pk] = Ref(
                pk,
                pick(name, name_en),
                slug,
                acronym,
                url=reverse("unit", args=[slug]),
                extra=extra,
            )
        else:
            found["o"][pk] = Ref(pk, pick(name), slug, url=reverse("organization", args=[slug]))
    return found["u"], found["o"]


def _units():
    return _parties()[0]


def _pillars():
    return {
        p.pk: Ref(p.pk, pick(p.name, p.name_en), p.slug, order=p.order)
        for p in Pillar.objects.all()
    }


def _structure(plan):
    axes, objectives = {}, {}
    for o in Objective.objects.filter(axis__plan=plan).select_related("axis"):
        a = o.axis
        if a.pk not in axes:
            axes[a.pk] = Ref(
                a.pk,
                pick(a.name, a.name_en),
                a.slug,
                order=a.order,
                url=reverse("axis", args=[a.slug]),
            )
        objectives[o.pk] = Ref(
            o.pk, pick(o.title, o.title_en), o.code, order=o.order, extra={"axis": axes[a.pk]}
        )
    return axes, objectives
