"""Dates as Chinese documents write them, and ages: plain functions every module shares (no I/O)."""

from __future__ import annotations

from datetime import date


def chinese_date(day: date | None) -> str:
    """``2026年11月22日`` (no leading zeros, as official documents write it); blank for no date.

    A ``datetime`` is a ``date`` too: its time is left out.
    """
    return "" if day is None else f"{day.year}年{day.month}月{day.day}日"


def month_day(day: date) -> str:
    """``11月1日`` (no leading zeros), for dates whose year the reader already has."""
    return f"{day.month}月{day.day}日"


def date_span(start: date, end: date, sep: str = "至") -> str:
    """``2026年11月30日至12月6日``; the end's year is written only when it differs (``2026年12月28日至2027年1月3日``)."""
    return f"{chinese_date(start)}{sep}{chinese_date(end) if end.year != start.year else month_day(end)}"


def age_on(birth: date | None, day: date) -> int | None:
    """Full years on ``day`` (a document's date, or today); None when the birth date is unknown."""
    if birth is None:
        return None
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))
