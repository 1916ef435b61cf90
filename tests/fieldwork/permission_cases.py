"""Permission rows of 网格工作's field records: patrol routes and patrols, households and their visits,
prevention talks, the work log and the field settings (see tests/test_permissions.py).

The rule (issue 16): grid workers record patrols, households, visits and talks in their own grids; routes
are set by the officer and staff; deleting is the officer's, and so are the household kinds and talk
topics; the officer and the staff see all, a grid worker their grids' records only. Everyone keeps their
own work log; the officer and staff read and write everyone's.

The seed links grid A's household to 严秀英 (rA) and grid B's to 窦志强 (rB), so a list that shows another
grid's household's residents shows a name of that grid (checked by id here).
"""

from __future__ import annotations

from datetime import date, time
from typing import Any

from policeroom.services.fieldwork.config import DEFAULT_KINDS
from policeroom.services.fieldwork.types import (
    HouseholdInput,
    PatrolInput,
    PointInput,
    RouteInput,
    TalkInput,
    VisitInput,
)
from policeroom.services.fieldwork.worklog import EntryInput
from policeroom.services.registry import Services
from tests.permission_world import PermCase, World

SEEN = {"officer": ("A", "B"), "staff": ("A", "B"), "own": ("A",), "other": ("B",)}
DAY = date(2026, 12, 1)


def _route(ids: dict[str, int] | World, grid: str = "gA") -> RouteInput:
    get = ids.__getitem__ if isinstance(ids, dict) else lambda k: getattr(ids, k)
    return RouteInput(grid_id=get(grid), name=f"{grid}夜巡", start_time=time(19), end_time=time(21),
                      checkpoints=["东门", "3号楼", "西门"])  # fmt: skip


def _patrol(ids: dict[str, int] | World, route: str = "routeA", worker: str = "wA") -> PatrolInput:
    get = ids.__getitem__ if isinstance(ids, dict) else lambda k: getattr(ids, k)
    points = [PointInput(get(f"{route}_p1"), time(19, 10), True, "路灯坏了"), PointInput(get(f"{route}_p2"), time(19, 30))]
    return PatrolInput(route_id=get(route), day=DAY, start_time=time(19), end_time=time(21), member_ids=[get(worker)],
                       volunteers=["严秀英"], points=points)  # fmt: skip


def _household(w: World, grid: str = "gA", room: str = "701", residents: tuple[str, ...] = ("rA2",)) -> HouseholdInput:
    return HouseholdInput(grid_id=getattr(w, grid), building="3号楼", unit="2单元", room=room, kind="困难家庭",
                          resident_ids=[getattr(w, r) for r in residents])  # fmt: skip


def _visit(w: World, household: str = "hhA") -> VisitInput:
    return VisitInput(household_id=getattr(w, household), visited_on=DAY, visitor_id=w.wA, purpose="了解生活情况")


def _talk(ids: dict[str, int] | World, grid: str = "gA", worker: str = "wA") -> TalkInput:
    get = ids.__getitem__ if isinstance(ids, dict) else lambda k: getattr(ids, k)
    return TalkInput(day=DAY, place="安华里小广场", topic="反诈", grid_id=get(grid), people_reached=30,
                     giver_ids=[get(worker)])  # fmt: skip


def _entry(w: World, member: str = "wA") -> EntryInput:
    return EntryInput(member_id=getattr(w, member), day=DAY, category="为民服务", content="帮助老人代缴水费")


