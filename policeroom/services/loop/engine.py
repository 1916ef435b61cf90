"""The engine: a matter's window (due date after 返工, 延期 and 挂账), and the moves every kind shares.

It works inside the kind service's transaction (the session is passed in), so each move is audited with
the rest of the change and rolls back with it. The kind service loads its row, checks who may see it,
and hands the engine a :class:`Matter`: the engine never reads the kind's tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from policeroom.errors import PermissionDenied, ValidationError
from policeroom.models import LoopEvent, LoopState
from policeroom.services.core.context import Actor
from policeroom.services.loop.kinds import Kind, Limits
from policeroom.services.loop.lights import Window
from policeroom.services.loop.moves import (
    APPROVE_EXTENSION,
    ASK_EXTENSION,
    DESK,
    PARK,
    REFUSE_EXTENSION,
    REPLY,
    RESUME,
    REWORK,
    SUPERVISE,
)
from policeroom.services.loop.timing import TimeType

NOTE_LIMIT = 500


@dataclass(frozen=True)
class Matter:
    """What the engine needs of one matter of a kind, as the kind service read it.

    ``start`` is when the current step started by the kind's own rule (before 返工 and 挂账).
    """

    id: int
    status: str
    grade: str
    handler_id: int | None
    start: datetime | None


class Loop:
    """The engine for one kind, acting for one person, with the limits as configured now."""

    def __init__(self, kind: Kind, actor: Actor, limits: Limits | None = None) -> None:
        self.kind = kind
        self.actor = actor
        self.limits = limits

    # -- the clock -------------------------------------------------------------------------
    def state(self, s: Session, matter_id: int) -> LoopState | None:
        return s.scalar(select(LoopState).where(LoopState.kind == self.kind.name, LoopState.matter_id == matter_id))

    def states(self, s: Session, matter_ids: list[int]) -> dict[int, LoopState]:
        """The clocks of many matters (one query per 500)."""
        out: dict[int, LoopState] = {}
        for i in range(0, len(matter_ids), 500):
            chunk = matter_ids[i : i + 500]
            for st in s.scalars(
                select(LoopState).where(LoopState.kind == self.kind.name, LoopState.matter_id.in_(chunk))
            ):
                out[st.matter_id] = st
        return out

    def _own_state(self, s: Session, m: Matter) -> LoopState:
        st = self.state(s, m.id)
        if st is None:
            st = LoopState(kind=self.kind.name, matter_id=m.id, step=self.kind.step_of(m.status), parked_seconds=0)
            s.add(st)
        return st

    def window(self, m: Matter, state: LoopState | None) -> Window | None:
        return window(self.kind, m, state, self.limits)

    def settle(self, s: Session, m: Matter) -> None:
        """After the kind moved the matter: a new step starts with a clean clock."""
        st = self.state(s, m.id)
        step = self.kind.step_of(m.status)
        if st is not None and st.step != step:
            st.step = step
            st.restart_at = None
            st.parked_seconds = 0
            st.parked_at = None
            st.park_reason = ""
            st.extended_due = None
            _clear_ask(st)

    # -- checks and events -------------------------------------------------------------------
    def check(self, s: Session, m: Matter, move: str, state: LoopState | None = None) -> None:
        """Refuse ``move`` with a Chinese reason: not from this status, not for this role, or parked."""
        why = self.kind.forbidden(move, self.actor.role)
        if why:
            raise PermissionDenied(why)
        why = self.kind.refusal(move, m.status)
        if why:
            raise ValidationError("status", why)
        definition = self.kind.all_moves[move]
        if not definition.side and move != "void":
            self.require_running(s, m, definition.label, state)

    def require_running(self, s: Session, m: Matter, label: str, state: LoopState | None = None) -> None:
        """A parked matter takes no step of the loop until it is resumed (作废 aside)."""
        st = state if state is not None else self.state(s, m.id)
        if st is not None and st.parked_at is not None and st.step == self.kind.step_of(m.status):
            raise ValidationError("status", f"该{self.kind.label}已挂账（{st.park_reason}），请先恢复再{label}。")

    def record(
        self,
        s: Session,
        m: Matter,
        move: str,
        at: datetime,
        note: str = "",
        *,
        to_status: str | None = None,
        window: Window | None = None,
        extra: dict[str, Any] | None = None,
    ) -> LoopEvent:
        """Add one event to the timeline. ``window`` (the step before the move) marks a finished step."""
        step = on_time = None
        if window is not None and to_status is not None and to_status != m.status and move != "void":
            step = window.step
            on_time = window.due is None or at <= window.due
        event = LoopEvent(
            kind=self.kind.name, matter_id=m.id, move=move, from_status=m.status, to_status=to_status or m.status,
            actor=self.actor.name, handler_id=m.handler_id, at=at, note=note[:2000], step=step, on_time=on_time,
            extra=extra or None,
        )  # fmt: skip
        s.add(event)
        s.flush()
        return event

    # -- the moves every kind has ------------------------------------------------------------
    def supervise(self, s: Session, m: Matter, note: str, at: datetime) -> int:
        """督办: the officer presses the handler; the light at that moment is kept with it."""
        self.check(s, m, SUPERVISE)
        note = _required(note, "supervise_note", "请填写督办要求")
        window = self.window(m, self.state(s, m.id))
        extra = {"light": window.light(at).value, "due": _iso(window.due)} if window else {}
        return self.record(s, m, SUPERVISE, at, note, extra=extra).id

    def reply(self, s: Session, m: Matter, supervise_id: int, text: str, at: datetime) -> int:
        """回复督办: the handler (or the desk) answers one 督办."""
        self.check(s, m, REPLY)
        if self.actor.member_id != m.handler_id and self.actor.role not in DESK:
            raise PermissionDenied("只有处置人或社区民警、工作人员可以回复督办。")
        pressed = s.get(LoopEvent, supervise_id)
        if pressed is None or pressed.move != SUPERVISE or (pressed.kind, pressed.matter_id) != (self.kind.name, m.id):
            raise ValidationError("supervise_id", "请选择要回复的督办")
        if supervise_id in self.replied(s, m.id):
            raise ValidationError("supervise_id", "这次督办已经回复过了")
        text = _required(text, "reply", "请填写回复内容")
        if at < pressed.at:
            raise ValidationError("reply_at", f"回复时间不能早于督办时间（{pressed.at:%Y-%m-%d %H:%M}）")
        return self.record(s, m, REPLY, at, text, extra={"reply_to": supervise_id}).id

    def replied(self, s: Session, matter_id: int) -> set[int]:
        """Ids of the 督办 of this matter that have a reply."""
        extras = s.scalars(
            select(LoopEvent.extra).where(
                LoopEvent.kind == self.kind.name, LoopEvent.matter_id == matter_id, LoopEvent.move == REPLY
            )
        )
        return {int(e["reply_to"]) for e in extras if e and "reply_to" in e}

    def ask_extension(self, s: Session, m: Matter, new_due: datetime, reason: str, at: datetime) -> int:
        """申请延期: the handler asks for a later due date for the current step, with a reason."""
        self.check(s, m, ASK_EXTENSION)
        st = self._own_state(s, m)
        window = self.window(m, st)
        if window is None or window.due is None:
            raise ValidationError("status", "当前环节没有期限，无需延期。")
        if st.parked_at is not None:
            raise ValidationError("status", "已挂账的事项不计时，无需延期。")
        if st.asked_due is not None:
            raise ValidationError("status", "已有一个延期申请等待审批。")
        reason = _required(reason, "extension_reason", "请填写延期理由", REASON_LIMIT)
        if new_due <= window.due:
            raise ValidationError("new_due", f"新的期限应晚于现在的期限（{window.due:%Y-%m-%d %H:%M}）")
        if new_due <= at:
            raise ValidationError("new_due", "新的期限应晚于现在")
        st.asked_due, st.asked_reason, st.asked_at = new_due, reason, at
        note = f"申请延期至{new_due:%Y-%m-%d %H:%M}：{reason}"
        return self.record(s, m, ASK_EXTENSION, at, note, extra={"due": _iso(new_due), "old_due": _iso(window.due)}).id

    def decide_extension(self, s: Session, m: Matter, approve: bool, note: str, at: datetime) -> int:
        """批准 / 不批准延期 (officer). On approval the step falls due on the asked date."""
        move = APPROVE_EXTENSION if approve else REFUSE_EXTENSION
        self.check(s, m, move)
        st = self.state(s, m.id)
        if st is None or st.asked_due is None:
            raise ValidationError("status", "没有待审批的延期申请。")
        note = note.strip()
        if not approve:
            note = _required(note, "decision_note", "请填写不批准的理由")
        asked = st.asked_due
        if approve:
            st.extended_due = asked - timedelta(seconds=st.parked_seconds or 0)
        _clear_ask(st)
        text = (f"批准延期至{asked:%Y-%m-%d %H:%M}" if approve else f"不批准延期至{asked:%Y-%m-%d %H:%M}") + (
            f"：{note}" if note else ""
        )
        return self.record(s, m, move, at, text, extra={"due": _iso(asked)}).id

    def park(self, s: Session, m: Matter, reason: str, at: datetime) -> int:
        """挂账: the clock stops (e.g. waiting for another department) until 恢复."""
        self.check(s, m, PARK)
        st = self._own_state(s, m)
        if st.parked_at is not None:
            raise ValidationError("status", f"该{self.kind.label}已经挂账。")
        reason = _required(reason, "park_reason", "请填写挂账原因", REASON_LIMIT)
        st.parked_at, st.park_reason = at, reason
        return self.record(s, m, PARK, at, reason).id

    def resume(self, s: Session, m: Matter, note: str, at: datetime) -> int:
        """恢复: the clock runs again; start and due move later by the time parked."""
        self.check(s, m, RESUME)
        st = self.state(s, m.id)
        if st is None or st.parked_at is None:
            raise ValidationError("status", f"该{self.kind.label}没有挂账。")
        if at < st.parked_at:
            raise ValidationError("resume_at", f"恢复时间不能早于挂账时间（{st.parked_at:%Y-%m-%d %H:%M}）")
        seconds = int((at - st.parked_at).total_seconds())
        st.parked_seconds = (st.parked_seconds or 0) + seconds
        st.parked_at, st.park_reason = None, ""
        hours = seconds / 3600
        text = f"恢复计时（挂账{hours:.1f}小时）" + (f"：{note.strip()}" if note.strip() else "")
        return self.record(s, m, RESUME, at, text, extra={"parked_seconds": seconds}).id

    def rework(self, s: Session, m: Matter, reason: str, at: datetime) -> int:
        """返工: the closing check sends the matter back (the kind sets its status); the step restarts now."""
        self.check(s, m, REWORK)
        reason = _required(reason, "rework_reason", "请填写返工原因")
        target = self.kind.rework_to
        assert target is not None  # REWORK exists only for kinds with a closing check
        st = self._own_state(s, m)
        st.step = self.kind.step_of(target)
        st.restart_at = at
        st.parked_seconds, st.parked_at, st.park_reason, st.extended_due = 0, None, "", None
        _clear_ask(st)
        return self.record(s, m, REWORK, at, reason, to_status=target).id


def window(kind: Kind, m: Matter, state: LoopState | None, limits: Limits | None = None) -> Window | None:
    """The current step's start and due date, after 返工 (restart), 延期 and 挂账 (both shifted)."""
    step = kind.step_of(m.status)
    if step is None or m.start is None:
        return None
    st = state if state is not None and state.step == step else None
    start = m.start
    if st is not None and st.restart_at is not None and st.restart_at > start:
        start = st.restart_at
    due = kind.due(step, m.grade, start, limits)
    parked_at = None
    if st is not None:
        if st.extended_due is not None:
            due = st.extended_due
        shift = timedelta(seconds=st.parked_seconds or 0)
        start += shift
        due = due + shift if due is not None else None
        parked_at = st.parked_at
    return Window(step, start, due, kind.time_types.get(step, TimeType.calendar_hours), parked_at)


def _clear_ask(st: LoopState) -> None:
    st.asked_due, st.asked_reason, st.asked_at = None, "", None


def _required(text: str, field: str, message: str, limit: int = NOTE_LIMIT) -> str:
    """The text trimmed; refused (never cut) when empty or longer than ``limit``."""
    text = (text or "").strip()
    if not text:
        raise ValidationError(field, message)
    if len(text) > limit:
        raise ValidationError(field, f"不能超过{limit}个字（现在{len(text)}个字），请精简后再保存")
    return text


#: 延期理由 and 挂账原因 are kept on the loop state (String(200)) as well as in the event's note
REASON_LIMIT = 200


def _iso(value: datetime | None) -> str | None:
    return value.isoformat(sep=" ", timespec="minutes") if value else None
