"""A room with two grids, two grid workers and the default event categories and place kinds."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from policeroom.models import AccountRole, EventSource, MemberRole, Urgency
from policeroom.services.gridwork.types import EventInput
from policeroom.services.people.grids import GridInput
from policeroom.services.people.team import MemberInput
from policeroom.services.registry import Services
from tests.conftest import actor

T0 = datetime(2026, 11, 2, 9, 0)  # a Monday


@pytest.fixture
def room(officer: Services) -> Services:
    g1 = officer.grids.create(GridInput(code="WG01", name="一网格"))
    g2 = officer.grids.create(GridInput(code="WG02", name="二网格"))
    w1 = officer.team.create(MemberInput(name="张秀兰", role=MemberRole.grid_worker, grid_ids=[g1]))
    w2 = officer.team.create(MemberInput(name="李海涛", role=MemberRole.grid_worker, grid_ids=[g2]))
    cats = dict((n, i) for i, n in officer.grid_events.categories())
    officer.ids = {"g1": g1, "g2": g2, "w1": w1, "w2": w2, "officer": officer.actor.member_id, **cats}
    return officer


def as_(sv: Services, role: AccountRole, grids: tuple[int, ...] = (), member: str | None = None) -> Services:
    a = actor(role, grids)
    if member is not None:
        from dataclasses import replace

        a = replace(a, member_id=sv.ids[member])
    other = Services(sv.ctx.sessions, a)
    other.ids = sv.ids
    return other


def report(sv: Services, **kw) -> int:  # noqa: ANN003
    data = dict(
        source=EventSource.patrol_check, category_id=sv.ids["消防隐患"], grid_id=sv.ids["g1"], found_at=T0,
        description="3号楼楼道堆放杂物堵塞消防通道", urgency=Urgency.normal, reporter_id=sv.ids["w1"],
    )  # fmt: skip
    data.update(kw)
    return sv.grid_events.create(EventInput(**data))


def walk(sv: Services, eid: int, to: str, start: datetime = T0) -> None:
    """Move an event along the main path up to ``to`` (registered, dispatched, handled, fed_back, closed)."""
    ge = sv.grid_events
    path = [
        ("registered", lambda: ge.register(eid, at=start + timedelta(hours=1))),
        ("dispatched", lambda: ge.dispatch(eid, sv.ids["w1"], at=start + timedelta(hours=2))),
        ("handled", lambda: ge.handle(eid, "已清理杂物", at=start + timedelta(hours=3))),
        ("fed_back", lambda: ge.feedback(eid, "已告知物业", at=start + timedelta(hours=4))),
        ("closed", lambda: ge.close(eid, "现场复核通道畅通", at=start + timedelta(hours=5))),
    ]
    for status, step in path:
        step()
        if status == to:
            return
