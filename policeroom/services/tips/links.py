"""A tip's matter → 网格事件 (转为网格事件): through the grid events' own seam ``from_tip``.

Only the matter crosses: the subject, the place, the grid, when it happened and what it is about. The
tipster (identity, phone, contact, 匿名 or not, the query code) never does: the event's reporter is the
officer or staff member who turns it over, and the event keeps the tip's number only.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from policeroom.errors import ValidationError
from policeroom.models import EventSource, GridEvent, Urgency
from policeroom.services.core import clock
from policeroom.services.core.context import ServiceContext
from policeroom.services.gridwork.events import DESCRIPTION_LIMIT, GridEventService
from policeroom.services.gridwork.types import EventInput
from policeroom.services.tips.rules import STATUS_LABELS, require_desk
from policeroom.services.tips.shapes import get_tip

#: a tip turns into an event once accepted, while its matter is still live
CONVERTIBLE = ("accepted", "checking", "verified", "handled", "no_reward", "assessed", "approved", "notified",
               "claimed", "lapsed")  # fmt: skip


class TipLinks:
    ctx: ServiceContext

    def event_of(self, tip_id: int) -> str:
        """The number of the grid event this tip became ("" when none)."""
        with self.ctx.read() as s:
            t = get_tip(s, self.ctx.actor, tip_id)
            return s.scalar(select(GridEvent.number).where(GridEvent.tip_ref == t.number)) or ""

    def to_grid_event(
        self, tip_id: int, category_id: int | None, grid_id: int | None = None,
        urgency: Urgency = Urgency.normal, now: datetime | None = None,
    ) -> str:  # fmt: skip
        """转为网格事件 (officer, staff): returns the event's number (SJ2026-000001)."""
        require_desk(self.ctx.actor, "把线索转为网格事件")
        now = now or clock.now()
        with self.ctx.read() as s:
            t = get_tip(s, self.ctx.actor, tip_id)
            if t.status not in CONVERTIBLE:
                raise ValidationError("status", f"“{STATUS_LABELS.get(t.status, t.status)}”的线索不能转为网格事件")
            number, matter = t.number, _matter(t.subject, t.place, t.content)
            found = min(t.occurred_at or t.received_at, now)
            place, tip_grid = t.place, t.grid_id
        data = EventInput(
            EventSource.tip, category_id, grid_id if grid_id is not None else tip_grid, found,
            f"（由举报线索 {number} 转来）{matter}"[:DESCRIPTION_LIMIT], urgency=urgency, location=place[:200],
            reporter_id=self.ctx.actor.member_id, reporter_name="" if self.ctx.actor.member_id else self.ctx.actor.name,
        )  # fmt: skip
        event_id = GridEventService(self.ctx).from_tip(number, data, now=now)
        with self.ctx.read() as s:
            return s.get(GridEvent, event_id).number


def _matter(subject: str, place: str, content: str) -> str:
    parts = [f"被举报对象：{subject}" if subject else "", f"地点：{place}" if place else "", content.strip()]
    return "；".join(p for p in parts if p)
