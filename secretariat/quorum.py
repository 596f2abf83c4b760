"""The quorum rule of the Secretariado, in one place.

A session has quorum when more than half of the members *with vote* who were in office on
its date attended (a simple majority). Permanent guests and guests speak but do not vote;
alternates vote only in place of the member they substitute, so they are not counted on
either side. The numbers are plain ints so the rule is tested without the database.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Quorum:
    """How many voting members were in office on a session's date, and how many attended."""

    in_office: int
    present: int

    @property
    def needed(self):
        return self.in_office // 2 + 1

    @property
    def is_met(self):
        return self.in_office > 0 and self.present >= self.needed

    @property
    def missing(self):
        return max(0, self.needed - self.present)
