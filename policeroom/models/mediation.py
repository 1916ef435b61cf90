"""Dispute screening (矛盾纠纷排查台账) and people's mediation cases (人民调解案件).

A ledger entry is a dispute found while screening the community; one click turns it into a mediation
case, which runs 受理 → 调查 → 调解 → 达成协议 / 调解不成 → 履行 → 回访 → 结案归档. Parties are copied
from the resident index when the case is made (a signed document must keep saying what it said), and
keep the link to the resident.
"""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from policeroom.models.base import Base, Timestamps
from policeroom.models.people import Grid, Resident, TeamMember, str_enum


class Risk(str, enum.Enum):
    """风险等级, the four-colour warning (四色预警)."""

    red = "red"
    orange = "orange"
    yellow = "yellow"
    blue = "blue"


RISK_LABELS = {Risk.red: "红", Risk.orange: "橙", Risk.yellow: "黄", Risk.blue: "蓝"}


class DisputeStatus(str, enum.Enum):
    """化解状态 of a ledger entry."""

    unresolved = "unresolved"
    in_progress = "in_progress"
    resolved = "resolved"
    transferred = "transferred"


DISPUTE_STATUS_LABELS = {
    DisputeStatus.unresolved: "未化解",
    DisputeStatus.in_progress: "化解中",
    DisputeStatus.resolved: "已化解",
    DisputeStatus.transferred: "已移交",
}


