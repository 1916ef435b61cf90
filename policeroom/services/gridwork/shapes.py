"""Shaping grid events for the engine and the screens: numbers, the engine's Matter, due dates, rows."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from policeroom.models import EventCategory, EventStatus, GridEvent, LoopState
from policeroom.services.core.records import next_value
from policeroom.services.gridwork.kind import kind_for
from policeroom.services.loop.engine import Matter
from policeroom.services.loop.engine import window as loop_window
from policeroom.services.loop.kinds import Kind
from policeroom.services.loop.lights import Window

PREFIX = "SJ"


def event_number(year: int, seq: int) -> str:
    return f"{PREFIX}{year}-{seq:06d}"


def next_seq(s: Session, year: int) -> int:
    """The year's next event number, taken inside the saving transaction (one counter per year)."""
    return next_value(s, f"{PREFIX}{year}")


def category_kind(category: EventCategory | None) -> Kind:
    if category is None:
        return kind_for(None, None)
    return kind_for(category.time_type, category.limits)


def step_start(e: GridEvent) -> datetime | None:
    """When the event's current step started by its own dates (before 返工 and 挂账)."""
    return {
        EventStatus.reported: e.found_at,
        EventStatus.registered: e.registered_at,
        EventStatus.dispatched: e.dispatched_at,
        EventStatus.handled: e.handled_at,
        EventStatus.fed_back: e.fed_back_at,
    }.get(e.status)


def matter(e: GridEvent) -> Matter:
    return Matter(e.id, e.status.value, e.urgency.value, e.handler_id, step_start(e))


def event_window(e: GridEvent, state: LoopState | None, kind: Kind | None = None) -> Window | None:
    kind = kind or category_kind(e.category)
    return loop_window(kind, matter(e), state)


def refresh_due(e: GridEvent, state: LoopState | None, kind: Kind | None = None) -> None:
    """Keep the indexed due date of the current step (None once finished or while parked)."""
    w = event_window(e, state, kind)
    e.step_due = None if w is None or w.parked_at is not None else w.due