def SEED(sv: Services, ids: dict[str, int]) -> None:  # noqa: N802 - the name the world looks for
    """Households of grid A (严秀英) and B (窦志强) with a visit each; a route and a patrol per grid (grid A's
    with a problem found at its first point, not yet an event); a talk per grid; hand-written log entries
    of grid A's worker and of the officer."""
    from policeroom.services.fieldwork.types import HouseholdInput as H

    ids["hhA"] = sv.households.create(H(ids["gA"], "3号楼", "2单元", "501", "困难家庭", resident_ids=[ids["rA"]]))
    ids["hhB"] = sv.households.create(H(ids["gB"], "9号楼", "1单元", "101", "困难家庭", resident_ids=[ids["rB"]]))
    for hh, worker in (("hhA", "wA"), ("hhB", "wB")):
        ids[f"visit{hh[2]}"] = sv.households.create_visit(VisitInput(
            household_id=ids[hh], visited_on=date(2026, 10, 20), visitor_id=ids[worker], purpose="了解生活情况"))  # fmt: skip
    for route, grid, worker in (("routeA", "gA", "wA"), ("routeB", "gB", "wB")):
        ids[route] = sv.patrols.create_route(_route(ids, grid))
        points = sv.patrols.route(ids[route]).checkpoints
        ids[f"{route}_p1"], ids[f"{route}_p2"] = points[0][0], points[1][0]
        ids[f"patrol{grid[1]}"] = sv.patrols.create(_patrol(ids, route, worker))
    ids["patrolA_point"] = sv.patrols.get(ids["patrolA"]).points[0].id
    ids["talkA"] = sv.talks.create(_talk(ids))
    ids["talkB"] = sv.talks.create(_talk(ids, "gB", "wB"))
    ids["logA"] = sv.work_log.add(EntryInput(ids["wA"], DAY, "为民服务", "帮助老人代缴水费"))
    ids["logO"] = sv.work_log.add(EntryInput(ids["officer_member"], DAY, "警务宣传", "居民代表会", kind="meeting"))


def _fresh_patrol(sv: Services, w: World) -> int:
    return Services(sv.ctx.sessions).patrols.create(_patrol(w))


# -- checks -------------------------------------------------------------------------------------
def _ids(expected: dict[str, tuple[str, ...]], attr: str = "id"):  # noqa: ANN202
    """A list holds the named records of the role's grids and none of the other grid's."""

    def check(result: Any, w: World, role: str) -> None:
        got = {r if isinstance(r, int) else (r[0] if isinstance(r, tuple) else getattr(r, attr)) for r in result}
        want = {w.ids[k] for g in SEEN[role] for k in expected.get(g, ())}
        unwanted = {w.ids[k] for g in ("A", "B") if g not in SEEN[role] for k in expected.get(g, ())}
        assert want <= got and not got & unwanted, (role, got, want)

    return check


def _no_other_residents(result: Any, w: World, role: str) -> None:
    hidden = {"own": {w.rB, w.rB2}, "other": {w.rA, w.rA2}}.get(role, set())
    assert not {i for i, _ in result} & hidden, (role, result)


def _turns(result: Any, w: World, role: str) -> None:
    _ids({"A": ("patrolA",), "B": ("patrolB",)}, "record_id")(result, w, role)


def _due_by_worker(result: Any, w: World, role: str) -> None:
    names = {name for name, _ in result}
    hidden = {"own": {"王大力"}, "other": {"张秀兰"}}.get(role, set())
    assert not names & hidden, (role, names)


def _members(result: Any, w: World, role: str) -> None:
    got = {i for i, _ in result}
    mine = {"own": {w.wA}, "other": {w.wB}}.get(role)
    assert got == mine if mine else {w.wA, w.wB, w.officer_member} <= got, (role, got)


_HOUSEHOLDS = _ids({"A": ("hhA",), "B": ("hhB",)})
_VISITS = _ids({"A": ("visitA",), "B": ("visitB",)})
_ROUTES = _ids({"A": ("routeA",), "B": ("routeB",)})
_PATROLS = _ids({"A": ("patrolA",), "B": ("patrolB",)})
_TALKS = _ids({"A": ("talkA",), "B": ("talkB",)})


