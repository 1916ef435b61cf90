"""Field work of the grid (巡防、入户走访、防范宣传、警务工作日志): patrol routes and records, households
and their visits, prevention talks, and the hand-written entries of the work log.

Entries of the work log that follow from a record (a visit, a patrol, a talk, a mediation session …)
are not stored: they are read from the records themselves (``services/fieldwork/worklog.py``), so a
record edited is an entry edited, never a second entry.
"""

from __future__ import annotations

from datetime import date, time

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from policeroom.models.base import Base, Timestamps
from policeroom.models.people import Grid, Resident, TeamMember


class PatrolRoute(Timestamps, Base):
    """A patrol route (巡防路线) of a grid: ordered checkpoints, a time window, a minimum of people."""

    __tablename__ = "patrol_route"
    __label__ = "巡防路线"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    grid_id: Mapped[int] = mapped_column(ForeignKey("grid.id"), index=True, info={"label": "网格"})
    name: Mapped[str] = mapped_column(String(60), info={"label": "路线名称"})
    start_time: Mapped[time] = mapped_column(Time, info={"label": "开始时间"})
    end_time: Mapped[time] = mapped_column(Time, info={"label": "结束时间"})
    min_people: Mapped[int] = mapped_column(Integer, default=2, info={"label": "最少人数"})
    notes: Mapped[str] = mapped_column(Text, default="", info={"label": "备注"})
    archived: Mapped[bool] = mapped_column(Boolean, default=False, info={"label": "已停用"})

    grid: Mapped[Grid] = relationship()
    checkpoints: Mapped[list[PatrolCheckpoint]] = relationship(
        back_populates="route", order_by="PatrolCheckpoint.seq", cascade="all, delete-orphan"
    )

    def audit_title(self) -> str:
        return self.name


class PatrolCheckpoint(Base):
    """One checkpoint (检查点) of a route, in its order; removed points used by records are archived."""

    __tablename__ = "patrol_checkpoint"
    __label__ = "巡防检查点"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    route_id: Mapped[int] = mapped_column(ForeignKey("patrol_route.id", ondelete="CASCADE"), index=True)
    seq: Mapped[int] = mapped_column(Integer, info={"label": "顺序"})
    name: Mapped[str] = mapped_column(String(60), info={"label": "检查点"})
    archived: Mapped[bool] = mapped_column(Boolean, default=False, info={"label": "已停用"})

    route: Mapped[PatrolRoute] = relationship(back_populates="checkpoints")

    def audit_title(self) -> str:
        return f"{self.seq}. {self.name}"


patrol_member = Table(
    "patrol_member",
    Base.metadata,
    Column("patrol_id", ForeignKey("patrol_record.id", ondelete="CASCADE"), primary_key=True),
    Column("member_id", ForeignKey("team_member.id", ondelete="CASCADE"), primary_key=True),
)


