"""Who is acting (the signed-in person) and the transaction every service method runs in."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy.orm import Session, sessionmaker

from policeroom.errors import PermissionDenied, SessionEnded
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
        if not self.sees_grid(grid_id):
            raise PermissionDenied("网格员只能查看和编辑本人负责网格的记录。")

    def sees_grid(self, grid_id: int | None) -> bool:
        """Whether a record of this grid (None: no grid) is within the actor's scope."""
        return not self.limited_to_grids or grid_id in self.grid_ids


#: The actor of scripted work (seed-demo, migrations of data) with full rights.
SYSTEM = Actor(account_id=None, name="系统", role=AccountRole.officer)


DISABLED = "您的账户已被停用，请联系社区民警。请重新登录。"
CHANGED = "您的账户权限（角色或负责网格）已被社区民警修改，请重新登录。"


_ACCOUNT_NOW = None  # the statement below, built on first use (keeps start-up imports light)


def _account_now():  # noqa: ANN202 - a SQLAlchemy statement
    global _ACCOUNT_NOW
    if _ACCOUNT_NOW is None:
        from sqlalchemy import bindparam, select

        from policeroom.models import Account, grid_assignment

        _ACCOUNT_NOW = (
            select(Account.active, Account.role, Account.member_id, grid_assignment.c.grid_id)
            .outerjoin(grid_assignment, grid_assignment.c.member_id == Account.member_id)
            .where(Account.id == bindparam("account_id"))
        )
    return _ACCOUNT_NOW


def _still_valid(session: Session, actor: Actor) -> str | None:
    """None when the signed-in account still has the actor's rights; otherwise why the session ends.

    Read at the start of every transaction (one small query), so a disabled account, a changed role or
    a removed grid takes effect on the very next call (not at the next sign-in).
    """
    rows = session.connection().execute(_account_now(), {"account_id": actor.account_id}).all()
    if not rows or not rows[0].active:
        return DISABLED
    role = AccountRole(rows[0].role)
    if role != actor.role or rows[0].member_id != actor.member_id:
        return CHANGED
    if role == AccountRole.grid_worker:
        grids = frozenset(r.grid_id for r in rows if r.grid_id is not None)
        if grids != actor.grid_ids:
            return CHANGED
    return None


class ServiceContext:
    """The session factory and the current actor, passed explicitly to every service.

    ``read`` and ``write`` re-read the signed-in account first (not the SYSTEM actor, whose
    ``account_id`` is None): when it was disabled or its role or grids changed they raise
    :class:`SessionEnded` and call ``on_session_ended`` (the window returns to sign-in).
    """

    def __init__(self, sessions: sessionmaker[Session], actor: Actor = SYSTEM) -> None:
        self.sessions = sessions
        self.actor = actor
        #: called with the error before SessionEnded is raised (the window goes back to sign-in)
        self.on_session_ended: Callable[[SessionEnded], None] | None = None

    def _check_actor(self, session: Session) -> None:
        if self.actor.account_id is None:
            return
        reason = _still_valid(session, self.actor)
        if reason is not None:
            error = SessionEnded(reason)
            if self.on_session_ended is not None:
                self.on_session_ended(error)
            raise error

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction: committed on success, rolled back (database unchanged) on any error."""
        with self.sessions() as session, session.begin():
            # Ask for the write lock up front (SQLite: BEGIN IMMEDIATE; ignored elsewhere).
            session.connection(execution_options={"policeroom_write": True})
            self._check_actor(session)
            session.info["actor"] = self.actor
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self.sessions() as session:
            self._check_actor(session)
            yield session
