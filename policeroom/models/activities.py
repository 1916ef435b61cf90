"""Volunteer activities (志愿服务活动), participations, the hours and points ledgers, rewards and certificates.

The two ledgers (时长台账, 积分台账) share one shape (:class:`LedgerEntry`): entries are appended, never
updated or deleted; each has a unique operation key, the balance after it and who made it; a mistake is
corrected by a reversing entry that names the entry it reverses.
"""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship

from policeroom.models.base import Base, Timestamps
from policeroom.models.people import Grid, TeamMember, str_enum


class ActivityStatus(str, enum.Enum):
    planned = "planned"
    running = "running"
    finished = "finished"
    cancelled = "cancelled"


ACTIVITY_STATUS_LABELS = {
    ActivityStatus.planned: "计划",
    ActivityStatus.running: "进行中",
    ActivityStatus.finished: "已结束",
    ActivityStatus.cancelled: "已取消",
}


class PartStatus(str, enum.Enum):
    """Where one person's participation stands (报名 → 录用 → 签到 → 签退 → 待确认 → 已确认)."""

    applied = "applied"
    accepted = "accepted"
    rejected = "rejected"
    signed_in = "signed_in"
    signed_out = "signed_out"
    pending = "pending"
    confirmed = "confirmed"
    absent = "absent"
    voided = "voided"


PART_STATUS_LABELS = {
    PartStatus.applied: "已报名",
    PartStatus.accepted: "已录用",
    PartStatus.rejected: "未录用",
    PartStatus.signed_in: "已签到",
    PartStatus.signed_out: "已签退",
    PartStatus.pending: "待确认",
    PartStatus.confirmed: "已确认",
    PartStatus.absent: "缺席",
    PartStatus.voided: "已作废",
}


