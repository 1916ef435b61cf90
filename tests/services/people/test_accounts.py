"""Accounts: first run, scrypt hashes, lock-out after five wrong tries, who may manage accounts."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from policeroom.errors import AuthError, PermissionDenied, ValidationError
from policeroom.models import Account, AccountRole, MemberRole
from policeroom.services.core.forms import errors_of
from policeroom.services.core.settings import RoomSettings
from policeroom.services.people.accounts import WRONG
from policeroom.services.people.passwords import hash_password, verify_password
from policeroom.services.people.team import MemberInput
from tests.conftest import OFFICER_PASSWORD, ROOM, actor


@pytest.mark.real_password_cost
def test_password_hash_is_scrypt_and_never_clear() -> None:
    h = hash_password("abc12345")
    assert h.startswith("scrypt$131072$8$1$") and "abc12345" not in h
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
            password="huaxi2718", confirm="huaxi2718",
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
    for _ in range(4):
        with pytest.raises(AuthError) as err:
            officer.accounts.authenticate("wangjj", "wrong-pass1", now=now)
        assert err.value.message == WRONG  # as for an unknown user: no count-down
    with pytest.raises(AuthError) as err:
        officer.accounts.authenticate("wangjj", "wrong-pass1", now=now)
    assert err.value.message == WRONG  # "locked" would tell that wangjj exists
    locked = next(a for a in officer.accounts.list() if a.username == "wangjj").locked_until
    assert locked == now + timedelta(minutes=15)
    # Even the right password is refused while locked, in the same words.
    with pytest.raises(AuthError) as err:
        officer.accounts.authenticate("wangjj", OFFICER_PASSWORD, now=now + timedelta(minutes=5))
    assert err.value.message == WRONG
    assert officer.accounts.authenticate("wangjj", OFFICER_PASSWORD, now=now + timedelta(minutes=16)).name == "王建军"


def test_unknown_user_gets_the_same_message(officer) -> None:  # noqa: ANN001
    with pytest.raises(AuthError) as err:
        officer.accounts.authenticate("nobody", "whatever1")
    assert err.value.message == WRONG


def test_username_is_case_insensitive(officer) -> None:  # noqa: ANN001
    assert officer.accounts.authenticate("WangJJ", OFFICER_PASSWORD).account_id is not None


def test_officer_adds_staff_account_with_role_from_member(officer) -> None:  # noqa: ANN001
    mid = officer.team.create(MemberInput(name="刘晓燕", role=MemberRole.staff))
    aid = officer.accounts.create(username="liuxy", password="huaxi2718", confirm="huaxi2718", member_id=mid)
    staff = officer.accounts.authenticate("liuxy", "huaxi2718")
    assert staff.role == AccountRole.staff and staff.account_id == aid and staff.name == "刘晓燕"
    with pytest.raises(ValidationError) as err:
        officer.accounts.create(username="liuxy", password="huaxi2718", confirm="huaxi2718", member_id=mid)
    assert set(errors_of(err.value)) == {"username", "member_id"}


def test_staff_may_not_manage_accounts(officer) -> None:  # noqa: ANN001
    officer.sign_in(actor(AccountRole.staff))
    with pytest.raises(PermissionDenied):
        officer.accounts.create(username="x1", password="huaxi2718", confirm="huaxi2718", member_id=None)
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
    aid = officer.accounts.create(username="chenl", password="huaxi2718", confirm="huaxi2718", member_id=mid)
    for _ in range(5):
        with pytest.raises(AuthError):
            officer.accounts.authenticate("chenl", "nope12345", now=now)
    officer.accounts.reset_password(aid, "fresh1234", "fresh1234")
    assert officer.accounts.authenticate("chenl", "fresh1234", now=now).account_id == aid


# -- issue 13: stronger hashes, upgraded at sign-in; common passwords; unknown user = wrong password --


@pytest.mark.real_password_cost
def test_shipped_cost_is_at_least_2_17() -> None:
    from policeroom.services.people import passwords

    assert passwords.COST_N >= 2**17


@pytest.mark.parametrize("weak", ["password1", "qwerty123", "abc12345", "PASSWORD1", "12345678901", "short1a"])
def test_weak_passwords_are_refused(weak: str) -> None:
    from policeroom.services.people.passwords import password_problem

    assert password_problem(weak) is not None


def test_demo_password_and_common_list_ship_with_the_package() -> None:
    from policeroom.services.demo.seed import DEMO_PASSWORD
    from policeroom.services.people.passwords import common_passwords, password_problem

    assert password_problem(DEMO_PASSWORD) is None and password_problem(OFFICER_PASSWORD) is None
    assert len(common_passwords()) >= 200 and {"password1", "qwerty123", "abc12345"} <= common_passwords()


def test_hash_of_a_lower_cost_is_upgraded_at_sign_in(officer, db, monkeypatch) -> None:  # noqa: ANN001
    from policeroom.services.people import passwords

    def stored() -> str:
        with db.sessions() as s:
            return s.scalar(select(Account.password_hash).where(Account.username == "wangjj"))

    assert stored().startswith("scrypt$16384$")
    monkeypatch.setattr(passwords, "COST_N", 2**15)
    with pytest.raises(AuthError):
        officer.accounts.authenticate("wangjj", "wrong-pass1")
    assert stored().startswith("scrypt$16384$")  # only a right password may be rehashed
    officer.accounts.authenticate("wangjj", OFFICER_PASSWORD)
    assert stored().startswith("scrypt$32768$")
    assert officer.accounts.authenticate("wangjj", OFFICER_PASSWORD).name == "王建军"


def test_unknown_user_costs_the_same_time_as_a_wrong_password(officer, monkeypatch) -> None:  # noqa: ANN001
    import time

    from policeroom.services.people import passwords

    monkeypatch.setattr(passwords, "COST_N", 2**14)

    def timed(user: str) -> tuple[float, str]:
        start = time.perf_counter()
        with pytest.raises(AuthError) as err:
            officer.accounts.authenticate(user, "wrong-pass1")
        return time.perf_counter() - start, err.value.message

    timed("nobody")  # the dummy hash is made once
    unknown = min(timed("nobody") for _ in range(3))
    wrong = min(timed("wangjj") for _ in range(3))
    for _ in range(5):  # lock wangjj
        with pytest.raises(AuthError):
            officer.accounts.authenticate("wangjj", "wrong-pass1")
    locked = min(timed("wangjj") for _ in range(3))
    assert unknown[1] == wrong[1] == locked[1] == WRONG
    # all compute one scrypt hash (before: 0.5 ms for an unknown name and a locked account against 40 ms)
    assert unknown[0] > wrong[0] / 3 and locked[0] > wrong[0] / 3
    assert wrong[0] > unknown[0] / 3 and wrong[0] > locked[0] / 3


def test_common_password_list_is_package_data() -> None:
    from pathlib import Path

    import tomllib

    pyproject = tomllib.loads((Path(__file__).parents[3] / "pyproject.toml").read_text(encoding="utf-8"))
    assert "services/people/common_passwords.txt" in pyproject["tool"]["setuptools"]["package-data"]["policeroom"]
