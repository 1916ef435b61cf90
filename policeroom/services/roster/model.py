"""The CP-SAT model of a roster period (排班模型): variables only for feasible person × day × shift, the rules as
hard constraints, requirements as penalised slack, fairness as per-role spreads of (carried) loads.

Used by :func:`roster_solver.generate`; OR-Tools is imported only when a model is built.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from policeroom.services.roster.fairness import METRICS, Carry, full_time
from policeroom.services.roster.rules import patrol_target, patrol_weeks, rest7_redundant, week_scope
from policeroom.services.roster.types import (
    DAYS_OFF_ROLES,
    Cell,
    DayKind,
    Member,
    NeedKind,
    Post,
    Problem,
    Rules,
    Shift,
)

W_SLACK = 10_000_000  # one missing person on a shift
W_FAIR = 100_000  # one unit of spread of nights / weekend / holiday shifts within a role
W_OWN_GRID = 600  # a patrol by someone else than the grid's own worker
W_PREF = 300  # one preference not honoured
W_HOURS = 100  # one hour of spread of working hours within a role
W_REST = 2_000_000  # one day off short of the week's two (民警、工作人员): 补休 owed
W_COVER = 500_000  # one day the station's duty officer (所值班) is on call for the room's officer

#: CP-SAT parameters. The greedy roster is a complete, feasible hint, so the search is large-neighbourhood
#: improvement of it (``use_lns_only``); a full presolve with probing (about 2 s for a month on the room's
#: 2-core PC) would use the whole time budget before the search starts. Measured with benchmarks/roster_solver.py.
#: The seed is fixed, but two workers sharing solutions under a wall-clock limit are not reproducible run to
#: run; CP-SAT's deterministic modes (``interleave_search``, one worker with a deterministic-time limit) were
#: measured 2-3 times slower for the same quality, too slow for a month in 2 s.
SOLVER_PARAMS: dict[str, object] = {"max_presolve_iterations": 1, "cp_model_probing_level": 0, "symmetry_level": 0,
                                    "use_lns_only": True}


def conflicts(a: Shift, b: Shift, days_apart: int, rules: Rules) -> bool:
    """Whether one person may not work ``a`` on some day and ``b`` ``days_apart`` days later."""
    if days_apart == 0 and (b.start_min, b.end_min) < (a.start_min, a.end_min):
        a, b = b, a  # same day: the earlier shift first
    a0, a1 = a.start_min, a.end_min
    b0, b1 = b.start_min + 1440 * days_apart, b.end_min + 1440 * days_apart
    if days_apart == 0 and a.id == b.id:
        return True
    if b0 < a1 and a0 < b1:
        return True
    if not (a.work and b.work):
        return False
    if b0 >= a1 and rules.min_rest_hours and b0 - a1 < rules.min_rest_hours * 60:
        return True
    return bool(rules.no_day_after_night and a.night and not b.night and b0 >= a1 and (a1 - 1) // 1440 == days_apart)


def conflict_groups(shifts: list[Shift], rules: Rules) -> list[list[tuple[int, int]]]:
    """The no-overlap / rest / night rules as groups of (day offset, shift) of which one person works at most one.

    Shifts that exclude each other on the same day form cliques (白、夜、巡、备 all do); a shift's conflicts on
    a later day are grouped by those cliques, so one at-most-one stands for many pairwise exclusions.
    """
    cliques: list[list[Shift]] = []
    for s in shifts:
        for c in cliques:
            if all(conflicts(s, x, 0, rules) for x in c):
                c.append(s)
                break
        else:
            cliques.append([s])
    groups = [[(0, s.id) for s in c] for c in cliques if len(c) > 1]
    in_clique = {s.id: i for i, c in enumerate(cliques) for s in c}
    for a in shifts:
        for b in shifts:
            if a.id < b.id and in_clique[a.id] != in_clique[b.id] and conflicts(a, b, 0, rules):
                groups.append([(0, a.id), (0, b.id)])
        for k in (1, 2):
            for c in cliques:
                part = [b for b in c if conflicts(a, b, k, rules)]
                if part:
                    groups.append([(0, a.id)] + [(k, b.id) for b in part])
    return groups


class Builder:
    """Builds the CP-SAT model: lits[(member, day index, shift)] -> [(var, grid)], constants for fixed cells."""

    def __init__(self, problem: Problem, fixed: list[Cell], carry: Carry | None = None,
                 ft: dict[int, bool] | None = None) -> None:
        from ortools.sat.python import cp_model

        self.cp = cp_model
        self.p = problem
        self.carry = carry or {}
        self.ft = ft if ft is not None else full_time(problem)
        self.m = cp_model.CpModel()
        self.days = problem.days
        self.index = {d: i for i, d in enumerate(self.days)}
        self.shifts = problem.shifts
        self.fixed = [c for c in fixed if problem.start <= c.day <= problem.end]
        self.fixed_days = set(problem.fixed_days) | {(c.member_id, c.day) for c in self.fixed}
        self.lits: dict[tuple[int, int, int], list[tuple[object, int | None]]] = defaultdict(list)
        self.const: dict[tuple[int, int, int], int] = defaultdict(int)  # fixed / history cells, day index may be < 0
        self.const_grid: dict[tuple[int, int, int], int] = defaultdict(int)  # (day index, shift, grid)
        self.grid_lits: dict[tuple[int, int, int], list[object]] = defaultdict(list)  # (day index, shift, grid)
        self.agg: dict[tuple[int, int, int], object] = {}
        #: auxiliary variables with how to compute their value from the decision variables (for hints)
        self.aux: list[tuple[object, object]] = []
        self.objective: list[tuple[int, object]] = []
        self.slacks: list[object] = []
        self._busy: dict[tuple[int, int], tuple[object | None, int]] = {}

    # -- variables --------------------------------------------------------------------------
    def variables(self, start: list[Cell] = ()) -> None:
        """Decision variables; ``start`` (the hint) may use helper patrols the model must then offer too."""
        p = self.p
        used: set[int] = set()
        patrol_needs = [n for n in p.needs if n.kind == NeedKind.grid_patrol]
        for n in p.needs:
            used.update(n.shift_ids)
        patrol_needed = {sid for n in patrol_needs for sid in n.shift_ids}
        for c in [*p.history, *self.fixed]:
            di = (c.day - p.start).days
            self.const[(c.member_id, di, c.shift_id)] += 1
            if c.grid_id is not None:
                self.const_grid[(di, c.shift_id, c.grid_id)] += 1
        free = {(mem.id, d): (mem.id, d) not in self.fixed_days and p.absence(mem.id, d) is None
                for mem in p.members for d in self.days}
        helpers = self._patrol_helpers(patrol_needs, free)
        for c in start:
            if c.grid_id is not None and c.grid_id not in helpers.get(c.day, ()):
                helpers[c.day].append(c.grid_id)
        for mem in p.members:
            own = [g for g in mem.grid_ids if g in p.grids] if mem.role == "grid_worker" else []
            for di, d in enumerate(self.days):
                if not free[(mem.id, d)]:
                    continue
                for s in self.shifts:
                    if s.id not in used or mem.role not in s.roles:
                        continue
                    if s.post == Post.patrol:
                        if s.id not in patrol_needed:
                            continue
                        grids = own + ([g for g in helpers.get(d, ()) if g not in own] if mem.role != "grid_worker"
                                       else [])
                        gvars = []
                        for g in grids:
                            v = self.m.NewBoolVar(f"x{mem.id}_{di}_{s.id}_{g}")
                            gvars.append((v, g))
                            self.grid_lits[(di, s.id, g)].append(v)
                            if g not in own:
                                self.objective.append((W_OWN_GRID, v))
                        if not gvars:
                            continue
                        if len(gvars) == 1:  # a grid worker's own grid: the patrol variable itself
                            self.agg[(mem.id, di, s.id)] = gvars[0][0]
                            self.lits[(mem.id, di, s.id)] = gvars
                            continue
                        y = self.m.NewBoolVar(f"y{mem.id}_{di}_{s.id}")
                        self.m.Add(sum(v for v, _g in gvars) == y)
                        self.agg[(mem.id, di, s.id)] = y
                        self.lits[(mem.id, di, s.id)] = gvars
                    else:
                        v = self.m.NewBoolVar(f"x{mem.id}_{di}_{s.id}")
                        self.lits[(mem.id, di, s.id)].append((v, None))
                        self.agg[(mem.id, di, s.id)] = v

    def _patrol_helpers(self, needs: list, free: dict[tuple[int, date], bool]) -> dict[date, list[int]]:
        """Grids whose own workers cannot cover a week's patrols: others (民警、工作人员) may help there."""
        p = self.p
        out: dict[date, list[int]] = defaultdict(list)
        for n in needs:
            for _monday, days in patrol_weeks(p):
                target = patrol_target(n, len(days))
                for g in p.grids:
                    workers = [m for m in p.members if g in m.grid_ids and m.role == "grid_worker"]
                    available = sum(1 for m in workers for d in days if free[(m.id, d)])
                    if available < target + 1:
                        for d in days:
                            out[d].append(g)
        return out

    def _vars(self, key: tuple[int, int, int]) -> list[object]:
        """The one literal "this person works this shift this day" (a patrol's grids summed), or none."""
        v = self.agg.get(key)
        return [] if v is None else [v]

    def at_most(self, terms: list[tuple[int, object]], const: int, bound: int) -> None:
        """sum(coef * var) + const <= bound; when fixed cells already exceed it, the free part is 0."""
        if terms:
            self.m.Add(sum(c * v for c, v in terms) <= max(0, bound - const))

    # -- rules ------------------------------------------------------------------------------
    def rules(self) -> None:
        p = self.p
        hist_days = sorted({(c.day - p.start).days for c in p.history})
        lo = min([0, *hist_days])
        groups = conflict_groups(self.shifts, p.rules)
        n = len(self.days)
        for mem in self.p.members:
            for di in range(lo, n):
                for group in groups:
                    if di + group[-1][0] < 0 or di >= n:
                        continue
                    lits, const = [], 0
                    for k, sid in group:
                        dj = di + k
                        if dj < n:
                            lits += self._vars((mem.id, dj, sid))
                            const += self.const.get((mem.id, dj, sid), 0)
                    if const:
                        self.at_most([(1, v) for v in lits], const, 1)
                    elif len(lits) > 1:
                        self.m.AddAtMostOne(lits)
            self._streaks(mem, lo)
            self._hours(mem, lo)

    def _work_day(self, mem: Member, di: int) -> tuple[object | None, int]:
        """Whether the person is on duty or on call (备勤 is no day off) that day: (variable, 0) or (None, 0/1)."""
        key = (mem.id, di)
        if key in self._busy:
            return self._busy[key]
        lits = [v for s in self.shifts for v in self._vars((mem.id, di, s.id))]
        const = int(any(self.const[(mem.id, di, s.id)] for s in self.shifts))
        if const or not lits:
            self._busy[key] = (None, const)
            return self._busy[key]
        w = self.m.NewBoolVar(f"w{mem.id}_{di}")
        for v in lits:  # w only ever bounds from above (streaks, days off), so the implications suffice
            self.m.AddImplication(v, w)
        self.aux.append((w, lambda val, lits=lits: int(any(val(v) for v in lits))))
        self._busy[key] = (w, 0)
        return w, 0

    def _streaks(self, mem: Member, lo: int) -> None:
        limit = self.p.rules.max_consecutive_days
        work = [self._work_day(mem, di) for di in range(lo, len(self.days))]
        if limit:
            for start in range(len(work) - limit):
                window = work[start:start + limit + 1]
                if start + limit + lo < 0:
                    continue
                self.at_most([(1, v) for v, _c in window if v is not None], sum(c for _v, c in window), limit)
        rest = self.p.rules.rest_days_in_7
        if rest and not rest7_redundant(self.p.rules):
            for start in range(len(work) - 6):
                window = work[start:start + 7]
                if start + 6 + lo < 0:
                    continue
                self.at_most([(1, v) for v, _c in window if v is not None], sum(c for _v, c in window), 7 - rest)
        self._days_off(mem)

    def _days_off(self, mem: Member) -> None:
        """Two days off per calendar week for 民警 and 工作人员: soft, each day short costs :data:`W_REST`."""
        p = self.p
        if not p.rules.weekly_days_off or mem.role not in DAYS_OFF_ROLES:
            return
        for monday, _days in patrol_weeks(p):
            known, due = week_scope(p, monday)
            if not due:
                continue
            busy = [self._work_day(mem, (d - p.start).days) for d in known]
            terms = [v for v, _c in busy if v is not None]
            const = sum(c for _v, c in busy)
            if not terms:
                continue
            allowed = len(known) - due
            short = self.m.NewIntVar(0, due, f"off{mem.id}_{monday}")
            self.m.Add(sum(terms) + const - short <= allowed)
            self.aux.append((short, lambda val, t=terms, k=const, a=allowed, n=due: min(n, max(0, k + sum(map(val, t)) - a))))
            self.objective.append((W_REST, short))

    def _hours(self, mem: Member, lo: int) -> None:
        cap = self.p.rules.weekly_hours_cap
        if not cap:
            return
        weeks: dict[date, list[int]] = defaultdict(list)
        for di in range(lo, len(self.days)):
            d = self.p.start + timedelta(days=di)
            weeks[d - timedelta(days=d.weekday())].append(di)
        for dis in weeks.values():
            terms, const = [], 0
            for di in dis:
                for s in self.shifts:
                    if s.work:
                        terms += [(s.minutes, v) for v in self._vars((mem.id, di, s.id))]
                        const += s.minutes * self.const[(mem.id, di, s.id)]
            self.at_most(terms, const, cap * 60)

    # -- requirements -----------------------------------------------------------------------
    def needs(self) -> None:
        p = self.p
        roles = {m.id: m.role for m in p.members}
        by_id = {s.id: s for s in self.shifts}
        bounds: dict[tuple[int, int], int] = {}
        for n in p.needs:
            if n.kind == NeedKind.grid_patrol:
                self._patrol(n)
                continue
            for di, d in enumerate(self.days):
                if not n.applies(p.kind(d)):
                    continue
                terms, const = [], 0
                for mem in p.members:
                    for sid in n.shift_ids:
                        if sid not in by_id or not p.counts(n, roles[mem.id], by_id[sid]):
                            continue
                        terms += self._vars((mem.id, di, sid))
                        const += self.const[(mem.id, di, sid)]
                slack = self.m.NewIntVar(0, n.min_count, f"slack{n.id}_{di}")
                self.slacks.append(slack)
                self.aux.append((slack, lambda val, t=terms, k=const, n=n.min_count: max(0, n - k - sum(map(val, t)))))
                self.m.Add(sum(terms) + const + slack >= n.min_count)
                self.objective.append((W_COVER if p.station_covers(n) else W_SLACK, slack))
                for sid in n.shift_ids:
                    if n.kind == NeedKind.shift:
                        bounds[(sid, di)] = max(bounds.get((sid, di), 0), n.min_count)
                    else:
                        bounds.setdefault((sid, -1 - di), 0)
                        bounds[(sid, -1 - di)] += n.min_count
        # Nobody is put on a shift beyond what the requirements ask (no idle extra people).
        for s in self.shifts:
            if s.post == Post.patrol:
                continue
            for di in range(len(self.days)):
                bound = bounds.get((s.id, di), bounds.get((s.id, -1 - di), 0))
                terms = [v for mem in p.members for v in self._vars((mem.id, di, s.id))]
                const = sum(self.const[(mem.id, di, s.id)] for mem in p.members)
                self.at_most([(1, v) for v in terms], const, bound)

    def _patrol(self, n) -> None:  # noqa: ANN001 - Need
        p = self.p
        for _monday, days in patrol_weeks(p):
            target = patrol_target(n, len(days))
            for g in p.grids:
                terms, const = [], 0
                for d in days:
                    di = self.index[d]
                    day_terms = [v for sid in n.shift_ids for v in self.grid_lits.get((di, sid, g), ())]
                    day_const = sum(self.const_grid.get((di, sid, g), 0) for sid in n.shift_ids)
                    self.at_most([(1, v) for v in day_terms], day_const, 1)  # one patrol of a grid a day
                    terms += day_terms
                    const += day_const
                slack = self.m.NewIntVar(0, target, f"pslack{n.id}_{g}_{days[0]}")
                self.aux.append((slack, lambda val, t=terms, k=const, n=target: max(0, n - k - sum(map(val, t)))))
                self.m.Add(sum(terms) + const + slack >= target)
                self.at_most([(1, v) for v in terms], const, target)
                self.objective.append((W_SLACK, slack))

    # -- fairness and preferences -----------------------------------------------------------
    def fairness(self) -> None:
        p = self.p
        ft = self.ft
        by_role: dict[str, list[Member]] = defaultdict(list)
        for mem in p.members:
            by_role[mem.role].append(mem)
        kinds = {di: p.kind(d) for di, d in enumerate(self.days)}
        for role, group in by_role.items():
            core = [mem for mem in group if ft[mem.id]]
            if len(core) < 2:
                continue
            for metric in (*METRICS, "minutes"):
                loads = {mem.id: self._load(mem, metric, kinds) for mem in group}
                if all(not t and not c for t, c in loads.values()):
                    continue
                ub = max(sum(c for c, _v in t) + k for t, k in loads.values())
                hi = self.m.NewIntVar(0, ub, f"hi{role}{metric}")
                lo = self.m.NewIntVar(0, ub, f"lo{role}{metric}")
                for mem in group:
                    terms, const = loads[mem.id]
                    expr = sum(c * v for c, v in terms) + const
                    self.m.Add(expr <= hi)
                    if ft[mem.id]:
                        self.m.Add(expr >= lo)

                def value(val, terms_const, pick, group=group, loads=loads, ft=ft):  # noqa: ANN001, ANN202
                    vals = [sum(c * val(v) for c, v in loads[m.id][0]) + loads[m.id][1] for m in group
                            if pick is max or ft[m.id]]
                    return pick(vals)

                self.aux.append((hi, lambda val, f=value: f(val, None, max)))
                self.aux.append((lo, lambda val, f=value: f(val, None, min)))
                weight = W_HOURS if metric == "minutes" else W_FAIR
                self.objective.append((weight, hi))
                self.objective.append((-weight, lo))

    def _load(self, mem: Member, metric: str, kinds: dict[int, DayKind]) -> tuple[list[tuple[int, object]], int]:
        terms, const = [], 0
        for di, kind in kinds.items():
            for s in self.shifts:
                if not s.work:
                    continue
                if metric == "minutes":
                    coef = round(s.minutes / 60)
                elif metric == "nights":
                    coef = int(s.night)
                elif metric == "weekends":
                    coef = int(kind == DayKind.weekend)
                else:
                    coef = int(kind == DayKind.holiday)
                if coef:
                    terms += [(coef, v) for v in self._vars((mem.id, di, s.id))]
                    const += coef * self.const[(mem.id, di, s.id)]
        before = self.carry.get(mem.id, {})
        const += round(before.get("minutes", 0) / 60) if metric == "minutes" else before.get(metric, 0)
        return terms, const

    def preferences(self) -> None:
        for pref in self.p.preferences:
            for di, d in enumerate(self.days):
                for s in self.shifts:
                    if not pref.matches(d, s.id):
                        continue
                    for v in self._vars((pref.member_id, di, s.id)):
                        self.objective.append((-W_PREF if pref.wants else W_PREF, v))

    def hint(self, cells: list[Cell]) -> None:
        """Start the search from a ready roster (the greedy one): CP-SAT then only improves on it."""
        chosen = {(c.member_id, (c.day - self.p.start).days, c.shift_id, c.grid_id) for c in cells}
        for (mid, di, sid), lits in self.lits.items():
            for v, g in lits:
                self.m.AddHint(v, (mid, di, sid, g) in chosen)
            y = self.agg.get((mid, di, sid))
            if y is not None and lits and y is not lits[0][0]:
                self.m.AddHint(y, any((mid, di, sid, g) in chosen for _v, g in lits))
        decided: dict[int, int] = {}
        for (mid, di, sid), lits in self.lits.items():
            for v, g in lits:
                decided[v.Index()] = int((mid, di, sid, g) in chosen)
            y = self.agg.get((mid, di, sid))
            if y is not None:
                decided[y.Index()] = int(any((mid, di, sid, g) in chosen for _v, g in lits))

        def val(v) -> int:  # noqa: ANN001
            return decided.get(v.Index(), 0)

        for var, how in self.aux:
            self.m.AddHint(var, how(val))

    def solve(self, time_limit: float, workers: int, seed: int) -> tuple[list[Cell], str]:
        self.m.Minimize(sum(c * v for c, v in self.objective))
        solver = self.cp.CpSolver()
        solver.parameters.max_time_in_seconds = time_limit
        solver.parameters.num_workers = workers
        solver.parameters.random_seed = seed
        for key, value in SOLVER_PARAMS.items():
            setattr(solver.parameters, key, value)
        status = solver.Solve(self.m)
        if status not in (self.cp.OPTIMAL, self.cp.FEASIBLE):
            return list(self.fixed), "未找到"
        out = list(self.fixed)
        for (mid, di, sid), lits in self.lits.items():
            for v, g in lits:
                if solver.Value(v):
                    out.append(Cell(mid, self.days[di], sid, g))
        return out, "最优" if status == self.cp.OPTIMAL else "可行（已到时间上限）"
