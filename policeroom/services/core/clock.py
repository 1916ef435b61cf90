"""The one clock business code asks (时钟): ``today()`` and ``now()``, local wall time without a zone.

Services, reports and screens call these instead of ``date.today()`` / ``datetime.now()`` so that there is
one place that says what "now" is; tests pin it with ``time-machine`` (which moves these too), and a
future "as of" mode (printing a register as it stood on a past day) needs to change only this module.
"""

from __future__ import annotations

from datetime import date, datetime


def now() -> datetime:
    """The current local date and time, to the microsecond (naive, as stored in the database)."""
    return datetime.now()


def today() -> date:
    """Today's local date."""
    return now().date()


def now_minute() -> datetime:
    """Now, to the minute (what a person types in a form and what the registers show)."""
    return now().replace(second=0, microsecond=0)