class DisputeEntry(Timestamps, Base):
    """One line of the screening ledger (矛盾纠纷排查台账)."""

    __tablename__ = "dispute_entry"
    __label__ = "矛盾纠纷"
    __table_args__ = (UniqueConstraint("year", "seq", name="uq_dispute_entry_year_seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True, info={"label": "编号"})
    year: Mapped[int] = mapped_column(Integer, info={"audit": False})
    seq: Mapped[int] = mapped_column(Integer, info={"audit": False})
    screened_on: Mapped[date] = mapped_column(Date, index=True, info={"label": "排查日期"})
    grid_id: Mapped[int | None] = mapped_column(ForeignKey("grid.id"), index=True, info={"label": "网格"})
    screener_id: Mapped[int | None] = mapped_column(ForeignKey("team_member.id"), info={"label": "排查人"})
    occurred_at: Mapped[datetime | None] = mapped_column(DateTime, info={"label": "发生时间"})
    location: Mapped[str] = mapped_column(String(200), default="", info={"label": "地点"})
    dispute_type: Mapped[str] = mapped_column(String(30), index=True, info={"label": "纠纷类型"})
    people_count: Mapped[int] = mapped_column(Integer, default=2, info={"label": "涉及人数"})
    summary: Mapped[str] = mapped_column(Text, default="", info={"label": "简要情况"})
    demands: Mapped[str] = mapped_column(Text, default="", info={"label": "主要诉求"})
    risk: Mapped[Risk] = mapped_column(str_enum(Risk, "dispute_risk"), index=True, info={"label": "风险等级"})
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("team_member.id"), index=True, info={"label": "化解责任人"}
    )
    measures: Mapped[str] = mapped_column(Text, default="", info={"label": "化解措施"})
    deadline: Mapped[date | None] = mapped_column(Date, index=True, info={"label": "化解时限"})
    status: Mapped[DisputeStatus] = mapped_column(
        str_enum(DisputeStatus, "dispute_status"), index=True, info={"label": "化解状态"}
    )
    transferred_to: Mapped[str] = mapped_column(String(60), default="", info={"label": "移交单位"})
    stabilizing: Mapped[str] = mapped_column(Text, default="", info={"label": "稳控措施"})
    revisit_notes: Mapped[str] = mapped_column(Text, default="", info={"label": "回访情况"})
    notes: Mapped[str] = mapped_column(Text, default="", info={"label": "备注"})
    resolved_on: Mapped[date | None] = mapped_column(Date, info={"label": "化解日期"})
    case_id: Mapped[int | None] = mapped_column(
        ForeignKey("mediation_case.id", ondelete="SET NULL"), index=True, info={"label": "调解案件"}
    )

    grid: Mapped[Grid | None] = relationship()
    screener: Mapped[TeamMember | None] = relationship(foreign_keys=[screener_id])
    owner: Mapped[TeamMember | None] = relationship(foreign_keys=[owner_id])
    case: Mapped[MediationCase | None] = relationship(foreign_keys=[case_id])
    parties: Mapped[list[DisputeParty]] = relationship(
        back_populates="entry", order_by="DisputeParty.position", cascade="all, delete-orphan"
    )

    def audit_title(self) -> str:
        return self.number


class DisputeParty(Base):
    """A party named on a ledger entry (当事人及联系方式)."""

    __tablename__ = "dispute_party"
    __label__ = "纠纷当事人"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("dispute_entry.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0, info={"audit": False})
    resident_id: Mapped[int | None] = mapped_column(
        ForeignKey("resident.id"), index=True, info={"label": "居民"}
    )
    name: Mapped[str] = mapped_column(String(50), info={"label": "姓名"})
    phone: Mapped[str] = mapped_column(String(30), default="", info={"label": "联系电话"})

    entry: Mapped[DisputeEntry] = relationship(back_populates="parties")
    resident: Mapped[Resident | None] = relationship()

    def audit_title(self) -> str:
        return self.name


class CaseKind(str, enum.Enum):
    """人民调解 by the committee, or 治安调解 by the officer (its own agreement, under the station's name)."""

    people = "people"
    public_order = "public_order"


CASE_KIND_LABELS = {CaseKind.people: "人民调解", CaseKind.public_order: "治安调解"}


class CaseSource(str, enum.Enum):
    """案件来源."""

    application = "application"
    initiative = "initiative"
    police = "police"
    court = "court"
    petition = "petition"


CASE_SOURCE_LABELS = {
    CaseSource.application: "当事人申请",
    CaseSource.initiative: "人民调解委员会主动调解",
    CaseSource.police: "公安机关移送",
    CaseSource.court: "法院委托",
    CaseSource.petition: "信访移送",
}


class CaseStatus(str, enum.Enum):
    """Where a case stands."""

    accepted = "accepted"  # 已受理
    investigating = "investigating"  # 调查中
    mediating = "mediating"  # 调解中
    agreed = "agreed"  # 已达成协议, being performed (履行中)
    failed = "failed"  # 调解不成
    performed = "performed"  # 已履行, waiting for the follow-up visit
    visited = "visited"  # 已回访, ready to archive
    archived = "archived"  # 结案归档


CASE_STATUS_LABELS = {
    CaseStatus.accepted: "已受理",
    CaseStatus.investigating: "调查中",
    CaseStatus.mediating: "调解中",
    CaseStatus.agreed: "履行中",
    CaseStatus.failed: "调解不成",
    CaseStatus.performed: "待回访",
    CaseStatus.visited: "待归档",
    CaseStatus.archived: "已归档",
}


class AgreementKind(str, enum.Enum):
    written = "written"
    oral = "oral"


AGREEMENT_KIND_LABELS = {AgreementKind.written: "书面协议", AgreementKind.oral: "口头协议"}


class OtherWay(str, enum.Enum):
    """The other way the parties were told of when mediation failed."""

    litigation = "litigation"
    arbitration = "arbitration"
    administrative = "administrative"


OTHER_WAY_LABELS = {
    OtherWay.litigation: "诉讼",
    OtherWay.arbitration: "仲裁",
    OtherWay.administrative: "行政处理",
}


class PartyRole(str, enum.Enum):
    applicant = "applicant"
    respondent = "respondent"
    other = "other"


PARTY_ROLE_LABELS = {
    PartyRole.applicant: "申请人",
    PartyRole.respondent: "被申请人",
    PartyRole.other: "其他当事人",
}


case_mediator = Table(
    "case_mediator",
    Base.metadata,
    Column("case_id", ForeignKey("mediation_case.id", ondelete="CASCADE"), primary_key=True),
    Column("member_id", ForeignKey("team_member.id"), primary_key=True, index=True),
)


class MediationCase(Timestamps, Base):
    """A people's mediation case (人民调解案件), or a public-order mediation (治安调解)."""

    __tablename__ = "mediation_case"
    __label__ = "调解案件"
    __audit_relationships__ = ("mediators",)
    __table_args__ = (UniqueConstraint("kind", "year", "seq", name="uq_mediation_case_kind_year_seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(40), unique=True, info={"label": "案件编号"})
    kind: Mapped[CaseKind] = mapped_column(
        str_enum(CaseKind, "case_kind"), index=True, info={"label": "调解类别"}
    )
    year: Mapped[int] = mapped_column(Integer, info={"audit": False})
    seq: Mapped[int] = mapped_column(Integer, info={"audit": False})
    title: Mapped[str] = mapped_column(String(100), default="", info={"label": "案由"})
    source: Mapped[CaseSource] = mapped_column(
        str_enum(CaseSource, "case_source"), info={"label": "案件来源"}
    )
    dispute_type: Mapped[str] = mapped_column(String(30), index=True, info={"label": "纠纷类型"})
    accepted_on: Mapped[date] = mapped_column(Date, index=True, info={"label": "受理日期"})
    facts: Mapped[str] = mapped_column(Text, default="", info={"label": "纠纷主要事实"})
    issues: Mapped[str] = mapped_column(Text, default="", info={"label": "争议事项"})
    claims: Mapped[str] = mapped_column(Text, default="", info={"label": "申请事项"})
    responsibility: Mapped[str] = mapped_column(Text, default="", info={"label": "各方责任"})
    amount: Mapped[float | None] = mapped_column(Numeric(14, 2), info={"label": "涉及金额"})
    recorder_id: Mapped[int | None] = mapped_column(ForeignKey("team_member.id"), info={"label": "记录人"})
    registrar_id: Mapped[int | None] = mapped_column(ForeignKey("team_member.id"), info={"label": "登记人"})
    status: Mapped[CaseStatus] = mapped_column(
        str_enum(CaseStatus, "case_status"), index=True, info={"label": "状态"}
    )

    # The agreement (调解协议): one per case.
    agreement_kind: Mapped[AgreementKind | None] = mapped_column(
        str_enum(AgreementKind, "agreement_kind"), info={"label": "协议形式"}
    )
    agreed_on: Mapped[date | None] = mapped_column(Date, index=True, info={"label": "协议日期"})
    terms: Mapped[str] = mapped_column(Text, default="", info={"label": "协议条款"})
    performance_method: Mapped[str] = mapped_column(Text, default="", info={"label": "履行方式"})
    performance_deadline: Mapped[date | None] = mapped_column(Date, info={"label": "履行期限"})
    copies: Mapped[int | None] = mapped_column(Integer, info={"label": "协议份数"})
    performed_on_the_spot: Mapped[bool] = mapped_column(Boolean, default=False, info={"label": "当场履行"})
    visit_due: Mapped[date | None] = mapped_column(Date, index=True, info={"label": "回访期限"})
    performed_on: Mapped[date | None] = mapped_column(Date, info={"label": "履行完毕日期"})

    # Mediation failed (调解不成).
    failed_on: Mapped[date | None] = mapped_column(Date, info={"label": "终止调解日期"})
    failed_reason: Mapped[str] = mapped_column(Text, default="", info={"label": "调解不成原因"})
    other_way: Mapped[OtherWay | None] = mapped_column(
        str_enum(OtherWay, "other_way"), info={"label": "告知途径"}
    )

    # Judicial confirmation (司法确认), within 30 days of the agreement taking effect.
    confirmation_applied_on: Mapped[date | None] = mapped_column(Date, info={"label": "申请司法确认日期"})
    confirmation_court: Mapped[str] = mapped_column(String(60), default="", info={"label": "受理法院"})
    confirmation_result: Mapped[str] = mapped_column(String(200), default="", info={"label": "司法确认结果"})

    # The case file (卷宗).
    archived_on: Mapped[date | None] = mapped_column(Date, info={"label": "立卷日期"})
    filed_by_id: Mapped[int | None] = mapped_column(ForeignKey("team_member.id"), info={"label": "立卷人"})
    retention: Mapped[str] = mapped_column(String(10), default="长期", info={"label": "保管期限"})
    file_remarks: Mapped[str] = mapped_column(Text, default="", info={"label": "卷宗备注"})

    recorder: Mapped[TeamMember | None] = relationship(foreign_keys=[recorder_id])
    registrar: Mapped[TeamMember | None] = relationship(foreign_keys=[registrar_id])
    filed_by: Mapped[TeamMember | None] = relationship(foreign_keys=[filed_by_id])
    mediators: Mapped[list[TeamMember]] = relationship(secondary=case_mediator, order_by=TeamMember.id)
    parties: Mapped[list[CaseParty]] = relationship(
        back_populates="case", order_by="CaseParty.position", cascade="all, delete-orphan"
    )
    records: Mapped[list[CaseRecord]] = relationship(
        back_populates="case", order_by="CaseRecord.at", cascade="all, delete-orphan"
    )
    performances: Mapped[list[Performance]] = relationship(
        back_populates="case", order_by="Performance.on", cascade="all, delete-orphan"
    )
    visits: Mapped[list[CaseVisit]] = relationship(
        back_populates="case", order_by="CaseVisit.visited_on", cascade="all, delete-orphan"
    )

    def audit_title(self) -> str:
        return self.number


class CaseParty(Base):
    """A party (当事人) of a case, as written on its documents."""

    __tablename__ = "case_party"
    __label__ = "当事人"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("mediation_case.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0, info={"audit": False})
    role: Mapped[PartyRole] = mapped_column(str_enum(PartyRole, "party_role"), info={"label": "身份"})
    resident_id: Mapped[int | None] = mapped_column(
        ForeignKey("resident.id"), index=True, info={"label": "居民"}
    )
    name: Mapped[str] = mapped_column(String(50), info={"label": "姓名"})
    gender: Mapped[str] = mapped_column(String(10), default="", info={"label": "性别"})
    ethnicity: Mapped[str] = mapped_column(String(20), default="", info={"label": "民族"})
    id_number: Mapped[str] = mapped_column(String(18), default="", info={"label": "身份证号"})
    birth_date: Mapped[date | None] = mapped_column(Date, info={"label": "出生日期"})
    age: Mapped[int | None] = mapped_column(Integer, info={"label": "年龄"})  # typed when no birth date
    occupation: Mapped[str] = mapped_column(String(60), default="", info={"label": "职业或职务"})
    phone: Mapped[str] = mapped_column(String(30), default="", info={"label": "联系方式"})
    address: Mapped[str] = mapped_column(String(200), default="", info={"label": "单位或住址"})

    case: Mapped[MediationCase] = relationship(back_populates="parties")
    resident: Mapped[Resident | None] = relationship()

    def audit_title(self) -> str:
        return self.name


class RecordKind(str, enum.Enum):
    investigation = "investigation"  # 调查记录
    session = "session"  # 调解记录


RECORD_KIND_LABELS = {RecordKind.investigation: "调查记录", RecordKind.session: "调解记录"}


class CaseRecord(Base):
    """An investigation record (调查记录) or the minutes of a mediation session (调解记录)."""

    __tablename__ = "case_record"
    __label__ = "调解卷宗记录"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("mediation_case.id", ondelete="CASCADE"), index=True)
    kind: Mapped[RecordKind] = mapped_column(
        str_enum(RecordKind, "case_record_kind"), info={"label": "记录类别"}
    )
    at: Mapped[datetime] = mapped_column(DateTime, info={"label": "时间"})
    place: Mapped[str] = mapped_column(String(200), default="", info={"label": "地点"})
    subject: Mapped[str] = mapped_column(String(200), default="", info={"label": "事由"})
    parties_present: Mapped[str] = mapped_column(String(200), default="", info={"label": "当事人"})
    participants: Mapped[str] = mapped_column(String(200), default="", info={"label": "参加人"})
    interviewee: Mapped[str] = mapped_column(String(100), default="", info={"label": "被调查人"})
    investigator: Mapped[str] = mapped_column(String(100), default="", info={"label": "调查人"})
    recorder: Mapped[str] = mapped_column(String(50), default="", info={"label": "记录人"})
    content: Mapped[str] = mapped_column(Text, default="", info={"label": "记录"})
    result: Mapped[str] = mapped_column(Text, default="", info={"label": "调解结果"})

    case: Mapped[MediationCase] = relationship(back_populates="records")

    def audit_title(self) -> str:
        return f"{RECORD_KIND_LABELS[RecordKind(self.kind)]} {self.at:%Y-%m-%d %H:%M}"


class Performance(Base):
    """One step of carrying out the agreement (履行情况): what was done, when, and its proof."""

    __tablename__ = "case_performance"
    __label__ = "履行记录"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("mediation_case.id", ondelete="CASCADE"), index=True)
    on: Mapped[date] = mapped_column(Date, info={"label": "履行日期"})
    content: Mapped[str] = mapped_column(Text, info={"label": "履行内容"})
    proof: Mapped[str] = mapped_column(String(200), default="", info={"label": "履行凭证"})

    case: Mapped[MediationCase] = relationship(back_populates="performances")

    def audit_title(self) -> str:
        return f"履行记录 {self.on:%Y-%m-%d}"


class CaseVisit(Base):
    """A follow-up visit (回访) after the agreement."""

    __tablename__ = "case_visit"
    __label__ = "回访记录"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("mediation_case.id", ondelete="CASCADE"), index=True)
    visited_on: Mapped[date] = mapped_column(Date, info={"label": "回访时间"})
    visitor_id: Mapped[int | None] = mapped_column(ForeignKey("team_member.id"), info={"label": "回访人"})
    method: Mapped[str] = mapped_column(String(20), default="", info={"label": "回访方式"})
    reason: Mapped[str] = mapped_column(String(200), default="", info={"label": "回访事由"})
    parties: Mapped[str] = mapped_column(String(200), default="", info={"label": "当事人"})
    performance: Mapped[str] = mapped_column(Text, default="", info={"label": "协议履行情况"})
    satisfaction: Mapped[str] = mapped_column(String(10), default="", info={"label": "满意度"})
    new_conflict: Mapped[bool] = mapped_column(Boolean, default=False, info={"label": "有新矛盾迹象"})
    notes: Mapped[str] = mapped_column(Text, default="", info={"label": "回访情况"})

    case: Mapped[MediationCase] = relationship(back_populates="visits")
    visitor: Mapped[TeamMember | None] = relationship()

    def audit_title(self) -> str:
        return f"回访记录 {self.visited_on:%Y-%m-%d}"
