"""The community's forces (群防群治): volunteers, their teams, partner units, emergency units and drills.

A volunteer (平安志愿者) is a person of the resident index: one person, one volunteer record. Teams
(队伍) group volunteers; partner units (警+联盟成员单位) are shops, banks, schools and security firms
allied with the police, whose guards may be registered as volunteers; emergency units (最小应急单元)
are site-based groups with posts, on-post check-in and drills (拉动测试) timed against the 1/3/5 and
10/20-minute rings. Activities, hours and points live in their own models (issue 14, second half).
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
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from policeroom.models.base import Base, Timestamps
from policeroom.models.people import Grid, Resident, TeamMember, str_enum


class VolunteerStatus(str, enum.Enum):
    """在册 / 暂停 / 注销."""

    active = "active"
    suspended = "suspended"
    cancelled = "cancelled"

    @property
    def label(self) -> str:
        return VOLUNTEER_STATUS_LABELS[self]


VOLUNTEER_STATUS_LABELS = {
    VolunteerStatus.active: "在册",
    VolunteerStatus.suspended: "暂停",
    VolunteerStatus.cancelled: "注销",
}

#: Xuzhou's four roles of a volunteer; a volunteer may hold several (stored in this order, joined by "、").
VOLUNTEER_ROLES = ("治安员", "信息员", "调解员", "宣传员")
#: when a volunteer can serve (several)
AVAILABILITY = ("工作日", "晚上", "周末")


volunteer_team_member = Table(
    "volunteer_team_member",
    Base.metadata,
    Column("team_id", ForeignKey("volunteer_team.id", ondelete="CASCADE"), primary_key=True),
    Column("volunteer_id", ForeignKey("volunteer.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Volunteer(Timestamps, Base):
    """A registered safety volunteer (平安志愿者), linked to one resident."""

    __tablename__ = "volunteer"
    __label__ = "志愿者"
    __audit_relationships__ = ("teams",)
    __table_args__ = (
        UniqueConstraint("year", "seq", name="uq_volunteer_year_seq"),
        Index("ix_volunteer_status_joined", "status", "joined_on"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True, info={"label": "志愿者编号"})
    year: Mapped[int] = mapped_column(Integer, info={"audit": False})
    seq: Mapped[int] = mapped_column(Integer, info={"audit": False})
    resident_id: Mapped[int] = mapped_column(ForeignKey("resident.id"), unique=True, info={"label": "居民"})
    grid_id: Mapped[int | None] = mapped_column(ForeignKey("grid.id"), index=True, info={"label": "服务网格"})
    roles: Mapped[str] = mapped_column(String(40), default="", info={"label": "角色"})
    skills: Mapped[str] = mapped_column(String(200), default="", info={"label": "特长"})
    availability: Mapped[str] = mapped_column(String(20), default="", info={"label": "可服务时间"})
    joined_on: Mapped[date] = mapped_column(Date, index=True, info={"label": "加入日期"})
    status: Mapped[VolunteerStatus] = mapped_column(
        str_enum(VolunteerStatus, "volunteer_status"), default=VolunteerStatus.active, info={"label": "状态"}
    )
    status_reason: Mapped[str] = mapped_column(String(200), default="", info={"label": "状态原因"})
    status_on: Mapped[date | None] = mapped_column(Date, info={"label": "状态变更日期"})
    insurance_policy: Mapped[str] = mapped_column(String(40), default="", info={"label": "意外险保单号"})
    insurer: Mapped[str] = mapped_column(String(60), default="", info={"label": "承保公司"})
    insurance_until: Mapped[date | None] = mapped_column(Date, index=True, info={"label": "保险有效期至"})
    partner_unit_id: Mapped[int | None] = mapped_column(
        ForeignKey("partner_unit.id"), index=True, info={"label": "所属联盟单位"}
    )
    auxiliary: Mapped[bool] = mapped_column(Boolean, default=False, info={"label": "义警"})
    notes: Mapped[str] = mapped_column(Text, default="", info={"label": "备注"})

    resident: Mapped[Resident] = relationship()
    grid: Mapped[Grid | None] = relationship()
    partner_unit: Mapped[PartnerUnit | None] = relationship()
    teams: Mapped[list[VolunteerTeam]] = relationship(
        secondary=volunteer_team_member, back_populates="members", order_by="VolunteerTeam.name"
    )

    def audit_title(self) -> str:
        return self.number


class VolunteerTraining(Base):
    """A training a volunteer attended (培训记录)."""

    __tablename__ = "volunteer_training"
    __label__ = "志愿者培训"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    volunteer_id: Mapped[int] = mapped_column(
        ForeignKey("volunteer.id", ondelete="CASCADE"), index=True, info={"label": "志愿者"}
    )
    on: Mapped[date] = mapped_column(Date, info={"label": "培训日期"})
    title: Mapped[str] = mapped_column(String(100), info={"label": "培训内容"})
    hours: Mapped[int] = mapped_column(Integer, default=0, info={"label": "学时"})
    organiser: Mapped[str] = mapped_column(String(60), default="", info={"label": "组织单位"})


class VolunteerCommendation(Base):
    """A commendation a volunteer received (表彰)."""

    __tablename__ = "volunteer_commendation"
    __label__ = "志愿者表彰"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    volunteer_id: Mapped[int] = mapped_column(
        ForeignKey("volunteer.id", ondelete="CASCADE"), index=True, info={"label": "志愿者"}
    )
    on: Mapped[date] = mapped_column(Date, info={"label": "表彰日期"})
    title: Mapped[str] = mapped_column(String(100), info={"label": "表彰名称"})
    issuer: Mapped[str] = mapped_column(String(60), default="", info={"label": "授予单位"})


class VolunteerEvaluation(Base):
    """The yearly evaluation of a volunteer (年度评价): one per volunteer and year."""

    __tablename__ = "volunteer_evaluation"
    __label__ = "志愿者年度评价"
    __table_args__ = (UniqueConstraint("volunteer_id", "year", name="uq_volunteer_evaluation_volunteer_year"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    volunteer_id: Mapped[int] = mapped_column(
        ForeignKey("volunteer.id", ondelete="CASCADE"), index=True, info={"label": "志愿者"}
    )
    year: Mapped[int] = mapped_column(Integer, info={"label": "年度"})
    grade: Mapped[str] = mapped_column(String(10), info={"label": "评价等次"})
    remarks: Mapped[str] = mapped_column(String(200), default="", info={"label": "评语"})


class VolunteerTeam(Timestamps, Base):
    """A volunteer team (队伍): one of Longhua's ten kinds, a 义警队 or the room's own."""

    __tablename__ = "volunteer_team"
    __label__ = "志愿者队伍"
    __audit_relationships__ = ("members",)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(60), unique=True, info={"label": "队伍名称"})
    kind: Mapped[str] = mapped_column(String(30), index=True, info={"label": "队伍类别"})
    grid_id: Mapped[int | None] = mapped_column(ForeignKey("grid.id"), index=True, info={"label": "网格"})
    site: Mapped[str] = mapped_column(String(200), default="", info={"label": "驻点"})
    leader_id: Mapped[int | None] = mapped_column(ForeignKey("volunteer.id"), info={"label": "队长"})
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("team_member.id"), info={"label": "联系民警"})
    model_squad: Mapped[bool] = mapped_column(Boolean, default=False, info={"label": "模范小分队"})
    founded_on: Mapped[date | None] = mapped_column(Date, info={"label": "成立日期"})
    notes: Mapped[str] = mapped_column(Text, default="", info={"label": "备注"})
    archived: Mapped[bool] = mapped_column(Boolean, default=False, info={"label": "已归档"})

    grid: Mapped[Grid | None] = relationship()
    leader: Mapped[Volunteer | None] = relationship(foreign_keys=[leader_id])
    officer: Mapped[TeamMember | None] = relationship()
    members: Mapped[list[Volunteer]] = relationship(
        secondary=volunteer_team_member, back_populates="teams", order_by="Volunteer.number"
    )

    def audit_title(self) -> str:
        return self.name


class PartnerUnit(Timestamps, Base):
    """A member unit of the police's alliance (警+联盟成员单位)."""

    __tablename__ = "partner_unit"
    __label__ = "联盟单位"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True, info={"label": "单位名称"})
    kind: Mapped[str] = mapped_column(String(20), index=True, info={"label": "联盟类别"})
    address: Mapped[str] = mapped_column(String(200), default="", info={"label": "地址"})
    grid_id: Mapped[int | None] = mapped_column(ForeignKey("grid.id"), index=True, info={"label": "网格"})
    contact: Mapped[str] = mapped_column(String(50), default="", info={"label": "联系人"})
    phone: Mapped[str] = mapped_column(String(30), default="", info={"label": "联系电话"})
    guards: Mapped[int] = mapped_column(Integer, default=0, info={"label": "保安人数"})
    agreement_on: Mapped[date | None] = mapped_column(Date, info={"label": "签约日期"})
    brings: Mapped[str] = mapped_column(String(100), default="", info={"label": "提供资源"})
    notes: Mapped[str] = mapped_column(Text, default="", info={"label": "备注"})
    archived: Mapped[bool] = mapped_column(Boolean, default=False, info={"label": "已归档"})

    grid: Mapped[Grid | None] = relationship()

    def audit_title(self) -> str:
        return self.name


