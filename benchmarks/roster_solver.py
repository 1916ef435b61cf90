"""Benchmark of the roster generator (自动排班): time, broken rules, unmet requirements and fairness spread.

Generates several "1 + 2 + N" teams with leave patterns and solves a week and a month for each:

    PYTHONPATH=. python benchmarks/roster_solver.py [--workers 2] [--limit 1.6]

Prints one line per instance. The figures quoted in the README come from this script.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from policeroom.services.roster.calendar import day_kinds  # noqa: E402
from policeroom.services.roster.defaults import (  # noqa: E402
    DEFAULT_NEEDS,
    DEFAULT_SHIFTS,
    THREE_SHIFT_NEEDS,
    THREE_SHIFT_SHIFTS,
)
from policeroom.services.roster.solver import generate  # noqa: E402
from policeroom.services.roster.types import Absence, Member, Need, Preference, Problem, Rules, Shift  # noqa: E402


def build_shifts(templates) -> list[Shift]:  # noqa: ANN001
    return [Shift(i + 1, t.code, t.name, t.post, t.start, t.end, t.night, frozenset(t.roles), t.color)
            for i, t in enumerate(templates)]


def build_needs(templates, shifts: list[Shift]) -> list[Need]:  # noqa: ANN001
    by_code = {s.code: s.id for s in shifts}
    return [Need(i + 1, t.kind, tuple(by_code[c] for c in t.shift_codes), t.min_count,
                 frozenset(t.roles) if t.roles else None, t.days) for i, t in enumerate(templates)]


def team(n_grid: int) -> tuple[list[Member], dict[int, str]]:
    members = [Member(1, "民警", "officer"), Member(2, "工作人员甲", "staff"), Member(3, "工作人员乙", "staff")]
    grids = {}
    for g in range(1, n_grid + 1):
        grids[100 + g] = f"第{g}网格"
        members.append(Member(10 + g, f"网格员{g}", "grid_worker", (100 + g,)))
    return members, grids


def leave(rng: random.Random, members: list[Member], start: date, days: int, pattern: str) -> list[Absence]:
    out = []
    if pattern == "none":
        return out
    share = {"light": 0.1, "heavy": 0.3}[pattern]
    for m in members[3:]:
        if rng.random() < share:
            a = start + timedelta(days=rng.randrange(days))
            out.append(Absence(m.id, a, a + timedelta(days=rng.randint(0, 4)), rng.choice(["leave", "comp_rest", "training"])))
    if pattern == "heavy":  # one staff away for three days
        a = start + timedelta(days=rng.randrange(max(1, days - 3)))
        out.append(Absence(2, a, a + timedelta(days=2), "leave"))
    return out


def instance(seed: int, n_grid: int, start: date, days: int, pattern: str, three: bool) -> Problem:
    rng = random.Random(seed)
    shifts = build_shifts(THREE_SHIFT_SHIFTS if three else DEFAULT_SHIFTS)
    needs = build_needs(THREE_SHIFT_NEEDS if three else DEFAULT_NEEDS, shifts)
    members, grids = team(n_grid)
    end = start + timedelta(days=days - 1)
    period = [start + timedelta(days=i) for i in range(days)]
    prefs = [Preference(m.id, False, None, rng.randrange(7)) for m in rng.sample(members, k=min(5, len(members)))]
    return Problem(start, end, members, shifts, needs, Rules(), leave(rng, members, start, days, pattern), prefs,
                   {d: i.kind for d, i in day_kinds(period).items()}, grids)


def assert_rest(p: Problem, r) -> None:  # noqa: ANN001 - GenerateResult
    """Every person has a whole day off (no shift, no on-call) in every 7 days; say so loudly otherwise."""
    busy = {(c.member_id, c.day) for c in r.cells}
    for m in p.members:
        for i in range(len(p.days) - 6):
            if all((m.id, d) in busy for d in p.days[i:i + 7]):
                print(f"      ！{m.name} {p.days[i]:%m-%d}起7天没有一整天休息")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--limit", type=float, default=1.6)
    args = ap.parse_args()
    import time

    t = time.perf_counter()
    from ortools.sat.python import cp_model  # noqa: F401

    print(f"OR-Tools 导入（每次启动一次，排班页面打开时已在后台预热）：{time.perf_counter() - t:.2f} s")
    cases = []
    for seed, (pattern, n_grid) in enumerate([("none", 8), ("light", 8), ("heavy", 8), ("none", 30), ("light", 30),
                                              ("heavy", 30)]):
        cases.append((seed, n_grid, date(2026, 11, 23), 7, pattern, False))
    for seed, pattern in enumerate(["none", "light", "heavy"]):
        cases.append((10 + seed, 30, date(2026, 9, 1), 30, pattern, False))  # 国庆 in the month
        cases.append((20 + seed, 30, date(2026, 11, 1), 30, pattern, False))
    cases.append((30, 30, date(2026, 11, 1), 30, "light", True))
    print(f"{'实例':<34}{'耗时(s)':>8}{'违规':>6}{'缺额':>6}{'最大差':>7}{'欠补休':>6}  状态")
    months = []
    for seed, n_grid, start, days, pattern, three in cases:
        p = instance(seed, n_grid, start, days, pattern, three)
        r = generate(p, time_limit=args.limit, workers=args.workers)
        name = f"1+2+{n_grid} {start:%m-%d}起{days}天 请假{pattern}{' 三班倒' if three else ''}"
        worst = max(r.spreads, key=lambda s: s.spread, default=None)
        print(f"{name:<34}{r.seconds:>8.2f}{len(r.broken_rules):>6}{len(r.unmet):>6}{r.max_spread:>7}"
              f"{len(r.rest_owed):>6}  {r.status}"
              f"  {worst.text if worst else ''}")
        for v in r.unmet[:3]:
            print("      缺：", v.message)
        if days > 7 and not three:
            months.append(r)
        assert_rest(p, r)
    if months:
        print(f"1+2+30 月排班（标准班次）{len(months)}例：最长 {max(r.seconds for r in months):.2f} s，"
              f"违规合计 {sum(len(r.broken_rules) for r in months)}，缺额合计 {sum(len(r.unmet) for r in months)}，"
              f"最大差 {max(r.max_spread for r in months)}，欠补休合计 {sum(len(r.rest_owed) for r in months)} 周次")
    if hasattr(os, "getloadavg"):
        print(f"测量时机器负载（1分钟平均）：{os.getloadavg()[0]:.1f}（{os.cpu_count()} 核）")


if __name__ == "__main__":
    main()
