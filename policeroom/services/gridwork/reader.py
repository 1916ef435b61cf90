"""Reading grid events: who sees which, the register's search, filters and sorting, rows and details."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session, selectinload

from policeroom.errors import NotFound, PermissionDenied
from policeroom.models import (
    EVENT_SOURCE_LABELS,
    EVENT_STATUS_LABELS,
    URGENCY_LABELS,
    AssistanceRequest,
    DisputeEntry,
    EventCategory,
    GridEvent,
    LoopState,
    Place,
    TeamMember,
)
from policeroom.services.core import clock
from policeroom.services.core.context import ServiceContext
from policeroom.services.core.records import all_terms, contains
from policeroom.services.gridwork.kind import KIND_NAME, MOVE_LABELS, OPEN_STATUSES, STEP_LABELS
from policeroom.services.gridwork.shapes import category_kind, event_window
from policeroom.services.gridwork.types import EventDetail, EventFilter, EventRow, PhotoItem
from policeroom.services.loop.engine import Loop
from policeroom.services.loop.lights import Light
from policeroom.services.loop.timeline import timeline

SORT_KEYS = {
    "number": GridEvent.id,
    "found_at": GridEvent.found_at,
    "category": GridEvent.category_id,
    "grid": GridEvent.grid_id,
    "urgency": GridEvent.urgency,
    "status": GridEvent.status,
    "due": GridEvent.step_due,
    "source": GridEvent.source,
    "handler": GridEvent.handler_id,
}


def _name(m: TeamMember | None) -> str:
    return m.name if m is not None else ""


class EventReader:
    """Reads of 网格事件 (mixed into the service). Grid workers see their grids' events and their own."""

    ctx: ServiceContext

    # -- visibility -------------------------------------------------------------------------
    def _visible(self) -> list:
        actor = self.ctx.actor
        if not actor.limited_to_grids:
            return []
        mine = [GridEvent.grid_id.in_(actor.grid_ids)]
        if actor.member_id is not None:
            mine += [GridEvent.handler_id == actor.member_id, GridEvent.reporter_id == actor.member_id]
        return [or_(*mine)]

    def _may_see(self, e: GridEvent) -> bool:
        actor = self.ctx.actor
        if not actor.limited_to_grids:
            return True
        return e.grid_id in actor.grid_ids or (
            actor.member_id is not None and actor.member_id in (e.handler_id, e.reporter_id)
        )

    def _get(self, s: Session, event_id: int) -> GridEvent:
        e = s.get(GridEvent, event_id)
        if e is None:
            raise NotFound("该网格事件不存在或已被删除。")
        if not self._may_see(e):
            raise PermissionDenied("网格员只能查看本人负责网格或派给本人的网格事件。")
        return e

    def _get_for_write(self, s: Session, event_id: int) -> GridEvent:
        return self._get(s, event_id)

    # -- the register ---------------------------------------------------------------------------
    def _filtered(self, f: EventFilter, now: datetime) -> Select:
        e = GridEvent
        where = list(self._visible())
        if f.ids is not None:
            where.append(e.id.in_(f.ids or (-1,)))
        if f.statuses:
            where.append(e.status.in_(f.statuses))
        for value, column in ((f.category_id, e.category_id), (f.grid_id, e.grid_id), (f.source, e.source),
                              (f.urgency, e.urgency)):  # fmt: skip
            if value is not None:
                where.append(column == value)
        if f.date_from is not None:
            where.append(e.found_at >= datetime.combine(f.date_from, time.min))
        if f.date_to is not None:
            where.append(e.found_at < datetime.combine(f.date_to + timedelta(days=1), time.min))
        if f.overdue_only:
            where += [e.step_due.is_not(None), e.step_due < now]
        if f.self_handled_only:
            where.append(e.self_handled.is_(True))
        if f.parked_only:
            parked = select(LoopState.matter_id).where(
                LoopState.kind == KIND_NAME, LoopState.parked_at.is_not(None)
            )
            where += [e.id.in_(parked), e.status.in_(OPEN_STATUSES)]
        if f.query.strip():
            where.append(all_terms(f.query, _match))
        return select(e.id).where(*where)

    def search_ids(self, f: EventFilter, sort: str | None = None, descending: bool = True) -> list[int]:
        """The ids of the matching events, sorted (newest first by default)."""
        stmt = self._filtered(f, clock.now())
        key = SORT_KEYS.get(sort or "number", GridEvent.id)
        order = key.desc() if descending else key.asc()
        with self.ctx.read() as s:
            return list(s.scalars(stmt.order_by(order, GridEvent.id.desc())))

    def count(self, f: EventFilter) -> int:
        return len(self.search_ids(f))

    def rows(self, ids: list[int]) -> list[EventRow]:
        """The register's lines for these ids (in this order), with the current light."""
        if not ids:
            return []
        now = clock.now()
        with self.ctx.read() as s:
            events = {
                e.id: e
                for e in s.scalars(
                    select(GridEvent)
                    .where(GridEvent.id.in_(ids), *self._visible())
                    .options(
                        selectinload(GridEvent.category),
                        selectinload(GridEvent.grid),
                        selectinload(GridEvent.place),
                        selectinload(GridEvent.reporter),
                        selectinload(GridEvent.handler),
                    )  # fmt: skip
                )
            }
            states = Loop(category_kind(None), self.ctx.actor).states(s, list(events))
            return [_row(events[i], states.get(i), now) for i in ids if i in events]

    def get(self, event_id: int) -> EventDetail:
        now = clock.now()
        with self.ctx.read() as s:
            e = self._get(s, event_id)
            kind = category_kind(e.category)
            loop = Loop(kind, self.ctx.actor)
            state = loop.state(s, e.id)
            w = event_window(e, state, kind)
            items = timeline(s, KIND_NAME, e.id, MOVE_LABELS)
            request_number = s.scalar(
                select(AssistanceRequest.number).where(AssistanceRequest.id == e.request_id)
            )
            dispute_number = s.scalar(select(DisputeEntry.number).where(DisputeEntry.id == e.dispute_id))
            moves = [m for m in kind.all_moves if not kind.refusal(m, e.status.value) and not kind.forbidden(
                m, self.ctx.actor.role)]  # fmt: skip
            return EventDetail(
                id=e.id, number=e.number, source=e.source, category_id=e.category_id, category=e.category.name,
                admit_rule=e.category.admit_rule, close_rule=e.category.close_rule, is_dispute=e.category.is_dispute,
                grid_id=e.grid_id, grid=f"{e.grid.code} {e.grid.name}", place_id=e.place_id,
                place=e.place.name if e.place else "", location=e.location, found_at=e.found_at,
                reporter_id=e.reporter_id, reporter=_name(e.reporter) or e.reporter_name,
                reporter_phone=e.reporter_phone, description=e.description, urgency=e.urgency, status=e.status,
                status_label=EVENT_STATUS_LABELS[e.status], handler_id=e.handler_id, handler=_name(e.handler),
                registered_at=e.registered_at, dispatched_at=e.dispatched_at, handled_at=e.handled_at,
                handling=e.handling, fed_back_at=e.fed_back_at, feedback=e.feedback, closed_at=e.closed_at,
                check_note=e.check_note, rejected_reason=e.rejected_reason, self_handled=e.self_handled,
                request_id=e.request_id, request_number=request_number or "", dispute_id=e.dispute_id,
                dispute_number=dispute_number or "", inspection_id=e.inspection_id, tip_ref=e.tip_ref,
                step=STEP_LABELS.get(w.step, "") if w else "", step_start=w.start if w else None,
                due=w.due if w else None, light=w.light(now) if w else Light.none,
                parked=bool(state and state.parked_at), park_reason=state.park_reason if state else "",
                asked_due=state.asked_due if state else None, asked_reason=state.asked_reason if state else "",
                photos=[PhotoItem(p.id, p.file_name, p.mime, len(p.data or b"")) for p in e.photos],
                timeline=items, moves=moves,
                open_supervisions=[i.id for i in items if i.move == "supervise" and i.reply is None],
            )  # fmt: skip

    def photo(self, photo_id: int) -> tuple[str, str, bytes]:
        """A photo's file name, type and bytes (for showing or saving)."""
        from policeroom.models import EventPhoto

        with self.ctx.read() as s:
            p = s.get(EventPhoto, photo_id)
            if p is None:
                raise NotFound("该照片不存在。")
            self._get(s, p.event_id)
            return p.file_name, p.mime, p.data

    def categories(self, include_archived: bool = False) -> list[tuple[int, str]]:
        with self.ctx.read() as s:
            stmt = select(EventCategory.id, EventCategory.name).order_by(
                EventCategory.sort_order, EventCategory.id
            )
            if not include_archived:
                stmt = stmt.where(EventCategory.archived.is_(False))
            return [(i, n) for i, n in s.execute(stmt)]

    def places_of(self, grid_id: int | None) -> list[tuple[int, str]]:
        with self.ctx.read() as s:
            stmt = (
                select(Place.id, Place.name, Place.address)
                .where(Place.archived.is_(False))
                .order_by(Place.name)
            )
            if grid_id is not None:
                stmt = stmt.where(Place.grid_id == grid_id)
            if self.ctx.actor.limited_to_grids:  # a grid worker picks among his grids' places only
                stmt = stmt.where(Place.grid_id.in_(self.ctx.actor.grid_ids))
            return [(i, f"{n}（{a}）" if a else n) for i, n, a in s.execute(stmt)]


