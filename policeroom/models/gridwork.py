"""Grid work (网格工作): grid events run through the loop (网格事件), places and their inspections (巡查).

A grid event's number is ``SJ2026-000001`` from the house counter; its timeline lives in the loop
engine's ``loop_event`` (kind ``grid_event``). Categories, place kinds and their inspection items are
editable lists.
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from policeroom.models.base import Base, Timestamps
from policeroom.models.people import Grid, TeamMember, str_enum
from policeroom.models.requests import Urgency


class EventSource(str, enum.Enum):
    """来源 of a grid event."""

    patrol_check = "patrol_check"  # 网格员巡查
    snapshot = "snapshot"  # 居民随手拍
    tip = "tip"  # 举报转来
    assigned = "assigned"  # 上级交办
    patrol = "patrol"  # 巡防发现
    request = "request"  # 群众求助转来


EVENT_SOURCE_LABELS = {
    EventSource.patrol_check: "网格员巡查",
    EventSource.snapshot: "居民随手拍",
    EventSource.tip: "举报转来",
    EventSource.assigned: "上级交办",
    EventSource.patrol: "巡防发现",
    EventSource.request: "群众求助转来",
}


class EventStatus(str, enum.Enum):
    """Where a grid event stands in the loop."""

    reported = "reported"  # 待立案
    registered = "registered"  # 已立案, 待派遣
    dispatched = "dispatched"  # 待处置
    handled = "handled"  # 已处置, 待反馈
    fed_back = "fed_back"  # 已反馈, 待核查
    closed = "closed"  # 已结案 (核查通过, or 自行处置)
    rejected = "rejected"  # 不立案


EVENT_STATUS_LABELS = {
    EventStatus.reported: "待立案",
    EventStatus.registered: "待派遣",
    EventStatus.dispatched: "待处置",
    EventStatus.handled: "待反馈",
    EventStatus.fed_back: "待核查",
    EventStatus.closed: "已结案",
    EventStatus.rejected: "不立案",
}


class EventCategory(Timestamps, Base):
    """A category of grid event (治安隐患、消防隐患 …) with its 立案条件, 结案条件 and time limits.

    ``limits`` maps step -> urgency -> amount (in ``time_type``); a missing value falls back to the kind's
    default limits.
    """

    __tablename__ = "event_category"
    __label__ = "网格事件类别"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(30), unique=True, info={"label": "类别名称"})
    admit_rule: Mapped[str] = mapped_column(Text, default="", info={"label": "立案条件"})
    close_rule: Mapped[str] = mapped_column(Text, default="", info={"label": "结案条件"})
    time_type: Mapped[str] = mapped_column(String(20), default="working_hours", info={"label": "时限类型"})
    limits: Mapped[dict[str, Any] | None] = mapped_column(JSON, info={"label": "各环节时限"})
    sort_order: Mapped[int] = mapped_column(Integer, default=0, info={"label": "排序"})
    #: 矛盾纠纷: offers 转入矛盾纠纷排查台账
    is_dispute: Mapped[bool] = mapped_column(Boolean, default=False, info={"label": "矛盾纠纷类"})
    archived: Mapped[bool] = mapped_column(Boolean, default=False, info={"label": "已停用"})

    def audit_title(self) -> str:
        return self.name


class GridEvent(Timestamps, Base):
    """One grid event (网格事件): a hazard or matter found in a grid, run through the loop."""

    __tablename__ = "grid_event"
    __label__ = "网格事件"
    __table_args__ = (
        UniqueConstraint("year", "seq", name="uq_grid_event_year_seq"),
        Index("ix_grid_event_grid_found", "grid_id", "found_at"),
        Index("ix_grid_event_reporter_found", "reporter_id", "found_at"),
        Index("ix_grid_event_status_found", "status", "found_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True, info={"label": "编号"})
    year: Mapped[int] = mapped_column(Integer, info={"audit": False})
    seq: Mapped[int] = mapped_column(Integer, info={"audit": False})
    source: Mapped[EventSource] = mapped_column(
        str_enum(EventSource, "grid_event_source"), info={"label": "来源"}
    )
    category_id: Mapped[int] = mapped_column(
        ForeignKey("event_category.id"), index=True, info={"label": "类别"}
    )
    grid_id: Mapped[int] = mapped_column(ForeignKey("grid.id"), info={"label": "网格"})
    place_id: Mapped[int | None] = mapped_column(ForeignKey("place.id"), index=True, info={"label": "场所"})
    location: Mapped[str] = mapped_column(String(200), default="", info={"label": "地点"})
    found_at: Mapped[datetime] = mapped_column(DateTime, index=True, info={"label": "发现时间"})
    #: the team member who reported it (上报人); None when a resident reported it (随手拍)
    reporter_id: Mapped[int | None] = mapped_column(ForeignKey("team_member.id"), info={"label": "上报人"})
    reporter_name: Mapped[str] = mapped_column(String(50), default="", info={"label": "上报人姓名"})
    reporter_phone: Mapped[str] = mapped_column(String(30), default="", info={"label": "上报人电话"})
    description: Mapped[str] = mapped_column(Text, default="", info={"label": "描述"})
    urgency: Mapped[Urgency] = mapped_column(
        str_enum(Urgency, "grid_event_urgency"), info={"label": "紧急程度"}
    )

    status: Mapped[EventStatus] = mapped_column(
        str_enum(EventStatus, "grid_event_status"), index=True, info={"label": "状态"}
    )
    handler_id: Mapped[int | None] = mapped_column(
        ForeignKey("team_member.id"), index=True, info={"label": "处置人"}
    )
    registered_at: Mapped[datetime | None] = mapped_column(DateTime, info={"label": "立案时间"})
    dispatched_at: Mapped[datetime | None] = mapped_column(DateTime, info={"label": "派遣时间"})
    handled_at: Mapped[datetime | None] = mapped_column(DateTime, info={"label": "处置时间"})
    handling: Mapped[str] = mapped_column(Text, default="", info={"label": "处置情况"})
    fed_back_at: Mapped[datetime | None] = mapped_column(DateTime, info={"label": "反馈时间"})
    feedback: Mapped[str] = mapped_column(Text, default="", info={"label": "反馈内容"})
    closed_at: Mapped[datetime | None] = mapped_column(DateTime, index=True, info={"label": "结案时间"})
    check_note: Mapped[str] = mapped_column(Text, default="", info={"label": "核查意见"})
    rejected_reason: Mapped[str] = mapped_column(String(200), default="", info={"label": "不立案理由"})
    self_handled: Mapped[bool] = mapped_column(Boolean, default=False, info={"label": "自行处置"})
    #: when the current step falls due (None once finished): indexed for the "overdue" filter
    step_due: Mapped[datetime | None] = mapped_column(DateTime, index=True, info={"audit": False})

    #: links: the request it came from, the screening-ledger entry it became, the inspection it came from
    request_id: Mapped[int | None] = mapped_column(
        ForeignKey("assistance_request.id"), index=True, info={"label": "来自群众求助"}
    )
    dispute_id: Mapped[int | None] = mapped_column(
        ForeignKey("dispute_entry.id"), index=True, info={"label": "矛盾纠纷台账"}
    )
    inspection_id: Mapped[int | None] = mapped_column(
        ForeignKey("inspection.id"), index=True, info={"label": "来自巡查"}
    )
    #: a tip (线索) it came from: the tips module owns that table, so this is a plain reference
    tip_ref: Mapped[str] = mapped_column(String(40), default="", info={"label": "来自线索"})

    category: Mapped[EventCategory] = relationship()
    grid: Mapped[Grid] = relationship()
    place: Mapped[Place | None] = relationship()
    reporter: Mapped[TeamMember | None] = relationship(foreign_keys=[reporter_id])
    handler: Mapped[TeamMember | None] = relationship(foreign_keys=[handler_id])
    photos: Mapped[list[EventPhoto]] = relationship(
        back_populates="event", order_by="EventPhoto.id", cascade="all, delete-orphan"
    )

    def audit_title(self) -> str:
        return self.number


class EventPhoto(Base):
    """A photo of a grid event, kept in the database (one file, backed up with the rest)."""

    __tablename__ = "grid_event_photo"
    __label__ = "事件照片"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("grid_event.id", ondelete="CASCADE"), index=True)
    file_name: Mapped[str] = mapped_column(String(120), default="", info={"label": "文件名"})
    mime: Mapped[str] = mapped_column(String(40), default="image/jpeg", info={"label": "类型"})
    data: Mapped[bytes] = mapped_column(LargeBinary, info={"audit": False})
    added_at: Mapped[datetime] = mapped_column(DateTime, info={"label": "添加时间"})

    event: Mapped[GridEvent] = relationship(back_populates="photos")

    def audit_title(self) -> str:
        return f"照片 {self.file_name}"


class PlaceKind(Base):
    """A kind of place (出租屋、"三小"场所、企业、学校、重点部位 …), with its inspection checklist."""

    __tablename__ = "place_kind"
    __label__ = "场所类型"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(30), unique=True, info={"label": "类型名称"})
    sort_order: Mapped[int] = mapped_column(Integer, default=0, info={"label": "排序"})
    archived: Mapped[bool] = mapped_column(Boolean, default=False, info={"label": "已停用"})

    items: Mapped[list[InspectionItem]] = relationship(
        back_populates="place_kind", order_by="InspectionItem.sort_order, InspectionItem.id"
    )

    def audit_title(self) -> str:
        return self.name


class Frequency(str, enum.Enum):
    """How often an inspection item is due (巡查频次)."""

    weekly = "weekly"
    half_month = "half_month"
    monthly = "monthly"
    quarterly = "quarterly"
    half_year = "half_year"
    yearly = "yearly"


FREQUENCY_LABELS = {
    Frequency.weekly: "每周",
    Frequency.half_month: "每半月",
    Frequency.monthly: "每月",
    Frequency.quarterly: "每季度",
    Frequency.half_year: "每半年",
    Frequency.yearly: "每年",
}


class InspectionItem(Base):
    """One line of a place kind's checklist (巡查项目), with its frequency."""

    __tablename__ = "inspection_item"
    __label__ = "巡查项目"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    place_kind_id: Mapped[int] = mapped_column(
        ForeignKey("place_kind.id"), index=True, info={"label": "场所类型"}
    )
    text: Mapped[str] = mapped_column(String(100), info={"label": "巡查内容"})
    frequency: Mapped[Frequency] = mapped_column(
        str_enum(Frequency, "inspection_frequency"), info={"label": "频次"}
    )
    #: the event category a failed tick becomes (None: the inspector picks one)
    category_id: Mapped[int | None] = mapped_column(
        ForeignKey("event_category.id"), info={"label": "对应事件类别"}
    )
    sort_order: Mapped[int] = mapped_column(Integer, default=0, info={"label": "排序"})
    archived: Mapped[bool] = mapped_column(Boolean, default=False, info={"label": "已停用"})

    place_kind: Mapped[PlaceKind] = relationship(back_populates="items")

    def audit_title(self) -> str:
        return self.text


