"""The English of a commitment's versioned texts (title, description, goal; its milestones'
and indicators' texts).

What a commitment says publicly is its version's Spanish (`content.py`); staff write the
English on the working copy, next to the Spanish it translates, and writing it publishes no
version (a translation is not a change of the record). So a page shows the English only
where the working copy's Spanish is the text the page shows: a translation written for a
draft change waits until that change is published, and a past day (`?fecha=`) whose version
said something else shows that version's Spanish, marked as Spanish.
"""

from dataclasses import replace

from commitments.models import Axis, Commitment, Indicator, Milestone, Objective, ResponsibleUnit
from core.l10n import is_english
from core.translated import pick

COMMITMENT_TEXTS = ("title", "description", "goal")
PART_TEXTS = {Milestone: ("title", "deliverable"), Indicator: ("name", "unit")}


def translate(shown, working):
    """`shown` (a version's Spanish) as the page gives it; `working`: (Spanish, English)
    of the working copy, or None."""
    if working and working[0] == shown:
        return pick(shown, working[1])
    return pick(shown)


def _pairs(model, names, ids):
    """{pk: {text: (Spanish, English)}} of these rows (every row if `ids` is None)."""
    columns = [column for name in names for column in (name, f"{name}_en")]
    rows = model.objects.all() if ids is None else model.objects.filter(pk__in=ids)
    return {
        pk: {name: (values[2 * n], values[2 * n + 1]) for n, name in enumerate(names)}
        for pk, *values in rows.values_list("pk", *columns)
    }


def commitment_texts(ids):
    """{commitment id: {text: (Spanish, English)}} of the working copies, one query; empty
    on a page that is not in English (Spanish pages cost no query more)."""
    if not is_english() or not ids:
        return {}
    return _pairs(Commitment, COMMITMENT_TEXTS, ids)


def part_texts(model, ids):
    """The same for milestones or indicators (`model`), by their ids."""
    if not is_english() or not ids:
        return {}
    return _pairs(model, PART_TEXTS[model], ids)


def texts_of(found, pk, name):
    """The working copy's (Spanish, English) of one text, or None."""
    return found.get(pk, {}).get(name)


def translate_contents(contents):
    """{commitment id: VersionContent} with their texts as an English page shows them (the
    same contents, untouched, on other pages); three queries however many commitments."""
    if not is_english() or not contents:
        return contents
    own = commitment_texts(list(contents))
    parts = {
        kind: part_texts(model, [p.id for c in contents.values() for p in c.parts(kind)])
        for kind, model in (("milestones", Milestone), ("indicators", Indicator))
    }
    return {pk: _translated(content, own.get(pk, {}), parts) for pk, content in contents.items()}


def _translated(content, own, parts):
    def texts(record, found, names):
        return {name: translate(getattr(record, name), found.get(name)) for name in names}

    return replace(
        content,
        **texts(content, own, COMMITMENT_TEXTS),
        milestones=tuple(
            replace(m, **texts(m, parts["milestones"].get(m.id, {}), PART_TEXTS[Milestone]))
            for m in content.milestones
        ),
        indicators=tuple(
            replace(i, **texts(i, parts["indicators"].get(i.id, {}), PART_TEXTS[Indicator]))
            for i in content.indicators
        ),
    )


class EnglishOf:
    """The English of texts read in Spanish, for the open data's and the API's `*_en`
    fields, whatever the page's language: "" where there is none or where it translates
    other Spanish than the text given. One query per kind of record, on first use."""

    KINDS = {
        "commitment": (Commitment, COMMITMENT_TEXTS),
        "indicator": (Indicator, PART_TEXTS[Indicator]),
        "milestone": (Milestone, PART_TEXTS[Milestone]),
        "axis": (Axis, ("name",)),
        "objective": (Objective, ("title",)),
        "unit": (ResponsibleUnit, ("name",)),
    }

    def __init__(self):
        self.found = {}

    def __call__(self, kind, pk, name, shown):
        if kind not in self.found:
            model, names = self.KINDS[kind]
            self.found[kind] = _pairs(model, names, None)
        working = texts_of(self.found[kind], pk, name)
        return working[1] if working and working[0] == shown else ""
