"""Tips (线索举报, 有奖举报): the tip, its sealed tipster, its attachments, and the query-code attempts.

What identifies the tipster lives in :class:`TipIdentity` only, with every personal column kept out of
the history (``audit: False``): lists, searches, exports and summaries read :class:`Tip`, which holds
no name, phone or identity number of the tipster. The link to the person index is a plain resident id
without a foreign key, so the resident's own record ("referenced by …") never shows that the person
reported someone. The query code is never stored: only its keyed hash (HMAC-SHA256).
"""

from __future__ import annotations

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
from sqlalchemy.orm import Mapped, mapped_column

from policeroom.models.base import Base, Timestamps

_SECRET = {"audit": False}


class Tip(Timestamps, Base):
    """One tip (线索) and where it stands in its loop (受理 → 核查 → 查处 → 奖励 → 归档)."""

    __tablename__ = "tip"
    __label__ = "线索举报"
    __table_args__ = (
        UniqueConstraint("year", "seq", name="uq_tip_year_seq"),
        Index("ix_tip_received_at", "received_at"),
        Index("ix_tip_status", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True, info={"label": "线索编号"})
    year: Mapped[int] = mapped_column(Integer, info={"label": "年度", "audit": False})
    seq: Mapped[int] = mapped_column(Integer, info={"label": "序号", "audit": False})
    #: HMAC-SHA256 of the query code with the room's secret key: lookup possible, code not recoverable
    code_hash: Mapped[str] = mapped_column(String(64), unique=True, info={"label": "查询码摘要", "audit": False})
    received_at: Mapped[datetime] = mapped_column(DateTime, info={"label": "受理时间"})
    channel: Mapped[str] = mapped_column(String(20), info={"label": "来源渠道"})
    category: Mapped[str] = mapped_column(String(40), info={"label": "线索类别"})
    anonymous: Mapped[bool] = mapped_column(Boolean, default=False, info={"label": "匿名"})
    subject: Mapped[str] = mapped_column(String(100), default="", info={"label": "被举报对象"})
    place: Mapped[str] = mapped_column(String(200), default="", info={"label": "地点"})
    grid_id: Mapped[int | None] = mapped_column(ForeignKey("grid.id"), index=True, info={"label": "网格"})
    occurred_at: Mapped[datetime | None] = mapped_column(DateTime, info={"label": "发生时间"})
    amount: Mapped[int | None] = mapped_column(Integer, info={"label": "涉及金额（元）"})
    content: Mapped[str] = mapped_column(Text, default="", info={"label": "线索内容"})
    duplicate_of_id: Mapped[int | None] = mapped_column(
        ForeignKey("tip.id"), index=True, info={"label": "同一事项（先前线索）"}
    )
    receiver_id: Mapped[int | None] = mapped_column(ForeignKey("team_member.id"), info={"label": "受理人"})
    status: Mapped[str] = mapped_column(String(20), info={"label": "状态"})
    # 受理 / 不予受理 / 移交
    accepted_at: Mapped[datetime | None] = mapped_column(DateTime, info={"label": "受理审查时间"})
    decline_reason: Mapped[str] = mapped_column(String(500), default="", info={"label": "不予受理理由"})
    transfer_to: Mapped[str] = mapped_column(String(60), default="", info={"label": "移交单位"})
    transfer_note: Mapped[str] = mapped_column(String(500), default="", info={"label": "移交说明"})
    transferred_at: Mapped[datetime | None] = mapped_column(DateTime, info={"label": "移交时间"})
    # 分派核查
    handler_id: Mapped[int | None] = mapped_column(ForeignKey("team_member.id"), info={"label": "核查人"})
    assigned_at: Mapped[datetime | None] = mapped_column(DateTime, info={"label": "分派时间"})
    verify_days: Mapped[int | None] = mapped_column(Integer, info={"label": "核查时限（工作日）"})
    # 核查结论
    verdict: Mapped[str] = mapped_column(String(20), default="", info={"label": "核查结论"})
    measures: Mapped[str] = mapped_column(Text, default="", info={"label": "处置措施"})
    verified_at: Mapped[datetime | None] = mapped_column(DateTime, info={"label": "核查时间"})
    # 查处结果
    outcome: Mapped[str] = mapped_column(Text, default="", info={"label": "查处结果"})
    outcome_at: Mapped[datetime | None] = mapped_column(DateTime, info={"label": "查处时间"})
    # 奖励评定 / 审批 / 通知 / 领取
    reward_rule: Mapped[str] = mapped_column(String(60), default="", info={"label": "奖励规则"})
    reward_tier: Mapped[str] = mapped_column(String(60), default="", info={"label": "奖励档次"})
    reward_proposed: Mapped[int | None] = mapped_column(Integer, info={"label": "拟奖金额（元）"})
    reward_basis: Mapped[str] = mapped_column(String(500), default="", info={"label": "评定依据"})
    exclusions: Mapped[dict[str, Any] | None] = mapped_column(JSON, info={"label": "排除情形"})
    assessed_at: Mapped[datetime | None] = mapped_column(DateTime, info={"label": "评定时间"})
    reward_approved: Mapped[int | None] = mapped_column(Integer, info={"label": "批准金额（元）"})
    approve_note: Mapped[str] = mapped_column(String(500), default="", info={"label": "审批意见"})
    approved_by: Mapped[str] = mapped_column(String(50), default="", info={"label": "审批人"})
    approved_at: Mapped[datetime | None] = mapped_column(DateTime, info={"label": "审批时间"})
    notified_at: Mapped[datetime | None] = mapped_column(DateTime, info={"label": "通知时间"})
    notify_method: Mapped[str] = mapped_column(String(20), default="", info={"label": "通知方式"})
    claim_deadline: Mapped[date | None] = mapped_column(Date, info={"label": "领取截止日"})
    claimed_at: Mapped[datetime | None] = mapped_column(DateTime, info={"label": "领取时间"})
    claim_method: Mapped[str] = mapped_column(String(20), default="", info={"label": "领取方式"})
    lapsed_on: Mapped[date | None] = mapped_column(Date, info={"label": "视为放弃日期"})
    # 归档 and keeping
    archived_at: Mapped[datetime | None] = mapped_column(DateTime, info={"label": "归档时间"})
    archive_reason: Mapped[str] = mapped_column(String(500), default="", info={"label": "归档理由"})
    erased_at: Mapped[datetime | None] = mapped_column(DateTime, info={"label": "身份信息清除时间"})

    def audit_title(self) -> str:
        return f"线索 {self.number}"


class TipIdentity(Base):
    """The sealed tipster (举报人, 已密封): a real-name tipster, or an anonymous tipster's contact.

    Shown only to the officer through 查看举报人 (the reason is recorded). Every personal column is kept
    out of the history; erased (secure_delete) when the tip's keeping time ends.
    """

    __tablename__ = "tip_identity"
    __label__ = "举报人（密封）"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tip_id: Mapped[int] = mapped_column(ForeignKey("tip.id"), unique=True, info={"label": "线索"})
    #: the person index (residents); no foreign key on purpose (see the module's docstring)
    resident_id: Mapped[int | None] = mapped_column(Integer, info={"label": "居民", **_SECRET})
    name: Mapped[str] = mapped_column(String(50), default="", info={"label": "姓名", **_SECRET})
    id_number: Mapped[str] = mapped_column(String(18), default="", info={"label": "身份证号", **_SECRET})
    phone: Mapped[str] = mapped_column(String(30), default="", info={"label": "联系电话", **_SECRET})
    contact: Mapped[str] = mapped_column(String(200), default="", info={"label": "其他联系方式", **_SECRET})
    #: who received the reward (代领人) and the written authorisation or bank reference
    claim_receiver: Mapped[str] = mapped_column(String(50), default="", info={"label": "领取人", **_SECRET})
    claim_detail: Mapped[str] = mapped_column(String(300), default="", info={"label": "领取凭证", **_SECRET})

    def audit_title(self) -> str:
        return f"线索#{self.tip_id} 举报人（密封）"


class TipAttachment(Base):
    """A photo or file of a tip, kept inside the database (with a small JPEG thumbnail for photos)."""

    __tablename__ = "tip_attachment"
    __label__ = "线索附件"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tip_id: Mapped[int] = mapped_column(ForeignKey("tip.id"), index=True, info={"label": "线索"})
    file_name: Mapped[str] = mapped_column(String(200), info={"label": "文件名"})
    size: Mapped[int] = mapped_column(Integer, info={"label": "大小（字节）"})
    data: Mapped[bytes] = mapped_column(LargeBinary, info={"label": "内容", **_SECRET})
    thumbnail: Mapped[bytes | None] = mapped_column(LargeBinary, info={"label": "缩略图", **_SECRET})
    added_at: Mapped[datetime] = mapped_column(DateTime, info={"label": "添加时间"})

    def audit_title(self) -> str:
        return f"线索#{self.tip_id} 附件 {self.file_name}"


class TipCodeAttempt(Base):
    """One follow-up by query code at the desk (right or wrong): wrong codes are rate-limited."""

    __tablename__ = "tip_code_attempt"
    __label__ = "查询码查询"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True, info={"label": "时间"})
    ok: Mapped[bool] = mapped_column(Boolean, info={"label": "查询码正确"})
