"""The moves grid events gain from the loop engine: 督办 and its reply, 延期, 返工 at the check, 挂账/恢复."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from policeroom.errors import ValidationError
from policeroom.models import EventStatus, GridEvent
from policeroom.services.core import clock
from policeroom.services.gridwork.reader import EventReader
from policeroom.services.gridwork.shapes import category_kind, matter, refresh_due
from policeroom.services.loop.engine import Loop, Matter

CLOCK_SKEW = timedelta(minutes=5)


class EventOversight(EventReader):
    """督办 回复 延期 返工 挂账 恢复 for grid events (mixed into GridEventService)."""

    def _oversee(
        self, event_id: int, at: datetime | None, act: Callable[[Session, Loop, Matter, datetime], int]
    ) -> int:
        now = clock.now()
        at = at or now
        if at > now + CLOCK_SKEW:
            raise ValidationError("at", "时间不能晚于现在")
        with self.ctx.write() as s:
            e: GridEvent = self._get_for_write(s, event_id)
            kind = category_kind(e.category)
            loop = Loop(kind, self.ctx.actor)
            event_id = act(s, loop, matter(e), at)
            s.flush()
            refresh_due(e, loop.state(s, e.id), kind)
            return event_id

    def supervise(self, event_id: int, note: str, at: datetime | None = None) -> int:
        """督办 (officer only): press the handler of an open event."""
        return self._oversee(event_id, at, lambda s, loop, m, t: loop.supervise(s, m, note, t))

    def reply_supervision(
        self, event_id: int, supervise_id: int, text: str, at: datetime | None = None
    ) -> int:
        return self._oversee(event_id, at, lambda s, loop, m, t: loop.reply(s, m, supervise_id, text, t))

    def ask_extension(self, event_id: int, new_due: datetime, reason: str, at: datetime | None = None) -> int:
        """申请延期 for the current step (the officer approves)."""
        return self._oversee(event_id, at, lambda s, loop, m, t: loop.ask_extension(s, m, new_due, reason, t))

    def decide_extension(
        self, event_id: int, approve: bool, note: str = "", at: datetime | None = None
    ) -> int:
        """批准 / 不批准 延期 (officer only)."""
        return self._oversee(
            event_id, at, lambda s, loop, m, t: loop.decide_extension(s, m, approve, note, t)
        )

    def park(self, event_id: int, reason: str, at: datetime | None = None) -> int:
        """挂账: the clock stops (waiting for another department …)."""
        return self._oversee(event_id, at, lambda s, loop, m, t: loop.park(s, m, reason, t))

    def resume(self, event_id: int, note: str = "", at: datetime | None = None) -> int:
        return self._oversee(event_id, at, lambda s, loop, m, t: loop.resume(s, m, note, t))

    def rework(self, event_id: int, reason: str, at: datetime | None = None) -> int:
        """返工: the check fails; back to 处置 (then 反馈 and 核查 again)."""

        def act(s: Session, loop: Loop, m: Matter, t: datetime) -> int:
            event_id = loop.rework(s, m, reason, t)
            e = s.get(GridEvent, m.id)
            assert e is not None
            e.status = EventStatus.dispatched
            e.dispatched_at = e.dispatched_at or t
            return event_id

        return self._oversee(event_id, at, act)
