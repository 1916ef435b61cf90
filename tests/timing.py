"""Pinning the clock in tests (architecture.md, Time): ``with frozen(date(2026, 12, 5)): ...``."""

from __future__ import annotations

from datetime import date, datetime, time

import time_machine


def frozen(when: date | datetime) -> time_machine.travel:
    """Stop the clock at a local wall time; a bare date means 09:00 that day.

    The naive datetime is turned into a timestamp as local time, so the pinned ``datetime.now()`` shows
    exactly ``when`` whatever the machine's time zone (time-machine would read a naive value as UTC).
    """
    if not isinstance(when, datetime):
        when = datetime.combine(when, time(9, 0))
    return time_machine.travel(when.timestamp(), tick=False)


#: "today" for tests whose data is written on fixed days of November 2026: the services refuse times in
#: the future (求助时间不能晚于现在), so such a test pins the clock after its data, e.g. with
#: ``pytestmark = pytest.mark.today(DATA_DAY)``, and passes on a machine whose date is earlier.
DATA_DAY = date(2026, 12, 5)
