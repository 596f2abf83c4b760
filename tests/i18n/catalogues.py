"""The English catalogues as data: a small reader of .po files (the project has no polib),
and the Spanish texts an English page must no longer show."""

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

BASE = Path(settings.BASE_DIR)


def english_catalogues():
    """Every English catalogue of the project: the root one and each app's."""
    return sorted(
        path
        for path in BASE.glob("**/locale/en/LC_MESSAGES/*.po")
        if ".venv" not in path.parts and "node_modules" not in path.parts
    )


@dataclass
class Entry:
    path: Path
    line: int
    flags: set = field(default_factory=set)
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict = field(default_factory=dict)  # form number (0 without plural) → text

    @property
    def where(self):
        return f"{self.path.relative_to(BASE)}:{self.line}"

    @property
    def translations(self):
        return [self.msgstr[n] for n in sorted(self.msgstr)]


KEYWORD = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(\".*\")\s*$")


def read(path):
    """The entries of a .po file, the header (msgid "") and obsolete ones (#~) left out."""
    entries, entry, current = [], None, None

    def close():
        if entry is not None and entry.msgid:
            entries.append(entry)

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#~"):
            continue
        if line.startswith("#"):
            if entry is not None and current is not None:
                close()
                entry, current = None, None
            if entry is None:
                entry = Entry(path, number)
            if line.startswith("#,"):
                entry.flags |= {flag.strip() for flag in line[2:].split(",")}
            continue
        if line.startswith('"'):
            text = ast.literal_eval(line)
            key, form = current
            if key == "msgstr":
                entry.msgstr[form] += text
            else:
                setattr(entry, key, getattr(entry, key) + text)
            continue
        match = KEYWORD.match(line)
        if match is None:
            raise ValueError(f"{path}:{number}: no entiendo «{raw}»")
        keyword, form, text = match[1], match[2], ast.literal_eval(match[3])
        if keyword in {"msgctxt", "msgid"} and current is not None and current[0] == "msgstr":
            close()
            entry, current = None, None
        if entry is None:
            entry = Entry(path, number)
        if keyword.startswith("msgstr"):
            current = ("msgstr", int(form or 0))
            entry.msgstr[current[1]] = text
        else:
            current = (keyword, None)
            setattr(entry, keyword, text)
    close()
    return entries


PYTHON_PLACEHOLDER = re.compile(r"%(?:\([^)]+\))?[-#0 +]*\d*(?:\.\d+)?[sdifrx%]")
BRACE_PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def placeholders(entry, text):
    """The placeholders of `text` that must survive translation (python- or brace-format)."""
    found = set()
    if "python-format" in entry.flags:
        found |= {p for p in PYTHON_PLACEHOLDER.findall(text) if p != "%%"}
    if "python-brace-format" in entry.flags:
        found |= set(BRACE_PLACEHOLDER.findall(text))
    return found


def untranslated_on_english_pages():
    """Every Spanish text whose English differs (a page showing it was not translated),
    with the entries it comes from."""
    spanish = {}
    for path in english_catalogues():
        for entry in read(path):
            for source, english in [(entry.msgid, entry.msgstr.get(0, ""))] + (
                [(entry.msgid_plural, entry.msgstr.get(1, ""))] if entry.msgid_plural else []
            ):
                if english and " ".join(source.split()) != " ".join(english.split()):
                    spanish.setdefault(" ".join(source.split()), entry)
    return spanish
