"""The roster generator (自动排班): the greedy roster improved by OR-Tools CP-SAT (:mod:`roster_model`), a month
week by week.

Rules are hard constraints; requirements are soft with a big penalty per missing person, so when too
many people are away the generator still returns the roster that misses the fewest, and the rule
checker (:func:`roster_rules.check`) explains each miss. Among the rosters that meet the most, it
minimises per role the spread (most minus least loaded) of nights, weekend shifts and holiday shifts,
then the spread of hours, then honours preferences and sends grid workers to patrol their own grid.

OR-Tools is imported only here, when generating (start-up stays fast).
"""

from __future__ import annotations

import time as _time
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from policeroom.services.roster.fairness import METRICS, Carry, Spread, full_time, load_counts, spreads
from policeroom.services.roster.model import SOLVER_PARAMS, Builder, conflict_groups, conflicts
from policeroom.services.roster.rules import check, patrol_weeks
from policeroom.services.roster.types import Cell, Problem, Violation


@dataclass
class GenerateResult:
    cells: list[Cell]
    violations: list[Violation]
    seconds: float
    status: str  # 最优 / 可行（已到时间上限） / 未找到
    spreads: list[Spread] = field(default_factory=list)

    @property
    def unmet(self) -> list[Violation]:
        return [v for v in self.violations if v.is_requirement]

    @property
    def broken_rules(self) -> list[Violation]:
        return [v for v in self.violations if not v.is_requirement and not v.is_soft]

    @property
    def rest_owed(self) -> list[Violation]:
        """Weeks someone got fewer than two days off: the 补休 owed."""
        return [v for v in self.violations if v.is_soft]

    @property
    def max_spread(self) -> int:
        return max((s.spread for s in self.spreads), default=0)


def warm_up() -> None:
    """Import OR-Tools in the background (about 1 s) while the person looks at the roster page."""
    import sys
    import threading

    if "ortools.sat.python.cp_model" in sys.modules:
        return
    # OR-Tools pulls in pandas, which imports concurrent.futures.thread; that module registers an exit hook,
    # which fails ("can't register atexit after shutdown") if the program is quitting mid-import. Import it here.
    import concurrent.futures.thread  # noqa: F401

    def _load() -> None:
        from ortools.sat.python import cp_model  # noqa: F401

    threading.Thread(target=_load, name="ortools-import", daemon=True).start()


def generate(problem: Problem, fixed: list[Cell] | None = None, *, time_limit: float = 1.6, workers: int = 2,
             seed: int = 7) -> GenerateResult:
    """A roster for the whole period: fixed cells kept, requirements met where possible, loads even.

    A period longer than :data:`CHUNK_DAYS` is generated calendar week by calendar week (the weeks of the
    patrol requirement), each with the weeks before it as history and their loads carried forward, so the
    month's totals stay even; a week is a model small enough to solve well in a fraction of a second.

    Args:
        fixed: cells the officer fixed by hand; ``problem.fixed_days`` may also fix a day as free.
        time_limit: seconds in all (the best roster found so far is returned when it runs out).
        workers: CP-SAT threads (2 suits the room's 2-core PC).
    """
    try:  # the one-time import (about 1 s, warmed up when the roster page opens) is not search time
        from ortools.sat.python import cp_model  # noqa: F401
    except ImportError:
        pass
    t0 = _time.perf_counter()
    fixed = [c for c in (fixed or []) if problem.start <= c.day <= problem.end]
    ft = full_time(problem)
    weeks: list[list[date]] = []
    for _monday, days in patrol_weeks(problem):  # calendar weeks; a stub of 1-3 days joins its neighbour
        if weeks and (len(days) < 4 or len(weeks[-1]) < 4):
            weeks[-1] = weeks[-1] + days
        else:
            weeks.append(days)
    if len(problem.days) <= CHUNK_DAYS:
        weeks = [problem.days]
    cells: list[Cell] = []
    carry: Carry = {}
    statuses = []
    for i, days in enumerate(weeks):
        left = sum(len(w) for w in weeks[i:])
        budget = (time_limit - (_time.perf_counter() - t0)) * len(days) / left  # <= 0.05 s: the greedy roster
        history = [*problem.history, *(c for c in cells if c.day >= days[0] - timedelta(days=7))]
        sub = replace(problem, start=days[0], end=days[-1], history=history,
                      fixed_days=frozenset(k for k in problem.fixed_days if days[0] <= k[1] <= days[-1]))
        part, status = _solve_part(sub, [c for c in fixed if days[0] <= c.day <= days[-1]], carry, ft, budget,
                                   workers, seed)
        cells += part
        carry = load_counts(sub, part, carry)
        statuses.append(status)
    status = statuses[0] if len(set(statuses)) == 1 else min(statuses, key=list(STATUS_ORDER).index)
    return _result(problem, cells, status, t0, ft)


CHUNK_DAYS = 10
#: worst first: the status of a week-by-week month is its worst week's
STATUS_ORDER = ("快速排班", "可行（已到时间上限）", "最优")


def _solve_part(problem: Problem, fixed: list[Cell], carry: Carry, ft: dict[int, bool], time_limit: float,
                workers: int, seed: int) -> tuple[list[Cell], str]:
    """One part (a week): the greedy roster as a hint, improved by CP-SAT within ``time_limit``."""
    from policeroom.services.roster.greedy import greedy

    t0 = _time.perf_counter()
    start = greedy(problem, fixed, carry, ft)
    best, status = start, "快速排班"
    if time_limit <= 0.05:  # an earlier week overran (a busy PC): keep within the promised time
        return best, status
    try:
        b = Builder(problem, fixed, carry, ft)
    except ImportError:  # no OR-Tools wheel for this machine: the greedy roster it is
        return best, status
    b.variables(start)
    b.rules()
    b.needs()
    b.fairness()
    b.preferences()
    b.hint(start)
    cells, solved = b.solve(max(0.05, time_limit - (_time.perf_counter() - t0)), workers, seed)
    if solved != "未找到" and _score(problem, cells, carry, ft) <= _score(problem, start, carry, ft):
        best, status = cells, solved
    return best, status


def _result(problem: Problem, cells: list[Cell], status: str, t0: float,
            ft: dict[int, bool] | None = None) -> GenerateResult:
    cells = sorted(cells, key=lambda c: (c.day, c.shift_id, c.member_id, c.grid_id or 0))
    return GenerateResult(cells, check(problem, cells), _time.perf_counter() - t0, status,
                          spreads(problem, cells, None, ft))


def _score(problem: Problem, cells: list[Cell], carry: Carry, ft: dict[int, bool]) -> tuple[int, int, int, int, int]:
    found = check(problem, cells)
    rules = sum(1 for v in found if not v.is_requirement and not v.is_soft)
    soft = sum(1 for v in found if v.is_soft)
    fair = spreads(problem, cells, carry, ft)
    return (rules, len(found) - rules - soft, soft, max((s.spread for s in fair), default=0),
            sum(s.spread for s in fair))


__all__ = ["GenerateResult", "METRICS", "SOLVER_PARAMS", "Spread", "conflict_groups", "conflicts", "generate",
           "load_counts", "spreads", "warm_up"]
