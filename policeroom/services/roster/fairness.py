"""Fairness figures of a roster (公平性): per role, the least and most loaded with nights, weekend shifts and
holiday shifts, among the people available the whole period.

``carry`` holds loads from earlier parts of the period, so a month generated week by week is judged (and
balanced) on its running totals.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from policeroom.services.roster.types import ROLE_LABELS, Cell, DayKind, Member, Problem

METRICS = {"nights": "夜班", "weekends": "周末班", "holidays": "节假日班"}
#: what a Spread counts: the loads above, or whole days off (休息天数)
DAYS_OFF = "days_off"
LABELS = {**METRICS, DAYS_OFF: "休息天数"}
#: member -> metric (nights / weekends / holidays / minutes) -> load so far
Carry = dict[int, dict[str, int]]


@dataclass(frozen=True)
class Spread:
    role: str
    metric: str
    low: int
    high: int
    people: int

    @property
    def spread(self) -> int:
        return self.high - self.low

    @property
    def text(self) -> str:
        return f"{ROLE_LABELS.get(self.role, self.role)}{LABELS[self.metric]}：最少{self.low}、最多{self.high}"


def full_time(problem: Problem) -> dict[int, bool]:
    """Members available on every day of the period (the group whose loads must be even)."""
    return {m.id: not any(problem.absence(m.id, d) for d in problem.days) for m in problem.members}


def load_counts(problem: Problem, cells: list[Cell], carry: Carry | None = None) -> Carry:
    """Per member: nights, weekend and holiday shifts, working minutes in the period (plus ``carry``)."""
    out: Carry = {m.id: {k: 0 for k in METRICS} | {"minutes": 0} for m in problem.members}
    for mid, row in (carry or {}).items():
        if mid in out:
            for k, v in row.items():
                out[mid][k] += v
    shifts = problem._shift_map()
    for c in cells:
        s = shifts.get(c.shift_id)
        if s is None or not s.work or c.member_id not in out or not problem.start <= c.day <= problem.end:
            continue
        row = out[c.member_id]
        row["minutes"] += s.minutes
        row["nights"] += s.night
        kind = problem.kind(c.day)
        row["weekends"] += kind == DayKind.weekend
        row["holidays"] += kind == DayKind.holiday
    return out


def spreads(problem: Problem, cells: list[Cell], carry: Carry | None = None,
            ft: dict[int, bool] | None = None) -> list[Spread]:
    """Per role and metric, the least and most loaded among the people available the whole period."""
    loads = load_counts(problem, cells, carry)
    ft = ft if ft is not None else full_time(problem)
    out = []
    by_role: dict[str, list[Member]] = defaultdict(list)
    for m in problem.members:
        if ft.get(m.id):
            by_role[m.role].append(m)
    for role, group in by_role.items():
        if len(group) < 2:
            continue
        for metric in METRICS:
            vals = [loads[m.id][metric] for m in group]
            out.append(Spread(role, metric, min(vals), max(vals), len(group)))
    return out


def days_off(problem: Problem, cells: list[Cell]) -> dict[int, int]:
    """Per member, the whole days off in the period: no shift and no on-call (备勤 is duty)."""
    busy = {(c.member_id, c.day) for c in cells if problem.start <= c.day <= problem.end}
    return {m.id: sum(1 for d in problem.days if (m.id, d) not in busy) for m in problem.members}


def days_off_spreads(problem: Problem, cells: list[Cell], ft: dict[int, bool] | None = None) -> list[Spread]:
    """Per role, the least and most days off among the people available the whole period."""
    rest = days_off(problem, cells)
    ft = ft if ft is not None else full_time(problem)
    by_role: dict[str, list[int]] = defaultdict(list)
    for m in problem.members:
        if ft.get(m.id):
            by_role[m.role].append(rest[m.id])
    return [Spread(role, DAYS_OFF, min(v), max(v), len(v)) for role, v in by_role.items() if v]