class Activity(Timestamps, Base):
    """One volunteer activity (志愿服务活动)."""

    __tablename__ = "activity"
    __label__ = "志愿服务活动"
    __table_args__ = (UniqueConstraint("year", "seq", name="uq_activity_year_seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True, info={"label": "活动编号"})
    year: Mapped[int] = mapped_column(Integer, info={"audit": False})
    seq: Mapped[int] = mapped_column(Integer, info={"audit": False})
    kind: Mapped[str] = mapped_column(String(30), index=True, info={"label": "活动类型"})
    title: Mapped[str] = mapped_column(String(100), info={"label": "活动名称"})
    organiser_id: Mapped[int] = mapped_column(ForeignKey("team_member.id"), index=True, info={"label": "组织人"})
    place: Mapped[str] = mapped_column(String(100), default="", info={"label": "地点"})
    grid_id: Mapped[int | None] = mapped_column(ForeignKey("grid.id"), index=True, info={"label": "网格"})
    starts_at: Mapped[datetime] = mapped_column(DateTime, index=True, info={"label": "开始时间"})
    ends_at: Mapped[datetime] = mapped_column(DateTime, index=True, info={"label": "结束时间"})
    #: ``治安员:3;宣传员:2`` (role × number)
    needs: Mapped[str] = mapped_column(String(200), default="", info={"label": "需要人员"})
    risky: Mapped[bool] = mapped_column(Boolean, default=False, info={"label": "有风险（须投保）"})
    #: the most minutes one participation may count (None: the activity's length)
    cap_minutes: Mapped[int | None] = mapped_column(Integer, info={"label": "计时上限（分钟）"})
    status: Mapped[ActivityStatus] = mapped_column(
        str_enum(ActivityStatus, "activity_status"), index=True, info={"label": "状态"}
    )
    cancel_reason: Mapped[str] = mapped_column(String(200), default="", info={"label": "取消原因"})
    notes: Mapped[str] = mapped_column(Text, default="", info={"label": "说明"})

    organiser: Mapped[TeamMember] = relationship()
    grid: Mapped[Grid | None] = relationship()
    participations: Mapped[list[Participation]] = relationship(back_populates="activity", order_by="Participation.id")

    def audit_title(self) -> str:
        return f"{self.number} {self.title}"


class Participation(Timestamps, Base):
    """One person in one activity (参加记录): one per person per activity."""

    __tablename__ = "participation"
    __label__ = "活动参加记录"
    __table_args__ = (
        UniqueConstraint("activity_id", "volunteer_id", name="uq_participation_activity_id"),
        Index("ix_participation_volunteer_status", "volunteer_id", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey("activity.id"), index=True, info={"label": "活动"})
    volunteer_id: Mapped[int] = mapped_column(ForeignKey("volunteer.id"), info={"label": "志愿者"})
    role: Mapped[str] = mapped_column(String(20), default="", info={"label": "岗位"})
    status: Mapped[PartStatus] = mapped_column(str_enum(PartStatus, "participation_status"), index=True, info={"label": "状态"})
    applied_at: Mapped[datetime] = mapped_column(DateTime, info={"label": "报名时间"})
    signed_in_at: Mapped[datetime | None] = mapped_column(DateTime, info={"label": "签到时间"})
    signed_out_at: Mapped[datetime | None] = mapped_column(DateTime, info={"label": "签退时间"})
    scheduled_minutes: Mapped[int] = mapped_column(Integer, default=0, info={"label": "计划时长（分钟）"})
    actual_minutes: Mapped[int | None] = mapped_column(Integer, info={"label": "实际时长（分钟）"})
    counted_minutes: Mapped[int | None] = mapped_column(Integer, info={"label": "计入时长（分钟）"})
    #: actual time longer than the activity (plus 30 minutes): to be looked at before confirming
    flagged: Mapped[bool] = mapped_column(Boolean, default=False, info={"label": "时长待核"})
    recorded_by: Mapped[str] = mapped_column(String(50), default="", info={"label": "记录人"})
    confirmed_by: Mapped[str] = mapped_column(String(50), default="", info={"label": "确认人"})
    confirmed_at: Mapped[datetime | None] = mapped_column(DateTime, info={"label": "确认时间"})
    void_reason: Mapped[str] = mapped_column(String(200), default="", info={"label": "作废原因"})

    activity: Mapped[Activity] = relationship(back_populates="participations")

    def audit_title(self) -> str:
        return f"参加记录#{self.id}"


class LedgerEntry:
    """The one ledger shape: append-only, unique operation key, balance after, reversal by reference."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    volunteer_id: Mapped[int] = mapped_column(ForeignKey("volunteer.id"), index=True, info={"label": "志愿者"})
    op_key: Mapped[str] = mapped_column(String(80), unique=True, info={"label": "操作编号"})
    kind: Mapped[str] = mapped_column(String(20), info={"label": "类别"})
    #: signed change: minutes (hours ledger) or tenths of a point (points ledger)
    amount: Mapped[int] = mapped_column(Integer, info={"label": "变动"})
    balance_after: Mapped[int] = mapped_column(Integer, info={"label": "余额"})
    summary: Mapped[str] = mapped_column(String(200), default="", info={"label": "摘要"})
    reason: Mapped[str] = mapped_column(String(200), default="", info={"label": "原因"})
    at: Mapped[datetime] = mapped_column(DateTime, index=True, info={"label": "时间"})
    operator: Mapped[str] = mapped_column(String(50), default="", info={"label": "经办人"})
    operator_account_id: Mapped[int | None] = mapped_column(Integer, info={"audit": False})
    participation_id: Mapped[int | None] = mapped_column(ForeignKey("participation.id"), index=True, info={"label": "参加记录"})

    @declared_attr
    def reverses_id(cls) -> Mapped[int | None]:  # noqa: N805 - declared_attr
        return mapped_column(ForeignKey(f"{cls.__tablename__}.id"), unique=True, info={"label": "冲正的记录"})

    def audit_title(self) -> str:
        return f"{self.__label__} {self.op_key}"


class HoursEntry(LedgerEntry, Base):
    """An entry of the confirmed-hours ledger (志愿服务时长台账), in minutes."""

    __tablename__ = "hours_entry"
    __label__ = "时长台账"


class PointsEntry(LedgerEntry, Base):
    """An entry of the points ledger (积分台账), in tenths of a point."""

    __tablename__ = "points_entry"
    __label__ = "积分台账"

    redemption_id: Mapped[int | None] = mapped_column(ForeignKey("redemption.id"), index=True, info={"label": "兑换"})


class RewardItem(Timestamps, Base):
    """A reward in the catalogue (兑换物品): what it costs and how many are left."""

    __tablename__ = "reward_item"
    __label__ = "兑换物品"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(60), unique=True, info={"label": "物品"})
    points: Mapped[int] = mapped_column(Integer, info={"label": "所需积分"})
    stock: Mapped[int] = mapped_column(Integer, default=0, info={"label": "库存"})
    valid_until: Mapped[date | None] = mapped_column(Date, info={"label": "兑换截止"})
    active: Mapped[bool] = mapped_column(Boolean, default=True, info={"label": "可兑换"})

    def audit_title(self) -> str:
        return self.name


class RedemptionStatus(str, enum.Enum):
    applied = "applied"
    approved = "approved"
    issued = "issued"
    redeemed = "redeemed"
    expired = "expired"
    revoked = "revoked"


REDEMPTION_STATUS_LABELS = {
    RedemptionStatus.applied: "待审批",
    RedemptionStatus.approved: "已审批",
    RedemptionStatus.issued: "已发券",
    RedemptionStatus.redeemed: "已核销",
    RedemptionStatus.expired: "已过期",
    RedemptionStatus.revoked: "已撤销",
}


class Redemption(Timestamps, Base):
    """One exchange of points for a reward (积分兑换): 申请 → 审批 → 发券 → 核销 | 过期 | 撤销."""

    __tablename__ = "redemption"
    __label__ = "积分兑换"
    __table_args__ = (UniqueConstraint("year", "seq", name="uq_redemption_year_seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: the voucher's number (兑换券号 DH2026-000001), given when the voucher is issued
    number: Mapped[str | None] = mapped_column(String(20), unique=True, info={"label": "兑换券号"})
    year: Mapped[int | None] = mapped_column(Integer, info={"audit": False})
    seq: Mapped[int | None] = mapped_column(Integer, info={"audit": False})
    volunteer_id: Mapped[int] = mapped_column(ForeignKey("volunteer.id"), index=True, info={"label": "志愿者"})
    item_id: Mapped[int] = mapped_column(ForeignKey("reward_item.id"), info={"label": "物品"})
    points: Mapped[int] = mapped_column(Integer, info={"label": "积分"})
    status: Mapped[RedemptionStatus] = mapped_column(
        str_enum(RedemptionStatus, "redemption_status"), index=True, info={"label": "状态"}
    )
    applied_at: Mapped[datetime] = mapped_column(DateTime, index=True, info={"label": "申请时间"})
    approved_by: Mapped[str] = mapped_column(String(50), default="", info={"label": "审批人"})
    approved_at: Mapped[datetime | None] = mapped_column(DateTime, info={"label": "审批时间"})
    issued_at: Mapped[datetime | None] = mapped_column(DateTime, info={"label": "发券时间"})
    valid_until: Mapped[date | None] = mapped_column(Date, info={"label": "有效期至"})
    redeemed_by: Mapped[str] = mapped_column(String(50), default="", info={"label": "核销人"})
    redeemed_at: Mapped[datetime | None] = mapped_column(DateTime, info={"label": "核销时间"})
    redeemed_place: Mapped[str] = mapped_column(String(100), default="", info={"label": "核销地点"})
    closed_reason: Mapped[str] = mapped_column(String(200), default="", info={"label": "撤销原因"})
    closed_at: Mapped[datetime | None] = mapped_column(DateTime, info={"label": "撤销或过期时间"})

    item: Mapped[RewardItem] = relationship()

    def audit_title(self) -> str:
        return self.number or f"兑换申请#{self.id}"


class Certificate(Timestamps, Base):
    """A 志愿服务记录证明 as issued (a snapshot), entered in the 出具登记簿."""

    __tablename__ = "certificate"
    __label__ = "志愿服务记录证明"
    __table_args__ = (UniqueConstraint("year", "seq", name="uq_certificate_year_seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(30), unique=True, info={"label": "证明编号"})
    year: Mapped[int] = mapped_column(Integer, info={"audit": False})
    seq: Mapped[int] = mapped_column(Integer, info={"audit": False})
    volunteer_id: Mapped[int] = mapped_column(ForeignKey("volunteer.id"), index=True, info={"label": "志愿者"})
    issued_on: Mapped[date] = mapped_column(Date, index=True, info={"label": "出具日期"})
    minutes: Mapped[int] = mapped_column(Integer, info={"label": "证明时长（分钟）"})
    period_from: Mapped[date | None] = mapped_column(Date, info={"label": "服务起始"})
    period_to: Mapped[date | None] = mapped_column(Date, info={"label": "服务截止"})
    #: the certificate as printed (JSON): the volunteer, the activities with dates and hours, the issuer
    snapshot: Mapped[str] = mapped_column(Text, info={"label": "证明内容"})
    issuer: Mapped[str] = mapped_column(String(50), default="", info={"label": "经办人"})
    voided: Mapped[bool] = mapped_column(Boolean, default=False, info={"label": "已作废"})
    void_reason: Mapped[str] = mapped_column(String(200), default="", info={"label": "作废原因"})
    voided_by: Mapped[str] = mapped_column(String(50), default="", info={"label": "作废人"})
    voided_at: Mapped[datetime | None] = mapped_column(DateTime, info={"label": "作废时间"})

    def audit_title(self) -> str:
        return self.number
