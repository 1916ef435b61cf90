"""Assistance requests (群众求助) and their closed loop: register → dispatch → handle → feedback → visit → close."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from policeroom.models.base import Base, Timestamps
from policeroom.models.people import Grid, Resident, TeamMember, str_enum


class Channel(str, enum.Enum):
    """How the request reached the room (方式)."""

    visit = "visit"
    phone = "phone"
    police_110 = "110"
    grid_report = "grid_report"
    other = "other"


CHANNEL_LABELS = {
    Channel.visit: "来访",
    Channel.phone: "电话",
    Channel.police_110: "110转警",
    Channel.grid_report: "网格员上报",
    Channel.other: "其他",
}


class Urgency(str, enum.Enum):
    """紧急程度."""

    normal = "normal"
    urgent = "urgent"
    critical = "critical"


URGENCY_LABELS = {Urgency.normal: "一般", Urgency.urgent: "紧急", Urgency.critical: "特急"}


class Status(str, enum.Enum):
    """Where the request stands in the closed loop."""

    registered = "registered"  # 已登记, waiting for dispatch
    dispatched = "dispatched"  # 已派遣, waiting for handling
    handling = "handling"  # 处置中
    fed_back = "fed_back"  # 已反馈, waiting for the follow-up visit
    visited = "visited"  # 已回访, ready to close
    closed = "closed"  # 已办结
    referred = "referred"  # 已转办 (to another department; closed for us)
    voided = "voided"  # 已作废


STATUS_LABELS = {
    Status.registered: "待派遣",
    Status.dispatched: "待处置",
    Status.handling: "处置中",
    Status.fed_back: "待回访",
    Status.visited: "待办结",
    Status.closed: "已办结",
    Status.referred: "已转办",
    Status.voided: "已作废",
}


class Satisfaction(str, enum.Enum):
    satisfied = "satisfied"
    fairly = "fairly"
    unsatisfied = "unsatisfied"


SATISFACTION_LABELS = {
    Satisfaction.satisfied: "满意",
    Satisfaction.fairly: "基本满意",
    Satisfaction.unsatisfied: "不满意",
}


class Counter(Base):
    """A running number per key (e.g. "QZ2026"), taken inside the saving transaction: never reused."""

    __tablename__ = "counter"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[int] = mapped_column(Integer, default=0)


class AssistanceRequest(Timestamps, Base):
    """One resident's request for help (群众求助)."""

    __tablename__ = "assistance_request"
    __label__ = "群众求助"
    __table_args__ = (
        UniqueConstraint("year", "seq", name="uq_assistance_request_year_seq"),
        Index("ix_assistance_request_status_received", "status", "received_at"),
        # Sortable list columns need an index each to stay fast at a million rows.
        Index("ix_assistance_request_requester_name", "requester_name"),
        Index("ix_assistance_request_channel", "channel"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True, info={"label": "编号"})
    year: Mapped[int] = mapped_column(Integer, info={"audit": False})
    seq: Mapped[int] = mapped_column(Integer, info={"audit": False})
    received_at: Mapped[datetime] = mapped_column(DateTime, index=True, info={"label": "求助时间"})
    channel: Mapped[Channel] = mapped_column(str_enum(Channel, "request_channel"), info={"label": "方式"})
    resident_id: Mapped[int | None] = mapped_column(ForeignKey("resident.id"), index=True, info={"label": "求助人"})
    requester_name: Mapped[str] = mapped_column(String(50), default="", info={"label": "求助人姓名"})
    requester_initials: Mapped[str] = mapped_column(String(50), default="", info={"audit": False})
    requester_phone: Mapped[str] = mapped_column(String(30), default="", info={"label": "联系电话"})
    requester_address: Mapped[str] = mapped_column(String(200), default="", info={"label": "住址"})
    anonymous: Mapped[bool] = mapped_column(Boolean, default=False, info={"label": "匿名"})
    anonymous_reason: Mapped[str] = mapped_column(String(200), default="", info={"label": "匿名原因"})
    occurred_at: Mapped[datetime | None] = mapped_column(DateTime, info={"label": "事发时间"})
    location: Mapped[str] = mapped_column(String(200), default="", info={"label": "事发地点"})
    grid_id: Mapped[int | None] = mapped_column(ForeignKey("grid.id"), index=True, info={"label": "网格"})
    category: Mapped[str] = mapped_column(String(30), index=True, info={"label": "类别"})
    urgency: Mapped[Urgency] = mapped_column(str_enum(Urgency, "request_urgency"), index=True, info={"label": "紧急程度"})
    description: Mapped[str] = mapped_column(Text, default="", info={"label": "求助事项"})
    receiver_id: Mapped[int | None] = mapped_column(ForeignKey("team_member.id"), info={"label": "接待人"})
    leader: Mapped[str] = mapped_column(String(50), default="", info={"label": "带班领导"})

    status: Mapped[Status] = mapped_column(str_enum(Status, "request_status"), index=True, info={"label": "状态"})
    assignee_id: Mapped[int | None] = mapped_column(
        ForeignKey("team_member.id"), index=True, info={"label": "处置人"}
    )
    dispatched_at: Mapped[datetime | None] = mapped_column(DateTime, info={"label": "派遣时间"})
    first_action_at: Mapped[datetime | None] = mapped_column(DateTime, info={"label": "开始处置时间"})
    feedback_at: Mapped[datetime | None] = mapped_column(DateTime, info={"label": "反馈时间"})
    feedback: Mapped[str] = mapped_column(Text, default="", info={"label": "反馈内容"})
    visit_due: Mapped[datetime | None] = mapped_column(DateTime, index=True, info={"label": "回访期限"})
    visited_at: Mapped[datetime | None] = mapped_column(DateTime, info={"label": "回访时间"})
    visit_method: Mapped[str] = mapped_column(String(20), default="", info={"label": "回访方式"})
    satisfaction: Mapped[Satisfaction | None] = mapped_column(
        str_enum(Satisfaction, "request_satisfaction"), info={"label": "满意度"}
    )
    visit_remarks: Mapped[str] = mapped_column(Text, default="", info={"label": "回访情况"})
    closed_at: Mapped[datetime | None] = mapped_column(DateTime, index=True, info={"label": "办结时间"})
    referred_to: Mapped[str] = mapped_column(String(60), default="", info={"label": "转办部门"})
    void_reason: Mapped[str] = mapped_column(String(200), default="", info={"label": "作废原因"})
    #: when the current step falls due (None once closed): indexed for the "overdue" filter
    step_due: Mapped[datetime | None] = mapped_column(DateTime, index=True, info={"audit": False})

    resident: Mapped[Resident | None] = relationship()
    grid: Mapped[Grid | None] = relationship()
    receiver: Mapped[TeamMember | None] = relationship(foreign_keys=[receiver_id])
    assignee: Mapped[TeamMember | None] = relationship(foreign_keys=[assignee_id])
    actions: Mapped[list[RequestAction]] = relationship(
        back_populates="request", order_by="RequestAction.at", cascade="all, delete-orphan"
    )

    def audit_title(self) -> str:
        return self.number


class RequestAction(Base):
    """One handling entry (处置记录): when, who, what was done."""

    __tablename__ = "request_action"
    __label__ = "处置记录"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("assistance_request.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime, info={"label": "处置时间"})
    member_id: Mapped[int | None] = mapped_column(ForeignKey("team_member.id"), info={"label": "处置人"})
    content: Mapped[str] = mapped_column(Text, info={"label": "处置情况"})

    request: Mapped[AssistanceRequest] = relationship(back_populates="actions")
    member: Mapped[TeamMember | None] = relationship()

    def audit_title(self) -> str:
        return f"处置记录 {self.at:%Y-%m-%d %H:%M}"
