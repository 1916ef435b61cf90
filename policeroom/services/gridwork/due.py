"""When inspections fall due (巡查到期): per place, from each checklist item's frequency and its last tick.

Pure functions over plain values, so the due list, the 考核 and the tests share one rule: an item is
next due one period after it was last checked (or, never checked, from the day the place was added).
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from policeroom.models import Frequency

#: months per frequency (weeks for the short ones are counted in days)
_DAYS = {Frequency.weekly: 7, Frequency.half_month: 15}
_MONTHS = {Frequency.monthly: 1, Frequency.quarterly: 3, Frequency.half_year: 6, Frequency.yearly: 12}


def add_period(day: date, frequency: Frequency) -> date:
    """``day`` plus one period (a month after 31 January is the last day of February)."""
    if frequency in _DAYS:
        return day + timedelta(days=_DAYS[frequency])
    months = day.month - 1 + _MONTHS[frequency]
    year, month = day.year + months // 12, months % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_due(last_checked: date | None, added_on: date, frequency: Frequency) -> date:
    """The day an item is next due: one period after its last check; a new place's items are due at once."""
    return add_period(last_checked, frequency) if last_checked is not None else added_on


def occurrences(
    frequency: Frequency, added_on: date, before: date | None, checks: list[date], start: date, end: date
) -> tuple[int, int]:
    """(due, done) for one item over ``start``..``end``: times it fell due, and of them, times checked.

    ``before`` is the last check before ``start``; ``checks`` the checks within the period (sorted). A
    check answers the occurrence due at or before it and restarts the period from its own day.
    """
    due_n = done_n = 0
    due = next_due(before, added_on, frequency)
    due = max(due, start)
    i = 0
    while due <= end:
        due_n += 1
        # the first check on or after the previous restart answers this occurrence
        while i < len(checks) and checks[i] < start:
            i += 1
        if i < len(checks) and checks[i] <= end:
            done_n += 1
            due = max(add_period(checks[i], frequency), due + timedelta(days=1))
            i += 1
        else:  # not checked again: every later period of the span falls due unanswered
            due = add_period(due, frequency)
    return due_n, done_n


def pairs(rows) -> dict:  # noqa: ANN001 - a result of two-column rows
    """``{first: second}`` of a two-column query result."""
    return {a: b for a, b in rows}
