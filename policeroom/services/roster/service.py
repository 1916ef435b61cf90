"""值班排班 service: the roster of a period, one-click generation, manual edits, fixed cells, swaps (调班).

Configuration (shift types, requirements, rules, leave, holidays) is in :mod:`roster_config`; check-in
and the on-post board in :mod:`roster_duty`. Every view carries the rule checker's verdict, so the grid,
the generator and the printout always agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import and_, delete, select
from sqlalchemy.orm import Session

from policeroom.errors import DomainError, NotFound, PermissionDenied, ValidationError
from policeroom.models import Assignment, FixedDay, Grid, ShiftSwap, TeamMember
from policeroom.services.core import clock
from policeroom.services.core.context import Perm, ServiceContext
from policeroom.services.roster.calendar import DayInfo, day_kinds, roster_calendar_warning
from policeroom.services.roster.config import RosterConfig, load_problem
from policeroom.services.roster.rules import check
from policeroom.services.roster.types import Cell, Problem, Violation, md

SWAP_STATUS = {"pending": "待审批", "approved": "已批准", "rejected": "未批准", "cancelled": "已撤回"}
MAX_DAYS = 62


@dataclass
class RosterView:
    """A period of the roster with its problem, cells, verdict and calendar."""

    problem: Problem
    cells: list[Cell]
    violations: list[Violation]
    days: dict[date, DayInfo]
    warning: str | None

    def cells_of(self, member_id: int, day: date) -> list[Cell]:
        return [c for c in self.cells if c.member_id == member_id and c.day == day]


@dataclass(frozen=True)
class SwapRow:
    id: int
    member_a: str
    day_a: date
    member_b: str
    day_b: date
    reason: str
    status: str
    requested_by: str
    requested_at: datetime
    decided_by: str
    decision_note: str
    member_a_id: int = 0
    member_b_id: int = 0

    @property
    def status_label(self) -> str:
        return SWAP_STATUS.get(self.status, self.status)

    @property
    def submitter(self) -> str:
        """Who asked for the swap: the account's holder, or the person swapping when a program entered it."""
        return self.member_a if self.requested_by in ("", "演示", "系统") else self.requested_by


def week_of(text: str) -> tuple[date, date]:
    """``2026-W48`` -> (Monday, Sunday) of that ISO week; a clear Chinese error otherwise."""
    try:
        y, w = text.strip().upper().split("-W")
        monday = date.fromisocalendar(int(y), int(w), 1)
    except (ValueError, AttributeError):
        raise ValidationError("week", f"周次“{text}”无法识别，请写成 年-W周，例如 2026-W48。") from None
    return monday, monday + timedelta(days=6)