class PatrolRecord(Timestamps, Base):
    """One patrol (巡防记录): date, window, route, people, each checkpoint's time and finding."""

    __tablename__ = "patrol_record"
    __label__ = "巡防记录"
    __audit_relationships__ = ("members",)
    __table_args__ = (Index("ix_patrol_record_grid_day", "grid_id", "day"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    route_id: Mapped[int] = mapped_column(ForeignKey("patrol_route.id"), index=True, info={"label": "路线"})
    grid_id: Mapped[int] = mapped_column(ForeignKey("grid.id"), info={"label": "网格"})
    day: Mapped[date] = mapped_column(Date, index=True, info={"label": "日期"})
    start_time: Mapped[time] = mapped_column(Time, info={"label": "开始时间"})
    end_time: Mapped[time] = mapped_column(Time, info={"label": "结束时间"})
    leader_id: Mapped[int | None] = mapped_column(ForeignKey("team_member.id"), info={"label": "带队人"})
    findings: Mapped[str] = mapped_column(Text, default="", info={"label": "发现问题及处置"})
    #: entered while walking (逐点打卡) rather than typed afterwards from the paper sheet
    live: Mapped[bool] = mapped_column(Boolean, default=False, info={"label": "现场录入"})
    finished: Mapped[bool] = mapped_column(Boolean, default=True, info={"label": "已结束"})

    route: Mapped[PatrolRoute] = relationship()
    grid: Mapped[Grid] = relationship()
    leader: Mapped[TeamMember | None] = relationship()
    members: Mapped[list[TeamMember]] = relationship(secondary=patrol_member, order_by="TeamMember.id")
    points: Mapped[list[PatrolPoint]] = relationship(
        back_populates="record", order_by="PatrolPoint.id", cascade="all, delete-orphan"
    )
    helpers: Mapped[list[PatrolHelper]] = relationship(
        back_populates="record", order_by="PatrolHelper.id", cascade="all, delete-orphan"
    )

    def audit_title(self) -> str:
        return f"巡防 {self.day:%Y-%m-%d}"


class PatrolPoint(Base):
    """A checkpoint of one patrol: when it was reached (None: missed) and 正常 / 发现问题."""

    __tablename__ = "patrol_point"
    __label__ = "检查点记录"
    __table_args__ = (UniqueConstraint("record_id", "checkpoint_id", name="uq_patrol_point_record_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("patrol_record.id", ondelete="CASCADE"), index=True)
    checkpoint_id: Mapped[int] = mapped_column(ForeignKey("patrol_checkpoint.id"), info={"label": "检查点"})
    #: the checkpoint's place in the route on the day of the patrol (a route reordered later does not
    #: rewrite which points a past patrol walked out of order)
    seq: Mapped[int] = mapped_column(Integer, default=0, info={"label": "顺序"})
    at: Mapped[time | None] = mapped_column(Time, info={"label": "到达时间"})
    problem: Mapped[bool] = mapped_column(Boolean, default=False, info={"label": "发现问题"})
    note: Mapped[str] = mapped_column(String(200), default="", info={"label": "情况"})
    event_id: Mapped[int | None] = mapped_column(ForeignKey("grid_event.id"), info={"label": "转为网格事件"})

    record: Mapped[PatrolRecord] = relationship(back_populates="points")
    checkpoint: Mapped[PatrolCheckpoint] = relationship()

    def audit_title(self) -> str:
        return f"检查点记录#{self.id}"


class PatrolHelper(Base):
    """Someone outside the team on a patrol: a volunteer (平安志愿者) or a partner unit's guard (联盟单位保安).

    ``volunteer_id`` is the seam for the volunteers module: a plain reference (that module owns its
    table), set when the name is picked from its register, so the hours are confirmed there, not retyped.
    """

    __tablename__ = "patrol_helper"
    __label__ = "巡防参加人员"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("patrol_record.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20), info={"label": "身份"})  # volunteer / guard
    name: Mapped[str] = mapped_column(String(50), info={"label": "姓名"})
    unit: Mapped[str] = mapped_column(String(60), default="", info={"label": "单位"})
    volunteer_id: Mapped[int | None] = mapped_column(Integer, info={"label": "志愿者编号"})

    record: Mapped[PatrolRecord] = relationship(back_populates="helpers")

    def audit_title(self) -> str:
        return self.name


household_resident = Table(
    "household_resident",
    Base.metadata,
    Column("household_id", ForeignKey("household.id", ondelete="CASCADE"), primary_key=True),
    Column("resident_id", ForeignKey("resident.id", ondelete="CASCADE"), primary_key=True),
)


class Household(Timestamps, Base):
    """A household (住户) at 楼栋-单元-室 in a grid, of a kind that sets how often it is visited."""

    __tablename__ = "household"
    __label__ = "住户"
    __audit_relationships__ = ("residents",)
    __table_args__ = (UniqueConstraint("building", "unit", "room", name="uq_household_building"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    grid_id: Mapped[int] = mapped_column(ForeignKey("grid.id"), index=True, info={"label": "网格"})
    building: Mapped[str] = mapped_column(String(20), info={"label": "楼栋"})
    unit: Mapped[str] = mapped_column(String(10), default="", info={"label": "单元"})
    room: Mapped[str] = mapped_column(String(10), info={"label": "室"})
    kind: Mapped[str] = mapped_column(String(20), info={"label": "户类"})
    head_name: Mapped[str] = mapped_column(String(50), default="", info={"label": "户主或联系人"})
    notes: Mapped[str] = mapped_column(Text, default="", info={"label": "备注"})
    archived: Mapped[bool] = mapped_column(Boolean, default=False, info={"label": "已归档"})

    grid: Mapped[Grid] = relationship()
    residents: Mapped[list[Resident]] = relationship(secondary=household_resident, order_by="Resident.id")

    @property
    def address(self) -> str:
        return "-".join(p for p in (self.building, self.unit, self.room) if p)

    def audit_title(self) -> str:
        return self.address


class HouseholdVisit(Timestamps, Base):
    """An 入户走访记录: who visited which household, what they learned and did, the next due date."""

    __tablename__ = "household_visit"
    __label__ = "入户走访"
    __table_args__ = (Index("ix_household_visit_household_on", "household_id", "visited_on"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id"), info={"label": "住户"})
    grid_id: Mapped[int] = mapped_column(ForeignKey("grid.id"), index=True, info={"label": "网格"})
    visited_on: Mapped[date] = mapped_column(Date, index=True, info={"label": "走访日期"})
    start_time: Mapped[time | None] = mapped_column(Time, info={"label": "开始时间"})
    end_time: Mapped[time | None] = mapped_column(Time, info={"label": "结束时间"})
    visitor_id: Mapped[int] = mapped_column(ForeignKey("team_member.id"), index=True, info={"label": "走访人"})
    companions: Mapped[str] = mapped_column(String(100), default="", info={"label": "同行人员"})
    kind: Mapped[str] = mapped_column(String(20), info={"label": "户类"})
    received_by: Mapped[str] = mapped_column(String(50), default="", info={"label": "接待人"})
    purpose: Mapped[str] = mapped_column(String(100), default="", info={"label": "走访事由"})
    population: Mapped[str] = mapped_column(Text, default="", info={"label": "人口变动"})
    hazards: Mapped[str] = mapped_column(Text, default="", info={"label": "隐患"})
    disputes: Mapped[str] = mapped_column(Text, default="", info={"label": "纠纷"})
    wishes: Mapped[str] = mapped_column(Text, default="", info={"label": "诉求"})
    action: Mapped[str] = mapped_column(Text, default="", info={"label": "处理意见"})
    signed: Mapped[bool] = mapped_column(Boolean, default=False, info={"label": "被走访人已签名"})
    next_due: Mapped[date | None] = mapped_column(Date, info={"label": "下次走访日期"})

    household: Mapped[Household] = relationship()
    visitor: Mapped[TeamMember] = relationship()

    def audit_title(self) -> str:
        return f"走访 {self.visited_on:%Y-%m-%d}"


talk_member = Table(
    "talk_member",
    Base.metadata,
    Column("talk_id", ForeignKey("prevention_talk.id", ondelete="CASCADE"), primary_key=True),
    Column("member_id", ForeignKey("team_member.id", ondelete="CASCADE"), primary_key=True),
)


class PreventionTalk(Timestamps, Base):
    """A 防范宣传 session: where, on what, to whom, how many people, materials handed out, who gave it."""

    __tablename__ = "prevention_talk"
    __label__ = "防范宣传"
    __audit_relationships__ = ("givers",)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    day: Mapped[date] = mapped_column(Date, index=True, info={"label": "日期"})
    start_time: Mapped[time | None] = mapped_column(Time, info={"label": "开始时间"})
    end_time: Mapped[time | None] = mapped_column(Time, info={"label": "结束时间"})
    grid_id: Mapped[int | None] = mapped_column(ForeignKey("grid.id"), index=True, info={"label": "网格"})
    place: Mapped[str] = mapped_column(String(100), info={"label": "地点"})
    topic: Mapped[str] = mapped_column(String(30), info={"label": "主题"})
    audience: Mapped[str] = mapped_column(String(100), default="", info={"label": "对象"})
    people_reached: Mapped[int] = mapped_column(Integer, default=0, info={"label": "人数"})
    materials: Mapped[int] = mapped_column(Integer, default=0, info={"label": "发放资料（份）"})
    other_givers: Mapped[str] = mapped_column(String(200), default="", info={"label": "其他参加人员"})
    notes: Mapped[str] = mapped_column(Text, default="", info={"label": "内容摘要"})

    grid: Mapped[Grid | None] = relationship()
    givers: Mapped[list[TeamMember]] = relationship(secondary=talk_member, order_by="TeamMember.id")

    def audit_title(self) -> str:
        return f"{self.topic}宣传 {self.day:%Y-%m-%d}"


class WorkLogEntry(Timestamps, Base):
    """A hand-written entry of the 警务工作日志 (the entries that follow from records are not stored).

    ``kind``: '' for ordinary work; ``notice`` 警情公示, ``meeting`` 居民代表会 and ``reception`` 接待群众
    are the duties the weekly checklist looks for.
    """

    __tablename__ = "work_log_entry"
    __label__ = "工作日志"
    __table_args__ = (Index("ix_work_log_entry_member_day", "member_id", "day"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("team_member.id"), info={"label": "人员"})
    day: Mapped[date] = mapped_column(Date, index=True, info={"label": "日期"})
    start_time: Mapped[time | None] = mapped_column(Time, info={"label": "开始时间"})
    end_time: Mapped[time | None] = mapped_column(Time, info={"label": "结束时间"})
    place: Mapped[str] = mapped_column(String(100), default="", info={"label": "地点"})
    category: Mapped[str] = mapped_column(String(10), info={"label": "工作类别"})
    kind: Mapped[str] = mapped_column(String(20), default="", info={"label": "事项"})
    content: Mapped[str] = mapped_column(Text, info={"label": "内容"})
    result: Mapped[str] = mapped_column(Text, default="", info={"label": "结果或待办"})

    member: Mapped[TeamMember] = relationship()

    def audit_title(self) -> str:
        return f"工作日志 {self.day:%Y-%m-%d}"
