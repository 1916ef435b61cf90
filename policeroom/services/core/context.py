"""Who is acting (the signed-in person) and the transaction every service method runs in."""

from __future__ import annotations

import enum
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy.orm import Session, sessionmaker

from policeroom.errors import PermissionDenied
from policeroom.models import AccountRole


class Perm(enum.Enum):
    """Things an account may or may not do."""

    manage_accounts = "管理账户"
    edit_settings = "修改设置"
    delete = "删除记录"
    edit_team = "编辑团队成员"
    edit_all_grids = "新建或编辑全部网格"
    see_all_grids = "查看全部网格的居民"
    edit_roster = "编排值班表"
    approve_roster = "审批调班和固定排班"


_ALLOWED: dict[AccountRole, frozenset[Perm]] = {
    AccountRole.officer: frozenset(Perm),
    AccountRole.staff: frozenset({Perm.edit_team, Perm.edit_all_grids, Perm.see_all_grids, Perm.edit_roster}),
    AccountRole.grid_worker: frozenset(),
}


@dataclass(frozen=True)
class Actor:
    """The person whose changes are being recorded.

    Attributes:
        grid_ids: the grids a grid worker is responsible for (limits what they see and edit).
    """

    account_id: int | None
    name: str
    role: AccountRole
    member_id: int | None = None
    grid_ids: frozenset[int] = field(default_factory=frozenset)

    def can(self, perm: Perm) -> bool:
        return perm in _ALLOWED[self.role]

    def require(self, perm: Perm) -> None:
        if not self.can(perm):
            raise PermissionDenied(f"您的账户没有“{perm.value}”的权限，请联系社区民警。")

    @property
    def limited_to_grids(self) -> bool:
        return not self.can(Perm.see_all_grids)

    def require_grid(self, grid_id: int | None) -> None:
        """Grid workers may only touch records of their own grids."""
        if self.limited_to_grids and grid_id not in self.grid_ids:
            raise PermissionDenied("网格员只能查看和编辑本人负责网格的记录。")


#: The actor of scripted work (seed-demo, migrations of data) with full rights.
SYSTEM = Actor(account_id=None, name="系统", role=AccountRole.officer)


class ServiceContext:
    """The session factory and the current actor, passed explicitly to every service."""

    def __init__(self, sessions: sessionmaker[Session], actor: Actor = SYSTEM) -> None:
        self.sessions = sessions
        self.actor = actor

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction: committed on success, rolled back (database unchanged) on any error."""
        with self.sessions() as session, session.begin():
            # Ask for the write lock up front (SQLite: BEGIN IMMEDIATE; ignored elsewhere).
            session.connection(execution_options={"policeroom_write": True})
            session.info["actor"] = self.actor
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self.sessions() as session:
            yield session
