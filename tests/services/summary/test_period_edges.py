"""Summary periods at the edges of the calendar: ISO week 53 of 2026 running into 2027, the 1st and the
last day of a month, leap days, and the default period the command line picks for "today"."""

from __future__ import annotations

import argparse
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader

from policeroom.cli.report import period_from_args
from policeroom.services.core import clock
from policeroom.services.summary.types import month_period, parse_month, parse_week, week_period
from tests.timing import frozen

DAYS = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))


def _args(kind: str, **kw: str | None) -> argparse.Namespace:
    return argparse.Namespace(kind=kind, week=kw.get("week"), month=kw.get("month"),
                              date_from=kw.get("date_from"), date_to=kw.get("date_to"))  # fmt: skip


def test_week_53_of_2026_runs_into_2027() -> None:
    w53 = parse_week("2026-W53")
    assert (w53.start, w53.end) == (date(2026, 12, 28), date(2027, 1, 3))
    assert (w53.key, w53.name) == ("2026-W53", "2026年第53周")
    assert w53.dates == "2026年12月28日—2027年1月3日"  # the year is written again when it changes
    assert week_period(date(2026, 12, 31)) == week_period(date(2027, 1, 1)) == week_period(date(2027, 1, 3)) == w53
    w1 = w53.next()
    assert (w1.key, w1.start, w1.end) == ("2027-W01", date(2027, 1, 4), date(2027, 1, 10))
    assert week_period(date(2027, 1, 4)) == w1 and w1.previous() == w53
    assert w53.previous().key == "2026-W52"
    # 53 weeks in 2026, 52 in 2027
    assert parse_week("2027-W52").end == date(2028, 1, 2)
    with pytest.raises(Exception, match="2027年只有52周"):
        parse_week("2027-W53")


@pytest.mark.parametrize(
    "today, week, month",
    [
        (date(2026, 12, 31), "2026-W53", "2026-12"),  # last day of the year, a Thursday
        (date(2027, 1, 1), "2026-W53", "2027-01"),  # New Year's Day: the week is still last year's
        (date(2027, 1, 3), "2026-W53", "2027-01"),
        (date(2027, 1, 4), "2027-W01", "2027-01"),
        (date(2026, 12, 5), "2026-W49", "2026-12"),  # a Saturday whose week began on 30 November
        (date(2026, 12, 1), "2026-W49", "2026-12"),  # the 1st, a Tuesday
        (date(2026, 11, 30), "2026-W49", "2026-11"),  # the last day of November, a Monday
        (date(2027, 2, 1), "2027-W05", "2027-02"),
        (date(2028, 2, 29), "2028-W09", "2028-02"),
    ],
)
def test_default_periods_follow_today(today: date, week: str, month: str) -> None:
    """``report weekly`` / ``report monthly`` without --week/--month: the week and the month of today."""
    with frozen(today):
        assert clock.today() == today
        assert period_from_args(_args("weekly"), clock.today()).key == week
        assert period_from_args(_args("monthly"), clock.today()).key == month
    assert week_period(today).start <= today <= parse_week(week).end


def test_month_lengths() -> None:
    assert month_period(2026, 2).days == 28 and month_period(2028, 2).days == 29
    assert month_period(2100, 2).days == 28  # a century that is not a leap year
    assert month_period(2026, 12).next() == month_period(2027, 1)
    assert month_period(2027, 1).previous() == month_period(2026, 12)
    assert month_period(2028, 2).year_ago() == month_period(2027, 2)


@given(DAYS)
def test_week_period_contains_the_day_and_starts_on_monday(day: date) -> None:
    w = week_period(day)
    assert w.start <= day <= w.end and w.start.weekday() == 0 and w.end.weekday() == 6
    assert w.iso == day.isocalendar()[:2]
    assert parse_week(w.key) == w


@given(DAYS)
def test_month_bounds(day: date) -> None:
    m = month_period(day.year, day.month)
    assert m.start <= day <= m.end and m.start.day == 1
    assert (m.end + timedelta(days=1)).day == 1 and m.end.month == day.month
    assert parse_month(m.key) == m and m.next().start == m.end + timedelta(days=1)
    assert m.next().previous() == m


@given(DAYS, st.integers(min_value=-60, max_value=60))
def test_weeks_and_months_shift_back_and_forth(day: date, n: int) -> None:
    for p in (week_period(day), month_period(day.year, day.month)):
        assert p.shifted(n).shifted(-n) == p


def test_report_weekly_week_53(tmp_path: Path, migrated_template: Path, monkeypatch, capsys) -> None:  # noqa: ANN001
    """``policeroom report weekly --week 2026-W53``: the PDF names the week and both years."""
    from policeroom.__main__ import main

    monkeypatch.setenv("POLICEROOM_LOG_DIR", str(tmp_path / "logs"))
    db = tmp_path / "p.db"
    shutil.copy(migrated_template, db)
    out = tmp_path / "w53.pdf"
    with frozen(date(2027, 1, 5)):
        assert main(["--db", str(db), "report", "weekly", "--week", "2026-W53", "-o", str(out)]) == 0
    assert "已保存" in capsys.readouterr().out
    text = "".join(p.extract_text() for p in PdfReader(out).pages)
    assert "2026年第53周" in text and "2026年12月28日" in text and "2027年1月3日" in text


def test_a_week_that_has_not_started_is_refused_with_a_sentence() -> None:
    """Issue 11 item 13: ``--week 2027-W02`` on 2026-12-05 is refused, not printed empty."""
    import argparse

    from policeroom.cli.report import period_from_args
    from policeroom.errors import ValidationError

    args = argparse.Namespace(kind="weekly", week="2027-W02", month=None, date_from=None, date_to=None)
    with pytest.raises(ValidationError, match="尚未开始") as e:
        period_from_args(args, date(2026, 12, 5))
    assert "2027年1月11日" in e.value.message and "2026年12月5日" in e.value.message
    args.week = "2026-W49"
    assert period_from_args(args, date(2026, 12, 5)).start == date(2026, 11, 30)
