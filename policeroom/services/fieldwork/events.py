"""The seam to grid events (网格事件): a patrol's finding reported as an event in one click.

The events' own service (numbering, the loop, limits) belongs to the grid-events area; until this
branch meets it, a finding is written as an event in state 待立案 (reported) through the smallest
path: the house counter ``SJ{year}`` (``services.core.records.next_value``, the one numbering scheme)
and the loop's timeline entry ``report``. The merger replaces :func:`report_event` with a call to the
grid-events service; callers only need its signature.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from policeroom.errors import ValidationError
from policeroom.models import (
    EventCategory,
    EventSource,
    EventStatus,
    GridEvent,
    LoopEvent,
    TeamMember,
    Urgency,
)
from policeroom.services.core.context import Actor
from policeroom.services.core.records import next_value

KIND = "grid_event"


def event_categories(s: Session) -> list[tuple[int, str]]:
    """(id, name) of the categories in use, in their order."""
    rows = s.execute(
        select(EventCategory.id, EventCategory.name)
        .where(EventCategory.archived.is_(False))
        .order_by(EventCategory.sort_order, EventCategory.id)
    ).all()
    return [(i, n) for i, n in rows]


def report_event(
    s: Session,
    actor: Actor,
    *,
    grid_id: int,
    category_id: int,
    found_at: datetime,
    location: str,
    description: str,
    reporter_id: int | None,
    source: EventSource = EventSource.patrol,
) -> GridEvent:
    """A new grid event waiting for 立案, inside the caller's transaction."""
    if s.get(EventCategory, category_id) is None:
        raise ValidationError("category_id", "请选择事件类别")
    if not description.strip():
        raise ValidationError("description", "请填写发现的问题")
    year = found_at.year
    seq = next_value(s, f"SJ{year}")
    reporter = s.get(TeamMember, reporter_id) if reporter_id else None
    event = GridEvent(
        number=f"SJ{year}-{seq:06d}", year=year, seq=seq, source=source, category_id=category_id,
        grid_id=grid_id, location=location[:200], found_at=found_at, reporter_id=reporter_id,
        reporter_name=reporter.name if reporter else actor.name, description=description,
        urgency=Urgency.normal, status=EventStatus.reported,
    )  # fmt: skip
    s.add(event)
    s.flush()
    s.add(LoopEvent(kind=KIND, matter_id=event.id, move="report", from_status=None,
                    to_status=EventStatus.reported.value, actor=actor.name, at=found_at,
                    note=description[:500]))  # fmt: skip
    return event
