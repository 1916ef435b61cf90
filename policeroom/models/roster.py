"""Duty roster (值班排班): shift types, requirements, absences, preferences, the roster's cells, swaps,
check-ins, the handover log and hand-entered holidays."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text, Time
from sqlalchemy.orm import Mapped, mapped_column, relationship

from policeroom.models.base import Base, Timestamps
from policeroom.models.people import Grid, TeamMember


class ShiftType(Timestamps, Base):
    """A shift type (班次) with its times and post (岗位)."""

    __tablename__ = "roster_shift_type"
    __label__ = "班次"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(4), info={"label": "简称"})
    name: Mapped[str] = mapped_column(String(20), info={"label": "班次名称"})
    post: Mapped[str] = mapped_column(String(20), info={"label": "岗位"})  # desk / duty / patrol / on_call
    start_time: Mapped[time] = mapped_column(Time, info={"label": "开始时间"})
    end_time: Mapped[time] = mapped_column(Time, info={"label": "结束时间"})
    night: Mapped[bool] = mapped_column(Boolean, default=False, info={"label": "夜班"})
    roles: Mapped[str] = mapped_column(String(100), default="", info={"label": "可上此班的角色"})  # csv of roles
    color: Mapped[str] = mapped_column(String(9), default="#e3f2fd", info={"label": "颜色"})
    sort_order: Mapped[int] = mapped_column(Integer, default=0, info={"audit": False})
    archived: Mapped[bool] = mapped_column(Boolean, default=False, info={"label": "已停用"})

    def audit_title(self) -> str:
        return self.name


class Requirement(Timestamps, Base):
    """A staffing requirement (排班要求): N people on a shift, a role on post every day, grid patrols a week."""

    __tablename__ = "roster_requirement"
    __label__ = "排班要求"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), info={"label": "类型"})  # shift / role_daily / grid_patrol
    shift_ids: Mapped[str] = mapped_column(String(60), info={"label": "班次"})  # csv of shift type ids
    min_count: Mapped[int] = mapped_column(Integer, info={"label": "至少"})
    roles: Mapped[str] = mapped_column(String(100), default="", info={"label": "角色"})  # csv; empty: anyone
    days: Mapped[str] = mapped_column(String(10), default="all", info={"label": "适用日期"})
    active: Mapped[bool] = mapped_column(Boolean, default=True, info={"label": "启用"})


class Absence(Timestamps, Base):
    """Leave, rest days owed, training (请假、调休、培训): days a person cannot be rostered."""

    __tablename__ = "roster_absence"
    __label__ = "请假调休"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(
        ForeignKey("team_member.id", ondelete="CASCADE"), index=True, info={"label": "人员"})
    kind: Mapped[str] = mapped_column(String(20), info={"label": "类型"})
    start_date: Mapped[date] = mapped_column(Date, info={"label": "开始日期"})
    end_date: Mapped[date] = mapped_column(Date, info={"label": "结束日期"})
    note: Mapped[str] = mapped_column(Text, default="", info={"label": "备注"})

    member: Mapped[TeamMember] = relationship()


class ShiftPreference(Timestamps, Base):
    """A wish (想上) or an avoidance (尽量不上) for a shift, a weekday or a date."""

    __tablename__ = "roster_preference"
    __label__ = "排班意愿"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(
        ForeignKey("team_member.id", ondelete="CASCADE"), index=True, info={"label": "人员"})
    wants: Mapped[bool] = mapped_column(Boolean, info={"label": "意愿"})
    shift_type_id: Mapped[int | None] = mapped_column(
        ForeignKey("roster_shift_type.id", ondelete="CASCADE"), info={"label": "班次"})
    weekday: Mapped[int | None] = mapped_column(Integer, info={"label": "星期"})
    day: Mapped[date | None] = mapped_column(Date, info={"label": "日期"})
    note: Mapped[str] = mapped_column(Text, default="", info={"label": "备注"})


class Assignment(Timestamps, Base):
    """One cell of the roster: a person on a shift on a day (the day the shift starts)."""

    __tablename__ = "roster_assignment"
    __label__ = "排班"
    __table_args__ = (Index("ix_roster_assignment_day_member", "day", "member_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(
        ForeignKey("team_member.id", ondelete="CASCADE"), index=True, info={"label": "人员"})
    day: Mapped[date] = mapped_column(Date, info={"label": "日期"})
    shift_type_id: Mapped[int] = mapped_column(
        ForeignKey("roster_shift_type.id", ondelete="CASCADE"), info={"label": "班次"})
    grid_id: Mapped[int | None] = mapped_column(ForeignKey("grid.id", ondelete="SET NULL"), info={"label": "巡防网格"})
    fixed: Mapped[bool] = mapped_column(Boolean, default=False, info={"label": "手工固定"})
    note: Mapped[str] = mapped_column(String(200), default="", info={"label": "备注"})

    member: Mapped[TeamMember] = relationship()
    shift_type: Mapped[ShiftType] = relationship()
    grid: Mapped[Grid | None] = relationship()

    def audit_title(self) -> str:
        return f"{self.day:%Y-%m-%d}"


class FixedDay(Base):
    """A (person, day) the officer fixed by hand as it is — also an empty day (fixed rest)."""

    __tablename__ = "roster_fixed_day"
    __label__ = "固定排班"

    member_id: Mapped[int] = mapped_column(ForeignKey("team_member.id", ondelete="CASCADE"), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)


class ShiftSwap(Timestamps, Base):
    """A shift swap (调班): person A's day and person B's day exchanged once the officer approves."""

    __tablename__ = "roster_swap"
    __label__ = "调班申请"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_a_id: Mapped[int] = mapped_column(
        ForeignKey("team_member.id", ondelete="CASCADE"), info={"label": "申请人"})
    day_a: Mapped[date] = mapped_column(Date, info={"label": "申请人日期"})
    member_b_id: Mapped[int] = mapped_column(
        ForeignKey("team_member.id", ondelete="CASCADE"), info={"label": "对调人"})
    day_b: Mapped[date] = mapped_column(Date, info={"label": "对调人日期"})
    reason: Mapped[str] = mapped_column(Text, default="", info={"label": "事由"})
    status: Mapped[str] = mapped_column(String(20), default="pending", info={"label": "状态"})
    requested_by: Mapped[str] = mapped_column(String(50), default="", info={"label": "提交人"})
    decided_by: Mapped[str] = mapped_column(String(50), default="", info={"label": "审批人"})
    decided_at: Mapped[datetime | None] = mapped_column(DateTime, info={"label": "审批时间"})
    decision_note: Mapped[str] = mapped_column(Text, default="", info={"label": "审批意见"})

    member_a: Mapped[TeamMember] = relationship(foreign_keys=[member_a_id])
    member_b: Mapped[TeamMember] = relationship(foreign_keys=[member_b_id])


class Attendance(Timestamps, Base):
    """A check-in / check-out (签到 / 签退) of a person on a shift."""

    __tablename__ = "roster_attendance"
    __label__ = "签到记录"
    __table_args__ = (Index("ix_roster_attendance_day_member", "day", "member_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(
        ForeignKey("team_member.id", ondelete="CASCADE"), index=True, info={"label": "人员"})
    day: Mapped[date] = mapped_column(Date, info={"label": "日期"})
    shift_type_id: Mapped[int] = mapped_column(
        ForeignKey("roster_shift_type.id", ondelete="CASCADE"), info={"label": "班次"})
    check_in: Mapped[datetime | None] = mapped_column(DateTime, info={"label": "签到时间"})
    check_out: Mapped[datetime | None] = mapped_column(DateTime, info={"label": "签退时间"})
    recorded_by: Mapped[str] = mapped_column(String(50), default="", info={"label": "记录人"})
    note: Mapped[str] = mapped_column(String(200), default="", info={"label": "备注"})


class Handover(Timestamps, Base):
    """An entry of the handover log (交接班记录)."""

    __tablename__ = "roster_handover"
    __label__ = "交接班记录"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True, info={"label": "交接时间"})
    matters: Mapped[str] = mapped_column(Text, info={"label": "交接事项"})
    from_member_id: Mapped[int | None] = mapped_column(
        ForeignKey("team_member.id", ondelete="SET NULL"), info={"label": "交班人"})
    to_member_id: Mapped[int | None] = mapped_column(
        ForeignKey("team_member.id", ondelete="SET NULL"), info={"label": "接班人"})


class ManualHoliday(Base):
    """A day entered by hand (手工录入节假日): a holiday, or a 调休 working day."""

    __tablename__ = "roster_holiday"
    __label__ = "节假日"

    day: Mapped[date] = mapped_column(Date, primary_key=True, info={"label": "日期"})
    rest: Mapped[bool] = mapped_column(Boolean, info={"label": "休息"})
    name: Mapped[str] = mapped_column(String(20), default="", info={"label": "名称"})
