"""场所 and 巡查: place kinds with their checklists, places in grids, inspection records, the due list.

A failed item of an inspection becomes a grid event in one call (:meth:`PlaceService.event_from_tick`).
Grid workers add and inspect places in their own grids; editing the checklists is a setting (officer).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from policeroom.errors import NotFound, PermissionDenied, ValidationError
from policeroom.models import (
    FREQUENCY_LABELS,
    EventSource,
    Frequency,
    Grid,
    Inspection,
    InspectionItem,
    InspectionTick,
    Place,
    PlaceKind,
    TeamMember,
    Urgency,
    grid_assignment,
)
from policeroom.services.core import clock
from policeroom.services.core.context import Perm, ServiceContext
from policeroom.services.core.forms import FormErrors
from policeroom.services.core.records import all_terms, contains
from policeroom.services.core.text import normalize_text
from policeroom.services.core.validators import normalize_phone
from policeroom.services.gridwork.due import pairs
from policeroom.services.gridwork.duelist import due_by_place, due_by_worker
from policeroom.services.gridwork.types import (
    DueItem,
    EventInput,
    InspectionRow,
    ItemRow,
    PlaceInput,
    PlaceRow,
    TickInput,
    TickRow,
    WorkerDue,
)


class PlaceService:
    """Places, checklists, inspections and the due list (one transaction per call)."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # -- kinds and checklists (settings: the officer's) -----------------------------------------
    def kinds(self, include_archived: bool = False) -> list[tuple[int, str]]:
        with self.ctx.read() as s:
            stmt = select(PlaceKind.id, PlaceKind.name).order_by(PlaceKind.sort_order, PlaceKind.id)
            if not include_archived:
                stmt = stmt.where(PlaceKind.archived.is_(False))
            return [(i, n) for i, n in s.execute(stmt)]

    def save_kind(self, kind_id: int | None, name: str, archived: bool = False) -> int:
        self.ctx.actor.require(Perm.edit_settings)
        name = normalize_text(name)
        if not name:
            raise ValidationError("name", "请填写场所类型名称")
        if len(name) > 30:
            raise ValidationError("name", "场所类型名称不能超过30个字")
        with self.ctx.write() as s:
            clash = s.scalar(
                select(PlaceKind.id).where(PlaceKind.name == name, PlaceKind.id != (kind_id or -1))
            )
            if clash:
                raise ValidationError("name", "已有同名的场所类型")
            k = s.get(PlaceKind, kind_id) if kind_id else PlaceKind(sort_order=99)
            if k is None:
                raise NotFound("该场所类型不存在。")
            k.name, k.archived = name, archived
            s.add(k)
            s.flush()
            return k.id

    def items(self, kind_id: int, include_archived: bool = False) -> list[ItemRow]:
        with self.ctx.read() as s:
            stmt = select(InspectionItem).where(InspectionItem.place_kind_id == kind_id)
            if not include_archived:
                stmt = stmt.where(InspectionItem.archived.is_(False))
            return [
                ItemRow(
                    i.id,
                    i.place_kind_id,
                    i.text,
                    i.frequency,
                    FREQUENCY_LABELS[i.frequency],
                    i.category_id,
                    i.archived,
                )
                for i in s.scalars(stmt.order_by(InspectionItem.sort_order, InspectionItem.id))
            ]

    def save_item(
        self, item_id: int | None, kind_id: int, text: str, frequency: Frequency,
        category_id: int | None = None, archived: bool = False,
    ) -> int:  # fmt: skip
        """Add or change a checklist item (巡查项目); a used item is retired (停用), never deleted."""
        self.ctx.actor.require(Perm.edit_settings)
        errors = FormErrors()
        text = normalize_text(text)
        if not text:
            errors.add("text", "请填写巡查内容")
        elif len(text) > 100:
            errors.add("text", "巡查内容不能超过100个字")
        try:
            frequency = Frequency(frequency)
        except ValueError:
            errors.add("frequency", "请选择巡查频次")
        errors.raise_if_any()
        with self.ctx.write() as s:
            if s.get(PlaceKind, kind_id) is None:
                raise ValidationError("kind_id", "请选择场所类型")
            item = (
                s.get(InspectionItem, item_id)
                if item_id
                else InspectionItem(place_kind_id=kind_id, sort_order=99)
            )
            if item is None:
                raise NotFound("该巡查项目不存在。")
            item.text, item.frequency, item.category_id, item.archived = (
                text,
                frequency,
                category_id,
                archived,
            )
            s.add(item)
            s.flush()
            return item.id

    # -- places -----------------------------------------------------------------------------------
    def _visible(self) -> list:
        actor = self.ctx.actor
        return [Place.grid_id.in_(actor.grid_ids)] if actor.limited_to_grids else []

    def _place(self, s: Session, place_id: int) -> Place:
        p = s.get(Place, place_id)
        if p is None:
            raise NotFound("该场所不存在。")
        self.ctx.actor.require_grid(p.grid_id)
        return p

    def _clean(self, s: Session, d: PlaceInput) -> PlaceInput:
        errors = FormErrors()
        if d.grid_id is None or s.get(Grid, d.grid_id) is None:
            errors.add("grid_id", "请选择场所所在网格")
        elif self.ctx.actor.limited_to_grids and d.grid_id not in self.ctx.actor.grid_ids:
            errors.add("grid_id", "网格员只能登记本人负责网格的场所")
        kind = s.get(PlaceKind, d.kind_id) if d.kind_id is not None else None
        if kind is None:
            errors.add("kind_id", "请选择场所类型")
        d.name = normalize_text(d.name)
        if not d.name:
            errors.add("name", "请填写场所名称")
        for key, limit in (("name", 60), ("address", 200), ("contact", 50)):
            setattr(d, key, normalize_text(getattr(d, key)))
            if len(getattr(d, key)) > limit:
                errors.add(key, f"不能超过{limit}个字")
        d.notes = (d.notes or "").strip()
        if len(d.notes) > 1000:
            errors.add("notes", "备注不能超过1000个字")
        if d.phone.strip():
            try:
                d.phone = normalize_phone(d.phone)
            except ValidationError as e:
                errors.add("phone", e.message)
        else:
            d.phone = ""
        errors.raise_if_any()
        return d

    def create(self, data: PlaceInput) -> int:
        with self.ctx.write() as s:
            d = self._clean(s, data)
            p = Place(grid_id=d.grid_id, kind_id=d.kind_id, name=d.name, address=d.address, contact=d.contact,
                      phone=d.phone, notes=d.notes)  # fmt: skip
            s.add(p)
            s.flush()
            return p.id

    def update(self, place_id: int, data: PlaceInput) -> None:
        with self.ctx.write() as s:
            p = self._place(s, place_id)
            d = self._clean(s, data)
            p.grid_id, p.kind_id, p.name, p.address = d.grid_id, d.kind_id, d.name, d.address
            p.contact, p.phone, p.notes = d.contact, d.phone, d.notes

    def archive(self, place_id: int, archived: bool = True) -> None:
        with self.ctx.write() as s:
            self._place(s, place_id).archived = archived

    def get(self, place_id: int) -> PlaceInput:
        with self.ctx.read() as s:
            p = self._place(s, place_id)
            return PlaceInput(p.grid_id, p.kind_id, p.name, p.address, p.contact, p.phone, p.notes)

    def places(self, query: str = "", grid_id: int | None = None, kind_id: int | None = None,
               include_archived: bool = False) -> list[PlaceRow]:  # fmt: skip
        today = clock.today()
        with self.ctx.read() as s:
            stmt = (
                select(Place)
                .where(*self._visible())
                .options(selectinload(Place.grid), selectinload(Place.kind))
            )
            if not include_archived:
                stmt = stmt.where(Place.archived.is_(False))
            if grid_id is not None:
                stmt = stmt.where(Place.grid_id == grid_id)
            if kind_id is not None:
                stmt = stmt.where(Place.kind_id == kind_id)
            if query.strip():
                stmt = stmt.where(all_terms(query, lambda t: contains(Place.name, t) | contains(Place.address, t)
                                            | contains(Place.contact, t)))  # fmt: skip
            places = list(s.scalars(stmt.order_by(Place.grid_id, Place.name)))
            due = due_by_place(s, places, today)
            last = pairs(
                s.execute(
                    select(Inspection.place_id, func.max(Inspection.on_date)).group_by(Inspection.place_id)
                )
            )
            return [
                PlaceRow(p.id, p.name, p.kind.name, p.kind_id, p.grid.name, p.grid_id, p.address,
                         p.contact, p.phone, p.notes, p.archived, last.get(p.id), due.get(p.id, (None, []))[0])
                for p in places
            ]  # fmt: skip

    # -- inspections ----------------------------------------------------------------------------
    def record_inspection(
        self,
        place_id: int,
        on: datetime,
        ticks: list[TickInput],
        notes: str = "",
        inspector_id: int | None = None,
    ) -> int:
        """One inspection: every ticked item 合格 or 不合格 (a failed item needs a note)."""
        now = clock.now()
        with self.ctx.write() as s:
            p = self._place(s, place_id)
            errors = FormErrors()
            if on > now + timedelta(minutes=5):
                errors.add("at", "巡查时间不能晚于现在")
            inspector_id = inspector_id or self.ctx.actor.member_id
            if inspector_id is None or s.get(TeamMember, inspector_id) is None:
                errors.add("inspector_id", "请选择巡查人")
            if not ticks:
                errors.add("ticks", "请至少勾选一个巡查项目")
            allowed = {
                i.id
                for i in s.scalars(select(InspectionItem).where(InspectionItem.place_kind_id == p.kind_id))
            }
            seen: set[int] = set()
            for t in ticks:
                if t.item_id not in allowed:
                    errors.add("ticks", "巡查项目不属于该场所类型")
                elif t.item_id in seen:
                    errors.add("ticks", "同一巡查项目只能勾选一次")
                seen.add(t.item_id)
                if not t.ok and not t.note.strip():
                    errors.add(f"tick.{t.item_id}", "不合格的项目请写明问题")
                if len(t.note.strip()) > 200:
                    errors.add(f"tick.{t.item_id}", "问题说明不能超过200个字")
            notes = (notes or "").strip()
            if len(notes) > 1000:
                errors.add("notes", "情况说明不能超过1000个字")
            errors.raise_if_any()
            ins = Inspection(place_id=p.id, inspector_id=inspector_id, on_date=on.date(), at=on, notes=notes)
            ins.ticks = [InspectionTick(item_id=t.item_id, ok=t.ok, note=t.note.strip()) for t in ticks]
            s.add(ins)
            s.flush()
            return ins.id

    def inspections(self, place_id: int | None = None, limit: int = 500) -> list[InspectionRow]:
        from policeroom.models import GridEvent

        with self.ctx.read() as s:
            stmt = (
                select(Inspection).join(Place, Inspection.place_id == Place.id).where(*self._visible())
                .options(selectinload(Inspection.ticks).selectinload(InspectionTick.item),
                         selectinload(Inspection.place).selectinload(Place.grid), selectinload(Inspection.inspector))
                .order_by(Inspection.at.desc(), Inspection.id.desc()).limit(limit)
            )  # fmt: skip
            if place_id is not None:
                stmt = stmt.where(Inspection.place_id == place_id)
            rows = list(s.scalars(stmt))
            numbers = pairs(s.execute(select(GridEvent.id, GridEvent.number).where(
                GridEvent.id.in_([t.event_id for r in rows for t in r.ticks if t.event_id]))))  # fmt: skip
            return [
                InspectionRow(
                    r.id,
                    r.place_id,
                    r.place.name,
                    f"{r.place.grid.code} {r.place.grid.name}",
                    r.on_date,
                    r.at,
                    r.inspector.name if r.inspector else "",
                    sum(1 for t in r.ticks if not t.ok),
                    r.notes,
                    [
                        TickRow(
                            t.id,
                            t.item_id,
                            t.item.text,
                            t.ok,
                            t.note,
                            t.event_id,
                            numbers.get(t.event_id, ""),
                        )
                        for t in r.ticks
                    ],
                )  # fmt: skip
                for r in rows
            ]

    def event_from_tick(
        self, tick_id: int, category_id: int | None = None, urgency: Urgency = Urgency.normal
    ) -> int:
        """A failed item becomes a grid event (来源 网格员巡查) linked both ways, in one transaction."""
        from policeroom.services.gridwork.events import GridEventService

        with self.ctx.write() as s:
            t = s.get(InspectionTick, tick_id)
            if t is None:
                raise NotFound("该巡查项目结果不存在。")
            ins = t.inspection
            p = self._place(s, ins.place_id)
            if t.ok:
                raise ValidationError("tick", "合格的项目不需要转为网格事件")
            if t.event_id is not None:
                raise ValidationError("tick", "该问题已转为网格事件")
            category_id = category_id or t.item.category_id
            data = EventInput(
                source=EventSource.patrol_check, category_id=category_id, grid_id=p.grid_id, found_at=ins.at,
                description=f"{p.name}巡查发现：{t.item.text}——{t.note}", urgency=urgency, place_id=p.id,
                location=p.address, reporter_id=ins.inspector_id,
            )  # fmt: skip
            e = GridEventService(self.ctx).create_in(s, data, [], clock.now())
            e.inspection_id = ins.id
            t.event_id = e.id
            return e.id

    # -- the due list -----------------------------------------------------------------------------
    def due_list(
        self, member_id: int | None = None, today: date | None = None, horizon_days: int = 7
    ) -> list[DueItem]:
        """Places whose inspection is due by the end of this week (or overdue), earliest first.

        ``member_id``: one grid worker's places (their grids); None: every place the actor may see.
        """
        today = today or clock.today()
        week_end = (
            today + timedelta(days=6 - today.weekday())
            if horizon_days == 7
            else today + timedelta(days=horizon_days)
        )
        with self.ctx.read() as s:
            stmt = (
                select(Place)
                .where(Place.archived.is_(False), *self._visible())
                .options(selectinload(Place.grid).selectinload(Grid.workers), selectinload(Place.kind))
            )
            if member_id is not None:
                if self.ctx.actor.limited_to_grids and member_id != self.ctx.actor.member_id:
                    raise PermissionDenied("网格员只能查看本人的巡查任务。")
                grids = select(grid_assignment.c.grid_id).where(grid_assignment.c.member_id == member_id)
                stmt = stmt.where(Place.grid_id.in_(grids))
            places = list(s.scalars(stmt))
            dues = due_by_place(s, places, today)
            out = []
            for p in places:
                due, items = dues.get(p.id, (None, []))
                if due is None or due > week_end:
                    continue
                when = "overdue" if due < today else "today" if due == today else "week"
                out.append(DueItem(p.id, p.name, p.kind.name, f"{p.grid.code} {p.grid.name}", p.address, due, items,
                                   when, [w.name for w in p.grid.workers]))  # fmt: skip
            return sorted(out, key=lambda d: (d.due, d.grid, d.place))


__all__ = [
    "DueItem", "InspectionRow", "ItemRow", "PlaceInput", "PlaceRow", "PlaceService", "TickInput", "TickRow",
    "WorkerDue", "due_by_worker",
]  # fmt: skip
