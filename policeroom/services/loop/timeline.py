"""Reading the timeline back (办理经过) and counting it for 考核: 督办, 返工, 延期, steps on time and late."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Select, case, func, select
from sqlalchemy.orm import Session

from policeroom.models import LoopEvent
from policeroom.services.loop.moves import (
    APPROVE_EXTENSION,
    ASK_EXTENSION,
    PARK,
    REPLY,
    REWORK,
    SHARED_LABELS,
    SUPERVISE,
)


@dataclass(frozen=True)
class TimelineItem:
    """One event as the detail screen shows it."""

    id: int
    at: datetime
    move: str
    label: str
    actor: str
    note: str
    from_status: str | None
    to_status: str | None
    extra: Mapping[str, Any] = field(default_factory=dict)
    #: for a 督办: its reply (text, time) once answered
    reply: tuple[str, datetime] | None = None


@dataclass
class MatterCounts:
    """督办 / 返工 / 延期 / 挂账 of one matter."""

    supervised: int = 0
    unanswered: int = 0
    reworked: int = 0
    extension_asked: int = 0
    extended: int = 0
    parked: int = 0


@dataclass
class HandlerCounts:
    """What 考核 counts per handler (the matter's responsible team member at the time)."""

    steps_on_time: int = 0
    steps_late: int = 0
    supervised: int = 0
    reworked: int = 0
    extended: int = 0


def timeline(s: Session, kind: str, matter_id: int, labels: Mapping[str, str]) -> list[TimelineItem]:
    """The matter's events in the order they happened; ``labels`` names the kind's own moves."""
    events = list(
        s.scalars(
            select(LoopEvent)
            .where(LoopEvent.kind == kind, LoopEvent.matter_id == matter_id)
            .order_by(LoopEvent.at, LoopEvent.id)
        )
    )
    replies = {
        int(e.extra["reply_to"]): (e.note, e.at) for e in events if e.move == REPLY and e.extra and "reply_to" in e.extra
    }
    names = {**SHARED_LABELS, **labels}
    return [
        TimelineItem(
            e.id, e.at, e.move, names.get(e.move, e.move), e.actor, e.note, e.from_status, e.to_status,
            e.extra or {}, replies.get(e.id) if e.move == SUPERVISE else None,
        )  # fmt: skip
        for e in events
    ]


def matter_counts(items: list[TimelineItem]) -> MatterCounts:
    c = MatterCounts()
    for e in items:
        if e.move == SUPERVISE:
            c.supervised += 1
            c.unanswered += e.reply is None
        elif e.move == REWORK:
            c.reworked += 1
        elif e.move == ASK_EXTENSION:
            c.extension_asked += 1
        elif e.move == APPROVE_EXTENSION:
            c.extended += 1
        elif e.move == PARK:
            c.parked += 1
    return c


def handler_counts(s: Session, kind: str, matter_ids: Select) -> dict[int, HandlerCounts]:
    """Per handler, over the matters ``matter_ids`` selects: steps on time / late, 督办, 返工, 延期."""

    def n(cond: Any) -> Any:  # noqa: ANN401
        return func.sum(case((cond, 1), else_=0))

    stmt = (
        select(
            LoopEvent.handler_id,
            n(LoopEvent.on_time.is_(True)),
            n(LoopEvent.on_time.is_(False)),
            n(LoopEvent.move == SUPERVISE),
            n(LoopEvent.move == REWORK),
            n(LoopEvent.move == APPROVE_EXTENSION),
        )
        .where(LoopEvent.kind == kind, LoopEvent.matter_id.in_(matter_ids), LoopEvent.handler_id.is_not(None))
        .group_by(LoopEvent.handler_id)
    )
    return {
        hid: HandlerCounts(int(a or 0), int(b or 0), int(c or 0), int(d or 0), int(e or 0))
        for hid, a, b, c, d, e in s.execute(stmt)
    }
