"""A small community for field-work tests: two grids, a worker each, a route of four checkpoints."""

from __future__ import annotations

from datetime import date, time

from policeroom.models import AccountRole, MemberRole
from policeroom.services.core.context import Actor
from policeroom.services.fieldwork.types import HouseholdInput, PatrolInput, PointInput, RouteInput
from policeroom.services.people.grids import GridInput
from policeroom.services.people.team import MemberInput
from policeroom.services.registry import Services

POINTS = ["小区北门", "菜市场", "幼儿园", "停车场"]


def community(sv: Services) -> dict[str, int]:
    g1 = sv.grids.create(GridInput(code="WG01", name="一网格"))
    g2 = sv.grids.create(GridInput(code="WG02", name="二网格"))
    w1 = sv.team.create(MemberInput(name="张秀兰", role=MemberRole.grid_worker, grid_ids=[g1]))
    w2 = sv.team.create(MemberInput(name="李建国", role=MemberRole.grid_worker, grid_ids=[g2]))
    st = sv.team.create(MemberInput(name="赵敏", role=MemberRole.staff))
    r1 = sv.patrols.create_route(RouteInput(g1, "一网格夜巡", time(19, 0), time(21, 0), 2, list(POINTS)))
    r2 = sv.patrols.create_route(RouteInput(g2, "二网格日巡", time(9, 0), time(11, 0), 2, ["东门", "西门"]))
    return {"g1": g1, "g2": g2, "w1": w1, "w2": w2, "staff": st, "r1": r1, "r2": r2,
            "officer": sv.actor.member_id or 0}


def worker(sv: Services, ids: dict[str, int], key: str = "w1") -> Services:
    """The same database, signed in as grid worker ``key`` (w1 holds g1, w2 holds g2)."""
    grid = ids["g1"] if key == "w1" else ids["g2"]
    other = Services(sv.ctx.sessions)
    other.sign_in(Actor(None, "网格员", AccountRole.grid_worker, member_id=ids[key], grid_ids=frozenset({grid})))
    return other


def staff(sv: Services, ids: dict[str, int]) -> Services:
    other = Services(sv.ctx.sessions)
    other.sign_in(Actor(None, "工作人员", AccountRole.staff, member_id=ids["staff"]))
    return other


def patrol(sv: Services, ids: dict[str, int], day: date, times: list[time | None], *, problem: int | None = None,
           members: list[int] | None = None) -> int:
    """A patrol on route r1 with each checkpoint reached at ``times[i]`` (None: missed)."""
    route = sv.patrols.route(ids["r1"])
    pts = [PointInput(cid, t, problem == i, "路灯不亮" if problem == i else "")
           for i, ((cid, _n), t) in enumerate(zip(route.checkpoints, times, strict=True))]
    return sv.patrols.create(PatrolInput(ids["r1"], day, time(19, 0), time(21, 0),
                                         members or [ids["w1"], ids["officer"]], points=pts,
                                         volunteers=["王大妈"], guards=["刘强（安华物业）"]))


def household(sv: Services, ids: dict[str, int], room: str, kind: str = "普通", grid: str = "g1") -> int:
    return sv.households.create(HouseholdInput(ids[grid], "3号楼", "2单元", room, kind))