def week_containing(day: date) -> tuple[date, date]:
    """(Monday, Sunday) of the ISO week that ``day`` falls in (it may begin in the month or year before)."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def month_of(day: date) -> tuple[date, date]:
    first = day.replace(day=1)
    nxt = (first + timedelta(days=32)).replace(day=1)
    return first, nxt - timedelta(days=1)


class RosterService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.config = RosterConfig(ctx)
        from policeroom.services.roster.setup import RosterSetup

        self.setup = RosterSetup(ctx)

    # -- reading ----------------------------------------------------------------------------
    def view(self, start: date, end: date) -> RosterView:
        _check_period(start, end)
        with self.ctx.read() as s:
            problem = load_problem(s, start, end)
            cells = _cells(s, start, end)
            manual = self.config._manual(s)
        infos = day_kinds(problem.days, manual)
        return RosterView(problem, cells, check(problem, cells), infos, roster_calendar_warning(problem.days, manual))

    # -- generating -------------------------------------------------------------------------
    def plan(self, start: date, end: date) -> GeneratePlan:
        """Which dates 一键排班 fills, replaces or leaves alone (past days, days with a check-in)."""
        _check_period(start, end)
        with self.ctx.read() as s:
            return _plan(s, start, end)

    def generate(self, start: date, end: date, *, time_limit: float = 1.6):  # -> GenerateResult
        """Generate the period and save it in place of the unfixed cells.

        Fixed cells are kept, and so is every cell of a day before today or of a day with a check-in: the
        generator never rewrites days already worked (it only plans around them).
        """
        from policeroom.services.roster.solver import generate

        self.ctx.actor.require(Perm.edit_roster)
        _check_period(start, end)
        with self.ctx.read() as s:
            plan = _plan(s, start, end)
            if not plan.fill and not plan.replace:
                raise DomainError(f"{md(start)}至{md(end)}都已过去或已有签到，不能重新排班。")
            problem = load_problem(s, start, end)
            locked = set(plan.keep)
            fixed = [c for c in _cells(s, start, end)
                     if c.fixed or (c.member_id, c.day) in problem.fixed_days or c.day in locked]
            problem.fixed_days = frozenset(problem.fixed_days) | {(m.id, d) for m in problem.members for d in locked}
        result = generate(problem, fixed, time_limit=time_limit)
        open_days = sorted(set(problem.days) - locked)
        with self.ctx.write() as s:
            s.execute(delete(Assignment).where(Assignment.day.in_(open_days), Assignment.fixed.is_(False)))
            keep = {c.key for c in fixed}
            for c in result.cells:
                if c.key not in keep and c.day not in locked:
                    s.add(Assignment(member_id=c.member_id, day=c.day, shift_type_id=c.shift_id, grid_id=c.grid_id))
        return result

    def clear(self, start: date, end: date) -> int:
        """Remove the unfixed cells of a period; returns how many."""
        self.ctx.actor.require(Perm.edit_roster)
        with self.ctx.write() as s:
            return s.execute(
                delete(Assignment).where(Assignment.day.between(start, end), Assignment.fixed.is_(False))
            ).rowcount

    # -- editing ----------------------------------------------------------------------------
    def set_cell(self, member_id: int, day: date, shifts: list[tuple[int, int | None]], *,
                 fixed: bool | None = None) -> None:
        """Put a person on these (shift, grid) on a day, replacing what was there; ``fixed`` pins the day."""
        self.ctx.actor.require(Perm.edit_roster)
        if fixed is not None:
            self.ctx.actor.require(Perm.approve_roster)
        with self.ctx.write() as s:
            member = s.get(TeamMember, member_id)
            if member is None:
                raise NotFound("这名团队成员已不存在。")
            pinned = s.get(FixedDay, (member_id, day)) is not None
            if pinned and fixed is None and not self.ctx.actor.can(Perm.approve_roster):
                raise PermissionDenied(f"{member.name} {md(day)}的排班已由民警固定，只有民警可以修改。")
            _replace(s, member_id, day, shifts, fixed if fixed is not None else pinned)
            if fixed is True and not pinned:
                s.add(FixedDay(member_id=member_id, day=day))
            elif fixed is False and pinned:
                s.execute(delete(FixedDay).where(FixedDay.member_id == member_id, FixedDay.day == day))

    def set_fixed(self, member_id: int, day: date, fixed: bool) -> None:
        """Pin (or unpin) a person's day as it stands: generation keeps it."""
        self.ctx.actor.require(Perm.approve_roster)
        with self.ctx.write() as s:
            pinned = s.get(FixedDay, (member_id, day))
            if fixed and pinned is None:
                s.add(FixedDay(member_id=member_id, day=day))
            elif not fixed and pinned is not None:
                s.delete(pinned)
            for a in s.scalars(select(Assignment).where(Assignment.member_id == member_id, Assignment.day == day)):
                a.fixed = fixed

    def swap(self, member_a: int, day_a: date, member_b: int, day_b: date) -> None:
        """Exchange two cells at once (an editor's direct swap)."""
        self.ctx.actor.require(Perm.edit_roster)
        with self.ctx.write() as s:
            _swap(s, member_a, day_a, member_b, day_b, allow_fixed=self.ctx.actor.can(Perm.approve_roster))

    # -- swap requests (调班) -----------------------------------------------------------------
    def request_swap(self, member_a: int, day_a: date, member_b: int, day_b: date, reason: str) -> int:
        actor = self.ctx.actor
        if not actor.can(Perm.edit_roster) and actor.member_id != member_a:
            raise PermissionDenied("网格员只能为本人申请调班。")
        if (member_a, day_a) == (member_b, day_b):
            raise ValidationError("member_b", "请选择另一人或另一天对调")
        if not reason.strip():
            raise ValidationError("reason", "请填写调班事由")
        with self.ctx.write() as s:
            for mid in (member_a, member_b):
                if s.get(TeamMember, mid) is None:
                    raise NotFound("团队成员已不存在。")
            row = ShiftSwap(member_a_id=member_a, day_a=day_a, member_b_id=member_b, day_b=day_b,
                            reason=reason.strip(), status="pending", requested_by=actor.name)
            s.add(row)
            s.flush()
            return row.id

    def decide_swap(self, swap_id: int, approve: bool, note: str = "") -> None:
        """The officer approves (the cells are exchanged, fixed cells included) or refuses a swap."""
        self.ctx.actor.require(Perm.approve_roster)
        with self.ctx.write() as s:
            row = s.get(ShiftSwap, swap_id)
            if row is None:
                raise NotFound("调班申请已不存在。")
            if row.status != "pending":
                raise DomainError(f"这份调班申请已{SWAP_STATUS[row.status]}，不能再审批。")
            if approve:
                _swap(s, row.member_a_id, row.day_a, row.member_b_id, row.day_b, allow_fixed=True)
            row.status = "approved" if approve else "rejected"
            row.decided_by = self.ctx.actor.name
            row.decided_at = clock.now().replace(microsecond=0)
            row.decision_note = note.strip()

    def cancel_swap(self, swap_id: int) -> None:
        """The requester (or an editor) withdraws a pending swap (撤回)."""
        with self.ctx.write() as s:
            row = s.get(ShiftSwap, swap_id)
            if row is None:
                raise NotFound("调班申请已不存在。")
            actor = self.ctx.actor
            if not actor.can(Perm.edit_roster) and actor.member_id != row.member_a_id:
                raise PermissionDenied("只能撤回本人的调班申请。")
            if row.status != "pending":
                raise DomainError(f"这份调班申请已{SWAP_STATUS[row.status]}，不能撤回。")
            row.status = "cancelled"

    def swaps(self, status: str | None = None) -> list[SwapRow]:
        with self.ctx.read() as s:
            stmt = select(ShiftSwap).order_by(ShiftSwap.id.desc())
            if status:
                stmt = stmt.where(ShiftSwap.status == status)
            return [SwapRow(r.id, r.member_a.name, r.day_a, r.member_b.name, r.day_b, r.reason, r.status,
                            r.requested_by, r.created_at, r.decided_by, r.decision_note, r.member_a_id, r.member_b_id)
                    for r in s.scalars(stmt)]


