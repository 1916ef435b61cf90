"""The moves requests gain from the loop engine: 督办 and its reply, 延期, 返工 at the closing check, 挂账/恢复.

Each is one transaction: the request is loaded with the same visibility rule as every other write (grid
workers only their grid or their own assignments), the engine checks the move and the role, and the
request's indexed due date follows the engine's clock.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy.orm import Session

from policeroom.models import AssistanceRequest, Status
from policeroom.services.core import clock
from policeroom.services.core.pinyin import name_keys
from policeroom.services.loop.engine import Loop, Matter
from policeroom.services.requests.reader import RequestReader
from policeroom.services.requests.search import index_request
from policeroom.services.requests.shapes import _matter, _refresh_due, _rules

CLOCK_SKEW_SECONDS = 300


class RequestOversight(RequestReader):
    """督办 回复 延期 返工 挂账 恢复 for requests (mixed into RequestService)."""

    def _oversee(self, request_id: int, at: datetime | None, act: Callable[[Session, Loop, Matter], int]) -> int:
        now = clock.now()
        at = at or now
        if (at - now).total_seconds() > CLOCK_SKEW_SECONDS:
            from policeroom.errors import ValidationError

            raise ValidationError("at", "时间不能晚于现在")
        with self.ctx.write() as s:
            r: AssistanceRequest = self._get_for_write(s, request_id)
            rules = _rules(s)
            loop = self._loop(rules)
            event_id = act(s, loop, _matter(r, rules))
            s.flush()
            _refresh_due(r, rules, loop.state(s, r.id))
            return event_id

    def supervise(self, request_id: int, note: str, at: datetime | None = None) -> int:
        """督办 (officer only): press the handler of an open request; returns the 督办's id."""
        return self._oversee(request_id, at, lambda s, loop, m: loop.supervise(s, m, note, at or clock.now()))

    def reply_supervision(self, request_id: int, supervise_id: int, text: str, at: datetime | None = None) -> int:
        """回复督办: the handler answers one 督办 (what was done, when)."""
        return self._oversee(
            request_id, at, lambda s, loop, m: loop.reply(s, m, supervise_id, text, at or clock.now())
        )

    def ask_extension(self, request_id: int, new_due: datetime, reason: str, at: datetime | None = None) -> int:
        """申请延期 for the current step: a later due date and why."""
        return self._oversee(
            request_id, at, lambda s, loop, m: loop.ask_extension(s, m, new_due, reason, at or clock.now())
        )

    def decide_extension(self, request_id: int, approve: bool, note: str = "", at: datetime | None = None) -> int:
        """批准 / 不批准 the pending 延期 (officer only); a refusal needs a reason."""
        return self._oversee(
            request_id, at, lambda s, loop, m: loop.decide_extension(s, m, approve, note, at or clock.now())
        )

    def park(self, request_id: int, reason: str, at: datetime | None = None) -> int:
        """挂账: stop the clock (e.g. waiting for another department), with a reason."""
        return self._oversee(request_id, at, lambda s, loop, m: loop.park(s, m, reason, at or clock.now()))

    def resume(self, request_id: int, note: str = "", at: datetime | None = None) -> int:
        """恢复: the clock runs again; the due date moves later by the time parked."""
        return self._oversee(request_id, at, lambda s, loop, m: loop.resume(s, m, note, at or clock.now()))

    def rework(self, request_id: int, reason: str, at: datetime | None = None) -> int:
        """返工 at the closing check: instead of 办结, back to 处置 (then feedback and visit again)."""

        def act(s: Session, loop: Loop, m: Matter) -> int:
            event_id = loop.rework(s, m, reason, at or clock.now())
            r = s.get(AssistanceRequest, m.id)
            assert r is not None
            r.status = Status.handling
            index_request(s, r, name_keys(r.requester_name)[0] if r.requester_name else "")
            return event_id

        return self._oversee(request_id, at, act)
