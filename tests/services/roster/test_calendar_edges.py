"""The roster's calendar at its edges: ISO week 2026-W53 running into 2027 (a year chinese-calendar does
not know), National Day and Spring Festival 2026 with their 调休 working weekends, a leap February."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from policeroom.services.registry import Services
from policeroom.services.roster.calendar import day_info, roster_calendar_warning
from policeroom.services.roster.service import month_of, week_containing, week_of
from policeroom.services.roster.types import DayKind
from tests.ui.roster.test_roster_ui import _team


def _kinds(view, days: list[date]) -> list[tuple[str, str]]:  # noqa: ANN001
    return [(view.days[d].kind.value, view.days[d].name) for d in days]


@pytest.mark.today(datetime(2026, 12, 20, 9, 0))  # before the week: the generator never rewrites the past
def test_week_53_into_a_year_without_data(officer: Services) -> None:
    start, end = week_of("2026-W53")
    assert (start, end) == (date(2026, 12, 28), date(2027, 1, 3))
    assert week_containing(date(2027, 1, 1)) == week_containing(date(2026, 12, 31)) == (start, end)
    _team(officer)
    view = officer.roster.view(start, end)
    assert view.problem.days == [start + timedelta(days=i) for i in range(7)]
    # 2026 from chinese-calendar; 2027 by weekends only, and the warning names 2027 alone
    assert view.days[date(2026, 12, 31)].kind == DayKind.workday
    assert view.days[date(2027, 1, 1)].kind == DayKind.workday  # no data: 元旦 not known yet
    assert view.days[date(2027, 1, 2)].kind == DayKind.weekend
    assert view.warning and view.warning.startswith("2027年") and "2026年" not in view.warning
    assert "手工录入" in view.warning
    result = officer.roster.generate(start, end, time_limit=0.5)
    assert officer.roster.view(start, end).cells and result is not None
    # the officer enters 元旦 by hand: the day becomes a holiday and the warning goes
    officer.roster.config.set_manual_day(date(2027, 1, 1), True, "元旦")
    view = officer.roster.view(start, end)
    assert (view.days[date(2027, 1, 1)].kind, view.days[date(2027, 1, 1)].name) == (DayKind.holiday, "元旦")
    assert view.warning is None


def test_national_day_2026_with_tiaoxiu(officer: Services) -> None:
    first, last = month_of(date(2026, 10, 15))
    view = officer.roster.view(first, last)
    assert len(view.problem.days) == 31 and view.warning is None
    assert _kinds(view, [date(2026, 10, d) for d in (1, 7, 8, 10, 11)]) == [
        ("holiday", "国庆节"), ("holiday", "国庆节"), ("workday", ""), ("workday", "调休上班"), ("weekend", ""),
    ]  # fmt: skip
    assert day_info(date(2026, 9, 20)).name == "调休上班"  # the Sunday before


def test_spring_festival_2026_and_a_monday_in_last_months_week(officer: Services) -> None:
    first, last = month_of(date(2026, 2, 1))  # a Sunday: its week began on Monday 26 January
    assert week_containing(first) == (date(2026, 1, 26), date(2026, 2, 1))
    view = officer.roster.view(first, last)
    assert len(view.problem.days) == 28
    assert _kinds(view, [date(2026, 2, d) for d in (14, 15, 23, 24, 28)]) == [
        ("workday", "调休上班"), ("holiday", "春节"), ("holiday", "春节"), ("workday", ""), ("workday", "调休上班"),
    ]  # fmt: skip


def test_leap_february_in_a_year_without_data(officer: Services) -> None:
    first, last = month_of(date(2028, 2, 29))
    assert (first, last) == (date(2028, 2, 1), date(2028, 2, 29))
    view = officer.roster.view(first, last)
    assert len(view.problem.days) == 29
    assert view.warning and "2028年" in view.warning
    assert {view.days[d].kind for d in view.problem.days} == {DayKind.workday, DayKind.weekend}


def test_warning_only_for_the_unknown_years() -> None:
    days = [date(2026, 12, 31), date(2027, 1, 1), date(2030, 6, 15)]
    text = roster_calendar_warning(days)
    assert text is not None and text.startswith("2027、2030年的法定节假日安排尚未收录，排班暂按周末休息计算")
    assert roster_calendar_warning([date(2026, 12, 31)]) is None
