"""Issue 11: everyone gets whole days off (备勤 is duty), the officer two a week, 所值班 covers the officer's days
off, and 一键排班 never rewrites days already worked."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from policeroom.services.roster.fairness import days_off
from policeroom.services.roster.rules import check, station_days
from policeroom.services.roster.solver import generate
from policeroom.services.roster.types import Cell, Member
from tests.services.roster.helpers import DAY, NIGHT, ONCALL, problem

MON = date(2026, 11, 23)


def test_on_call_chain_breaks_the_seven_day_rest() -> None:
    """夜 → 备 → 夜 … for a week: no whole day off; on call is duty for the consecutive days."""
    p = problem(days=14)
    cells = [Cell(1, MON + timedelta(days=i), (NIGHT if i % 2 == 0 else ONCALL).id) for i in range(8)]
    codes = {v.code for v in check(p, cells) if v.cells and v.cells[0][0] == 1}
    assert "consecutive" in codes
    assert "days_off" in codes  # and the week's two days off are not given: 补休 owed


def test_rest_in_7_when_consecutive_allows_more() -> None:
    from dataclasses import replace

    p = problem(days=14)
    p = replace(p, rules=replace(p.rules, max_consecutive_days=10, rest_days_in_7=2))
    cells = [Cell(2, MON + timedelta(days=i), DAY.id) for i in range(6)]
    assert any(v.code == "rest7" for v in check(p, cells))
    r = generate(p, time_limit=1.5)
    assert r.broken_rules == []


def test_generated_roster_gives_days_off_and_station_covers() -> None:
    p = problem(days=14)
    r = generate(p, time_limit=2)
    assert r.broken_rules == [] and r.rest_owed == []
    _assert_rest(p.members, r.cells, p.days)
    covered = station_days(p, r.cells)
    officer_busy = {c.day for c in r.cells if c.member_id == 1}
    assert covered == [d for d in p.days if d not in officer_busy]
    assert days_off(p, r.cells)[1] == 4


def _assert_rest(members: list[Member], cells: list[Cell], days: list[date], officer_weekly: int = 2) -> None:
    busy = {(c.member_id, c.day) for c in cells}
    for m in members:
        for i in range(len(days) - 6):
            window = days[i:i + 7]
            assert any((m.id, d) not in busy for d in window), (m.name, window[0])
        if m.role == "officer":
            for monday in [d for d in days if d.weekday() == 0 and d + timedelta(days=6) in days]:
                off = sum(1 for k in range(7) if (m.id, monday + timedelta(days=k)) not in busy)
                assert off >= officer_weekly, (m.name, monday)


@pytest.mark.today(datetime(2026, 12, 5, 9, 0))
def test_demo_january_2027_and_the_past_kept(services) -> None:  # noqa: ANN001
    from sqlalchemy import select

    from policeroom.models import Assignment
    from policeroom.services.demo.seed import seed_demo

    seed_demo(services.ctx, residents=40, requests_per_year=10, mediation=False)
    start, end = date(2027, 1, 1), date(2027, 1, 31)
    r = services.roster.generate(start, end)
    view = services.roster.view(start, end)
    assert [v for v in view.violations if not v.is_requirement and not v.is_soft] == []
    assert r.broken_rules == []
    officer = next(m for m in view.problem.members if m.role == "officer")
    assert officer.name == "王建军"
    _assert_rest(view.problem.members, view.cells, view.problem.days)
    assert len(station_days(view.problem, view.cells)) >= 8  # 所值班 on the officer's days off

    # this week: 11/30-12/4 are past (and checked in), so 一键排班 leaves them exactly as they were
    def cells(a: date, b: date) -> set:
        with services.ctx.read() as s:
            return set(s.execute(select(Assignment.member_id, Assignment.day, Assignment.shift_type_id,
                                        Assignment.grid_id).where(Assignment.day.between(a, b))).all())

    mon, sun = date(2026, 11, 30), date(2026, 12, 6)
    before = cells(mon, date(2026, 12, 4))
    plan = services.roster.plan(mon, sun)
    assert plan.keep[:5] == tuple(mon + timedelta(days=i) for i in range(5))
    assert "不改动：11月30日至12月" in plan.text and "将重新排：12月" in plan.text
    services.roster.generate(mon, sun)
    assert cells(mon, date(2026, 12, 4)) == before
