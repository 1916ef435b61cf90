"""Minimum emergency units (最小应急单元): members with posts, on-post check-in, drills (拉动测试).

A member checks in when taking the post and out when leaving it; who is checked in and not out is
on post now (the 工作台 panel beside 当前在岗). A drill records each called member's arrival time
and is judged against the 1/3/5 and 10/20-minute rings (``rings.py``).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from policeroom.errors import DomainError, NotFound
from policeroom.models import Drill, DrillArrival, EmergencyMember, EmergencyUnit, Grid, PostCheckin, Resident
from policeroom.services.core import clock
from policeroom.services.core.context import Perm, ServiceContext
from policeroom.services.core.records import references_to
from policeroom.services.core.scope import LINK_REFUSED
from policeroom.services.forces.checks import validate_drill, validate_unit
from policeroom.services.forces.kinds import load_kinds
from policeroom.services.forces.rings import evaluate_rings, ring_mark
from policeroom.services.forces.types import (
    ArrivalInput,
    DrillDetail,
    DrillInput,
    DrillRow,
    MemberInput,
    MemberRow,
    UnitInput,
    UnitOnPost,
    UnitRow,
)

#: a check-in older than this without a check-out is not shown as on post (a forgotten 签退)
STALE_AFTER = timedelta(hours=24)


class EmergencyService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def _unit(self, s: Session, unit_id: int, *, write: bool = False) -> EmergencyUnit:
        u = s.get(EmergencyUnit, unit_id)
        if u is None:
            raise NotFound("该应急单元不存在")
        # grid workers: their grids' units; a unit without a grid they may read (as the list shows it)
        if self.ctx.actor.limited_to_grids and (write or u.grid_id is not None):
            self.ctx.actor.require_grid(u.grid_id)
        return u

    def _visible(self, stmt):  # noqa: ANN001, ANN202 - a select of EmergencyUnit
        """Grid workers see the units of their grids (and those without a grid)."""
        actor = self.ctx.actor
        if actor.limited_to_grids:
            stmt = stmt.where(EmergencyUnit.grid_id.is_(None) | EmergencyUnit.grid_id.in_(actor.grid_ids))
        return stmt

    def _open_checkins(self, s: Session, unit_ids: list[int] | None = None) -> dict[int, PostCheckin]:
        """member id -> the open check-in (latest), within the last 24 hours."""
        since = clock.now() - STALE_AFTER
        stmt = (
            select(PostCheckin)
            .join(EmergencyMember, PostCheckin.member_id == EmergencyMember.id)
            .where(PostCheckin.off_at.is_(None), PostCheckin.on_at >= since, EmergencyMember.active.is_(True))
            .order_by(PostCheckin.on_at)
        )
        if unit_ids is not None:
            stmt = stmt.where(EmergencyMember.unit_id.in_(unit_ids))
        return {c.member_id: c for c in s.scalars(stmt)}

    # -- units ------------------------------------------------------------------------------
    def units(self, include_archived: bool = False) -> list[UnitRow]:
        with self.ctx.read() as s:
            members = dict(
                s.execute(
                    select(EmergencyMember.unit_id, func.count())
                    .where(EmergencyMember.active.is_(True))
                    .group_by(EmergencyMember.unit_id)
                ).all()
            )
            on_post: dict[int, int] = {}
            for c in self._open_checkins(s).values():
                on_post[c.member.unit_id] = on_post.get(c.member.unit_id, 0) + 1
            last = dict(s.execute(select(Drill.unit_id, func.max(Drill.held_at)).group_by(Drill.unit_id)).all())
            stmt = self._visible(
                select(EmergencyUnit, Grid.code, Grid.name).outerjoin(Grid, EmergencyUnit.grid_id == Grid.id)
            )
            if not include_archived:
                stmt = stmt.where(EmergencyUnit.archived.is_(False))
            out = []
            for u, gc, gn in s.execute(stmt.order_by(EmergencyUnit.archived, EmergencyUnit.name)).all():
                held = last.get(u.id)
                out.append(UnitRow(u.id, u.name, u.kind, u.site, f"{gc} {gn}" if gc else "", members.get(u.id, 0),
                                   on_post.get(u.id, 0), held.date() if held else None, u.archived))  # fmt: skip
            return out

    def unit(self, unit_id: int) -> UnitInput:
        with self.ctx.read() as s:
            u = self._unit(s, unit_id)
            return UnitInput(
                name=u.name, kind=u.kind, site=u.site, grid_id=u.grid_id, partner_unit_id=u.partner_unit_id,
                notes=u.notes, members=[MemberInput(m.resident_id, m.post) for m in u.members if m.active],
            )  # fmt: skip

    def unit_id_by_name(self, name: str) -> int:
        with self.ctx.read() as s:
            uid = s.scalar(select(EmergencyUnit.id).where(EmergencyUnit.name == name.strip()))
            if uid is None:
                raise NotFound(f"没有名为“{name}”的应急单元")
            return self._unit(s, uid).id

    def save_unit(self, unit_id: int | None, data: UnitInput) -> int:
        """New or changed unit; members no longer listed are kept as 不在编 (their drills name them)."""
        with self.ctx.write() as s:
            errors = validate_unit(s, data, load_kinds(s, "unit"))
            if data.name and s.scalar(
                select(EmergencyUnit.id).where(EmergencyUnit.name == data.name, EmergencyUnit.id != (unit_id or 0))
            ):
                errors.add("name", "已有同名应急单元")
            if self.ctx.actor.limited_to_grids and data.grid_id not in self.ctx.actor.grid_ids:
                errors.add("grid_id", "网格员只能登记本人负责网格的应急单元")
            if self.ctx.actor.limited_to_grids and "members" not in errors.errors:
                self._check_new_members(s, unit_id, data, errors)
            errors.raise_if_any()
            if unit_id is None:
                u = EmergencyUnit(name=data.name, kind=data.kind, archived=False)
                s.add(u)
            else:
                u = self._unit(s, unit_id, write=True)
            u.name, u.kind, u.site, u.grid_id = data.name, data.kind, data.site, data.grid_id
            u.partner_unit_id, u.notes = data.partner_unit_id, data.notes
            s.flush()
            existing = {m.resident_id: m for m in u.members}
            wanted = {m.resident_id for m in data.members}
            for pos, m in enumerate(data.members):
                row = existing.get(m.resident_id)
                if row is None:
                    row = EmergencyMember(unit_id=u.id, resident_id=m.resident_id, post=m.post, position=pos)
                    s.add(row)
                row.post, row.position, row.active = m.post, pos, True
            for rid, row in existing.items():
                if rid not in wanted and row.active:
                    row.active = False
                    for c in s.scalars(select(PostCheckin).where(PostCheckin.member_id == row.id, PostCheckin.off_at.is_(None))):
                        c.off_at = clock.now_minute()
            s.flush()
            return u.id

    def _check_new_members(self, s: Session, unit_id: int | None, data: UnitInput, errors) -> None:  # noqa: ANN001
        """Grid workers add members only from their grids' residents (the list shows their phones)."""
        kept = set(s.scalars(select(EmergencyMember.resident_id).where(EmergencyMember.unit_id == unit_id))) if unit_id else set()
        new = [m.resident_id for m in data.members if m.resident_id not in kept]
        grids = dict(s.execute(select(Resident.id, Resident.grid_id).where(Resident.id.in_(new))).all()) if new else {}
        for i, m in enumerate(data.members, start=1):
            if m.resident_id in grids and not self.ctx.actor.sees_grid(grids[m.resident_id]):
                errors.add("members", f"第{i}名成员：{LINK_REFUSED}")

    def archive_unit(self, unit_id: int) -> str:
        self.ctx.actor.require(Perm.delete)
        with self.ctx.write() as s:
            u = self._unit(s, unit_id)
            if references_to(s, u) or u.members:
                u.archived = True
                return "archived"
            s.delete(u)
            return "deleted"

    # -- members and check-in ------------------------------------------------------------------
    def members(self, unit_id: int) -> list[MemberRow]:
        with self.ctx.read() as s:
            u = self._unit(s, unit_id)
            open_ = self._open_checkins(s, [u.id])
            sees = self.ctx.actor.sees_grid  # a unit without a grid: other grids' members without their phone
            return [
                MemberRow(m.id, m.resident_id, m.resident.name, m.post,
                          (m.resident.phone or "") if sees(m.resident.grid_id) else "",
                          open_[m.id].on_at if m.id in open_ else None)
                for m in u.members
                if m.active
            ]  # fmt: skip

    def check_in(self, member_id: int, at: datetime | None = None) -> int:
        """The member takes the post (在岗签到). Refused when already on post."""
        at = at or clock.now_minute()
        if at > clock.now() + timedelta(minutes=1):
            raise DomainError("签到时间不能晚于现在")
        with self.ctx.write() as s:
            m = s.get(EmergencyMember, member_id)
            if m is None or not m.active:
                raise NotFound("该成员不在单元中")
            self._unit(s, m.unit_id, write=True)
            if member_id in self._open_checkins(s, [m.unit_id]):
                raise DomainError(f"{m.resident.name}已在岗，不能重复签到")
            c = PostCheckin(member_id=member_id, on_at=at)
            s.add(c)
            s.flush()
            return c.id

    def check_out(self, member_id: int, at: datetime | None = None) -> None:
        """The member leaves the post (签退)."""
        at = at or clock.now_minute()
        with self.ctx.write() as s:
            m = s.get(EmergencyMember, member_id)
            if m is None:
                raise NotFound("该成员不在单元中")
            self._unit(s, m.unit_id, write=True)
            c = self._open_checkins(s, [m.unit_id]).get(member_id)
            if c is None:
                raise DomainError(f"{m.resident.name}不在岗，无需签退")
            if at < c.on_at:
                raise DomainError("签退时间不能早于签到时间")
            c.off_at = at

    def on_post_now(self) -> list[UnitOnPost]:
        """Each unit with who is on post now: for the 工作台 panel beside 当前在岗."""
        with self.ctx.read() as s:
            open_ = self._open_checkins(s)
            out = []
            stmt = self._visible(select(EmergencyUnit).where(EmergencyUnit.archived.is_(False)))
            for u in s.scalars(stmt.order_by(EmergencyUnit.name)):
                active = [m for m in u.members if m.active]
                here = [(m.resident.name, m.post, open_[m.id].on_at) for m in active if m.id in open_]
                out.append(UnitOnPost(u.id, u.name, len(active), here))
            return out

    # -- drills -----------------------------------------------------------------------------
    def blank_drill(self, unit_id: int) -> DrillInput:
        """A drill form listing the unit's members (arrival times to fill in)."""
        with self.ctx.read() as s:
            u = self._unit(s, unit_id)
            return DrillInput(
                unit_id=u.id, held_at=clock.now_minute(), scenario="",
                arrivals=[ArrivalInput(m.resident.name, m.post, None, m.id) for m in u.members if m.active],
            )  # fmt: skip

    def save_drill(self, drill_id: int | None, data: DrillInput) -> int:
        errors = validate_drill(data, clock.now() + timedelta(minutes=1))
        errors.raise_if_any()
        with self.ctx.write() as s:
            self._unit(s, data.unit_id, write=True)
            if drill_id is None:
                d = Drill(unit_id=data.unit_id, held_at=data.held_at, scenario=data.scenario)
                s.add(d)
            else:
                d = s.get(Drill, drill_id)
                if d is None:
                    raise NotFound("该拉动测试记录不存在")
                self._unit(s, d.unit_id, write=True)  # the drill's own unit too, not only the one it is saved under
            d.unit_id, d.held_at, d.scenario, d.organiser = data.unit_id, data.held_at, data.scenario, data.organiser
            d.reinforcement_seconds, d.professional_seconds = data.reinforcement_seconds, data.professional_seconds
            d.problems = data.problems
            d.arrivals = [
                DrillArrival(position=i, name=a.name, post=a.post, seconds=a.seconds, member_id=a.member_id)
                for i, a in enumerate(data.arrivals)
            ]
            s.flush()
            return d.id

    def drills(self, unit_id: int | None = None) -> list[DrillRow]:
        with self.ctx.read() as s:
            stmt = select(Drill).order_by(Drill.held_at.desc())
            if unit_id is not None:
                self._unit(s, unit_id)
                stmt = stmt.where(Drill.unit_id == unit_id)
            else:
                stmt = stmt.where(Drill.unit_id.in_(self._visible(select(EmergencyUnit.id))))
            out = []
            for d in s.scalars(stmt):
                times = [a.seconds for a in d.arrivals]
                rings = evaluate_rings(times, d.reinforcement_seconds, d.professional_seconds)
                out.append(DrillRow(
                    d.id, d.unit.name, d.held_at, d.scenario, sum(t is not None for t in times), len(times),
                    " ".join(ring_mark(r) for r in rings), all(r.met is not False for r in rings),
                ))  # fmt: skip
            return out

    def drill(self, drill_id: int) -> DrillDetail:
        with self.ctx.read() as s:
            d = s.get(Drill, drill_id)
            if d is None:
                raise NotFound("该拉动测试记录不存在")
            self._unit(s, d.unit_id)
            data = DrillInput(
                unit_id=d.unit_id, held_at=d.held_at, scenario=d.scenario, organiser=d.organiser,
                arrivals=[ArrivalInput(a.name, a.post, a.seconds, a.member_id) for a in d.arrivals],
                reinforcement_seconds=d.reinforcement_seconds, professional_seconds=d.professional_seconds,
                problems=d.problems,
            )  # fmt: skip
            rings = evaluate_rings([a.seconds for a in d.arrivals], d.reinforcement_seconds, d.professional_seconds)
            return DrillDetail(d.id, d.unit_id, d.unit.name, d.unit.kind, d.unit.site, data, rings)

    def drill_on(self, unit_name: str, day: date) -> int:
        """The unit's drill on that day (the last one if several): for ``print drill UNIT DATE``."""
        unit_id = self.unit_id_by_name(unit_name)
        with self.ctx.read() as s:
            start = datetime.combine(day, datetime.min.time())
            did = s.scalar(
                select(Drill.id)
                .where(Drill.unit_id == unit_id, Drill.held_at >= start, Drill.held_at < start + timedelta(days=1))
                .order_by(Drill.held_at.desc())
            )
            if did is None:
                raise NotFound(f"{unit_name}在{day.isoformat()}没有拉动测试记录")
            return did

    def residents_choice(self, query: str, limit: int = 50) -> list[tuple[int, str]]:
        """Residents by name or pinyin for the member picker."""
        from policeroom.services.core.records import all_terms, name_match

        with self.ctx.read() as s:
            stmt = select(Resident.id, Resident.name, Resident.address).where(
                all_terms(query, lambda t: name_match(Resident, t)), Resident.archived.is_(False)
            )
            if self.ctx.actor.limited_to_grids:
                stmt = stmt.where(Resident.grid_id.in_(self.ctx.actor.grid_ids))
            return [(i, f"{n}（{a}）" if a else n) for i, n, a in s.execute(stmt.order_by(Resident.name_pinyin).limit(limit))]
