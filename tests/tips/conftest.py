"""Fixtures of the tips tests: a room with a team, two grids and a resident who becomes a tipster."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pytest

from policeroom.models import AccountRole, Grid, MemberRole, Resident, TeamMember
from policeroom.services.core.context import ServiceContext
from policeroom.services.registry import Services
from policeroom.services.tips.types import TipInput
from tests.conftest import actor

TIPSTER = dict(name="欧阳秀英", id_number="11010519491231002X", phone="13912345678")


@dataclass
class Room:
    services: Services
    grid1: int
    grid2: int
    staff_id: int
    grid_worker_id: int
    resident_id: int

    def as_role(self, role: AccountRole, grids: tuple[int, ...] = (), member_id: int | None = None) -> Services:
        s = Services(self.services.ctx.sessions)
        a = actor(role, grids, name={AccountRole.staff: "李娜", AccountRole.grid_worker: "赵强"}.get(role, "王建军"))
        s.sign_in(type(a)(a.account_id, a.name, a.role, member_id, a.grid_ids))
        return s


@pytest.fixture
def room(officer: Services) -> Room:
    ctx: ServiceContext = officer.ctx
    with ctx.write() as s:
        g1, g2 = Grid(code="WG01", name="一网格"), Grid(code="WG02", name="二网格")
        staff = TeamMember(name="李娜", role=MemberRole.staff)
        gw = TeamMember(name="赵强", role=MemberRole.grid_worker)
        s.add_all([g1, g2, staff, gw])
        s.flush()
        r = Resident(name=TIPSTER["name"], id_number=TIPSTER["id_number"], phone=TIPSTER["phone"], grid_id=g1.id,
                     address="安华里3号楼2单元101")
        s.add(r)
        s.flush()
        ids = (g1.id, g2.id, staff.id, gw.id, r.id)
    return Room(officer, *ids)


def tip_input(room: Room, at: datetime, **kw) -> TipInput:  # noqa: ANN003
    base = dict(received_at=at, channel="来访", category="涉毒", content="3号楼地下室夜间有人聚集吸毒",
                subject="3号楼地下室出租人", place="安华里3号楼地下室", grid_id=room.grid1)
    base.update(kw)
    return TipInput(**base)


def real_name(room: Room, at: datetime, **kw) -> TipInput:  # noqa: ANN003
    return tip_input(room, at, anonymous=False, resident_id=room.resident_id, **kw)
