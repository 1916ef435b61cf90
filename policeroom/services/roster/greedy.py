"""A fast constructive roster (贪心排班): day by day, the least-loaded person who breaks no rule.

It gives CP-SAT a good starting point (a solution hint) so the solver spends its time on fairness, and
it is the whole generator when OR-Tools cannot be installed (a 信创 machine without a wheel).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from policeroom.services.roster.rules import patrol_target, patrol_weeks, week_scope
from policeroom.services.roster.types import (
    DAYS_OFF_ROLES,
    Cell,
    DayKind,
    Member,
    Need,
    NeedKind,
    Post,
    Problem,
    Shift,
)

AVOID_WEIGHT = 1


class Greedy:
    def __init__(self, problem: Problem, fixed: list[Cell], carry: dict[int, dict[str, int]] | None = None) -> None:
        from policeroom.services.roster.model import conflicts

        self.p = problem
        self.conflicts = conflicts
        self.shifts = problem._shift_map()
        self.fixed = [c for c in fixed if problem.start <= c.day <= problem.end]
        self.fixed_days = set(problem.fixed_days) | {(c.member_id, c.day) for c in self.fixed}
        self.by: dict[int, dict[date, list[Shift]]] = defaultdict(lambda: defaultdict(list))
        self.load: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for mid, row in (carry or {}).items():  # loads of the earlier weeks of a month
            self.load[mid].update(row)
        self.cells: list[Cell] = []
        self._day_cells: dict[date, list[Cell]] = defaultdict(list)
        self._patrols: dict[tuple[int, date], int] = defaultdict(int)  # (grid, first day of its week) -> patrols
        self._patrolled: set[tuple[int, date]] = set()  # (grid, day)
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
            self._day_cells[c.day].append(c)
            if c.grid_id is not None:
                self._patrols[(c.grid_id, max(c.day - timedelta(days=c.day.weekday()), self.p.start))] += 1
                self._patrolled.add((c.grid_id, c.day))
            if s.work:
                ld = self.load[c.member_id]
                ld["minutes"] += s.minutes
                ld["nights"] += s.night
                kind = self.p.kind(c.day)
                ld["weekends"] += kind == DayKind.weekend
                ld["holidays"] += kind == DayKind.holiday
                ld["week" + str(c.day - timedelta(days=c.day.weekday()))] += s.minutes

    def _unplace(self, c: Cell) -> None:
        """Undo :meth:`_place` of a counted cell."""
        s = self.shifts[c.shift_id]
        self.by[c.member_id][c.day].remove(s)
        self.cells.remove(c)
        self._day_cells[c.day].remove(c)
        if c.grid_id is not None:
            self._patrols[(c.grid_id, max(c.day - timedelta(days=c.day.weekday()), self.p.start))] -= 1
            self._patrolled.discard((c.grid_id, c.day))
        if s.work:
            ld = self.load[c.member_id]
            ld["minutes"] -= s.minutes
            ld["nights"] -= s.night
            kind = self.p.kind(c.day)
            ld["weekends"] -= kind == DayKind.weekend
            ld["holidays"] -= kind == DayKind.holiday
            ld["week" + str(c.day - timedelta(days=c.day.weekday()))] -= s.minutes

    def free(self, m: Member, d: date) -> bool:
        """Not away and not fixed by hand that day."""
        return (m.id, d) not in self.fixed_days and self.p.absence(m.id, d) is None

    def can(self, m: Member, d: date, s: Shift, rest: bool = True) -> bool:
        """Whether ``m`` may take ``s`` on ``d``; ``rest``: also keep the week's two days off (a soft rule)."""
        if m.role not in s.roles or (m.id, d) in self.fixed_days or self.p.absence(m.id, d) is not None:
            return False
        mine = self.by[m.id]
        for k in range(-2, 3):
            for t in mine.get(d + timedelta(days=k), ()):
                if (k <= 0 and self.conflicts(t, s, -k, self.p.rules)) or (k > 0 and self.conflicts(s, t, k, self.p.rules)):
                    return False
        rules = self.p.rules
        if not mine.get(d):  # a new day on duty or on call (备勤 is no day off either)
            if rules.max_consecutive_days:
                run = 1
                for step in (-1, 1):
                    x = d + timedelta(days=step)
                    while mine.get(x):
                        run += 1
                        x += timedelta(days=step)
                if run > rules.max_consecutive_days:
                    return False
            if rules.rest_days_in_7:
                for first in range(-6, 1):
                    window = [d + timedelta(days=first + k) for k in range(7)]
                    if sum(1 for x in window if x == d or mine.get(x)) > 7 - rules.rest_days_in_7:
                        return False
            if rest and rules.weekly_days_off and m.role in DAYS_OFF_ROLES:
                known, due = week_scope(self.p, d - timedelta(days=d.weekday()))
                if sum(1 for x in known if x == d or mine.get(x)) > len(known) - due:
                    return False
        if not s.work:
            return True
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
        # A patrol planned today or tomorrow counts as AVOID_WEIGHT nights more: a night would cost the grid its
        # patrol, but a person must not escape nights for good because of it.
        return (
            (ld["nights"] if s.night else 0) + (AVOID_WEIGHT if m.id in avoid else 0),
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
                and self.p.counts(need, self.p.member(c.member_id).role, self.shifts[c.shift_id])}
        # the week's days off first; only a requirement nobody else can meet costs someone one (补休 owed)
        tries = (True,) if self.p.station_covers(need) else (True, False)
        while len(have) < need.min_count:
            best = None
            for rest in tries:
                for sid in shift_ids:
                    s = self.shifts[sid]
                    for m in members:
                        if m.id in have or not self.p.counts(need, m.role, s) or not self.can(m, d, s, rest):
                            continue
                        key = self._key(m, d, s, avoid)
                        if best is None or key < best[0]:
                            best = (key, m, s)
                if best is not None:
                    break
            if best is None:
                return
            self._place(Cell(best[1].id, d, best[2].id))
            have.add(best[1].id)

    def _today(self, d: date) -> list[Cell]:
        return self._day_cells.get(d, [])

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
                if n.applies(p.kind(d)) and not p.station_covers(n):
                    ordered = tuple(sorted(n.shift_ids, key=lambda i: self.shifts[i].work))  # on-call first
                    self._fill(n, d, ordered, soon)
            self._patrol_day(d, plan)
        # The officer's on-call (所值班 stands in on the days off) comes last: the desk and the patrols
        # need the officer's working days more, and each day on call is one day off less.
        for d in p.days:
            for n in daily:
                if n.applies(p.kind(d)) and p.station_covers(n):
                    ordered = tuple(sorted(n.shift_ids, key=lambda i: self.shifts[i].work))  # on-call first
                    self._fill(n, d, ordered, set())
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
                grids = list(self.p.grids)
                owners = {g: next((m for m in self.p.members if g in m.grid_ids and m.role == "grid_worker"), None)
                          for g in grids}
                for g in grids:
                    self.patrol_shift[g] = sid
                    if k:
                        self.pending.append((g, sid, days, k))
                if not k:
                    continue
                # Patterns of k days spread over the week; those with more rest days (weekends, holidays) go
                # to the grid workers with the fewest rest-day shifts so far, each pattern to an equal share.
                size = len(days)
                patterns = [sorted({(o + round(i * size / k)) % size for i in range(k)}) for o in range(size)]
                rest = [sum(1 for i in pat if self.p.kind(days[i]) != DayKind.workday) for pat in patterns]
                by_rest = sorted(range(size), key=lambda o: (-rest[o], (o + wi) % size))

                def rested(gi: int, owners: dict = owners, grids: list = grids, wi: int = wi) -> tuple[int, int]:
                    m = owners[grids[gi]]
                    ld = self.load[m.id] if m is not None else {}
                    return (ld.get("weekends", 0) + ld.get("holidays", 0), (gi + 3 * wi) % len(grids))

                order = sorted(range(len(grids)), key=rested)
                for rank, gi in enumerate(order):
                    owner = owners[grids[gi]]
                    if owner is None:
                        continue
                    free = [i for i in range(size) if self.free(owner, days[i])]
                    if len(free) == size:
                        picks = patterns[by_rest[rank * size // len(grids)]]
                    else:  # away part of the week: spread the patrols over the days they are here
                        picks = sorted({free[round(j * len(free) / k)] for j in range(min(k, len(free)))})
                    for i in picks:
                        plan[(owner.id, days[i])] = grids[gi]
        return plan

    def _patrol_day(self, d: date, plan: dict[tuple[int, date], int]) -> None:
        if not hasattr(self, "_planned"):
            self._planned = {(g, day) for (_m, day), g in plan.items()}
            self._owners: dict[int, list[Member]] = defaultdict(list)
            for m in self.p.members:
                if m.role == "grid_worker":
                    for g in m.grid_ids:
                        self._owners[g].append(m)
            self._others = [m for m in self.p.members if m.role != "grid_worker"]
        for g, sid, days, k in self.pending:
            if not days[0] <= d <= days[-1]:
                continue
            done = self._patrols[(g, days[0])]
            if done >= k or (g, d) in self._patrolled:
                continue
            owners = self._owners.get(g, ())
            # the days left this week on which the grid's own worker is here
            left = sum(1 for x in days if x >= d and any(self.free(m, x) for m in owners))
            urgent = k - done >= left
            if (g, d) not in self._planned and not urgent:
                continue
            s = self.shifts[sid]
            own = [m for m in owners if self.can(m, d, s)]
            helpers = [] if own or not urgent else [m for m in self._others if self.can(m, d, s)]
            pool = own or helpers
            if pool:
                m = min(pool, key=lambda m: self._key(m, d, s, set()))
                self._place(Cell(m.id, d, sid, g))
            elif d < days[-1]:  # the planned day is lost (a night, a rest rule): try the next day
                self._planned.add((g, d + timedelta(days=1)))


# -- evening out -----------------------------------------------------------------------------------
FAIR_METRICS = ("nights", "weekends", "holidays")


class Rebalance:
    """Moves that even out nights, weekend and holiday shifts within a role after the greedy pass.

    Two moves, each kept only when the spreads get smaller and no rule breaks: a night or a desk shift
    handed to a colleague of the same role who is free that day (requirements stay met: same shift, same
    role), and a grid worker's weekend patrol moved to a free working day of the same week (same grid).
    """

    def __init__(self, g: Greedy, ft: dict[int, bool]) -> None:
        self.g = g
        self.groups: dict[str, list[Member]] = defaultdict(list)
        for m in g.p.members:
            if ft.get(m.id, True):
                self.groups[m.role].append(m)
        self.groups = {r: ms for r, ms in self.groups.items() if len(ms) > 1}
        self.fixed = {c.key for c in g.fixed}

    def score(self) -> tuple[int, int, int]:
        """Largest spread, sum of spreads, sum of squared loads (smaller when loads move from high to low)."""
        spreads, squares = [], 0
        for ms in self.groups.values():
            for k in FAIR_METRICS:
                vals = [self.g.load[m.id][k] for m in ms]
                spreads.append(max(vals) - min(vals))
                squares += sum(v * v for v in vals)
        return max(spreads, default=0), sum(spreads), squares

    def counts(self, c: Cell, k: str) -> bool:
        s = self.g.shifts[c.shift_id]
        if not s.work:
            return False
        if k == "nights":
            return s.night
        return self.g.p.kind(c.day) == (DayKind.weekend if k == "weekends" else DayKind.holiday)

    def run(self, rounds: int = 200) -> None:
        best = self.score()
        while best[0] > 1 and rounds > 0:
            rounds -= 1
            moved = False
            for ms in self.groups.values():
                for k in FAIR_METRICS:
                    if self._improve(ms, k, best):
                        best, moved = self.score(), True
            if not moved:
                return

    def _improve(self, ms: list[Member], k: str, best: tuple[int, int, int]) -> bool:
        g = self.g
        vals = {m.id: g.load[m.id][k] for m in ms}
        hi, lo = max(vals.values()), min(vals.values())
        if hi - lo <= 1:
            return False
        highs = [m for m in ms if vals[m.id] == hi]
        lows = [m for m in ms if vals[m.id] <= lo + 0]
        for h in highs:
            for c in [c for c in g.cells if c.member_id == h.id and c.key not in self.fixed and self.counts(c, k)]:
                s = g.shifts[c.shift_id]
                if c.grid_id is None:
                    targets = [(m, c.day, None) for m in lows if not g.by[m.id].get(c.day)]
                else:
                    days = [d for d in g.p.days if abs((d - c.day).days) < 7 and d.isocalendar()[:2] == c.day.isocalendar()[:2]
                            and not self.counts(Cell(h.id, d, c.shift_id), k) and (c.grid_id, d) not in g._patrolled]
                    targets = [(h, d, c.grid_id) for d in days]
                for m, d, gid in targets:
                    g._unplace(c)
                    new = Cell(m.id, d, c.shift_id, gid)
                    if g.can(m, d, s):
                        g._place(new)
                        if self.score() < best:
                            return True
                        g._unplace(new)
                    g._place(c)
        return False


def greedy(problem: Problem, fixed: list[Cell] | None = None,
           carry: dict[int, dict[str, int]] | None = None, ft: dict[int, bool] | None = None) -> list[Cell]:
    """A roster built day by day (fixed cells included), then evened out.

    ``carry``: loads of earlier weeks to even out; ``ft``: who counts for fairness (here the whole period).
    """
    g = Greedy(problem, list(fixed or []), carry)
    g.run()
    Rebalance(g, ft if ft is not None else {}).run()
    return g.cells


__all__ = ["greedy", "Post"]