# fmt: off
CASES = [
    # -- field settings ---------------------------------------------------------------------------
    PermCase("fieldwork_settings.kinds", lambda sv, w: sv.fieldwork_settings.kinds(), "AAAA"),
    PermCase("fieldwork_settings.topics", lambda sv, w: sv.fieldwork_settings.topics(), "AAAA"),
    PermCase("fieldwork_settings.save_kinds", lambda sv, w: sv.fieldwork_settings.save_kinds(list(DEFAULT_KINDS)),
             "ARRR", note="a setting"),
    PermCase("fieldwork_settings.save_topics", lambda sv, w: sv.fieldwork_settings.save_topics(["反诈", "禁毒"]),
             "ARRR", note="a setting"),
    # -- patrol routes and records ----------------------------------------------------------------
    PermCase("patrols.routes", lambda sv, w: sv.patrols.routes(), "AAFF", check=_ROUTES),
    PermCase("patrols.route", lambda sv, w: sv.patrols.route(w.routeA), "AAAR"),
    PermCase("patrols.create_route", lambda sv, w: sv.patrols.create_route(_route(w)), "AARR",
             note="routes are the desk's"),
    PermCase("patrols.update_route", lambda sv, w: sv.patrols.update_route(w.routeA, _route(w)), "AARR"),
    PermCase("patrols.archive_route", lambda sv, w: sv.patrols.archive_route(w.routeA), "AARR"),
    PermCase("patrols.list", lambda sv, w: sv.patrols.list(), "AAFF", check=_PATROLS),
    PermCase("patrols.get", lambda sv, w: sv.patrols.get(w.patrolA), "AAAR"),
    PermCase("patrols.create", lambda sv, w: sv.patrols.create(_patrol(w)), "AAAR"),
    PermCase("patrols.create", lambda sv, w: sv.patrols.create(_patrol(w, "routeB", "wB")), "AARA",
             note="on grid B's route"),
    PermCase("patrols.update", lambda sv, w: sv.patrols.update(w.patrolA, _patrol(w)), "AAAR"),
    PermCase("patrols.update", lambda sv, w: sv.patrols.update(w.patrolA, _patrol(w, "routeB", "wB")), "AARR",
             note="moved to grid B's route"),
    PermCase("patrols.delete", lambda sv, w: sv.patrols.delete(_fresh_patrol(sv, w)), "ARRR"),
    PermCase("patrols.report_finding", lambda sv, w: sv.patrols.report_finding(
        w.patrolA_point, w.gwFire, "路灯坏了"), "AAAR"),
    PermCase("patrols.event_categories", lambda sv, w: sv.patrols.event_categories(), "AAAA"),
    PermCase("patrols.volunteer_choices", lambda sv, w: sv.patrols.volunteer_choices(w.routeA), "AAAR"),
    PermCase("patrols.helper_turns", lambda sv, w: sv.patrols.helper_turns(DAY, DAY), "AAFF", check=_turns),
    PermCase("patrols.planned", lambda sv, w: sv.patrols.planned(date(2026, 12, 1), date(2026, 12, 31)), "AAFF"),
    # -- households and visits --------------------------------------------------------------------
    PermCase("households.list", lambda sv, w: sv.households.list(), "AAFF", check=_HOUSEHOLDS),
    PermCase("households.get", lambda sv, w: sv.households.get(w.hhA), "AAAR"),
    PermCase("households.create", lambda sv, w: sv.households.create(_household(w)), "AAAR"),
    PermCase("households.create", lambda sv, w: sv.households.create(_household(w, "gB", residents=("rB2",))), "AARA",
             note="in grid B"),
    PermCase("households.create", lambda sv, w: sv.households.create(_household(w, residents=("rB2",))), "AARR",
             note="a resident of grid B linked"),
    PermCase("households.update", lambda sv, w: sv.households.update(
        w.hhA, _household(w, room="501", residents=("rA", "rA2"))), "AAAR"),
    PermCase("households.update", lambda sv, w: sv.households.update(
        w.hhA, _household(w, room="501", residents=("rA", "rB2"))), "AARR", note="a resident of grid B linked"),
    PermCase("households.archive", lambda sv, w: sv.households.archive(w.hhA), "AAAR"),
    PermCase("households.delete", lambda sv, w: sv.households.delete(w.hhA), "ARRR"),
    PermCase("households.due_counts", lambda sv, w: sv.households.due_counts(), "AAFF"),
    PermCase("households.due_by_worker", lambda sv, w: sv.households.due_by_worker(), "AAFF", check=_due_by_worker),
    PermCase("households.visits", lambda sv, w: sv.households.visits(), "AAFF", check=_VISITS),
    PermCase("households.visit", lambda sv, w: sv.households.visit(w.visitA), "AAAR"),
    PermCase("households.create_visit", lambda sv, w: sv.households.create_visit(_visit(w)), "AAAR"),
    PermCase("households.create_visit", lambda sv, w: sv.households.create_visit(_visit(w, "hhB")), "AARA",
             note="grid B's household"),
    PermCase("households.update_visit", lambda sv, w: sv.households.update_visit(w.visitA, _visit(w)), "AAAR"),
    PermCase("households.delete_visit", lambda sv, w: sv.households.delete_visit(w.visitA), "ARRR"),
    PermCase("households.next_due_for", lambda sv, w: sv.households.next_due_for(w.hhA, DAY), "AAAR"),
    PermCase("households.resident_choices", lambda sv, w: sv.households.resident_choices(""), "AAFF",
             check=_no_other_residents),
    # -- prevention talks -------------------------------------------------------------------------
    PermCase("talks.topics", lambda sv, w: sv.talks.topics(), "AAAA"),
    PermCase("talks.list", lambda sv, w: sv.talks.list(), "AAFF", check=_TALKS),
    PermCase("talks.get", lambda sv, w: sv.talks.get(w.talkA), "AAAR"),
    PermCase("talks.create", lambda sv, w: sv.talks.create(_talk(w)), "AAAR"),
    PermCase("talks.create", lambda sv, w: sv.talks.create(_talk(w, "gB", "wB")), "AARA", note="in grid B"),
    PermCase("talks.update", lambda sv, w: sv.talks.update(w.talkA, _talk(w)), "AAAR"),
    PermCase("talks.delete", lambda sv, w: sv.talks.delete(w.talkA), "ARRR"),
    # -- the work log -----------------------------------------------------------------------------
    PermCase("work_log.members", lambda sv, w: sv.work_log.members(), "AAFF", check=_members),
    PermCase("work_log.member_by_name", lambda sv, w: sv.work_log.member_by_name("张秀兰"), "AAAA",
             note="a team member's name only"),
    PermCase("work_log.items", lambda sv, w: sv.work_log.items(w.wA, DAY, DAY), "AAAR", note="grid A's worker's log"),
    PermCase("work_log.week", lambda sv, w: sv.work_log.week(w.wA, DAY), "AAAR"),
    PermCase("work_log.week", lambda sv, w: sv.work_log.week(w.officer_member, DAY), "AARR", note="the officer's"),
    PermCase("work_log.entry", lambda sv, w: sv.work_log.entry(w.logA), "AAAR"),
    PermCase("work_log.add", lambda sv, w: sv.work_log.add(_entry(w)), "AAAR"),
    PermCase("work_log.update", lambda sv, w: sv.work_log.update(w.logA, _entry(w)), "AAAR"),
    PermCase("work_log.update", lambda sv, w: sv.work_log.update(w.logO, _entry(w, "officer_member")), "AARR",
             note="the officer's entry"),
    PermCase("work_log.delete", lambda sv, w: sv.work_log.delete(w.logA), "AAAR"),
    PermCase("work_log.duties", lambda sv, w: sv.work_log.duties(w.officer_member, DAY), "AARR"),
    PermCase("work_log.officer_id", lambda sv, w: sv.work_log.officer_id(), "AAAA"),
]
# fmt: on
