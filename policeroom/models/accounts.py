"""Sign-in accounts (账户), the audit trail (修改记录) and shared settings (设置)."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from policeroom.models.base import Base, Timestamps
from policeroom.models.people import TeamMember, str_enum


class AccountRole(str, enum.Enum):
    """What an account may do: the officer everything, staff no accounts/settings/deletes,
    grid workers only what concerns their grids."""

    officer = "officer"
    staff = "staff"
    grid_worker = "grid_worker"

    @property
    def label(self) -> str:
        return ACCOUNT_ROLE_LABELS[self]


ACCOUNT_ROLE_LABELS: dict[AccountRole, str] = {
    AccountRole.officer: "民警（全部权限）",
    AccountRole.staff: "工作人员",
    AccountRole.grid_worker: "网格员（限本网格）",
}


class Account(Timestamps, Base):
    """A person's sign-in on the shared desk PC."""

    __tablename__ = "account"
    __label__ = "账户"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(50), unique=True, info={"label": "用户名"})
    member_id: Mapped[int | None] = mapped_column(
        ForeignKey("team_member.id"), unique=True, info={"label": "团队成员"}
    )
    role: Mapped[AccountRole] = mapped_column(str_enum(AccountRole, "account_role"), info={"label": "权限"})
    password_hash: Mapped[str] = mapped_column(String(255), info={"audit": False})
    active: Mapped[bool] = mapped_column(Boolean, default=True, info={"label": "启用"})
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0, info={"audit": False})
    locked_until: Mapped[datetime | None] = mapped_column(DateTime, info={"audit": False})
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime, info={"audit": False})

    member: Mapped[TeamMember | None] = relationship()

    @property
    def display_name(self) -> str:
        return self.member.name if self.member is not None else self.username

    def audit_title(self) -> str:
        return self.username


class AuditEntry(Base):
    """One write through the services: who, when, which record, each field before -> after."""

    __tablename__ = "audit_entry"
    __table_args__ = (Index("ix_audit_entry_entity", "entity", "entity_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    account_id: Mapped[int | None] = mapped_column(Integer)  # no FK: the trail outlives accounts
    actor: Mapped[str] = mapped_column(String(50))
    action: Mapped[str] = mapped_column(String(10))  # create / update / delete
    entity: Mapped[str] = mapped_column(String(40))  # table name
    entity_id: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200), default="")
    changes: Mapped[str] = mapped_column(Text, default="{}")  # JSON {field: [before, after]}
    #: the chain (链): the previous entry's hash and this entry's own (SHA-256 hex), see services.core.auditchain
    prev_hash: Mapped[str] = mapped_column(String(64), default="")
    hash: Mapped[str] = mapped_column(String(64), default="")


class AuditChainState(Base):
    """One row (id 1): the chain's head as written (last id + hash) and as last verified at start-up."""

    __tablename__ = "audit_chain"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_id: Mapped[int] = mapped_column(Integer, default=0)
    last_hash: Mapped[str] = mapped_column(String(64), default="")
    verified_id: Mapped[int] = mapped_column(Integer, default=0)
    verified_hash: Mapped[str] = mapped_column(String(64), default="")


class Setting(Base):
    """A shared key/value setting (警务室名称 ...); typed access lives in services.settings."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")

    __label__ = "设置"

    def audit_title(self) -> str:
        return self.key
