"""Time limits in four kinds of time (时限类型): calendar hours or days, working hours or working days.

Working days follow the Chinese calendar (statutory holidays and 调休 working weekends) through
:mod:`policeroom.services.core.workdays`; working hours are the :data:`WORK_PERIODS` of a working day.
Pure functions, no database: ``add`` finds a due date, ``measure`` says how much time of the kind passed.
"""

from __future__ import annotations

import enum
from datetime import date, datetime, time, timedelta

from policeroom.services.core.workdays import add_working_days, is_workday


class TimeType(str, enum.Enum):
    """How a step's limit is counted."""

    calendar_hours = "calendar_hours"  # 自然小时: the clock never stops (requests at the desk)
    calendar_days = "calendar_days"  # 自然日
    working_hours = "working_hours"  # 工作时: only WORK_PERIODS of working days
    working_days = "working_days"  # 工作日: whole working days on the Chinese calendar


TIME_TYPE_LABELS = {
    TimeType.calendar_hours: "小时",
    TimeType.calendar_days: "自然日",
    TimeType.working_hours: "工作小时",
    TimeType.working_days: "个工作日",
}

#: the office hours of a working day (上午 9:00-12:00, 下午 13:00-17:00)
WORK_PERIODS: tuple[tuple[time, time], ...] = ((time(9, 0), time(12, 0)), (time(13, 0), time(17, 0)))
#: a limit never looks further ahead than this (a guard against a calendar with no working day)
_MAX_DAYS = 3660


def _periods(day: date) -> list[tuple[datetime, datetime]]:
    if not is_workday(day):
        return []
    return [(datetime.combine(day, a), datetime.combine(day, b)) for a, b in WORK_PERIODS]


def add(start: datetime, amount: float, time_type: TimeType) -> datetime:
    """The due date ``amount`` (hours or days, by ``time_type``) after ``start``."""
    if amount <= 0:
        return start
    if time_type == TimeType.calendar_hours:
        return start + timedelta(hours=amount)
    if time_type == TimeType.calendar_days:
        return start + timedelta(days=amount)
    if time_type == TimeType.working_days:
        whole = int(amount)
        due = add_working_days(start, whole) if whole else start
        return due + timedelta(days=amount - whole)  # a fraction of a day, rarely configured
    left = timedelta(hours=amount)
    day = start.date()
    for _ in range(_MAX_DAYS):
        for a, b in _periods(day):
            a = max(a, start)
            if b <= a:
                continue
            if left <= b - a:
                return a + left
            left -= b - a
        day += timedelta(days=1)
    raise ValueError("找不到足够的工作时间，请检查节假日设置")


def measure(start: datetime, end: datetime, time_type: TimeType) -> float:
    """How much time of ``time_type`` lies between ``start`` and ``end`` (hours, or days), never negative."""
    if end <= start:
        return 0.0
    if time_type == TimeType.calendar_hours:
        return (end - start).total_seconds() / 3600
    if time_type == TimeType.calendar_days:
        return (end - start).total_seconds() / 86400
    total = 0.0
    day = start.date()
    while day <= end.date():
        if time_type == TimeType.working_days:
            spans = [(datetime.combine(day, time.min), datetime.combine(day + timedelta(days=1), time.min))]
            spans = spans if is_workday(day) else []
        else:
            spans = _periods(day)
        for a, b in spans:
            a, b = max(a, start), min(b, end)
            if b > a:
                total += (b - a).total_seconds()
        day += timedelta(days=1)
    return total / (86400 if time_type == TimeType.working_days else 3600)
