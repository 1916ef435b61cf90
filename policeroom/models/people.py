"""People and places shared by every module: grids (网格), team members (团队成员), residents (居民)."""

from __future__ import annotations

import enum
from datetime import date

from sqlalchemy import Boolean, Column, Date, Enum, ForeignKey, Integer, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from policeroom.models.base import Base, Timestamps


class MemberRole(str, enum.Enum):
    """Role of a team member in the "1 + 2 + N" model."""

    officer = "officer"  # 社区民警
    staff = "staff"  # 社区工作人员
    grid_worker = "grid_worker"  # 网格员
    auxiliary = "auxiliary"  # 辅警
    volunteer = "volunteer"  # 志愿者

    @property
    def label(self) -> str:
        return MEMBER_ROLE_LABELS[self]


MEMBER_ROLE_LABELS: dict[MemberRole, str] = {
    MemberRole.officer: "社区民警",
    MemberRole.staff: "社区工作人员",
    MemberRole.grid_worker: "网格员",
    MemberRole.auxiliary: "辅警",
    MemberRole.volunteer: "志愿者",
}

GENDER_LABELS: dict[str, str] = {"male": "男", "female": "女"}


def str_enum(cls: type[enum.Enum], name: str) -> Enum:
    """A portable string-backed enum column (no native PostgreSQL enum type to migrate)."""
    return Enum(
        cls,
        name=name,
        native_enum=False,
        create_constraint=False,
        length=20,
        values_callable=lambda e: [m.value for m in e],
    )


grid_assignment = Table(
    "grid_assignment",
    Base.metadata,
    Column("grid_id", ForeignKey("grid.id", ondelete="CASCADE"), primary_key=True),
    Column("member_id", ForeignKey("team_member.id", ondelete="CASCADE"), primary_key=True),
)


class Grid(Timestamps, Base):
    """A grid (网格): the area one or more grid workers are responsible for."""

    __tablename__ = "grid"
    __label__ = "网格"
    __audit_relationships__ = ("workers",)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True, info={"label": "网格编号"})
    name: Mapped[str] = mapped_column(String(60), info={"label": "网格名称"})
    description: Mapped[str] = mapped_column(Text, default="", info={"label": "范围说明"})
    households: Mapped[int] = mapped_column(Integer, default=0, info={"label": "户数"})
    archived: Mapped[bool] = mapped_column(Boolean, default=False, info={"label": "已归档"})

    workers: Mapped[list[TeamMember]] = relationship(
        secondary=grid_assignment, back_populates="grids", order_by="TeamMember.id"
    )

    def audit_title(self) -> str:
        return f"{self.code} {self.name}"


class TeamMember(Timestamps, Base):
    """A member of the police room's team (团队成员)."""

    __tablename__ = "team_member"
    __label__ = "团队成员"
    __audit_relationships__ = ("grids",)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(50), info={"label": "姓名"})
    name_pinyin: Mapped[str] = mapped_column(String(200), default="", info={"audit": False})
    name_initials: Mapped[str] = mapped_column(String(50), default="", info={"audit": False})
    role: Mapped[MemberRole] = mapped_column(str_enum(MemberRole, "member_role"), info={"label": "角色"})
    phone: Mapped[str | None] = mapped_column(String(30), info={"label": "联系电话"})
    active: Mapped[bool] = mapped_column(Boolean, default=True, info={"label": "在岗"})
    joined_on: Mapped[date | None] = mapped_column(Date, info={"label": "入职日期"})
    left_on: Mapped[date | None] = mapped_column(Date, info={"label": "离开日期"})
    notes: Mapped[str] = mapped_column(Text, default="", info={"label": "备注"})

    grids: Mapped[list[Grid]] = relationship(
        secondary=grid_assignment, back_populates="workers", order_by="Grid.code"
    )

    def audit_title(self) -> str:
        return f"{self.name}（{self.role.label}）"


class Resident(Timestamps, Base):
    """A person in the community's person index (居民); parties and requesters refer to it."""

    __tablename__ = "resident"
    __label__ = "居民"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(50), index=True, info={"label": "姓名"})
    name_pinyin: Mapped[str] = mapped_column(String(200), default="", index=True, info={"audit": False})
    name_initials: Mapped[str] = mapped_column(String(50), default="", index=True, info={"audit": False})
    gender: Mapped[str | None] = mapped_column(String(10), info={"label": "性别"})
    ethnicity: Mapped[str | None] = mapped_column(String(20), info={"label": "民族"})
    id_number: Mapped[str | None] = mapped_column(String(18), unique=True, info={"label": "身份证号"})
    birth_date: Mapped[date | None] = mapped_column(Date, info={"label": "出生日期"})
    phone: Mapped[str | None] = mapped_column(String(30), index=True, info={"label": "联系电话"})
    address: Mapped[str] = mapped_column(String(200), default="", info={"label": "住址"})
    grid_id: Mapped[int | None] = mapped_column(
        ForeignKey("grid.id", ondelete="SET NULL"), index=True, info={"label": "网格"}
    )
    notes: Mapped[str] = mapped_column(Text, default="", info={"label": "备注"})
    archived: Mapped[bool] = mapped_column(Boolean, default=False, info={"label": "已归档"})

    grid: Mapped[Grid | None] = relationship()

    def audit_title(self) -> str:
        return self.name