class EmergencyUnit(Timestamps, Base):
    """A minimum emergency unit (最小应急单元) at one site."""

    __tablename__ = "emergency_unit"
    __label__ = "最小应急单元"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(60), unique=True, info={"label": "单元名称"})
    kind: Mapped[str] = mapped_column(String(20), info={"label": "场所类别"})
    site: Mapped[str] = mapped_column(String(200), default="", info={"label": "场所地址"})
    grid_id: Mapped[int | None] = mapped_column(ForeignKey("grid.id"), index=True, info={"label": "网格"})
    partner_unit_id: Mapped[int | None] = mapped_column(ForeignKey("partner_unit.id"), info={"label": "依托单位"})
    notes: Mapped[str] = mapped_column(Text, default="", info={"label": "备注"})
    archived: Mapped[bool] = mapped_column(Boolean, default=False, info={"label": "已归档"})

    grid: Mapped[Grid | None] = relationship()
    members: Mapped[list[EmergencyMember]] = relationship(
        back_populates="unit", order_by="EmergencyMember.position", cascade="all, delete-orphan"
    )

    def audit_title(self) -> str:
        return self.name


class EmergencyMember(Base):
    """A person with a post in an emergency unit (单元成员及岗位)."""

    __tablename__ = "emergency_member"
    __label__ = "应急单元成员"
    __table_args__ = (UniqueConstraint("unit_id", "resident_id", name="uq_emergency_member_unit_resident"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_id: Mapped[int] = mapped_column(
        ForeignKey("emergency_unit.id", ondelete="CASCADE"), index=True, info={"label": "单元"}
    )
    resident_id: Mapped[int] = mapped_column(ForeignKey("resident.id"), index=True, info={"label": "人员"})
    post: Mapped[str] = mapped_column(String(40), info={"label": "岗位"})
    position: Mapped[int] = mapped_column(Integer, default=0, info={"audit": False})
    active: Mapped[bool] = mapped_column(Boolean, default=True, info={"label": "在编"})

    unit: Mapped[EmergencyUnit] = relationship(back_populates="members")
    resident: Mapped[Resident] = relationship()

    def audit_title(self) -> str:
        return f"{self.post}#{self.id}"


class PostCheckin(Base):
    """One on-post spell of a unit member (在岗签到 / 签退); open while ``off_at`` is empty."""

    __tablename__ = "post_checkin"
    __label__ = "应急单元在岗签到"
    __table_args__ = (Index("ix_post_checkin_member_on", "member_id", "on_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(
        ForeignKey("emergency_member.id", ondelete="CASCADE"), info={"label": "成员"}
    )
    on_at: Mapped[datetime] = mapped_column(DateTime, index=True, info={"label": "签到时间"})
    off_at: Mapped[datetime | None] = mapped_column(DateTime, info={"label": "签退时间"})

    member: Mapped[EmergencyMember] = relationship()


class Drill(Timestamps, Base):
    """A drill of an emergency unit (拉动测试): who arrived when, which rings were met."""

    __tablename__ = "drill"
    __label__ = "拉动测试"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("emergency_unit.id"), index=True, info={"label": "单元"})
    held_at: Mapped[datetime] = mapped_column(DateTime, index=True, info={"label": "测试时间"})
    scenario: Mapped[str] = mapped_column(String(200), info={"label": "情景"})
    organiser: Mapped[str] = mapped_column(String(50), default="", info={"label": "组织人"})
    #: seconds until the street's reinforcement (10-minute ring) and the professional rescue (20-minute ring)
    reinforcement_seconds: Mapped[int | None] = mapped_column(Integer, info={"label": "镇街力量到达用时（秒）"})
    professional_seconds: Mapped[int | None] = mapped_column(Integer, info={"label": "专业救援到达用时（秒）"})
    problems: Mapped[str] = mapped_column(Text, default="", info={"label": "存在问题"})

    unit: Mapped[EmergencyUnit] = relationship()
    arrivals: Mapped[list[DrillArrival]] = relationship(
        back_populates="drill", order_by="DrillArrival.position", cascade="all, delete-orphan"
    )

    def audit_title(self) -> str:
        return f"拉动测试 {self.held_at:%Y-%m-%d %H:%M}"


class DrillArrival(Base):
    """One member's arrival in a drill; name and post are kept as they were (the record is signed)."""

    __tablename__ = "drill_arrival"
    __label__ = "拉动测试到达"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    drill_id: Mapped[int] = mapped_column(ForeignKey("drill.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("emergency_member.id", ondelete="SET NULL"))
    position: Mapped[int] = mapped_column(Integer, default=0, info={"audit": False})
    name: Mapped[str] = mapped_column(String(50), info={"label": "姓名"})
    post: Mapped[str] = mapped_column(String(40), default="", info={"label": "岗位"})
    #: None: did not arrive
    seconds: Mapped[int | None] = mapped_column(Integer, info={"label": "到达用时（秒）"})

    drill: Mapped[Drill] = relationship(back_populates="arrivals")
