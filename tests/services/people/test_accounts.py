"""Accounts: first run, scrypt hashes, lock-out after five wrong tries, who may manage accounts."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from policeroom.errors import AuthError, PermissionDenied, ValidationError
from policeroom.models import Account, AccountRole, MemberRole
from policeroom.services.core.forms import errors_of
from policeroom.services.core.settings import RoomSettings
from policeroom.services.people.passwords import hash_password, verify_password
from policeroom.services.people.team import MemberInput
from tests.conftest import OFFICER_PASSWORD, ROOM, actor


def test_password_hash_is_scrypt_and_never_clear() -> None:
    h = hash_password("abc12345")
    assert h.startswith("scrypt$16384$8$1$") and "abc12345" not in h
    assert verify_password("abc12345", h)
    assert not verify_password("abc12346", h)
    assert hash_password("abc12345") != h  # salted
    assert not verify_password("x", "garbage")


def test_first_run_creates_settings_officer_and_account(officer) -> None:  # noqa: ANN001
    assert officer.settings.get().room_name == ROOM["room_name"]
    assert officer.actor.role == AccountRole.officer and officer.actor.name == "王建军"
    assert [m.name for m in officer.team.list(role=MemberRole.officer)] == ["王建军"]
    assert not officer.accounts.needs_first_run()
    with pytest.raises(PermissionDenied):
        officer.accounts.first_run(
            RoomSettings(**ROOM), officer_name="李四", officer_phone="", username="lisi",
            password="abcd1234", confirm="abcd1234",
        )


def test_first_run_reports_every_bad_field(services) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError) as err:
        services.accounts.first_run(
            RoomSettings(room_name="", station="", community="社区", committee_name="会", committee_short="安华"),
            officer_name="", officer_phone="123", username="王", password="short", confirm="x",
        )
    errors = errors_of(err.value)
    assert set(errors) >= {"room_name", "station", "name", "phone", "username", "password"}
    assert services.accounts.needs_first_run()  # nothing written


def test_wrong_password_counts_down_then_locks(officer) -> None:  # noqa: ANN001
    now = datetime(2026, 11, 22, 9, 0)
    for left in (4, 3, 2, 1):
        with pytest.raises(AuthError, match=f"再错{left}次"):
            officer.accounts.authenticate("wangjj", "wrong-pass1", now=now)
    with pytest.raises(AuthError, match="已锁定15分钟"):
        officer.accounts.authenticate("wangjj", "wrong-pass1", now=now)
    # Even the right password is refused while locked.
    with pytest.raises(AuthError, match="09:15"):
        officer.accounts.authenticate("wangjj", OFFICER_PASSWORD, now=now + timedelta(minutes=5))
    assert officer.accounts.authenticate("wangjj", OFFICER_PASSWORD, now=now + timedelta(minutes=16)).name == "王建军"


def test_unknown_user_gets_the_same_message(officer) -> None:  # noqa: ANN001
    with pytest.raises(AuthError) as err:
        officer.accounts.authenticate("nobody", "whatever1")
    assert err.value.message == "用户名或密码不正确"


def test_username_is_case_insensitive(officer) -> None:  # noqa: ANN001
    assert officer.accounts.authenticate("WangJJ", OFFICER_PASSWORD).account_id is not None


def test_officer_adds_staff_account_with_role_from_member(officer) -> None:  # noqa: ANN001
    mid = officer.team.create(MemberInput(name="刘晓燕", role=MemberRole.staff))
    aid = officer.accounts.create(username="liuxy", password="abcd1234", confirm="abcd1234", member_id=mid)
    staff = officer.accounts.authenticate("liuxy", "abcd1234")
    assert staff.role == AccountRole.staff and staff.account_id == aid and staff.name == "刘晓燕"
    with pytest.raises(ValidationError) as err:
        officer.accounts.create(username="liuxy", password="abcd1234", confirm="abcd1234", member_id=mid)
    assert set(errors_of(err.value)) == {"username", "member_id"}


def test_staff_may_not_manage_accounts(officer) -> None:  # noqa: ANN001
    officer.sign_in(actor(AccountRole.staff))
    with pytest.raises(PermissionDenied):
        officer.accounts.create(username="x1", password="abcd1234", confirm="abcd1234", member_id=None)
    with pytest.raises(PermissionDenied):
        officer.settings.save(RoomSettings(**ROOM))


def test_last_officer_cannot_be_demoted(officer) -> None:  # noqa: ANN001
    with pytest.raises(PermissionDenied):
        officer.accounts.update(officer.actor.account_id, role=AccountRole.staff, active=True)


def test_change_own_password(officer, db) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError) as err:
        officer.accounts.change_own_password("bad", "newpass99", "newpass99")
    assert "old" in errors_of(err.value)
    officer.accounts.change_own_password(OFFICER_PASSWORD, "newpass99", "newpass99")
    assert officer.accounts.authenticate("wangjj", "newpass99")
    with db.sessions() as s:
        stored = s.scalar(select(Account.password_hash))
    assert "newpass99" not in stored


@pytest.mark.today(datetime(2026, 11, 25, 10, 0))
def test_reset_password_unlocks(officer) -> None:  # noqa: ANN001
    now = datetime(2026, 11, 25, 10, 0)
    mid = officer.team.create(MemberInput(name="陈磊", role=MemberRole.staff))
    aid = officer.accounts.create(username="chenl", password="abcd1234", confirm="abcd1234", member_id=mid)
    for _ in range(5):
        with pytest.raises(AuthError):
            officer.accounts.authenticate("chenl", "nope12345", now=now)
    officer.accounts.reset_password(aid, "fresh1234", "fresh1234")
    assert officer.accounts.authenticate("chenl", "fresh1234", now=now).account_id == aid
