"""The Chinese working calendar (statutory holidays and 调休 working weekends) via chinese-calendar.

For a year the package does not know yet, weekends count as rest days and callers get a warning to
show, so the program keeps working after the package's data runs out.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import lru_cache


@lru_cache(maxsize=64)
def year_known(year: int) -> bool:
    import chinese_calendar

    try:
        chinese_calendar.is_workday(date(year, 6, 1))
        return True
    except NotImplementedError:
        return False


def is_workday(day: date) -> bool:
    if year_known(day.year):
        import chinese_calendar

        return bool(chinese_calendar.is_workday(day))
    return day.weekday() < 5


def calendar_warning(*days: date) -> str | None:
    """A visible warning when any of the days falls in a year without holiday data."""
    unknown = sorted({d.year for d in days if not year_known(d.year)})
    if not unknown:
        return None
    years = "、".join(str(y) for y in unknown)
    return f"{years}年的法定节假日安排尚未收录，期限暂按周末休息计算，遇节假日请人工核对。"


def add_working_days(start: datetime, days: int) -> datetime:
    """The same time of day ``days`` working days after ``start`` (start's own day does not count)."""
    d = start.date()
    left = days
    while left > 0:
        d += timedelta(days=1)
        if is_workday(d):
            left -= 1
    return datetime.combine(d, start.time())
