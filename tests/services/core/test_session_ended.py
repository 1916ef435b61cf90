"""The signed-in account is read again at every transaction: disabling it, changing its role or taking
a grid away takes effect on the very next call (SessionEnded), not at the next sign-in."""

from __future__ import annotations

import pytest

from policeroom.errors import PermissionDenied, SessionEnded
from policeroom.models import AccountRole, MemberRole
from policeroom.services.people.grids import GridInput
from policeroom.services.people.residents import ResidentInput
from policeroom.services.people.team import MemberInput
from policeroom.services.registry import Services
from tests.conftest import OFFICER_PASSWORD

PASSWORD = "anhua2026x"


@pytest.fixture
def worker(officer: Services) -> tuple[Services, Services, dict[str, int]]:
    """(officer, grid worker signed in on a second desk, ids)."""
    g1 = officer.grids.create(GridInput(code="WG01", name="一网格"))
    g2 = officer.grids.create(GridInput(code="WG02", name="二网格"))
    member = officer.team.create(MemberInput(name="张秀兰", role=MemberRole.grid_worker, grid_ids=[g1]))
    account = officer.accounts.create(username="zhangxl", password=PASSWORD, confirm=PASSWORD, member_id=member)
    desk = Services(officer.ctx.sessions)
    desk.sign_in(desk.accounts.authenticate("zhangxl", PASSWORD))
    return officer, desk, {"g1": g1, "g2": g2, "member": member, "account": account}


def test_a_disabled_account_stops_at_the_next_call(worker) -> None:  # noqa: ANN001
    officer, desk, ids = worker
    ended: list[Exception] = []
    desk.ctx.on_session_ended = ended.append
    assert desk.residents.count() == 0  # signed in and working
    officer.accounts.update(ids["account"], role=AccountRole.grid_worker, active=False)
    with pytest.raises(SessionEnded) as e:
        desk.residents.count()
    assert isinstance(e.value, PermissionDenied) and "停用" in e.value.message
    assert ended == [e.value]  # the window is told before the error is raised
    with pytest.raises(SessionEnded):  # a save too: nothing written
        desk.residents.create(ResidentInput(name="严秀英", grid_id=ids["g1"]))
    assert officer.residents.count() == 0


def test_a_grid_taken_away_takes_effect_at_once(worker) -> None:  # noqa: ANN001
    officer, desk, ids = worker
    desk.residents.create(ResidentInput(name="严秀英", grid_id=ids["g1"]))
    officer.team.update(ids["member"], MemberInput(name="张秀兰", role=MemberRole.grid_worker, grid_ids=[ids["g2"]]))
    with pytest.raises(SessionEnded) as e:
        desk.residents.create(ResidentInput(name="严建国", grid_id=ids["g1"]))
    assert "重新登录" in e.value.message
    assert officer.residents.count() == 1  # the second save did not happen
    # signing in again gives the new grid
    desk.sign_in(desk.accounts.authenticate("zhangxl", PASSWORD))
    assert desk.actor.grid_ids == {ids["g2"]}
    assert desk.residents.count() == 0


def test_a_changed_role_ends_the_session(worker) -> None:  # noqa: ANN001
    officer, desk, ids = worker
    officer.accounts.update(ids["account"], role=AccountRole.staff, active=True)
    with pytest.raises(SessionEnded):
        desk.grids.list()
    desk.sign_in(desk.accounts.authenticate("zhangxl", PASSWORD))
    assert {g.code for g in desk.grids.list()} == {"WG01", "WG02"}  # staff see every grid


def test_the_system_actor_is_not_read_again(services: Services) -> None:
    assert services.actor.account_id is None
    assert services.accounts.needs_first_run()  # no account exists, and scripted work goes on
    assert services.residents.count() == 0


def test_unchanged_accounts_work_on(officer: Services) -> None:
    officer.accounts.change_own_password(OFFICER_PASSWORD, "xinmima2026", "xinmima2026")
    officer.settings.get()  # a password change is no change of rights
