"""Stars at the thresholds, points from minutes, needs parsing, limit periods."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policeroom.services.activities.rules import (
    counted,
    format_needs,
    parse_needs,
    period_start,
    points_for,
    star_label,
    star_level,
)


@pytest.mark.parametrize(
    ("hours", "level"),
    [(0, 0), (99.99, 0), (100, 1), (299.9, 1), (300, 2), (599, 2), (600, 3), (999, 3), (1000, 4), (1499, 4),
     (1500, 5), (9000, 5)],
)  # fmt: skip
def test_star_thresholds(hours: float, level: int) -> None:
    minutes = round(hours * 60)
    assert star_level(minutes) == level
    assert star_label(minutes) == ("" if level == 0 else "★" * level + " " + "一二三四五"[level - 1] + "星")


def test_star_one_minute_before_and_at() -> None:
    assert star_level(100 * 60 - 1) == 0 and star_level(100 * 60) == 1
    assert star_level(1500 * 60 - 1) == 4 and star_level(1500 * 60) == 5


def test_points_default_rate() -> None:
    assert points_for(60, 1.0) == 10  # tenths: one point
    assert points_for(90, 1.0) == 15
    assert points_for(60, 2.0) == 20


@given(st.integers(0, 2000), st.integers(1, 1440))
def test_counted_never_exceeds_cap_or_actual(actual: int, cap: int) -> None:
    c = counted(actual, cap)
    assert 0 <= c <= cap and c <= actual


@given(st.lists(st.tuples(st.sampled_from(["治安员", "信息员", "调解员", "宣传员"]), st.integers(1, 999)),
                unique_by=lambda x: x[0]))  # fmt: skip
def test_needs_round_trip(needs: list[tuple[str, int]]) -> None:
    assert parse_needs(format_needs(needs)) == needs


@pytest.mark.parametrize("bad", ["治安员", "治安员:0", "治安员:x", "治安员:1;治安员:2", ":3"])
def test_bad_needs(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_needs(bad)


def test_full_width_needs() -> None:
    assert parse_needs("治安员：3；宣传员：2") == [("治安员", 3), ("宣传员", 2)]


def test_periods() -> None:
    assert period_start(date(2026, 11, 20), "quarter") == date(2026, 10, 1)
    assert period_start(date(2026, 3, 31), "quarter") == date(2026, 1, 1)
    assert period_start(date(2026, 11, 20), "month") == date(2026, 11, 1)
    assert period_start(date(2026, 11, 20), "none") is None
