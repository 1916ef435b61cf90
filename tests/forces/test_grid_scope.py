"""Grid workers in 群防群治: what the permission table's refusals leave allowed, and what nothing writes.

The table (tests/forces/permission_cases.py) shows that another grid's people cannot be pulled into a
grid worker's volunteers, teams, units or drills; these tests show the edges: records the officer put
together across grids stay editable by the grid's worker as long as they leave the other grid's people
alone, and a refused import or drill leaves the database as it was.
"""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest

from policeroom.errors import PermissionDenied, ValidationError
from policeroom.models import AccountRole
from policeroom.services.core.imports import guess_mapping
from policeroom.services.forces.types import (
    ArrivalInput,
    DrillInput,
    MemberInput,
    TeamInput,
    UnitInput,
    VolunteerInput,
)
from policeroom.services.registry import Services
from tests.conftest import actor
from tests.forces.helpers import grid, resident

pytestmark = pytest.mark.today(datetime(2026, 11, 20, 10, 0))

ID_A = "11010519491231002X"


@pytest.fixture
def world(services: Services) -> dict[str, int]:
    w = {"gA": grid(services, "WG01", "一网格"), "gB": grid(services, "WG02", "二网格")}
    w["rA"] = resident(services, "严秀英", w["gA"], phone="13800138001", id_number=ID_A)
    w["rA2"] = resident(services, "严建国", w["gA"], phone="13800138002")
    w["rB"] = resident(services, "窦志强", w["gB"], phone="13900139001")
    w["rB2"] = resident(services, "窦秀梅", w["gB"], phone="13900139002")
    return w


def as_worker(services: Services, grid_id: int) -> Services:
    return Services(services.ctx.sessions, actor(AccountRole.grid_worker, (grid_id,)))


def _vol(resident_id: int, grid_id: int) -> VolunteerInput:
    return VolunteerInput(resident_id=resident_id, joined_on=date(2026, 1, 1), grid_id=grid_id, roles=("治安员",))


def test_a_volunteer_the_officer_linked_across_grids_stays_editable(services: Services, world) -> None:  # noqa: ANN001
    v = services.volunteers.create(_vol(world["rB"], world["gA"]))  # a grid B resident serving in grid A
    worker = as_worker(services, world["gA"])
    worker.volunteers.update(v, VolunteerInput(**{**_vol(world["rB"], world["gA"]).__dict__, "skills": "急救"}))
    assert services.volunteers.get(v).data.skills == "急救"
    with pytest.raises(ValidationError, match="只能从本人负责网格的居民中选择") as err:
        worker.volunteers.update(v, _vol(world["rB2"], world["gA"]))  # another grid B person: a new link
    assert "resident_id" in err.value.errors
    # the worker's list shows the volunteer (grid A's) with its phone; grid B's worker sees nothing of it
    assert [r.phone for r in worker.volunteers.rows([v])] == ["13900139001"]
    assert as_worker(services, world["gB"]).volunteers.rows([v]) == []
    assert as_worker(services, world["gB"]).volunteers.of_resident(world["rB"]) is None
    assert worker.volunteers.of_resident(world["rB"]) == v


def test_team_members_of_another_grid_are_kept_but_not_moved(services: Services, world) -> None:  # noqa: ANN001
    va = services.volunteers.create(_vol(world["rA"], world["gA"]))
    va2 = services.volunteers.create(_vol(world["rA2"], world["gA"]))
    vb = services.volunteers.create(_vol(world["rB"], world["gB"]))
    team = TeamInput(name="联合巡逻队", kind="平安义巡队", grid_id=world["gA"], member_ids=(va, vb))
    tid = services.force_groups.save_team(None, team)
    worker = as_worker(services, world["gA"])
    worker.force_groups.save_team(tid, TeamInput(**{**team.__dict__, "member_ids": (va, vb, va2), "site": "3号楼"}))
    assert set(services.force_groups.team(tid).member_ids) == {va, va2, vb}
    with pytest.raises(ValidationError, match="本人负责网格的志愿者") as err:
        worker.force_groups.save_team(tid, TeamInput(**{**team.__dict__, "member_ids": (va, va2)}))
    assert "member_ids" in err.value.errors
    assert set(services.force_groups.team(tid).member_ids) == {va, va2, vb}


def test_a_unit_without_a_grid_shows_each_worker_only_their_phones(services: Services, world) -> None:  # noqa: ANN001
    uid = services.emergency.save_unit(None, UnitInput(name="安华小学应急单元", kind="学校", members=[
        MemberInput(world["rA"], "校门岗"), MemberInput(world["rB"], "巡逻岗")]))  # fmt: skip
    phones = {m.name: m.phone for m in as_worker(services, world["gA"]).emergency.members(uid)}
    assert phones == {"严秀英": "13800138001", "窦志强": ""}
    phones = {m.name: m.phone for m in as_worker(services, world["gB"]).emergency.members(uid)}
    assert phones == {"严秀英": "", "窦志强": "13900139001"}
    assert {m.phone for m in services.emergency.members(uid)} == {"13800138001", "13900139001"}