def _match(term: str):  # noqa: ANN202 - a clause
    e = GridEvent
    return or_(
        contains(e.number, term), contains(e.description, term), contains(e.location, term),
        contains(e.reporter_name, term),
        e.category_id.in_(select(EventCategory.id).where(contains(EventCategory.name, term))),
        e.place_id.in_(select(Place.id).where(or_(contains(Place.name, term), contains(Place.address, term)))),
        e.reporter_id.in_(select(TeamMember.id).where(contains(TeamMember.name, term))),
        e.handler_id.in_(select(TeamMember.id).where(contains(TeamMember.name, term))),
    )  # fmt: skip


def _row(e: GridEvent, state: LoopState | None, now: datetime) -> EventRow:
    w = event_window(e, state)
    return EventRow(
        id=e.id, number=e.number, found_at=e.found_at, source=EVENT_SOURCE_LABELS[e.source],
        category=e.category.name, grid=e.grid.name, place=e.place.name if e.place else "",
        location=e.location, reporter=_name(e.reporter) or e.reporter_name, urgency=URGENCY_LABELS[e.urgency],
        status=e.status, status_label=EVENT_STATUS_LABELS[e.status], handler=_name(e.handler),
        step=STEP_LABELS.get(w.step, "") if w else "", due=w.due if w else None,
        light=w.light(now) if w else Light.none, self_handled=e.self_handled, description=e.description,
    )  # fmt: skip
