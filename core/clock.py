"""The project's one clock: what "now" and "today" are for stamping and for reading.

Every public fact is stamped with the moment it became public by `now()`; nobody types it.
The demo replays its story through the services with `moment(...)`, so its facts carry the
dates of the story they tell, written by the same code path as a real publication.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime, time, timedelta

from django.utils import timezone

_frozen: ContextVar[datetime | None] = ContextVar("portal_clock_frozen", default=None)
# Set by tests (all threads, a live server's too) to pin the whole site to one moment.
FIXED: datetime | None = None


def now():
    return _frozen.get() or FIXED or timezone.now()


def today():
    when = _frozen.get() or FIXED
    return timezone.localdate(when) if when else timezone.localdate()


def end_of(day):
    """The first instant after `day` (local time): what was public "at the end of D"."""
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def at_noon(day):
    return timezone.make_aware(datetime.combine(day, time(12)))


@contextmanager
def moment(when):
    """Run the enclosed writes as if it were `when` (a date means noon of that day)."""
    if isinstance(when, date) and not isinstance(when, datetime):
        when = at_noon(when)
    token = _frozen.set(when)
    try:
        yield when
    finally:
        _frozen.reset(token)
