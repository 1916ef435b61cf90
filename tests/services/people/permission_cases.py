"""Permission rows of accounts, team, grids, residents and the resident ledger (see tests/test_permissions.py)."""

from __future__ import annotations

import io
from typing import Any

from policeroom.models import AccountRole, MemberRole
from policeroom.services.core.context import SYSTEM
from policeroom.services.core.imports import guess_mapping
from policeroom.services.core.settings import RoomSettings
from policeroom.services.people.grids import GridInput
from policeroom.services.people.residents import ResidentInput
from policeroom.services.people.team import MemberInput
from policeroom.services.registry import Services
from tests.permission_world import A_ID, A_PHONE, B_ID, PASSWORD, PermCase, World


def xlsx(rows: list[list[Any]]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


LEDGER = [["姓名", "身份证号", "联系电话", "网格"], ["严秀英", A_ID, "13700137000", "WG01"]]


def _report(sv: Services, rows: list[list[Any]], as_system: bool = False):  # noqa: ANN202
    ledger = (Services(sv.ctx.sessions, SYSTEM) if as_system else sv).resident_ledger
    spec, sheet = ledger.read(xlsx(rows))
    return ledger.check(spec, sheet, guess_mapping(spec, sheet.headers))


def _check_as_role(sv: Services, w: World) -> Any:
    # the ID number typed in the sheet is grid A's resident's; the name typed differs from the index
    code = "WG02" if sv.actor.grid_ids == {w.gB} else "WG01"  # a grid of the actor's own
    return _report(sv, [LEDGER[0], ["严某", A_ID, "13700137000", code]])


def _other_grid_row_refused(report: Any, w: World, role: str) -> None:
    if role == "other":  # the resident is grid A's: listed as a problem, nothing of them shown
        assert report.bad and "其他网格" in report.errors[0].message
        assert "严秀英" not in repr(report) and A_PHONE not in repr(report)
    else:  # the name clash is explained with the index's name
        assert "严秀英" in repr(report)


def _accounts_listed(rows: Any, w: World, role: str) -> None:
    names = {r.username for r in rows}
    if role == "officer":
        assert names == {"wangjj", "liufang", "zhangxl", "wangdl"}
    else:
        assert len(names) == 1, names  # their own only


def _own_rows(rows: Any, w: World, role: str) -> None:
    ids = {r.id for r in rows}
    expected = {"officer": {w.rA, w.rB}, "staff": {w.rA, w.rB}, "own": {w.rA}, "other": {w.rB}}[role]
    assert ids == expected


def _room() -> RoomSettings:
    return RoomSettings(room_name="安华里社区警务室", station="和平里派出所", community="安华里社区",
                        committee_name="安华里社区人民调解委员会", committee_short="安华", officer_in_charge="王建军")


CASES = [
    # -- accounts --------------------------------------------------------------------------
    PermCase("accounts.authenticate", lambda sv, w: sv.accounts.authenticate("zhangxl", PASSWORD), "AAAA",
             note="sign-in needs no rights"),
    PermCase("accounts.change_own_password", lambda sv, w: sv.accounts.change_own_password(
        PASSWORD, "xinmima2026", "xinmima2026"), "AAAA"),
    PermCase("accounts.create", lambda sv, w: sv.accounts.create(
        username="newuser", password=PASSWORD, confirm=PASSWORD, member_id=None, role=AccountRole.staff), "ARRR"),
    PermCase("accounts.first_run", lambda sv, w: sv.accounts.first_run(
        _room(), officer_name="王二", officer_phone=None, username="x2", password=PASSWORD, confirm=PASSWORD),
        "RRRR", note="set up already: refused to everyone"),
    PermCase("accounts.list", lambda sv, w: sv.accounts.list(), "AFFF", note="user names to the officer only",
             check=_accounts_listed),
    PermCase("accounts.needs_first_run", lambda sv, w: sv.accounts.needs_first_run(), "AAAA"),
    PermCase("accounts.new_recovery_key", lambda sv, w: sv.accounts.new_recovery_key(), "ARRR",
             note="a new recovery key (None on a plain file) by the officer only"),
    PermCase("accounts.reset_password", lambda sv, w: sv.accounts.reset_password(
        w.own_account, "xinmima2026", "xinmima2026"), "ARRR"),
    PermCase("accounts.lock_screen", lambda sv, w: sv.accounts.lock_screen(10), "AAAA",
             note="the idle lock records itself for whoever is signed in"),
    PermCase("accounts.unlock_screen", lambda sv, w: sv.accounts.unlock_screen(PASSWORD), "AAAA",
             note="one's own password opens one's own locked window"),
    PermCase("accounts.unlock", lambda sv, w: sv.accounts.unlock(w.own_account), "ARRR"),
    PermCase("accounts.update", lambda sv, w: sv.accounts.update(
        w.staff_account, role=AccountRole.staff, active=True), "ARRR"),
    # -- team ------------------------------------------------------------------------------
    PermCase("team.composition", lambda sv, w: sv.team.composition(), "AAAA"),
    PermCase("team.create", lambda sv, w: sv.team.create(MemberInput(name="赵敏", role=MemberRole.staff)), "AARR"),
    PermCase("team.delete", lambda sv, w: sv.team.delete(w.wB), "ARRR"),
    PermCase("team.get", lambda sv, w: sv.team.get(w.wA), "AAAA", note="the team's names and phones"),
    PermCase("team.list", lambda sv, w: sv.team.list(), "AAAA"),
    PermCase("team.update", lambda sv, w: sv.team.update(
        w.staff_member, MemberInput(name="刘芳", role=MemberRole.staff, phone="13911112222")), "AARR"),
    # -- grids -----------------------------------------------------------------------------
    PermCase("grids.choices", lambda sv, w: sv.grids.choices(), "AAFF"),
    PermCase("grids.create", lambda sv, w: sv.grids.create(GridInput(code="WG09", name="九网格")), "AARR"),
    PermCase("grids.delete", lambda sv, w: sv.grids.delete(w.gB), "ARRR"),
    PermCase("grids.get", lambda sv, w: sv.grids.get(w.gA), "AAAR"),
    PermCase("grids.list", lambda sv, w: sv.grids.list(), "AAFF"),
    PermCase("grids.restore", lambda sv, w: sv.grids.restore(w.gA), "AARR"),
    PermCase("grids.update", lambda sv, w: sv.grids.update(
        w.gA, GridInput(code="WG01", name="一网格", description="3至5号楼", worker_ids=[w.wA])), "AAAR"),
    # -- residents -------------------------------------------------------------------------
    PermCase("residents.add_within", lambda sv, w: _add_within(sv, w), "AAAR",
             note="a requester added on the spot, in grid A"),
    PermCase("residents.count", lambda sv, w: sv.residents.count(), "AAFF"),
    PermCase("residents.create", lambda sv, w: sv.residents.create(
        ResidentInput(name="严小明", phone="13600136000", grid_id=w.gA)), "AAAR"),
    PermCase("residents.create", lambda sv, w: _duplicate_elsewhere(sv, w), "AAAA",
             note="a known ID number of another grid names nobody"),
    PermCase("residents.delete", lambda sv, w: sv.residents.delete(w.rA2), "ARRR"),
    PermCase("residents.find_by_id_number", lambda sv, w: sv.residents.find_by_id_number(A_ID), "AAAF",
             note="leak: another grid's ID number and phone", check=lambda r, w, role: _found(r, role)),
    PermCase("residents.get", lambda sv, w: sv.residents.get(w.rA), "AAAR"),
    PermCase("residents.restore", lambda sv, w: sv.residents.restore(w.rA), "ARRR"),
    PermCase("residents.rows", lambda sv, w: sv.residents.rows([w.rA, w.rB]), "AAFF",
             note="leak: any ids", check=_own_rows),
    PermCase("residents.search_ids", lambda sv, w: sv.residents.search_ids(), "AAFF"),
    PermCase("residents.update", lambda sv, w: sv.residents.update(w.rA, ResidentInput(
        name="严秀英", id_number=A_ID, phone=A_PHONE, address="安华里3号楼2单元502", grid_id=w.gA)), "AAAR"),
    # -- the resident ledger (Excel) -------------------------------------------------------
    PermCase("resident_ledger.check", _check_as_role, "AAAF", echoes_input=True,
             note="another grid's resident is a problem row", check=_other_grid_row_refused),
    PermCase("resident_ledger.commit", lambda sv, w: sv.resident_ledger.commit(_report(sv, LEDGER, as_system=True)),
             "AAAR", note="leak: the commit re-checks grid and owner of every row"),
    PermCase("resident_ledger.commit", lambda sv, w: sv.resident_ledger.commit(_report(
        sv, [["姓名", "身份证号", "联系电话", "网格"], ["窦志强", B_ID, "13700137000", "WG01"]], as_system=True)),
        "AARR", note="leak: moving another grid's resident into one's own"),
    PermCase("resident_ledger.export_rows", lambda sv, w: sv.resident_ledger.export_rows([w.rA, w.rB]), "AAFF",
             note="leak: full ID numbers of any ids", check=_own_rows),
    PermCase("resident_ledger.read", lambda sv, w: sv.resident_ledger.read(xlsx(LEDGER)), "AAAA", echoes_input=True),
    PermCase("resident_ledger.spec", lambda sv, w: sv.resident_ledger.spec(), "AAAA"),
    PermCase("resident_ledger.template", lambda sv, w: sv.resident_ledger.template(), "AAAA"),
]


def _add_within(sv: Services, w: World) -> int:
    with sv.ctx.write() as s:
        return sv.residents.add_within(s, ResidentInput(name="严小红", phone="13600136001", grid_id=w.gA))


def _duplicate_elsewhere(sv: Services, w: World) -> None:
    """Registering grid A's ID number again: the officer and staff are offered the existing record;
    a grid worker of another grid learns neither the name nor the address."""
    from policeroom.errors import DuplicateResident, ValidationError

    grid = {"officer": w.gA, "staff": w.gA}.get(sv.actor.role.value, None)
    grid = grid or next(iter(sv.actor.grid_ids))
    try:
        sv.residents.create(ResidentInput(name="假名", id_number=A_ID, grid_id=grid))
    except DuplicateResident as e:
        assert sv.actor.sees_grid(w.gA) and "严秀英" in e.message
    except ValidationError as e:
        assert not sv.actor.sees_grid(w.gA) and "严秀英" not in e.message and "安华里3号楼" not in e.message
    else:
        raise AssertionError("a second resident with the same ID number was saved")


def _found(record: Any, role: str) -> None:
    assert (record is None) == (role == "other")
