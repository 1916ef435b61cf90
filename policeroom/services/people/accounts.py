"""Accounts and sign-in (账户与登录): first run, authentication with lock-out, account management."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from policeroom.errors import AuthError, NotFound, PermissionDenied
from policeroom.models import Account, AccountRole, MemberRole, TeamMember
from policeroom.services.core import audit, clock
from policeroom.services.core.context import Actor, Perm, ServiceContext
from policeroom.services.core.forms import FormErrors
from policeroom.services.core.settings import RoomSettings, validate_room_settings, write_room_settings
from policeroom.services.people.passwords import (
    hash_password,
    needs_rehash,
    password_problem,
    verify_nobody,
    verify_password,
)
from policeroom.vault.unlocked import vault_of

log = logging.getLogger(__name__)

MAX_FAILED = 5
LOCK_MINUTES = 15
#: the one refusal for an unknown name, a wrong password and a locked account (none tells who exists)
WRONG = f"用户名或密码不正确。连续输错{MAX_FAILED}次将锁定{LOCK_MINUTES}分钟；已锁定时请稍后再试，或请社区民警解锁。"
_USERNAME = re.compile(r"^[A-Za-z0-9_.\-]{2,30}$")

ROLE_FOR_MEMBER = {
    MemberRole.officer: AccountRole.officer,
    MemberRole.staff: AccountRole.staff,
    MemberRole.auxiliary: AccountRole.staff,
    MemberRole.grid_worker: AccountRole.grid_worker,
    MemberRole.volunteer: AccountRole.grid_worker,
}


@dataclass(frozen=True)
class AccountRow:
    id: int
    username: str
    display_name: str
    role: AccountRole
    active: bool
    locked_until: datetime | None
    last_login_at: datetime | None
    member_id: int | None


_SURROGATE = re.compile("[\ud800-\udfff]")


def _check_username(errors: FormErrors, username: str) -> None:
    if not _USERNAME.match(username):
        errors.add("username", "用户名用2至30位字母、数字或 _ . -，例如 zhangsan")


def _check_password(errors: FormErrors, password: str, confirm: str | None, field: str = "password") -> None:
    problem = password_problem(password)
    if problem is None and _SURROGATE.search(password):  # cannot be hashed (not encodable)
        problem = "密码含有无法保存的字符，请重新输入"
    if problem:
        errors.add(field, problem)
    elif confirm is not None and confirm != password:
        errors.add("confirm", "两次输入的密码不一致")


def actor_for(session: Session, account: Account) -> Actor:
    member = account.member
    grid_ids = frozenset(g.id for g in member.grids) if member is not None else frozenset()
    return Actor(
        account_id=account.id,
        name=account.display_name,
        role=account.role,
        member_id=account.member_id,
        grid_ids=grid_ids,
    )


class AccountService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # -- first run -------------------------------------------------------------------------
    def needs_first_run(self) -> bool:
        with self.ctx.read() as s:
            return not s.scalar(select(func.count()).select_from(Account))

    def first_run(
        self,
        settings: RoomSettings,
        *,
        officer_name: str,
        officer_phone: str | None,
        username: str,
        password: str,
        confirm: str,
    ) -> Actor:
        """Create the room's settings, the officer (team member) and the officer's account at once."""
        from policeroom.services.people.team import clean_member_fields

        errors = FormErrors()
        try:
            clean_settings = validate_room_settings(settings)
        except FormErrors as e:
            errors.capture(e)
            clean_settings = settings
        name, phone = clean_member_fields(errors, officer_name, officer_phone)
        _check_username(errors, username.strip())
        _check_password(errors, password, confirm)
        errors.raise_if_any()
        with self.ctx.write() as s:
            if s.scalar(select(func.count()).select_from(Account)):
                raise PermissionDenied("已经设置过账户，请直接登录。")
            write_room_settings(s, clean_settings)
            officer = TeamMember(name=name, role=MemberRole.officer, phone=phone)
            _set_pinyin(officer)
            s.add(officer)
            account = Account(
                username=username.strip(), role=AccountRole.officer, member=officer,
                password_hash=hash_password(password),
            )
            s.add(account)
            s.flush()
            vault = vault_of(s)
            if vault is not None:  # the officer's password opens the encrypted database from now on
                vault.set_password(account.id, account.username, password)
            return actor_for(s, account)

    def new_recovery_key(self) -> str | None:
        """A new recovery key (恢复密钥) for the encrypted database, replacing the old one; shown and
        printed once (officer only). None when the database is not encrypted."""
        self.ctx.actor.require(Perm.manage_accounts)
        with self.ctx.write() as s:
            vault = vault_of(s)
            if vault is None:
                return None
            audit.record(s, self.ctx.actor, "account", self.ctx.actor.account_id or 0, "recovery_key",
                         {"recovery_key": ["", "（已重新生成）"]}, title="恢复密钥")
            return vault.new_recovery_key()

    # -- sign-in ---------------------------------------------------------------------------
    def authenticate(
        self, username: str, password: str, now: datetime | None = None, *, action: str = "sign_in"
    ) -> Actor:
        """Check the password; five wrong tries lock the account for LOCK_MINUTES.

        ``action`` is what a success is recorded as: ``sign_in`` (登录) or ``screen_unlock`` (解除锁屏).

        Raises:
            AuthError: with a message saying what to do.
        """
        now = now or clock.now()
        refusal: str | None = None
        # The failure counter must be committed even though sign-in fails, so the refusal is raised
        # only after the transaction ends.
        with self.ctx.sessions() as s:
            with s.begin():
                # Take the write lock up front (BEGIN IMMEDIATE, waiting busy_timeout) as saves do: a
                # read lock upgraded later fails at once with "database is locked" when another desk writes.
                s.connection(execution_options={"policeroom_write": True})
                account = s.scalar(
                    select(Account)
                    .where(func.lower(Account.username) == username.strip().lower())
                    .options(selectinload(Account.member).selectinload(TeamMember.grids))
                ) if _USERNAME.match(username.strip()) else None  # a malformed name is no account (nor a query)
                if account is None or not account.active:
                    # Same wording and about the same time as a wrong password: do not reveal which user
                    # names exist (a hash is computed against a dummy).
                    verify_nobody(password)
                    refusal = WRONG
                    # The typed name is not recorded: people sometimes type their password there.
                    audit.record(s, _Who(account.id if account else None, "未知用户"), "account",
                                 account.id if account else 0, "sign_in_failed", title="未知或停用的账户")
                elif account.locked_until and account.locked_until > now:
                    verify_password(password, account.password_hash)  # the time of a real check
                    audit.record(s, actor_for(s, account), "account", account.id, "sign_in_failed",
                                 {"locked_until": [account.locked_until, account.locked_until]},
                                 title=account.audit_title())
                    refusal = WRONG  # "locked" would tell that the user name exists
                elif not verify_password(password, account.password_hash):
                    account.failed_attempts += 1
                    audit.record(s, actor_for(s, account), "account", account.id, "sign_in_failed",
                                 {"failed_attempts": [account.failed_attempts - 1, account.failed_attempts]},
                                 title=account.audit_title())
                    log.warning("failed sign-in for account %s (%d)", account.id, account.failed_attempts)
                    if account.failed_attempts >= MAX_FAILED:
                        account.failed_attempts = 0
                        account.locked_until = now + timedelta(minutes=LOCK_MINUTES)
                        audit.record(s, actor_for(s, account), "account", account.id, "lock",
                                     {"locked_until": [None, account.locked_until]}, title=account.audit_title())
                    refusal = WRONG  # no count-down and no "locked": both would tell that the name exists
                else:
                    if needs_rehash(account.password_hash):  # hashed at a lower cost: upgrade it now
                        account.password_hash = hash_password(password)
                    account.failed_attempts = 0
                    account.locked_until = None
                    account.last_login_at = now
                    log.info("account %s signed in", account.id)
                    vault = vault_of(s)
                    if vault is not None and not vault.has_slot(account.id):
                        # e.g. other accounts after a plain file was encrypted: from now on this
                        # password opens the database too.
                        vault.set_password(account.id, account.username, password)
                    signed_in = actor_for(s, account)
                    audit.record(s, signed_in, "account", account.id, action, title=account.audit_title())
        if refusal is not None:
            raise AuthError(refusal)
        return signed_in

    # -- idle lock (锁屏) -------------------------------------------------------------------
    def lock_screen(self, minutes: int) -> None:
        """Record that the window locked itself after ``minutes`` without input."""
        account_id = self._signed_in()
        with self.ctx.write() as s:
            account = self._get(s, account_id)
            audit.record(s, self.ctx.actor, "account", account.id, "screen_lock",
                         {"idle_minutes": [None, minutes]}, title=account.audit_title())

    def unlock_screen(self, password: str) -> Actor:
        """The signed-in person's password opens the locked window; counted and locked out as a sign-in.

        Returns the actor re-read (a disabled account or changed grids take effect now).

        Raises:
            AuthError: wrong password, account locked or disabled meanwhile (the sign-in's messages).
        """
        account_id = self._signed_in()
        with self.ctx.read() as s:
            username = self._get(s, account_id).username
        return self.authenticate(username, password, action="screen_unlock")

    def _signed_in(self) -> int:
        if self.ctx.actor.account_id is None:
            raise PermissionDenied("请先登录")
        return self.ctx.actor.account_id

    # -- management (officer only) ---------------------------------------------------------
    def list(self) -> list[AccountRow]:
        """Every account for the officer; anyone else sees only their own (user names are not shown
        around: a user name is half of a sign-in). Team members' names come from ``team.list``."""
        stmt = select(Account).options(selectinload(Account.member)).order_by(Account.id)
        if not self.ctx.actor.can(Perm.manage_accounts):
            stmt = stmt.where(Account.id == self.ctx.actor.account_id)
        with self.ctx.read() as s:
            accounts = s.scalars(stmt).all()
            return [
                AccountRow(a.id, a.username, a.display_name, a.role, a.active, a.locked_until,
                           a.last_login_at, a.member_id)
                for a in accounts
            ]

    def create(
        self, *, username: str, password: str, confirm: str, member_id: int | None, role: AccountRole | None = None
    ) -> int:
        self.ctx.actor.require(Perm.manage_accounts)
        errors = FormErrors()
        username = username.strip()
        _check_username(errors, username)
        _check_password(errors, password, confirm)
        with self.ctx.write() as s:
            # looked up only when well-formed: a lone surrogate cannot even be sent to SQLite
            if _USERNAME.match(username) and s.scalar(
                select(Account.id).where(func.lower(Account.username) == username.lower())
            ):
                errors.add("username", "该用户名已被使用")
            member = s.get(TeamMember, member_id) if member_id else None
            if member_id and member is None:
                errors.add("member_id", "所选团队成员不存在")
            if member is not None and s.scalar(select(Account.id).where(Account.member_id == member.id)):
                errors.add("member_id", f"{member.name}已有账户")
            errors.raise_if_any()
            if role is None:
                role = ROLE_FOR_MEMBER[member.role] if member is not None else AccountRole.staff
            account = Account(username=username, password_hash=hash_password(password), member=member, role=role)
            s.add(account)
            s.flush()
            vault = vault_of(s)
            if vault is not None:
                vault.set_password(account.id, username, password)
            return account.id

    def update(self, account_id: int, *, role: AccountRole, active: bool) -> None:
        self.ctx.actor.require(Perm.manage_accounts)
        with self.ctx.write() as s:
            account = self._get(s, account_id)
            if account.id == self.ctx.actor.account_id and (role != AccountRole.officer or not active):
                raise PermissionDenied("不能降低或停用自己正在使用的民警账户。")
            if account.role == AccountRole.officer and (role != AccountRole.officer or not active):
                others = s.scalar(
                    select(func.count()).select_from(Account).where(
                        Account.role == AccountRole.officer, Account.active.is_(True), Account.id != account.id
                    )
                )
                if not others:
                    raise PermissionDenied("至少要保留一个启用的民警账户。")
            account.role = role
            account.active = active
            vault = vault_of(s)
        if vault is not None and not active:  # after the save: a disabled password no longer opens the file
            vault.drop_account(account_id)

    def reset_password(self, account_id: int, password: str, confirm: str) -> None:
        self.ctx.actor.require(Perm.manage_accounts)
        errors = FormErrors()
        _check_password(errors, password, confirm)
        errors.raise_if_any()
        with self.ctx.write() as s:
            account = self._get(s, account_id)
            account.password_hash = hash_password(password)
            vault = vault_of(s)
            sid = vault.add_password(account.id, account.username, password) if vault and account.active else None
            audit.record(s, self.ctx.actor, "account", account.id, "reset_password",
                         {"password": ["", "（已重置）"], "locked_until": [account.locked_until, None]},
                         title=account.audit_title())
            account.failed_attempts = 0
            account.locked_until = None
            log.info("password of account %s reset by %s", account.id, self.ctx.actor.account_id)
        if vault is not None and sid is not None:  # saved: the old password's slot goes
            vault.keep_only(account_id, sid)

    def unlock(self, account_id: int) -> None:
        self.ctx.actor.require(Perm.manage_accounts)
        with self.ctx.write() as s:
            account = self._get(s, account_id)
            audit.record(s, self.ctx.actor, "account", account.id, "unlock",
                         {"locked_until": [account.locked_until, None]}, title=account.audit_title())
            account.failed_attempts = 0
            account.locked_until = None
            vault = vault_of(s)
            if vault is not None:  # wrong tries made while the file was closed count in its key slots
                vault.clear_lock(account.id)

    def change_own_password(self, old: str, new: str, confirm: str) -> None:
        account_id = self.ctx.actor.account_id
        if account_id is None:
            raise PermissionDenied("请先登录")
        errors = FormErrors()
        _check_password(errors, new, confirm, field="new")
        with self.ctx.write() as s:
            account = self._get(s, account_id)
            if not verify_password(old, account.password_hash):
                errors.add("old", "原密码不正确")
            errors.raise_if_any()
            account.password_hash = hash_password(new)
            vault = vault_of(s)
            sid = vault.add_password(account.id, account.username, new) if vault is not None else None
            audit.record(s, self.ctx.actor, "account", account.id, "password", {"password": ["", "（已修改）"]},
                         title=account.audit_title())
        if vault is not None and sid is not None:  # saved: the old password's slot goes
            vault.keep_only(account_id, sid)

    @staticmethod
    def _get(s: Session, account_id: int) -> Account:
        account = s.get(Account, account_id)
        if account is None:
            raise NotFound("账户不存在")
        return account


@dataclass(frozen=True)
class _Who:
    """Who tried to sign in, for the history (no Actor exists for an unknown account)."""

    account_id: int | None
    name: str


def _set_pinyin(member: TeamMember) -> None:
    from policeroom.services.core.pinyin import name_keys

    member.name_pinyin, member.name_initials = name_keys(member.name)
