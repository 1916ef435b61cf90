"""Lights of a grid event on working hours across the National Day holiday (chinese-calendar 2026).

消防隐患's 立案 limit is 4 working hours (9:00-12:00, 13:00-17:00 on working days). Found on Wednesday
30 September at 15:00: two hours that day, then 1-7 October are holidays, and the other two hours run on
Thursday 8 October 9:00-11:00. 79 % of the limit is 3.16 h (8 Oct 10:09:36), 80 % is 3.2 h (10:12).
"""

from __future__ import annotations

from datetime import datetime

import pytest

from policeroom.services.gridwork.types import EventFilter
from policeroom.services.loop.lights import Light
from policeroom.services.registry import Services
from tests.services.gridwork.conftest import report
from tests.timing import frozen

FOUND = datetime(2026, 9, 30, 15, 0)
DUE = datetime(2026, 10, 8, 11, 0)


@pytest.mark.parametrize(
    ("now", "light"),
    [
        (datetime(2026, 9, 30, 16, 59), Light.green),  # 1 h of 4
        (datetime(2026, 10, 5, 12, 0), Light.green),  # the holiday does not count: still 2 h of 4
        (datetime(2026, 10, 8, 10, 9, 30), Light.green),  # just under 79 %
        (datetime(2026, 10, 8, 10, 9, 36), Light.green),  # 79 %
        (datetime(2026, 10, 8, 10, 12), Light.yellow),  # 80 %
        (DUE, Light.yellow),  # 100 %: due, not yet past
        (datetime(2026, 10, 8, 11, 0, 1), Light.red),  # past the limit
    ],
)
@pytest.mark.today(datetime(2026, 9, 30, 15, 30))
def test_light_follows_working_hours_across_the_holiday(room: Services, now: datetime, light: Light) -> None:
    eid = report(room, found_at=FOUND)
    assert room.grid_events.get(eid).due == DUE
    with frozen(now):
        d = room.grid_events.get(eid)
        assert d.light == light
        assert room.grid_events.rows([eid])[0].light == light
        overdue = room.grid_events.count(EventFilter(overdue_only=True))
    assert overdue == (1 if light == Light.red else 0)


@pytest.mark.today(datetime(2026, 9, 30, 15, 30))
def test_a_category_in_calendar_hours_runs_through_the_holiday(room: Services) -> None:
    from policeroom.services.gridwork.categories import CategoryService

    cats = CategoryService(room.ctx)
    row = next(c for c in cats.list() if c.name == "消防隐患")
    cats.save(row.id, cats.input_of(row, time_type="calendar_hours"))
    eid = report(room, found_at=FOUND)
    assert room.grid_events.get(eid).due == datetime(2026, 9, 30, 19, 0)
