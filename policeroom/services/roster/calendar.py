"""Which days are working days, weekends and statutory holidays for the roster (节假日与调休).

chinese-calendar knows the State Council's holiday and 调休 arrangements up to its last release; for a
later year weekends count as rest days, a warning says so, and holidays entered by hand (手工录入节假日)
take precedence for any year.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from policeroom.services.core.workdays import calendar_warning, year_known
from policeroom.services.roster.types import DayKind

HOLIDAY_NAMES = {
    "New Year's Day": "元旦", "Spring Festival": "春节", "Tomb-sweeping Day": "清明节", "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节", "National Day": "国庆节", "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利纪念日",
}


@dataclass(frozen=True)
class ManualDay:
    """A day entered by hand: a holiday (rest=True) or a 调休 working day (rest=False)."""

    day: date
    rest: bool
    name: str = ""


@dataclass(frozen=True)
class DayInfo:
    day: date
    kind: DayKind
    name: str  # 国庆节 / 调休上班 / "" …
    manual: bool = False


def day_info(day: date, manual: dict[date, ManualDay] | None = None) -> DayInfo:
    """The kind of one day: a manual entry first, then chinese-calendar, then plain weekends."""
    if manual and day in manual:
        m = manual[day]
        if m.rest:
            return DayInfo(day, DayKind.holiday, m.name or "节假日", True)
        return DayInfo(day, DayKind.workday, m.name or "调休上班", True)
    if year_known(day.year):
        import chinese_calendar

        on_holiday, name = chinese_calendar.get_holiday_detail(day)
        if on_holiday and name:
            return DayInfo(day, DayKind.holiday, HOLIDAY_NAMES.get(name, "节假日"))
        if on_holiday:
            return DayInfo(day, DayKind.weekend, "")
        if day.weekday() >= 5:
            return DayInfo(day, DayKind.workday, "调休上班")
        return DayInfo(day, DayKind.workday, "")
    return DayInfo(day, DayKind.weekend if day.weekday() >= 5 else DayKind.workday, "")


def day_kinds(days: list[date], manual: dict[date, ManualDay] | None = None) -> dict[date, DayInfo]:
    return {d: day_info(d, manual) for d in days}


def roster_calendar_warning(days: list[date], manual: dict[date, ManualDay] | None = None) -> str | None:
    """A visible warning when the period reaches a year chinese-calendar does not know.

    Years with at least one day entered by hand are taken as entered (the officer has done the work).
    """
    manual_years = {d.year for d in (manual or {})}
    unknown = [d for d in days if d.year not in manual_years]
    text = calendar_warning(*unknown) if unknown else None
    if text is None:
        return None
    return text.replace("期限暂按周末休息计算", "排班暂按周末休息计算").replace(
        "遇节假日请人工核对", "请在“排班设置 → 节假日”中手工录入当年的法定节假日和调休上班日"
    )


@dataclass(frozen=True)
class YearDay:
    """A holiday or a 调休 working day of a year, with where the program has it from."""

    day: date
    rest: bool
    name: str
    manual: bool
    source: str


def year_days(year: int, manual: dict[date, ManualDay] | None = None) -> list[YearDay]:
    """The statutory holidays and 调休 working days the program knows for ``year``: chinese-calendar's
    (with its version) and those entered by hand (which take precedence), sorted by date."""
    from datetime import timedelta

    out: dict[date, YearDay] = {}
    if year_known(year):
        import chinese_calendar

        source = f"日历数据（chinese-calendar {getattr(chinese_calendar, '__version__', '')}）".replace(" ）", "）")
        d = date(year, 1, 1)
        while d.year == year:
            on_holiday, name = chinese_calendar.get_holiday_detail(d)
            if on_holiday and name:
                out[d] = YearDay(d, True, HOLIDAY_NAMES.get(name, "节假日"), False, source)
            elif not on_holiday and d.weekday() >= 5:
                out[d] = YearDay(d, False, "调休上班", False, source)
            d += timedelta(days=1)
    for d, m in (manual or {}).items():
        if d.year == year:
            out[d] = YearDay(d, m.rest, m.name or ("节假日" if m.rest else "调休上班"), True, "手工录入")
    return sorted(out.values(), key=lambda x: x.day)
