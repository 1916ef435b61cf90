"""A fast constructive roster (贪心排班): day by day, the least-loaded person who breaks no rule.

It gives CP-SAT a good starting point (a solution hint) so the solver spends its time on fairness, and
it is the whole generator when OR-Tools cannot be installed (a 信创 machine without a wheel).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from policeroom.services.roster_rules import patrol_target, patrol_weeks
from policeroom.services.roster_types import Cell, DayKind, Member, Need, NeedKind, Post, Problem, Shift


class Greedy:
    def __init__(self, problem: Problem, fixed: list[Cell]) -> None:
        from policeroom.services.roster_solver import conflicts

        self.p = problem
        self.conflicts = conflicts
        self.shifts = problem._shift_map()
        self.fixed = [c for c in fixed if problem.start <= c.day <= problem.end]
        self.fixed_days = set(problem.fixed_days) | {(c.member_id, c.day) for c in self.fixed}
        self.by: dict[int, dict[date, list[Shift]]] = defaultdict(lambda: defaultdict(list))
        self.load: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        self.cells: list[Cell] = []
        self.prefs = defaultdict(list)
        for pref in problem.preferences:
            self.prefs[pref.member_id].append(pref)
        for c in problem.history:
            self._place(c, count=False)
        for c in self.fixed:
            self._place(c)

    def _place(self, c: Cell, count: bool = True) -> None:
        s = self.shifts[c.shift_id]
        self.by[c.member_id][c.day].append(s)
        if count:
            self.cells.append(c)
            if s.work:
                ld = self.load[c.member_id]
                ld["minutes"] += s.minutes
                ld["nights"] += s.night
                kind = self.p.kind(c.day)
                ld["weekends"] += kind == DayKind.weekend
                ld["holidays"] += kind == DayKind.holiday
                ld["week" + str(c.day - timedelta(days=c.day.weekday()))] += s.minutes

    def can(self, m: Member, d: date, s: Shift) -> bool:
        if m.role not in s.roles or (m.id, d) in self.fixed_days or self.p.absence(m.id, d) is not None:
            return False
        mine = self.by[m.id]
        for k in range(-2, 3):
            for t in mine.get(d + timedelta(days=k), ()):
                if (k <= 0 and self.conflicts(t, s, -k, self.p.rules)) or (k > 0 and self.conflicts(s, t, k, self.p.rules)):
                    return False
        if not s.work:
            return True
        rules = self.p.rules
        if rules.max_consecutive_days:
            run = 1
            for step in (-1, 1):
                x = d + timedelta(days=step)
                while any(t.work for t in mine.get(x, ())):
                    run += 1
                    x += timedelta(days=step)
            if run > rules.max_consecutive_days:
                return False
        if rules.weekly_hours_cap:
            monday = d - timedelta(days=d.weekday())
            used = sum(t.minutes for k in range(7) for t in mine.get(monday + timedelta(days=k), ()) if t.work)
            if used + s.minutes > rules.weekly_hours_cap * 60:
                return False
        return True

    def _key(self, m: Member, d: date, s: Shift, avoid: set[int]) -> tuple:
        ld = self.load[m.id]
        kind = self.p.kind(d)
        pref = sum((-1 if p.wants else 1) for p in self.prefs.get(m.id, ()) if p.matches(d, s.id))
        return (
            ld["nights"] if s.night else 0,
            ld["holidays"] if kind == DayKind.holiday else 0,
            m.id in avoid,
            ld["weekends"] if kind == DayKind.weekend else 0,
            pref,
            ld["minutes"] // 60,
            (m.id * 7919 + d.toordinal()) % 101,
        )

    def _fill(self, need: Need, d: date, shift_ids: tuple[int, ...], avoid: set[int]) -> None:
        members = self.p.members
        have = {c.member_id for c in self._today(d) if c.shift_id in shift_ids
                and (need.roles is None or self.p.member(c.member_id).role in need.roles)}
        while len(have) < need.min_count:
            best = None
            for sid in shift_ids:
                s = self.shifts[sid]
                for m in members:
                    if m.id in have or (need.roles is not None and m.role not in need.roles) or not self.can(m, d, s):
                        continue
                    key = self._key(m, d, s, avoid)
                    if best is None or key < best[0]:
                        best = (key, m, s)
            if best is None:
                return
            self._place(Cell(best[1].id, d, best[2].id))
            have.add(best[1].id)

    def _today(self, d: date) -> list[Cell]:
        return self._day_cells.get(d, []) if hasattr(self, "_day_cells") else [c for c in self.cells if c.day == d]

    def run(self) -> list[Cell]:
        p = self.p
        plan = self._patrol_plan()
        shift_needs = sorted((n for n in p.needs if n.kind == NeedKind.shift),
                             key=lambda n: (n.roles is None, -n.min_count))
        daily = [n for n in p.needs if n.kind == NeedKind.role_daily]
        for d in p.days:
            soon = {m for (m, day) in plan if day in (d, d + timedelta(days=1))}
            for n in shift_needs:
                if n.applies(p.kind(d)):
                    self._fill(n, d, n.shift_ids, soon)
            for n in daily:
                if n.applies(p.kind(d)):
                    ordered = tuple(sorted(n.shift_ids, key=lambda i: self.shifts[i].work))  # on-call first
                    self._fill(n, d, ordered, soon)
            self._patrol_day(d, plan)
        return self.cells

    # -- patrols ----------------------------------------------------------------------------
    def _patrol_plan(self) -> dict[tuple[int, date], int]:
        """(own worker, day) -> grid: each grid's weekly patrols spread over the week, grids staggered."""
        self.pending: list[tuple[int, int, list[date]]] = []  # (grid, shift, remaining days of its week)
        plan: dict[tuple[int, date], int] = {}
        self.patrol_shift: dict[int, int] = {}
        for n in self.p.needs:
            if n.kind != NeedKind.grid_patrol:
                continue
            sid = n.shift_ids[0]
            for wi, (_monday, days) in enumerate(patrol_weeks(self.p)):
                k = patrol_target(n, len(days))
                for gi, g in enumerate(self.p.grids):
                    self.patrol_shift[g] = sid
                    if not k:
                        continue
                    owner = next((m for m in self.p.members if g in m.grid_ids and m.role == "grid_worker"), None)
                    # Staggered by grid and by week, so weekend patrols rotate among the grid workers.
                    picks = sorted({(gi + 3 * wi + round(i * len(days) / k)) % len(days) for i in range(k)})
                    for i in picks:
                        if owner is not None:
                            plan[(owner.id, days[i])] = g
                    self.pending.append((g, sid, days, k))
        return plan

    def _patrol_day(self, d: date, plan: dict[tuple[int, date], int]) -> None:
        for g, sid, days, k in self.pending:
            if d not in days:
                continue
            done = sum(1 for c in self.cells if c.grid_id == g and c.day in days)
            today = any(c.grid_id == g and c.day == d for c in self.cells)
            left = days.index(d)
            remaining_days = len(days) - left
            if done >= k or today:
                continue
            planned = any(gg == g and day == d for (_m, day), gg in plan.items())
            if not planned and k - done < remaining_days:
                continue
            s = self.shifts[sid]
            own = [m for m in self.p.members if g in m.grid_ids and m.role == "grid_worker" and self.can(m, d, s)]
            helpers = [] if own or (k - done < remaining_days) else [
                m for m in self.p.members if m.role != "grid_worker" and self.can(m, d, s)]
            pool = own or helpers
            if pool:
                m = min(pool, key=lambda m: self._key(m, d, s, set()))
                self._place(Cell(m.id, d, sid, g))


def greedy(problem: Problem, fixed: list[Cell] | None = None) -> list[Cell]:
    """A roster built day by day (fixed cells included)."""
    return Greedy(problem, list(fixed or [])).run()


__all__ = ["greedy", "Post"]
