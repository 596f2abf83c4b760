"""Every English catalogue is complete: no entry left empty or fuzzy (Django would show the
Spanish), and each translation keeps its source's placeholders (a missing or misspelt one
raises or shows nothing on the page)."""

import pytest

from tests.i18n.catalogues import BASE, english_catalogues, placeholders, read

pytestmark = pytest.mark.once  # Files only: no database.

CATALOGUES = english_catalogues()


def test_the_root_and_every_app_with_pages_have_an_english_catalogue():
    where = {str(path.relative_to(BASE).parents[3]) for path in CATALOGUES}
    assert {".", "commitments", "secretariat", "participation", "engagement"} <= where


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(BASE)))
def test_a_catalogue_has_no_empty_fuzzy_or_broken_entry(path):
    problems = []
    for entry in read(path):
        if "fuzzy" in entry.flags:
            problems.append(f"{entry.where}: marcada fuzzy: «{entry.msgid}»")
        if not entry.msgstr or any(not text.strip() for text in entry.translations):
            problems.append(f"{entry.where}: sin traducir: «{entry.msgid}»")
            continue
        sources = [entry.msgid] + ([entry.msgid_plural] if entry.msgid_plural else [])
        wanted = [placeholders(entry, source) for source in sources]
        every = set().union(*wanted)
        for text in entry.translations:
            found = placeholders(entry, text)
            # A singular may say «one» instead of its count; every other form keeps them all.
            if found not in wanted and not (entry.msgid_plural and found <= every):
                problems.append(
                    f"{entry.where}: «{text}» tiene {sorted(found)}; el original {sorted(every)}"
                )
    assert not problems, "\n".join(problems)
