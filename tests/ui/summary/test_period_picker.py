"""The summary's period picker around New Year: ISO week 2026-W53, and a window left open over midnight."""

from __future__ import annotations

from datetime import date, datetime

from policeroom.ui.summary.period import PeriodPicker
from tests.timing import frozen


def test_week_53_and_new_year(qtbot) -> None:  # noqa: ANN001
    with frozen(date(2027, 1, 1)):
        picker = PeriodPicker()
        qtbot.addWidget(picker)
    p = picker.period()
    assert (p.key, picker.year.value(), picker.week.value(), picker.week.maximum()) == ("2026-W53", 2026, 53, 53)
    assert picker.dates.text() == "2026年12月28日—2027年1月3日"
    picker.next_btn.click()
    assert picker.period().key == "2027-W01" and picker.week.maximum() == 52
    picker.prev_btn.click()
    picker.prev_btn.click()
    assert picker.period().key == "2026-W52"
    with frozen(date(2027, 1, 1)):
        picker.kind.setCurrentIndex(1)  # 按月: the month of today, not of the week's Monday
    assert picker.period().key == "2027-01" and picker.now_btn.text() == "本月"


def test_this_week_and_month_follow_the_clock_past_midnight(qtbot) -> None:  # noqa: ANN001
    with frozen(datetime(2026, 12, 31, 23, 59)):
        picker = PeriodPicker()
        qtbot.addWidget(picker)
        picker.kind.setCurrentIndex(1)
        assert picker.period().key == "2026-12"
    with frozen(datetime(2027, 2, 1, 8, 30)):  # the desk PC stayed on for a month
        picker.now_btn.click()
        assert picker.period().key == "2027-02"
        picker.kind.setCurrentIndex(0)
        assert picker.period().key == "2027-W05"
