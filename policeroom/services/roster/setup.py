"""Roster settings (排班设置): shift types (班次), requirements (排班要求) and the ready templates (三班倒).

Reached as ``services.roster.setup``. Rules and hand-entered holidays are in :mod:`roster_config`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import time

from sqlalchemy import select, update

from policeroom.errors import NotFound
from policeroom.models import Requirement, ShiftType
from policeroom.services.core import clock
from policeroom.services.core.context import Perm, ServiceContext
from policeroom.services.core.forms import FormErrors
from policeroom.services.roster.config import need_of, shift_of
from policeroom.services.roster.defaults import TEMPLATES
from policeroom.services.roster.rules import need_label
from policeroom.services.roster.types import ROSTER_ROLES, Need, NeedKind, Post, Problem, Shift

_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass
class ShiftInput:
    """What the shift-type dialog sends."""

    code: str
    name: str
    post: str
    start: time
    end: time
    night: bool = False
    roles: list[str] = field(default_factory=lambda: list(ROSTER_ROLES))
    color: str = "#e3f2fd"


@dataclass
class NeedInput:
    """What the requirement dialog sends."""

    kind: str
    shift_ids: list[int]
    min_count: int
    roles: list[str] = field(default_factory=list)  # empty: anyone
    days: str = "all"


@dataclass(frozen=True)
class NeedRow:
    need: Need
    label: str


class RosterSetup:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # -- shift types ------------------------------------------------------------------------
    def shifts(self) -> list[Shift]:
        with self.ctx.read() as s:
            return [shift_of(r) for r in s.scalars(select(ShiftType).where(ShiftType.archived.is_(False))
                                                   .order_by(ShiftType.sort_order, ShiftType.id))]

    def _check_shift(self, s, data: ShiftInput, shift_id: int | None) -> ShiftInput:  # noqa: ANN001
        errors = FormErrors()
        code, name = data.code.strip(), data.name.strip()
        if len(code) != 1:
            errors.add("code", "简称为1个字，印在排班表的格子里，例如“白”")
        if not name or len(name) > 20:
            errors.add("name", "班次名称为1至20个字")
        try:
            post = Post(str(data.post))
        except ValueError:
            errors.add("post", "请选择岗位")
            post = Post.desk
        if data.start == data.end and post != Post.on_call:
            errors.add("end", "结束时间与开始时间相同（24小时）只用于备勤")
        roles = [r for r in data.roles if r in ROSTER_ROLES]
        if not roles:
            errors.add("roles", "至少选择一种可以上此班的角色")
        if not _COLOR.match(data.color or ""):
            errors.add("color", "颜色写成 #RRGGBB")
        others = s.execute(select(ShiftType.id, ShiftType.code, ShiftType.name)
                           .where(ShiftType.archived.is_(False))).all()
        for oid, ocode, oname in others:
            if oid == shift_id:
                continue
            if code and ocode == code:
                errors.add("code", f"简称“{code}”已被“{oname}”使用")
            if name and oname == name:
                errors.add("name", f"已有名为“{name}”的班次")
        errors.raise_if_any()
        return ShiftInput(code, name, post.value, data.start, data.end, bool(data.night), roles, data.color)

    def create_shift(self, data: ShiftInput) -> int:
        self.ctx.actor.require(Perm.edit_settings)
        with self.ctx.write() as s:
            clean = self._check_shift(s, data, None)
            order = (s.scalar(select(ShiftType.sort_order).order_by(ShiftType.sort_order.desc()).limit(1)) or 0) + 1
            row = ShiftType(sort_order=order)
            _apply_shift(row, clean)
            s.add(row)
            s.flush()
            return row.id

    def update_shift(self, shift_id: int, data: ShiftInput) -> None:
        self.ctx.actor.require(Perm.edit_settings)
        with self.ctx.write() as s:
            row = s.get(ShiftType, shift_id)
            if row is None or row.archived:
                raise NotFound("班次已不存在。")
            _apply_shift(row, self._check_shift(s, data, shift_id))

    def archive_shift(self, shift_id: int) -> None:
        """Stop using a shift type; cells already rostered on it stay in the records."""
        self.ctx.actor.require(Perm.edit_settings)
        with self.ctx.write() as s:
            row = s.get(ShiftType, shift_id)
            if row is None:
                raise NotFound("班次已不存在。")
            row.archived = True

    # -- requirements -----------------------------------------------------------------------
    def needs(self) -> list[NeedRow]:
        shifts = self.shifts()
        live = {x.id for x in shifts}
        probe = Problem(clock.today(), clock.today(), [], shifts, [])
        with self.ctx.read() as s:
            needs = [need_of(r) for r in s.scalars(select(Requirement).where(Requirement.active.is_(True))
                                                   .order_by(Requirement.id))]
        return [NeedRow(n, need_label(probe, n)) for n in needs if set(n.shift_ids) & live]

    def _check_need(self, s, data: NeedInput) -> NeedInput:  # noqa: ANN001
        errors = FormErrors()
        try:
            kind = NeedKind(str(data.kind))
        except ValueError:
            errors.add("kind", "请选择要求的类型")
            kind = NeedKind.shift
        live = {r.id: r for r in s.scalars(select(ShiftType).where(ShiftType.archived.is_(False)))}
        ids = sorted({int(i) for i in data.shift_ids if int(i) in live})
        if not ids:
            errors.add("shift_ids", "至少选择一个班次")
        elif kind == NeedKind.shift and len(ids) != 1:
            errors.add("shift_ids", "“班次人数”只针对一个班次")
        elif kind == NeedKind.grid_patrol and any(live[i].post != Post.patrol.value for i in ids):
            errors.add("shift_ids", "网格巡防要求只能选岗位为“巡防”的班次")
        top = 7 if kind == NeedKind.grid_patrol else 20
        if not 1 <= int(data.min_count) <= top:
            errors.add("min_count", f"人数（次数）应在1至{top}之间")
        roles = [r for r in data.roles if r in ROSTER_ROLES]
        if data.days not in ("all", "workday", "restday"):
            errors.add("days", "请选择适用日期")
        errors.raise_if_any()
        return NeedInput(kind.value, ids, int(data.min_count), [] if kind == NeedKind.grid_patrol else roles,
                         "all" if kind == NeedKind.grid_patrol else data.days)

    def create_need(self, data: NeedInput) -> int:
        self.ctx.actor.require(Perm.edit_settings)
        with self.ctx.write() as s:
            clean = self._check_need(s, data)
            row = Requirement(active=True)
            _apply_need(row, clean)
            s.add(row)
            s.flush()
            return row.id

    def update_need(self, need_id: int, data: NeedInput) -> None:
        self.ctx.actor.require(Perm.edit_settings)
        with self.ctx.write() as s:
            row = s.get(Requirement, need_id)
            if row is None or not row.active:
                raise NotFound("排班要求已不存在。")
            _apply_need(row, self._check_need(s, data))

    def delete_need(self, need_id: int) -> None:
        self.ctx.actor.require(Perm.edit_settings)
        with self.ctx.write() as s:
            row = s.get(Requirement, need_id)
            if row is None:
                raise NotFound("排班要求已不存在。")
            s.delete(row)

    # -- templates --------------------------------------------------------------------------
    def apply_template(self, key: str) -> None:
        """Replace the shift types and requirements by a template (标准 or 三班倒).

        The old shift types are archived, not deleted: rosters already made on them stay on record.
        """
        self.ctx.actor.require(Perm.edit_settings)
        if key not in TEMPLATES:
            raise NotFound("没有这个排班模板。")
        _label, shifts, needs = TEMPLATES[key]
        with self.ctx.write() as s:
            s.execute(update(ShiftType).where(ShiftType.archived.is_(False)).values(archived=True))
            s.execute(update(Requirement).where(Requirement.active.is_(True)).values(active=False))
            order = (s.scalar(select(ShiftType.sort_order).order_by(ShiftType.sort_order.desc()).limit(1)) or 0)
            ids: dict[str, int] = {}
            for i, t in enumerate(shifts, start=1):
                row = ShiftType(code=t.code, name=t.name, post=t.post.value, start_time=t.start, end_time=t.end,
                                night=t.night, roles=",".join(t.roles), color=t.color, sort_order=order + i,
                                archived=False)
                s.add(row)
                s.flush()
                ids[t.code] = row.id
            for n in needs:
                s.add(Requirement(kind=n.kind.value, shift_ids=",".join(str(ids[c]) for c in n.shift_codes),
                                  min_count=n.min_count, roles=",".join(n.roles or ()), days=n.days, active=True))


def _apply_shift(row: ShiftType, d: ShiftInput) -> None:
    row.code, row.name, row.post = d.code, d.name, d.post
    row.start_time, row.end_time, row.night = d.start, d.end, d.night
    row.roles, row.color, row.archived = ",".join(d.roles), d.color, False


def _apply_need(row: Requirement, d: NeedInput) -> None:
    row.kind, row.shift_ids, row.min_count = d.kind, ",".join(map(str, d.shift_ids)), d.min_count
    row.roles, row.days = ",".join(d.roles), d.days


__all__ = ["NeedInput", "NeedRow", "RosterSetup", "ShiftInput", "TEMPLATES"]
