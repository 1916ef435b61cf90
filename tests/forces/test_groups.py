"""Teams and partner units: validation, members and leader, guards as volunteers, permissions, history."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policeroom.errors import PermissionDenied, ValidationError
from policeroom.models import AccountRole, AuditEntry
from policeroom.services.core.context import ServiceContext
from policeroom.services.forces.groups import GroupService
from policeroom.services.forces.ledger_io import _choices
from policeroom.services.forces.types import MemberInput, PartnerInput, TeamInput, UnitInput
from tests.conftest import actor
from tests.forces.helpers import grid, resident, volunteer

pytestmark = pytest.mark.today(datetime(2026, 11, 20, 10, 0))


def test_team_members_leader_and_model_squad(services) -> None:  # noqa: ANN001
    a, b = volunteer(services, "张三"), volunteer(services, "李四")
    with pytest.raises(ValidationError) as err:
        services.force_groups.save_team(None, TeamInput(name="", kind="火星队", leader_id=a, member_ids=(b,)))
    assert set(err.value.errors) == {"name", "kind", "leader_id"}
    tid = services.force_groups.save_team(None, TeamInput(name="安华义警队", kind="义警队", leader_id=a,
                                                          member_ids=(a, b), model_squad=True))  # fmt: skip
    row = services.force_groups.teams()[0]
    assert (row.name, row.leader, row.members, row.model_squad) == ("安华义警队", "张三", 2, True)
    with pytest.raises(ValidationError, match="同名"):
        services.force_groups.save_team(None, TeamInput(name="安华义警队", kind="义警队"))
    assert services.volunteers.rows([a])[0].teams == "安华义警队"
    assert services.force_groups.archive_team(tid) == "archived"  # it has members


def test_kind_lists_are_editable_by_the_officer(services, db) -> None:  # noqa: ANN001
    services.force_kinds.save("team", ["平安义巡队", "本室巡逻队"])
    services.force_groups.save_team(None, TeamInput(name="夜巡", kind="本室巡逻队"))
    with pytest.raises(ValidationError, match="不能重复"):
        services.force_kinds.save("partner", ["警银", "警银"])
    staff = ServiceContext(db.sessions, actor(AccountRole.staff))
    from policeroom.services.forces.kinds import KindLists

    with pytest.raises(PermissionDenied):
        KindLists(staff).save("unit", ["市场"])


def test_partner_unit_and_its_guards(services) -> None:  # noqa: ANN001
    g = grid(services)
    with pytest.raises(ValidationError) as err:
        services.force_groups.save_partner(None, PartnerInput(name="安华商场", kind="警商", phone="123", guards=-1,
                                                              agreement_on=date(2027, 1, 1)))  # fmt: skip
    assert set(err.value.errors) == {"phone", "guards", "agreement_on"}
    pid = services.force_groups.save_partner(None, PartnerInput(
        name="安华商场", kind="警商", grid_id=g, contact="刘经理", phone="010-64271234", guards=12,
        agreement_on=date(2025, 10, 1), brings=("视频", "巡防")))  # fmt: skip
    assert services.force_groups.partner(pid).brings == ("巡防", "视频")
    volunteer(services, "保安甲", g, partner_unit_id=pid)
    row = services.force_groups.partners()[0]
    assert (row.guards, row.volunteers, row.brings) == (12, 1, "巡防、视频")


def test_grid_workers_keep_groups_of_their_grids(db, services) -> None:  # noqa: ANN001
    g1, g2 = grid(services, "WG01", "一网格"), grid(services, "WG02", "二网格")
    other = services.force_groups.save_team(None, TeamInput(name="二网格队", kind="平安义巡队", grid_id=g2))
    worker = GroupService(ServiceContext(db.sessions, actor(AccountRole.grid_worker, (g1,))))
    mine = worker.save_team(None, TeamInput(name="一网格队", kind="平安义巡队", grid_id=g1))
    worker.save_team(mine, TeamInput(name="一网格巡逻队", kind="平安义巡队", grid_id=g1))
    with pytest.raises(PermissionDenied):
        worker.save_team(other, TeamInput(name="改名", kind="平安义巡队", grid_id=g1))
    with pytest.raises(ValidationError, match="本人负责网格"):
        worker.save_partner(None, PartnerInput(name="银行", kind="警银", grid_id=g2))
    with pytest.raises(PermissionDenied):
        worker.archive_partner(1)


def test_every_write_is_in_the_history(services, db) -> None:  # noqa: ANN001
    v = volunteer(services, "张三")
    tid = services.force_groups.save_team(None, TeamInput(name="队", kind="义警队", member_ids=(v,)))
    pid = services.force_groups.save_partner(None, PartnerInput(name="银行", kind="警银"))
    uid = services.emergency.save_unit(None, UnitInput(name="单元", kind="市场",
                                                       members=[MemberInput(resident(services, "李四"), "门岗")]))  # fmt: skip
    member = services.emergency.members(uid)[0].id
    services.emergency.check_in(member)
    services.emergency.check_out(member)
    form = services.emergency.blank_drill(uid)
    form.scenario, form.arrivals[0].seconds = "起火", 30
    did = services.emergency.save_drill(None, form)
    services.volunteer_career.add_training(v, date(2026, 1, 5), "急救", 2)
    with db.sessions() as s:
        entities = {(e.entity, e.action) for e in s.query(AuditEntry)}
    for expected in (("volunteer", "create"), ("volunteer_team", "create"), ("partner_unit", "create"),
                     ("emergency_unit", "create"), ("emergency_member", "create"), ("post_checkin", "create"),
                     ("post_checkin", "update"), ("drill", "create"), ("drill_arrival", "create"),
                     ("volunteer_training", "create")):  # fmt: skip
        assert expected in entities, expected
    assert tid and pid and did


@settings(max_examples=200)
@given(st.lists(st.sampled_from(("治安员", "信息员", "调解员", "宣传员", "队长", "")), max_size=6),
       st.sampled_from(("、", "，", ",", " ", "/", "；")))
def test_role_cells_parse_or_say_which_role_is_unknown(items: list[str], sep: str) -> None:
    parse = _choices("角色", ("治安员", "信息员", "调解员", "宣传员"))
    cell = sep.join(items)
    wanted = tuple(i for i in items if i)
    if "队长" in wanted:
        with pytest.raises(ValidationError, match="“队长"):
            parse(cell)
    else:
        assert parse(cell) == wanted
