"""The one clock (services/core/clock.py) and the ways tests pin it (tests/timing.py, ``@pytest.mark.today``)."""

from __future__ import annotations

import time
from datetime import date, datetime

import pytest

from policeroom.services.core import clock
from tests.timing import frozen


@pytest.mark.today(date(2027, 1, 1))
def test_the_mark_pins_a_day_at_nine() -> None:
    assert clock.today() == date(2027, 1, 1)
    assert clock.now() == datetime(2027, 1, 1, 9, 0)
    assert date.today() == date(2027, 1, 1)  # time-machine moves the standard library too


def test_frozen_is_local_wall_time_and_stands_still() -> None:
    with frozen(datetime(2026, 12, 31, 23, 59, 59, 500000)):
        assert clock.now() == datetime(2026, 12, 31, 23, 59, 59, 500000)
        assert clock.now_minute() == datetime(2026, 12, 31, 23, 59)
        assert clock.today() == date(2026, 12, 31)
        # however often it is asked, a pinned clock does not move (no sleep: libfaketime refuses short sleeps)
        assert {clock.now() for _ in range(1000)} == {datetime(2026, 12, 31, 23, 59, 59, 500000)}
        assert clock.today() == date(2026, 12, 31)


@pytest.mark.skipif(not hasattr(time, "tzset"), reason="time.tzset is Unix-only")
def test_frozen_ignores_the_machines_time_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    try:
        with frozen(date(2027, 1, 1)):
            assert clock.now() == datetime(2027, 1, 1, 9, 0)
    finally:
        monkeypatch.undo()
        time.tzset()

