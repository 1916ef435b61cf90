"""Households (住户) and household visits (入户走访): the visit rhythm per kind and the due lists.

A household's next visit is due ``months`` months (its kind's rhythm, a setting) after the last visit,
or on the date the visit record names (下次走访日期); a household never visited is due from the day it
was registered. Grid workers keep the households of their grids and visit them.
"""

from __future__ import annotations

from calendar import monthrange
from datetime import date, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from policeroom.errors import NotFound
from policeroom.models import Grid, Household, HouseholdVisit, Resident, TeamMember, household_resident
from policeroom.services.core import clock
from policeroom.services.core.context import Perm, ServiceContext
from policeroom.services.core.forms import FormErrors
from policeroom.services.core.records import all_terms, contains
from policeroom.services.fieldwork import checks
from policeroom.services.fieldwork.config import load_kinds, months_for
from policeroom.services.fieldwork.types import (
    DueCounts,
    HouseholdInput,
    HouseholdRow,
    VisitInput,
    VisitRow,
)

DUE_FILTERS = {"overdue": "已超期", "today": "今日到期", "week": "本周到期"}


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (31 January + 1 → 28/29 February)."""
    y, m = divmod(day.year * 12 + day.month - 1 + months, 12)
    return date(y, m + 1, min(day.day, monthrange(y, m + 1)[1]))


def due_bucket(due: date, today: date) -> str | None:
    """``overdue`` / ``today`` / ``week`` (later this ISO week) / None."""
    if due < today:
        return "overdue"
    if due == today:
        return "today"
    if due <= today + timedelta(days=6 - today.weekday()):
        return "week"
    return None


def _last_visits(s: Session, ids: list[int] | None = None) -> dict[int, tuple[date, date | None]]:
    """household id → (last visit day, its 下次走访日期)."""
    latest = select(HouseholdVisit.household_id, func.max(HouseholdVisit.visited_on).label("d")).group_by(
        HouseholdVisit.household_id
    )
    if ids is not None:
        latest = latest.where(HouseholdVisit.household_id.in_(ids))
    sub = latest.subquery()
    rows = s.execute(
        select(HouseholdVisit.household_id, HouseholdVisit.visited_on, HouseholdVisit.next_due)
        .join(sub, (sub.c.household_id == HouseholdVisit.household_id) & (sub.c.d == HouseholdVisit.visited_on))
        .order_by(HouseholdVisit.id)
    ).all()
    return {hid: (d, nd) for hid, d, nd in rows}


def next_due_of(kind_months: int, registered: date, last: tuple[date, date | None] | None) -> date:
    if last is None:
        return registered
    visited, named = last
    return named or add_months(visited, kind_months)


class HouseholdService:
    """Households, their visits and who has which visit due."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # -- households -----------------------------------------------------------------------
    def list(
        self, query: str = "", *, grid_id: int | None = None, kind: str | None = None, due: str | None = None,
        include_archived: bool = False, worker_id: int | None = None, today: date | None = None,
    ) -> list[HouseholdRow]:  # fmt: skip
        """Households in the actor's grids; ``due`` one of :data:`DUE_FILTERS` (or ``due_any``: any of them)."""
        today = today or clock.today()
        H = Household  # noqa: N806
        stmt = select(H).options(selectinload(H.residents), selectinload(H.grid).selectinload(Grid.workers))
        stmt = stmt.where(all_terms(query, lambda t: or_(contains(H.building + "-" + H.unit + "-" + H.room, t),
                                                         contains(H.head_name, t), contains(H.kind, t))))  # fmt: skip
        if not include_archived:
            stmt = stmt.where(H.archived.is_(False))
        if grid_id is not None:
            stmt = stmt.where(H.grid_id == grid_id)
        if kind:
            stmt = stmt.where(H.kind == kind)
        if (scope := checks.grid_scope(self.ctx.actor, H.grid_id)) is not None:
            stmt = stmt.where(scope)
        with self.ctx.read() as s:
            kinds = load_kinds(s)
            households = list(s.scalars(stmt.order_by(H.grid_id, H.building, H.unit, H.room)))
            last = _last_visits(s)
            rows = []
            for h in households:
                workers = tuple(w for w in h.grid.workers if w.active)
                if worker_id is not None and worker_id not in {w.id for w in workers}:
                    continue
                lv = last.get(h.id)
                nd = next_due_of(months_for(kinds, h.kind), h.created_at.date(), lv)
                if due is not None and h.archived:
                    continue
                bucket = due_bucket(nd, today)
                if due == "due_any" and bucket is None or due not in (None, "due_any") and bucket != due:
                    continue
                rows.append(HouseholdRow(
                    h.id, h.grid_id, f"{h.grid.code} {h.grid.name}", h.address, h.building, h.unit, h.room, h.kind,
                    h.head_name, tuple(r.name for r in h.residents), tuple(r.id for r in h.residents), h.notes,
                    h.archived, lv[0] if lv else None, nd, tuple(w.name for w in workers),
                ))  # fmt: skip
        return rows

    def get(self, household_id: int) -> HouseholdRow:
        for r in self.list(include_archived=True):
            if r.id == household_id:
                return r
        with self.ctx.read() as s:
            h = s.get(Household, household_id)
        if h is not None:  # another grid's household: refused, not "missing"
            checks.require_grid(self.ctx.actor, h.grid_id)
        raise NotFound("该住户不存在或您无权查看")

    def _check(self, s: Session, data: HouseholdInput, household_id: int | None) -> dict:
        errors = FormErrors()
        if data.grid_id is None or s.get(Grid, data.grid_id) is None:
            errors.add("grid_id", "请选择网格")
        building = checks.text(errors, "building", data.building, Household.building, "楼栋", required=True)
        unit = checks.text(errors, "unit", data.unit, Household.unit, "单元")
        room = checks.text(errors, "room", data.room, Household.room, "室", required=True)
        head = checks.text(errors, "head_name", data.head_name, Household.head_name, "户主或联系人")
        notes = checks.text(errors, "notes", data.notes, Household.notes, "备注")
        if data.kind not in [k.name for k in load_kinds(s)]:
            errors.add("kind", "请选择户类")
        if building and room:
            dup = s.scalar(select(Household.id).where(Household.building == building, Household.unit == unit,
                                                      Household.room == room, Household.id != (household_id or 0)))  # fmt: skip
            if dup:
                errors.add("room", f"住户 {'-'.join(p for p in (building, unit, room) if p)} 已登记")
        residents = list(s.scalars(select(Resident).where(Resident.id.in_(data.resident_ids))))
        if len(residents) != len(set(data.resident_ids)):
            errors.add("resident_ids", "所选居民不存在")
        actor = self.ctx.actor
        if actor.limited_to_grids:  # people the officer linked across grids stay; a grid worker adds his own
            kept = set(s.scalars(select(household_resident.c.resident_id).where(
                household_resident.c.household_id == (household_id or 0))))  # fmt: skip
            if any(r.grid_id not in actor.grid_ids and r.id not in kept for r in residents):
                errors.add("resident_ids", "只能从本人负责网格的居民中选择住户成员")
        errors.raise_if_any()
        checks.require_grid(self.ctx.actor, data.grid_id)
        return dict(grid_id=data.grid_id, building=building, unit=unit, room=room, kind=data.kind, head_name=head,
                    notes=notes, residents=residents)  # fmt: skip

    def create(self, data: HouseholdInput) -> int:
        with self.ctx.write() as s:
            values = self._check(s, data, None)
            h = Household(**values)
            s.add(h)
            s.flush()
            return h.id

    def update(self, household_id: int, data: HouseholdInput) -> None:
        with self.ctx.write() as s:
            h = s.get(Household, household_id)
            if h is None:
                raise NotFound("该住户不存在")
            checks.require_grid(self.ctx.actor, h.grid_id)
            for key, value in self._check(s, data, household_id).items():
                setattr(h, key, value)

    def archive(self, household_id: int, archived: bool = True) -> None:
        """A household moved out is archived (its visits stay); only the officer deletes records."""
        with self.ctx.write() as s:
            h = s.get(Household, household_id)
            if h is None:
                raise NotFound("该住户不存在")
            checks.require_grid(self.ctx.actor, h.grid_id)
            h.archived = archived

    def delete(self, household_id: int) -> str:
        self.ctx.actor.require(Perm.delete)
        with self.ctx.write() as s:
            h = s.get(Household, household_id)
            if h is None:
                raise NotFound("该住户不存在")
            if s.scalar(select(HouseholdVisit.id).where(HouseholdVisit.household_id == household_id).limit(1)):
                h.archived = True
                return "archived"
            s.delete(h)
            return "deleted"

    def due_counts(self, *, worker_id: int | None = None, today: date | None = None) -> DueCounts:
        """Visits overdue, due today and due later this week, in the actor's grids (or a worker's)."""
        today = today or clock.today()
        rows = self.list(due="due_any", worker_id=worker_id, today=today)
        buckets = [due_bucket(r.next_due, today) for r in rows]
        return DueCounts(buckets.count("overdue"), buckets.count("today"), buckets.count("week"))

    def due_by_worker(self, today: date | None = None) -> list[tuple[str, DueCounts]]:
        """工作台: each grid worker's due list (overdue, today, this week), for the officer and staff."""
        today = today or clock.today()
        out: dict[str, list[int]] = {}
        for r in self.list(due="due_any", today=today):
            b = due_bucket(r.next_due, today)
            for w in r.workers or ("（无网格员）",):
                c = out.setdefault(w, [0, 0, 0])
                c[("overdue", "today", "week").index(b)] += 1  # type: ignore[arg-type]
        return sorted(((w, DueCounts(*c)) for w, c in out.items()), key=lambda x: (-x[1].overdue, x[0]))

    # -- visits ---------------------------------------------------------------------------
    def visits(self, date_from: date | None = None, date_to: date | None = None, *, household_id: int | None = None,
               query: str = "", visitor_id: int | None = None) -> list[VisitRow]:  # fmt: skip
        V = HouseholdVisit  # noqa: N806
        stmt = select(V).options(selectinload(V.household).selectinload(Household.grid), selectinload(V.visitor))
        if date_from is not None:
            stmt = stmt.where(V.visited_on >= date_from)
        if date_to is not None:
            stmt = stmt.where(V.visited_on <= date_to)
        if household_id is not None:
            stmt = stmt.where(V.household_id == household_id)
        if visitor_id is not None:
            stmt = stmt.where(V.visitor_id == visitor_id)
        if query:
            stmt = stmt.join(Household, Household.id == V.household_id).where(all_terms(query, lambda t: or_(
                contains(Household.building + "-" + Household.unit + "-" + Household.room, t),
                contains(V.purpose, t), contains(V.received_by, t), contains(V.kind, t))))  # fmt: skip
        if (scope := checks.grid_scope(self.ctx.actor, V.grid_id)) is not None:
            stmt = stmt.where(scope)
        with self.ctx.read() as s:
            return [_visit_row(v) for v in s.scalars(stmt.order_by(V.visited_on.desc(), V.id.desc()))]

    def visit(self, visit_id: int) -> VisitRow:
        with self.ctx.read() as s:
            v = s.get(HouseholdVisit, visit_id)
            if v is None:
                raise NotFound("该走访记录不存在")
            checks.require_grid(self.ctx.actor, v.grid_id)
            return _visit_row(v)

    def _check_visit(self, s: Session, data: VisitInput) -> tuple[Household, dict]:
        errors = FormErrors()
        h = s.get(Household, data.household_id) if data.household_id else None
        if h is None:
            errors.add("household_id", "请选择走访的住户")
        checks.day(errors, "visited_on", data.visited_on, "走访日期", latest=clock.today())
        if data.visitor_id is None or s.get(TeamMember, data.visitor_id) is None:
            errors.add("visitor_id", "请选择走访人")
        if (data.start_time is None) != (data.end_time is None):
            errors.add("end_time", "开始和结束时间请都填写或都不填")
        V = HouseholdVisit  # noqa: N806
        values = {
            key: checks.text(errors, key, getattr(data, key), getattr(V, key), label)
            for key, label in (("companions", "同行人员"), ("received_by", "接待人"), ("purpose", "走访事由"),
                               ("population", "人口变动"), ("hazards", "隐患"), ("disputes", "纠纷"),
                               ("wishes", "诉求"), ("action", "处理意见"))
        }  # fmt: skip
        if not values["purpose"]:
            errors.add("purpose", "请填写走访事由")
        if data.next_due is not None and data.visited_on is not None and data.next_due <= data.visited_on:
            errors.add("next_due", "下次走访日期应晚于本次走访日期")
        errors.raise_if_any()
        assert h is not None and data.visited_on is not None
        checks.require_grid(self.ctx.actor, h.grid_id)
        months = months_for(load_kinds(s), h.kind)
        values.update(household_id=h.id, grid_id=h.grid_id, visited_on=data.visited_on, visitor_id=data.visitor_id,
                      start_time=data.start_time, end_time=data.end_time, kind=h.kind, signed=data.signed,
                      next_due=data.next_due or add_months(data.visited_on, months))  # fmt: skip
        return h, values

    def create_visit(self, data: VisitInput) -> int:
        with self.ctx.write() as s:
            _h, values = self._check_visit(s, data)
            v = HouseholdVisit(**values)
            s.add(v)
            s.flush()
            return v.id

    def update_visit(self, visit_id: int, data: VisitInput) -> None:
        with self.ctx.write() as s:
            v = s.get(HouseholdVisit, visit_id)
            if v is None:
                raise NotFound("该走访记录不存在")
            checks.require_grid(self.ctx.actor, v.grid_id)
            _h, values = self._check_visit(s, data)
            for key, value in values.items():
                setattr(v, key, value)

    def delete_visit(self, visit_id: int) -> str:
        self.ctx.actor.require(Perm.delete)
        with self.ctx.write() as s:
            v = s.get(HouseholdVisit, visit_id)
            if v is None:
                raise NotFound("该走访记录不存在")
            s.delete(v)
        return "deleted"

    def next_due_for(self, household_id: int, visited_on: date) -> date:
        """The due date a visit on ``visited_on`` sets, from the household's kind (for the form's hint)."""
        with self.ctx.read() as s:
            h = s.get(Household, household_id)
            if h is None:
                raise NotFound("该住户不存在")
            checks.require_grid(self.ctx.actor, h.grid_id)
            return add_months(visited_on, months_for(load_kinds(s), h.kind))

    def resident_choices(self, query: str, limit: int = 30) -> list[tuple[int, str]]:
        """Residents of the person index matching ``query`` (name or pinyin), for the household form."""
        from policeroom.services.core.records import name_match

        stmt = select(Resident).where(Resident.archived.is_(False), all_terms(query, lambda t: name_match(Resident, t)))
        if (scope := checks.grid_scope(self.ctx.actor, Resident.grid_id)) is not None:
            stmt = stmt.where(scope)
        with self.ctx.read() as s:
            return [(r.id, f"{r.name}（{r.address}）" if r.address else r.name)
                    for r in s.scalars(stmt.order_by(Resident.name).limit(limit))]  # fmt: skip


def _visit_row(v: HouseholdVisit) -> VisitRow:
    h = v.household
    return VisitRow(
        v.id, v.household_id, h.address, v.grid_id, f"{h.grid.code} {h.grid.name}", v.visited_on, v.start_time,
        v.end_time, v.visitor_id, v.visitor.name, v.companions, v.kind, v.received_by, v.purpose, v.population,
        v.hazards, v.disputes, v.wishes, v.action, v.signed, v.next_due,
    )  # fmt: skip