def test_unit_members_of_another_grid_are_kept_new_ones_refused(services: Services, world) -> None:  # noqa: ANN001
    members = [MemberInput(world["rA"], "门岗"), MemberInput(world["rB"], "疏散引导")]
    uid = services.emergency.save_unit(None, UnitInput(name="安华市场应急单元", kind="市场", grid_id=world["gA"],
                                                       members=members))  # fmt: skip
    worker = as_worker(services, world["gA"])
    worker.emergency.save_unit(uid, UnitInput(name="安华市场应急单元", kind="市场", grid_id=world["gA"],
                                              members=[*members, MemberInput(world["rA2"], "消防器材岗")]))  # fmt: skip
    assert len(services.emergency.members(uid)) == 3
    with pytest.raises(ValidationError, match="第4名成员：只能从本人负责网格的居民中选择"):
        worker.emergency.save_unit(uid, UnitInput(name="安华市场应急单元", kind="市场", grid_id=world["gA"], members=[
            *members, MemberInput(world["rA2"], "消防器材岗"), MemberInput(world["rB2"], "巡逻岗")]))  # fmt: skip
    assert len(services.emergency.members(uid)) == 3


def test_another_grids_drill_cannot_be_rewritten_under_ones_own_unit(services: Services, world) -> None:  # noqa: ANN001
    def unit(name: str, g: str, r: str) -> int:
        return services.emergency.save_unit(None, UnitInput(name=name, kind="市场", grid_id=world[g],
                                                            members=[MemberInput(world[r], "门岗")]))  # fmt: skip

    ua, ub = unit("安华市场应急单元", "gA", "rA"), unit("和平商圈应急单元", "gB", "rB")
    drill = DrillInput(unit_id=ua, held_at=datetime(2026, 11, 20, 9, 0), scenario="商铺起火",
                       arrivals=[ArrivalInput("严秀英", "门岗", 50)])  # fmt: skip
    did = services.emergency.save_drill(None, drill)
    with pytest.raises(PermissionDenied):
        as_worker(services, world["gB"]).emergency.save_drill(did, DrillInput(**{**drill.__dict__, "unit_id": ub}))
    assert services.emergency.drill(did).unit_id == ua
    with pytest.raises(PermissionDenied):  # by name (print drill UNIT DATE) neither
        as_worker(services, world["gB"]).emergency.drill_on("安华市场应急单元", date(2026, 11, 20))
    assert as_worker(services, world["gA"]).emergency.drill_on("安华市场应急单元", date(2026, 11, 20)) == did


def _sheet(rows: list[list[str]]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    for row in [["姓名", "身份证号", "网格", "角色", "加入日期"], *rows]:
        wb.active.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_the_volunteer_import_keeps_to_the_workers_grids(db, services: Services, world) -> None:  # noqa: ANN001
    v = services.volunteers.create(_vol(world["rA"], world["gA"]))
    worker = as_worker(services, world["gB"])
    spec, sheet = worker.volunteer_ledger.read(_sheet([["严某", ID_A, "WG02", "信息员", "2026-01-01"]]))
    report = worker.volunteer_ledger.check(spec, sheet, guess_mapping(spec, sheet.headers))
    assert not report.good and "其他网格" in report.errors[0].message
    assert "严秀英" not in repr(report)
    # a report made by someone else and handed over: the commit checks again and writes nothing
    spec, sheet = services.volunteer_ledger.read(_sheet([["严秀英", ID_A, "WG02", "信息员", "2026-01-01"]]))
    handed = services.volunteer_ledger.check(spec, sheet, guess_mapping(spec, sheet.headers))
    assert len(handed.good) == 1
    with pytest.raises(PermissionDenied, match="第 2 行"):
        worker.volunteer_ledger.commit(handed)
    assert services.volunteers.get(v).data.grid_id == world["gA"]
    assert services.volunteer_ledger.commit(handed).updated == 1  # the officer may move the volunteer


def test_removing_a_career_record_is_the_officers(db, services: Services, world) -> None:  # noqa: ANN001
    v = services.volunteers.create(_vol(world["rA"], world["gA"]))
    tid = services.volunteer_career.add_training(v, date(2026, 3, 1), "急救培训", 4)
    for role, grids in ((AccountRole.staff, ()), (AccountRole.grid_worker, (world["gA"],))):
        other = Services(db.sessions, actor(role, grids))
        with pytest.raises(PermissionDenied):
            other.volunteer_career.remove("training", tid)
    services.volunteer_career.remove("training", tid)
    assert services.volunteers.get(v).trainings == []
