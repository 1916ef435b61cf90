"""The dashboard's date line on holidays, 调休 working weekends and in a year without holiday data."""

from __future__ import annotations

from datetime import date

import pytest

from policeroom.ui.dashboard.page import day_line


@pytest.mark.parametrize(
    "day, line",
    [
        (date(2026, 10, 1), "2026年10月1日 星期四 · 国庆节假期"),
        (date(2026, 10, 10), "2026年10月10日 星期六 · 调休上班"),
        (date(2026, 10, 11), "2026年10月11日 星期日 · 休息日"),
        (date(2026, 2, 17), "2026年2月17日 星期二 · 春节假期"),
        (date(2026, 2, 14), "2026年2月14日 星期六 · 调休上班"),
        (date(2026, 12, 31), "2026年12月31日 星期四 · 工作日"),
        (date(2026, 1, 1), "2026年1月1日 星期四 · 元旦假期"),
        (date(2027, 1, 1), "2027年1月1日 星期五 · 工作日（2027年节假日安排尚未收录，按周末计）"),
        (date(2030, 6, 15), "2030年6月15日 星期六 · 休息日（2030年节假日安排尚未收录，按周末计）"),
    ],
)
def test_day_line(day: date, line: str) -> None:
    assert day_line(day) == line


@pytest.mark.today(date(2027, 1, 3))
def test_dashboard_shows_the_clocks_day(officer, bus, qtbot) -> None:  # noqa: ANN001
    from policeroom.ui.dashboard.page import DashboardPage

    page = DashboardPage(officer, bus)
    qtbot.addWidget(page)
    page.refresh()
    assert page.day.text().startswith("2027年1月3日 星期日 · 休息日")