class Place(Timestamps, Base):
    """A place in a grid (场所): a rental, a "三小" shop, a firm, a school, a key site."""

    __tablename__ = "place"
    __label__ = "场所"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    grid_id: Mapped[int] = mapped_column(ForeignKey("grid.id"), index=True, info={"label": "网格"})
    kind_id: Mapped[int] = mapped_column(ForeignKey("place_kind.id"), index=True, info={"label": "场所类型"})
    name: Mapped[str] = mapped_column(String(60), info={"label": "名称"})
    address: Mapped[str] = mapped_column(String(200), default="", info={"label": "地址"})
    contact: Mapped[str] = mapped_column(String(50), default="", info={"label": "联系人"})
    phone: Mapped[str] = mapped_column(String(30), default="", info={"label": "联系电话"})
    notes: Mapped[str] = mapped_column(Text, default="", info={"label": "备注"})
    archived: Mapped[bool] = mapped_column(Boolean, default=False, info={"label": "已归档"})

    grid: Mapped[Grid] = relationship()
    kind: Mapped[PlaceKind] = relationship()

    def audit_title(self) -> str:
        return self.name


class Inspection(Timestamps, Base):
    """One inspection of a place (巡查记录): who, when, and the ticked items."""

    __tablename__ = "inspection"
    __label__ = "巡查记录"
    __table_args__ = (Index("ix_inspection_place_on", "place_id", "on_date"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    place_id: Mapped[int] = mapped_column(ForeignKey("place.id"), info={"label": "场所"})
    inspector_id: Mapped[int | None] = mapped_column(
        ForeignKey("team_member.id"), index=True, info={"label": "巡查人"}
    )
    on_date: Mapped[date] = mapped_column(Date, index=True, info={"label": "巡查日期"})
    at: Mapped[datetime] = mapped_column(DateTime, info={"label": "巡查时间"})
    notes: Mapped[str] = mapped_column(Text, default="", info={"label": "情况说明"})

    place: Mapped[Place] = relationship()
    inspector: Mapped[TeamMember | None] = relationship()
    ticks: Mapped[list[InspectionTick]] = relationship(
        back_populates="inspection", order_by="InspectionTick.id", cascade="all, delete-orphan"
    )

    def audit_title(self) -> str:
        return f"巡查 {self.on_date:%Y-%m-%d}"


class InspectionTick(Base):
    """One item of an inspection: 合格 or 不合格 with a note; a failed item may become a grid event."""

    __tablename__ = "inspection_tick"
    __label__ = "巡查项目结果"
    __table_args__ = (UniqueConstraint("inspection_id", "item_id", name="uq_inspection_tick_inspection_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    inspection_id: Mapped[int] = mapped_column(ForeignKey("inspection.id", ondelete="CASCADE"), index=True)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("inspection_item.id"), index=True, info={"label": "巡查项目"}
    )
    ok: Mapped[bool] = mapped_column(Boolean, info={"label": "合格"})
    note: Mapped[str] = mapped_column(String(200), default="", info={"label": "问题说明"})
    event_id: Mapped[int | None] = mapped_column(ForeignKey("grid_event.id"), info={"label": "转为网格事件"})

    inspection: Mapped[Inspection] = relationship(back_populates="ticks")
    item: Mapped[InspectionItem] = relationship()

    def audit_title(self) -> str:
        return f"巡查项目结果#{self.id}"
