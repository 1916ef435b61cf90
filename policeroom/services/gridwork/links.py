"""Links of grid events to other records: a request becomes an event, a 矛盾纠纷 event becomes a
screening-ledger entry, and the seam for tips (线索) — the tips module calls :meth:`EventLinks.from_tip`.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select

from policeroom.errors import ValidationError
from policeroom.models import (
    AssistanceRequest,
    EventCategory,
    EventSource,
    EventStatus,
    GridEvent,
    Risk,
    Urgency,
)
from policeroom.services.core import clock
from policeroom.services.gridwork.oversight import EventOversight
from policeroom.services.gridwork.shapes import category_kind, matter
from policeroom.services.gridwork.types import EventInput, PhotoInput
from policeroom.services.loop.engine import Loop
from policeroom.services.mediation.types import DisputeInput

_RISK_OF_URGENCY = {Urgency.normal: Risk.blue, Urgency.urgent: Risk.yellow, Urgency.critical: Risk.orange}


class EventLinks(EventOversight):
    """request → event, tip → event, 矛盾纠纷 event → 排查台账 (mixed into GridEventService)."""

    # -- into events --------------------------------------------------------------------------
    def draft_from_request(self, request_id: int) -> EventInput:
        """An event form filled from a request (来源 群众求助转来); the person checks it and saves."""
        with self.ctx.read() as s:
            r = s.get(AssistanceRequest, request_id)
            if r is None:
                raise ValidationError("request_id", "该求助不存在")
            if r.assignee_id is None or r.assignee_id != self.ctx.actor.member_id:
                self.ctx.actor.require_grid(r.grid_id)
            linked = s.scalar(select(GridEvent.number).where(GridEvent.request_id == request_id))
            if linked:
                raise ValidationError("request_id", f"该求助已转为网格事件 {linked}")
            return EventInput(
                source=EventSource.request, category_id=None, grid_id=r.grid_id, found_at=r.received_at,
                description=f"（由群众求助 {r.number} 转来）{r.description}", urgency=r.urgency,
                location=r.location or r.requester_address, reporter_id=self.ctx.actor.member_id,
                reporter_name="" if self.ctx.actor.member_id else self.ctx.actor.name, request_id=r.id,
            )  # fmt: skip

    def from_tip(
        self,
        tip_ref: str,
        data: EventInput,
        photos: list[PhotoInput] | None = None,
        now: datetime | None = None,
    ) -> int:
        """The tips module's seam: a verified clue (线索) becomes an event, 来源 举报转来, linked by its number.

        The tip's own record is not read here (it belongs to the tips module); ``tip_ref`` is kept on the
        event and shown on both sides.
        """
        tip_ref = (tip_ref or "").strip()
        if not tip_ref:
            raise ValidationError("tip_ref", "请填写线索编号")
        data.source, data.tip_ref = EventSource.tip, tip_ref
        now = now or clock.now()
        with self.ctx.write() as s:
            linked = s.scalar(select(GridEvent.number).where(GridEvent.tip_ref == tip_ref))
            if linked:
                raise ValidationError("tip_ref", f"该线索已转为网格事件 {linked}")
            return self.create_in(s, data, photos or [], now).id  # type: ignore[attr-defined]

    # -- out of events ------------------------------------------------------------------------
    def draft_dispute(self, event_id: int, dispute_types: list[str]) -> DisputeInput:
        """A screening-ledger entry filled from a 矛盾纠纷 event (the parties are added in the form)."""
        with self.ctx.read() as s:
            e = self._get(s, event_id)
            self._check_dispute(e)
            kind = next(
                (t for t in ("邻里", "邻里纠纷") if t in dispute_types),
                dispute_types[-1] if dispute_types else "",
            )
            return DisputeInput(
                screened_on=e.found_at.date(), dispute_type=kind, risk=_RISK_OF_URGENCY[e.urgency],
                summary=f"（网格事件 {e.number}）{e.description}", grid_id=e.grid_id,
                screener_id=e.reporter_id, occurred_at=e.found_at, location=e.location or (e.place.address if e.place else ""),
                owner_id=e.handler_id,
            )  # fmt: skip

    def to_dispute(self, event_id: int, data: DisputeInput, today: date | None = None) -> int:
        """转入矛盾纠纷排查台账: one transaction adds the entry and links it; the event's loop goes on."""
        from policeroom.services.mediation.disputes import DisputeService

        today = today or clock.today()
        with self.ctx.write() as s:
            e = self._get_for_write(s, event_id)
            self._check_dispute(e)
            entry = DisputeService(self.ctx).create_in(s, data, today)
            e.dispute_id = entry.id
            kind = category_kind(e.category)
            Loop(kind, self.ctx.actor).record(
                s, matter(e), "to_dispute", clock.now(), f"转入矛盾纠纷排查台账 {entry.number}"
            )
            return entry.id

    def _check_dispute(self, e: GridEvent) -> None:
        category: EventCategory = e.category
        if not category.is_dispute:
            raise ValidationError(
                "category_id", f"只有矛盾纠纷类事件可以转入排查台账（本事件为“{category.name}”）"
            )
        if e.dispute_id is not None:
            raise ValidationError("dispute_id", "该事件已转入矛盾纠纷排查台账")
        if e.status == EventStatus.rejected:
            raise ValidationError("status", "不立案的事件不能转入排查台账")
