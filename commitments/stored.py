"""What the projection stores per commitment and span and the lists read back: the columns,
the payload's encoding, and the keys that sort and search them.

One owner for both sides, so the writer (`commitments.projection`) and the readers
(`commitments.reader.lists`, `commitments.listing`) never keep two copies of a layout.
"""

import functools
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.db.models import F, Value

from commitments import semaforo

# The code a stored state depends on: the rule, how spans are cut, and this layout.
RULE_SOURCES = ("semaforo.py", "projection.py", "stored.py", "content.py")


def rule_version(texts):
    """A short fingerprint of the rule's code: any change to it (a deploy) gives another."""
    digest = hashlib.sha256()
    for text in texts:
        digest.update(text.encode())
        digest.update(b"\0")
    return digest.hexdigest()[:16]


RULE_VERSION = rule_version(
    (Path(__file__).parent / name).read_text(encoding="utf-8") for name in RULE_SOURCES
)


# --- The expectation of a span ---------------------------------------------------------
# Between two of the rule's breakpoints the expected progress is a straight line in the day
# (`semaforo.breakpoints`), so a span stores it as a line: its value on `from_day` and its
# slope. These three functions are the only places that write and evaluate it.


def expected_line(on_first, on_second, length):
    """The line's columns from the rule's expectation on a span's first two days (`length`
    days in the span; a one-day span is flat)."""
    expected = on_first or 0.0
    slope = (on_second or 0.0) - expected if length > 1 else 0.0
    return {"expected": expected, "expected_slope": slope}


def expected_on(columns, day):
    """The stored line's value on `day` (in Python, as `expected_on_sql` in the database)."""
    return columns["expected"] + columns["expected_slope"] * (day.toordinal() - columns["from_day"])


def expected_on_sql(day):
    """The stored line's value on `day`, as an expression over the state's columns."""
    return F("expected") + F("expected_slope") * (Value(day.toordinal()) - F("from_day"))


def party_tag(kind, pk):
    """How `parties` names a unit ("u") or an organisation ("o")."""
    return f"|{kind}:{pk}|"


# What a list's row reads of a stored state (`reader._rows_of`).
ROW_COLUMNS = (
    "commitment_id",
    "commitment__slug",
    "commitment__is_example",
    "code",
    "title",
    "description",
    "payload",
)


@dataclass(frozen=True)
class State:
    """A stored state's payload: the matrix row's references and dates, the semáforo's
    inputs. The projection writes it (`to_json`), the lists read it back (`from_json`)."""

    objective_id: int
    unit_id: int
    # (unit id or None, organisation id or None, role) of each co-responsible party.
    co_responsibles: list
    pillar_ids: list
    start: date
    end: date
    progress_source: str
    inputs: semaforo.RuleInputs
    # (status, reason, starts on, ends on or None) of each public override, oldest first.
    overrides: list
    # When the latest measurement or milestone progress it shows became public.
    last: str | None

    def to_json(self):
        """A JSON object with named keys, short to keep thousands of rows compact."""
        inputs = self.inputs
        return {
            "objective": self.objective_id,
            "unit": self.unit_id,
            "co": [list(co) for co in self.co_responsibles],
            "pillars": list(self.pillar_ids),
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "source": self.progress_source,
            "inputs": {
                "progress": inputs.indicator_progress,
                "reported": inputs.indicators_reported,
                "stale_after": _iso(inputs.stale_after),
                "m_progress": inputs.milestone_progress,
                "m_reported": inputs.milestones_reported,
                "windows": [[s.isoformat(), e.isoformat(), w] for s, e, w in inputs.windows],
            },
            "overrides": [
                [status, reason, starts.isoformat(), _iso(ends)]
                for status, reason, starts, ends in self.overrides
            ],
            "last": self.last,
        }

    @classmethod
    def from_json(cls, data):
        inputs = data["inputs"]
        return cls(
            objective_id=data["objective"],
            unit_id=data["unit"],
            co_responsibles=[tuple(co) for co in data["co"]],
            pillar_ids=list(data["pillars"]),
            start=date.fromisoformat(data["start"]),
            end=date.fromisoformat(data["end"]),
            progress_source=data["source"],
            inputs=semaforo.RuleInputs(
                indicator_progress=inputs["progress"],
                indicators_reported=inputs["reported"],
                stale_after=_date(inputs["stale_after"]),
                milestone_progress=inputs["m_progress"],
                milestones_reported=inputs["m_reported"],
                windows=tuple(
                    (date.fromisoformat(s), date.fromisoformat(e), w)
                    for s, e, w in inputs["windows"]
                ),
            ),
            overrides=[
                (status, reason, date.fromisoformat(starts), _date(ends))
                for status, reason, starts, ends in data["overrides"]
            ],
            last=data["last"],
        )


def _iso(day):
    return day.isoformat() if day else None


def _date(text):
    return date.fromisoformat(text) if text else None


def row_fields(content):
    """The fields of a list's row that a version's content (`VersionContent`) gives (see
    `_row`)."""
    return {
        "code": content.code,
        "title": content.title,
        "description": content.description,
        "objective_id": content.objective_id,
        "unit_id": content.unit_id,
        "co_responsibles": [
            (co.unit_id, co.organization_id, co.role) for co in content.co_responsibles
        ],
        "pillar_ids": list(content.pillar_ids),
    }


@functools.lru_cache(maxsize=2**16)
def natural_key(code):
    """DA-2 before DA-10."""
    return tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, part.casefold())
        for part in re.split(r"(\d+)", code)
    )


def sort_code(code):
    """`natural_key` as a string that sorts the same byte by byte, for SQL: numbers padded,
    parts ended by a character below any a code holds."""
    return "".join(
        f"0{number:020d}\x01" if not kind else f"1{text}\x01"
        for kind, number, text in natural_key(code)
    )


def fold(text):
    """Lower case without accents, so «participacion» finds «Participación»."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
