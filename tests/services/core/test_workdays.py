"""The Chinese working calendar (services/core/workdays.py) at its edges: statutory holidays with 调休
working weekends, 31 December into a year chinese-calendar does not know, and such years themselves."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policeroom.services.core.workdays import add_working_days, calendar_warning, is_workday, year_known

#: the last year chinese-calendar knows here is 2026; 2027 and 2030 are not in its data (yet)
UNKNOWN = 2030


def test_known_years() -> None:
    assert year_known(2004) and year_known(2026)
    assert not year_known(2003) and not year_known(UNKNOWN)


@pytest.mark.parametrize(
    "day, working",
    [
        (date(2026, 9, 20), True),  # Sunday, 调休 working day before National Day
        (date(2026, 9, 30), True),
        (date(2026, 10, 1), False),  # 国庆节
        (date(2026, 10, 7), False),
        (date(2026, 10, 8), True),
        (date(2026, 10, 10), True),  # Saturday, 调休 working day
        (date(2026, 10, 11), False),
        (date(2026, 2, 14), True),  # Saturday before 春节, 调休
        (date(2026, 2, 16), False),  # 春节
        (date(2026, 2, 23), False),
        (date(2026, 2, 28), True),  # Saturday after 春节, 调休
        (date(2026, 1, 1), False),  # 元旦
        (date(2026, 12, 31), True),
    ],
)
def test_holidays_and_tiaoxiu_2026(day: date, working: bool) -> None:
    assert is_workday(day) is working


def test_add_working_days_over_national_day() -> None:
    eve = datetime(2026, 9, 30, 17, 0)
    assert add_working_days(eve, 1) == datetime(2026, 10, 8, 17, 0)
    assert add_working_days(eve, 3) == datetime(2026, 10, 10, 17, 0)  # the 调休 Saturday counts
    assert add_working_days(eve, 4) == datetime(2026, 10, 12, 17, 0)
    assert calendar_warning(eve, add_working_days(eve, 4)) is None


def test_add_working_days_over_spring_festival() -> None:
    friday = datetime(2026, 2, 13, 9, 30)
    assert add_working_days(friday, 1) == datetime(2026, 2, 14, 9, 30)  # 调休 Saturday
    assert add_working_days(friday, 2) == datetime(2026, 2, 24, 9, 30)


def test_new_year_into_a_year_without_data() -> None:
    """31 December 2026 → 2027, which this chinese-calendar does not know: weekends only, and a warning."""
    last = datetime(2026, 12, 31, 16, 0)
    due = add_working_days(last, 3)
    # Fri 1 Jan 2027 counts as a working day: the fallback knows only weekends (hence the warning)
    assert due == datetime(2027, 1, 5, 16, 0)
    warning = calendar_warning(last, due)
    assert warning is not None and warning.startswith("2027年的法定节假日安排尚未收录")
    assert "按周末休息计算" in warning and "人工核对" in warning


def test_a_year_without_data_does_not_crash() -> None:
    friday = datetime(UNKNOWN, 6, 14, 10, 0)
    assert not is_workday(date(UNKNOWN, 6, 15)) and not is_workday(date(UNKNOWN, 6, 16))
    assert is_workday(date(UNKNOWN, 10, 1))  # a Tuesday: no holiday data, a plain weekday
    assert add_working_days(friday, 1) == datetime(UNKNOWN, 6, 17, 10, 0)
    assert add_working_days(datetime(2003, 12, 31), 1) == datetime(2004, 1, 2)  # before the data: 2004-01-01 is 元旦
    assert calendar_warning(date(2003, 5, 1), date(UNKNOWN, 1, 1), date(2026, 1, 1)) == (
        "2003、2030年的法定节假日安排尚未收录，期限暂按周末休息计算，遇节假日请人工核对。"
    )


@settings(max_examples=150, deadline=None)
@given(
    st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 12, 1)),
    st.integers(min_value=0, max_value=25),
)
def test_add_working_days_counts_exactly_n_working_days(start: datetime, n: int) -> None:
    due = add_working_days(start, n)
    assert due.time() == start.time() and due >= start
    days = [start.date() + timedelta(days=i) for i in range(1, (due.date() - start.date()).days + 1)]
    assert sum(is_workday(d) for d in days) == n
    if n:
        assert is_workday(due.date())
