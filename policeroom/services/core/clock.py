"""The one clock business code asks (时钟): ``today()`` and ``now()``, local wall time without a zone.

Services, reports and screens call these instead of ``date.today()`` / ``datetime.now()`` so that there is
one place that says what "now" is; tests pin it with ``time-machine`` (which moves these too), and a
future "as of" mode (printing a register as it stood on a past day) needs to change only this module.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime

#: the "as of" time set by :func:`as_of` (None: the system's time)
_as_of: ContextVar[datetime | None] = ContextVar("policeroom_as_of", default=None)


def now() -> datetime:
    """The current local date and time, to the microsecond (naive, as stored in the database)."""
    pinned = _as_of.get()
    return pinned if pinned is not None else datetime.now()


@contextmanager
def as_of(at: datetime) -> Iterator[None]:
    """Let "now" be ``at`` inside the block (this thread or task only): the demo writes a year of
    activities through the services as if each step happened on its day."""
    token = _as_of.set(at)
    try:
        yield
    finally:
        _as_of.reset(token)


def today() -> date:
    """Today's local date."""
    return now().date()


def now_minute() -> datetime:
    """Now, to the minute (what a person types in a form and what the registers show)."""
    return now().replace(second=0, microsecond=0)
