"""The closed-loop engine's own records (闭环): one timeline for every kind of matter, and each matter's clock.

A matter is named by ``(kind, matter_id)`` (e.g. ``("request", 17)`` for 群众求助 17): the engine serves
kinds whose rows live in different tables, so there is no foreign key to the matter itself.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from policeroom.models.base import Base


class LoopEvent(Base):
    """One move on a matter as it happened (办理经过): register, dispatch, 督办, 延期, 返工, 挂账 ...

    Append-only. ``step`` and ``on_time`` are set when the move finished a timed step (for 考核);
    ``handler_id`` is who was responsible for the matter at that moment (督办 received, 返工 ...).
    """

    __tablename__ = "loop_event"
    __label__ = "办理经过"
    __table_args__ = (
        Index("ix_loop_event_kind_matter", "kind", "matter_id"),
        Index("ix_loop_event_kind_move_at", "kind", "move", "at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), info={"label": "类型"})
    matter_id: Mapped[int] = mapped_column(Integer, info={"label": "事项"})
    move: Mapped[str] = mapped_column(String(20), info={"label": "操作"})
    from_status: Mapped[str | None] = mapped_column(String(20), info={"label": "原状态"})
    to_status: Mapped[str | None] = mapped_column(String(20), info={"label": "新状态"})
    actor: Mapped[str] = mapped_column(String(50), default="", info={"label": "操作人"})
    handler_id: Mapped[int | None] = mapped_column(
        ForeignKey("team_member.id"), index=True, info={"label": "责任人"}
    )
    at: Mapped[datetime] = mapped_column(DateTime, info={"label": "时间"})
    note: Mapped[str] = mapped_column(Text, default="", info={"label": "内容"})
    step: Mapped[str | None] = mapped_column(String(20), info={"label": "完成环节"})
    on_time: Mapped[bool | None] = mapped_column(Boolean, info={"label": "按期"})
    extra: Mapped[dict[str, Any] | None] = mapped_column(JSON, info={"label": "附加"})

    def audit_title(self) -> str:
        return f"{self.kind}#{self.matter_id} {self.move}"


class LoopState(Base):
    """The clock of one matter's current step: parked time, an approved or asked extension, a restart.

    A matter without a row runs on its kind's plain limits. The row is reset when the step changes.
    """

    __tablename__ = "loop_state"
    __label__ = "办理期限"
    __table_args__ = (UniqueConstraint("kind", "matter_id", name="uq_loop_state_kind_matter_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), info={"label": "类型"})
    matter_id: Mapped[int] = mapped_column(Integer, info={"label": "事项"})
    step: Mapped[str | None] = mapped_column(String(20), info={"label": "当前环节"})
    #: the step was restarted here (返工): it starts no earlier than this
    restart_at: Mapped[datetime | None] = mapped_column(DateTime, info={"label": "返工时间"})
    #: time spent parked (挂账) in this step, in seconds: start and due move later by as much
    parked_seconds: Mapped[int] = mapped_column(Integer, default=0, info={"label": "挂账时长（秒）"})
    parked_at: Mapped[datetime | None] = mapped_column(DateTime, info={"label": "挂账时间"})
    park_reason: Mapped[str] = mapped_column(String(200), default="", info={"label": "挂账原因"})
    #: the approved new due date minus the parked time at approval (later parking still moves it)
    extended_due: Mapped[datetime | None] = mapped_column(DateTime, info={"label": "延期后期限"})
    asked_due: Mapped[datetime | None] = mapped_column(DateTime, info={"label": "申请延期至"})
    asked_reason: Mapped[str] = mapped_column(String(200), default="", info={"label": "延期理由"})
    asked_at: Mapped[datetime | None] = mapped_column(DateTime, info={"label": "申请延期时间"})

    def audit_title(self) -> str:
        return f"{self.kind}#{self.matter_id} 期限"
