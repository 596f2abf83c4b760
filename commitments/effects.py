"""A write's effects, as one step at the end of the write (issue 28), not hidden in signals.

Every service and every import runs its writes inside `after_write()`. On the way out of the
outermost one, and only if nothing failed:

1. the stored public states (`commitments.projection`) of the commitments the writes touched
   are rebuilt, once each, however many services nested;
2. if a row the public sees was written (not a draft, a submission or a return for review:
   `core.content_version.changes_public`), the content version moves once, when the
   transaction commits, so cached pages and reports are refreshed;
3. the audit history (django-simple-history) is written with each row, as part of it.

The rows' signals only note what was written. A write outside any service (a shell, a
migration) is the exception they still catch: its states are rebuilt and the version moved at
once (tests/commitments/test_write_effects.py checks both ways).
"""

from contextlib import contextmanager

from commitments import projection
from core import content_version


@contextmanager
def after_write():
    # The version's step wraps the rebuild, so the rebuild (derived rows) happens first and
    # the version moves after everything the write changed.
    with content_version.one_bump(), projection.batch():
        yield


def discard():
    """The writes are being rolled back (a dry run): rebuild nothing for them."""
    projection.discard()
