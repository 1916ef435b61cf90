"""Bulk read of 网格事件 for the Excel ledger (网格事件台账): one joined query, plain tuples, no ORM rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import aliased

from policeroom.models import (
    EVENT_SOURCE_LABELS,
    EVENT_STATUS_LABELS,
    URGENCY_LABELS,
    EventCategory,
    Grid,
    GridEvent,
    Place,
    TeamMember,
)
from policeroom.services.core import clock
from policeroom.services.gridwork.reader import EventReader
from policeroom.services.gridwork.types import EventFilter


@dataclass(frozen=True)
class LedgerColumn:
    header: str
    width: float


COLUMNS = (
    LedgerColumn("编号", 16), LedgerColumn("发现时间", 17), LedgerColumn("来源", 12), LedgerColumn("类别", 10),
    LedgerColumn("网格", 14), LedgerColumn("场所", 16), LedgerColumn("地点", 20), LedgerColumn("上报人", 10),
    LedgerColumn("紧急程度", 8), LedgerColumn("描述", 36), LedgerColumn("状态", 8), LedgerColumn("处置人", 10),
    LedgerColumn("立案时间", 17), LedgerColumn("派遣时间", 17), LedgerColumn("处置时间", 17),
    LedgerColumn("处置情况", 30), LedgerColumn("反馈时间", 17), LedgerColumn("反馈内容", 30),
    LedgerColumn("结案时间", 17), LedgerColumn("核查意见", 20), LedgerColumn("不立案理由", 20),
    LedgerColumn("自行处置", 8), LedgerColumn("当前环节期限", 17), LedgerColumn("超期", 6),
)  # fmt: skip


def ledger_rows(reader: EventReader, f: EventFilter) -> list[list[object]]:
    """The matching events (as the actor may see them), oldest first, one list of values per row."""
    ids = reader.search_ids(f, sort="found_at", descending=False)
    now = clock.now()
    e = GridEvent
    reporter, handler = aliased(TeamMember), aliased(TeamMember)
    out: list[list[object]] = []
    with reader.ctx.read() as s:
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            stmt = (
                select(e.id, e.number, e.found_at, e.source, EventCategory.name, Grid.code, Grid.name, Place.name,
                       e.location, reporter.name, e.reporter_name, e.urgency, e.description, e.status, handler.name,
                       e.registered_at, e.dispatched_at, e.handled_at, e.handling, e.fed_back_at, e.feedback,
                       e.closed_at, e.check_note, e.rejected_reason, e.self_handled, e.step_due)
                .join(EventCategory, e.category_id == EventCategory.id).join(Grid, e.grid_id == Grid.id)
                .outerjoin(Place, e.place_id == Place.id).outerjoin(reporter, e.reporter_id == reporter.id)
                .outerjoin(handler, e.handler_id == handler.id).where(e.id.in_(chunk))
            )  # fmt: skip
            rows = {r[0]: r for r in s.execute(stmt)}
            for event_id in chunk:
                r = rows.get(event_id)
                if r is not None:
                    out.append(_line(r, now))
    return out


def _line(r: tuple, now: datetime) -> list[object]:
    (_id, number, found, source, category, gcode, gname, place, location, rep, rep_name, urgency, desc, status,
     handler, registered, dispatched, handled, handling, fed_back_at, feedback, closed, check, rejected, selfh,
     due) = r  # fmt: skip
    return [
        number, found, EVENT_SOURCE_LABELS[source], category, f"{gcode} {gname}", place or "", location or "",
        rep or rep_name or "", URGENCY_LABELS[urgency], desc, EVENT_STATUS_LABELS[status], handler or "",
        registered, dispatched, handled, handling, fed_back_at, feedback, closed, check, rejected,
        "是" if selfh else "", due, "超期" if due is not None and due < now else "",
    ]  # fmt: skip