@dataclass(frozen=True)
class GeneratePlan:
    """What 一键排班 will do to each date of a period."""

    fill: tuple[date, ...]  # no cells yet
    replace: tuple[date, ...]  # unfixed cells replaced
    keep: tuple[date, ...]  # before today or with a check-in: never changed
    checked_in: tuple[date, ...]

    @property
    def text(self) -> str:
        """The confirmation, in plain Chinese: which dates are filled, replaced, kept."""
        parts = []
        if self.replace:
            parts.append(f"将重新排：{_dates(self.replace)}（未固定的格子会被替换）")
        if self.fill:
            parts.append(f"将新排：{_dates(self.fill)}")
        if self.keep:
            why = "已过去或已有签到" if self.checked_in else "已过去"
            parts.append(f"不改动：{_dates(self.keep)}（{why}）")
        return "\n".join(parts)


def _dates(days: tuple[date, ...]) -> str:
    """Runs of dates: 12月5日至12月11日、12月13日."""
    runs: list[list[date]] = []
    for d in days:
        if runs and d == runs[-1][-1] + timedelta(days=1):
            runs[-1].append(d)
        else:
            runs.append([d])
    return "、".join(md(r[0]) if len(r) == 1 else f"{md(r[0])}至{md(r[-1])}" for r in runs)


def _plan(s: Session, start: date, end: date) -> GeneratePlan:
    from policeroom.models import Attendance

    today = clock.today()
    checked = set(s.scalars(select(Attendance.day).where(Attendance.day.between(start, end)).distinct()))
    have = {c.day for c in _cells(s, start, end) if not c.fixed}
    days = [start + timedelta(days=i) for i in range((end - start).days + 1)]
    keep = tuple(d for d in days if d < today or d in checked)
    open_days = [d for d in days if d not in keep]
    return GeneratePlan(tuple(d for d in open_days if d not in have), tuple(d for d in open_days if d in have),
                        keep, tuple(sorted(checked)))


def _check_period(start: date, end: date) -> None:
    if end < start:
        raise ValidationError("end", "结束日期早于开始日期")
    if (end - start).days >= MAX_DAYS:
        raise ValidationError("end", f"一次最多排{MAX_DAYS}天")


def _cells(s: Session, start: date, end: date) -> list[Cell]:
    rows = s.execute(
        select(Assignment.member_id, Assignment.day, Assignment.shift_type_id, Assignment.grid_id, Assignment.fixed)
        .where(Assignment.day.between(start, end)).order_by(Assignment.day, Assignment.shift_type_id, Assignment.member_id)
    ).all()
    return [Cell(m, d, sid, g, bool(f)) for m, d, sid, g, f in rows]


def _replace(s: Session, member_id: int, day: date, shifts: list[tuple[int, int | None]], fixed: bool) -> None:
    s.execute(delete(Assignment).where(Assignment.member_id == member_id, Assignment.day == day))
    seen = set()
    for sid, gid in shifts:
        if (sid, gid) in seen:
            continue
        seen.add((sid, gid))
        if gid is not None and s.get(Grid, gid) is None:
            raise ValidationError("grid", "巡防网格已不存在")
        s.add(Assignment(member_id=member_id, day=day, shift_type_id=sid, grid_id=gid, fixed=fixed))


def _swap(s: Session, member_a: int, day_a: date, member_b: int, day_b: date, *, allow_fixed: bool) -> None:
    def take(mid: int, day: date) -> list[tuple[int, int | None]]:
        rows = list(s.scalars(select(Assignment).where(Assignment.member_id == mid, Assignment.day == day)))
        if not allow_fixed and (any(r.fixed for r in rows) or s.get(FixedDay, (mid, day)) is not None):
            raise PermissionDenied(f"{md(day)}的这一格已由民警固定，调换需民警批准。")
        return [(r.shift_type_id, r.grid_id) for r in rows]

    a, b = take(member_a, day_a), take(member_b, day_b)
    fixed_a = s.get(FixedDay, (member_a, day_a)) is not None
    fixed_b = s.get(FixedDay, (member_b, day_b)) is not None
    _replace(s, member_a, day_a, b, fixed_a)
    _replace(s, member_b, day_b, a, fixed_b)


__all__ = ["RosterService", "RosterView", "SwapRow", "week_of", "week_containing", "month_of", "and_"]
