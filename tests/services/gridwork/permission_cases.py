"""Permission rows of 网格工作: grid events on the loop, places and inspections, event categories and the
monthly 考核 (see tests/test_permissions.py).

The rule (issue 16): grid workers report and handle events and inspect places in their own grids (and
events sent to them); 立案, 派遣, 核查结案, 返工 and 挂账 are the desk's (officer and staff); 督办, 延期
approval, the categories, checklists and the 考核 weights are the officer's; the officer and the staff see
all, a grid worker their grids' events and places and only their own 考核.

The seed gives grid A an event reported with A_PHONE as the reporter's phone and a place whose phone is
A2_PHONE; grid B the same with B_PHONE and B2_PHONE, so a list that leaks another grid's record shows a
phone of ``SECRETS``. Moves make their own event of grid A (as 系统), taken to the step they need.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from policeroom.models import EventSource, Frequency, Risk, Urgency
from policeroom.services.gridwork.types import (
    CategoryInput,
    EventFilter,
    EventInput,
    PhotoInput,
    PlaceInput,
    TickInput,
)
from policeroom.services.mediation.types import DisputeInput, PartyInput
from policeroom.services.registry import Services
from tests.permission_world import A2_PHONE, A_PHONE, B2_PHONE, B_PHONE, PermCase, World

SEEN = {"officer": ("A", "B"), "staff": ("A", "B"), "own": ("A",), "other": ("B",)}
FOUND = datetime(2026, 12, 4, 9, 0)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
STEPS = ("reported", "registered", "dispatched", "handled", "fed_back")


def _event(ids: dict[str, int] | World, grid: str = "gA", category: str = "gwFire", phone: str = "") -> EventInput:
    get = ids.__getitem__ if isinstance(ids, dict) else lambda k: getattr(ids, k)
    worker = {"gA": "wA", "gB": "wB"}[grid]
    return EventInput(
        source=EventSource.patrol_check, category_id=get(category), grid_id=get(grid), found_at=FOUND,
        description="3号楼楼道堆放杂物堵塞消防通道", urgency=Urgency.normal, reporter_id=get(worker),
        reporter_phone=phone,
    )  # fmt: skip


def SEED(sv: Services, ids: dict[str, int]) -> None:  # noqa: N802 - the name the world looks for
    """Events of grid A and B (the reporter's phone a secret of the grid), a 矛盾纠纷 event of grid A,
    places of both grids with an inspection of grid A's place whose failed item is not yet an event."""
    cats = dict((n, i) for i, n in sv.grid_events.categories())
    ids["gwFire"], ids["gwDispute"] = cats["消防隐患"], cats["矛盾纠纷"]
    ids["evA"] = sv.grid_events.create(_event(ids, phone=A_PHONE))
    ids["evB"] = sv.grid_events.create(_event(ids, "gB", phone=B_PHONE))
    ids["evDisputeA"] = sv.grid_events.create(_event(ids, category="gwDispute"))
    ids["photoA"] = sv.grid_events.add_photo(ids["evA"], PhotoInput("楼道.png", PNG))
    kinds = dict((n, i) for i, n in sv.places.kinds())
    ids["pkRent"] = kinds["出租屋"]
    ids["plA"] = sv.places.create(PlaceInput(ids["gA"], kinds["出租屋"], "安华里3号楼出租屋", "安华里3号楼", "严建国", A2_PHONE))
    ids["plB"] = sv.places.create(PlaceInput(ids["gB"], kinds["出租屋"], "安华里9号楼出租屋", "安华里9号楼", "窦秀梅", B2_PHONE))
    ids["itemRent"] = sv.places.items(kinds["出租屋"])[0].id
    ids["insA"] = sv.places.record_inspection(ids["plA"], FOUND, [TickInput(ids["itemRent"], False, "灭火器过期")],
                                              inspector_id=ids["wA"])  # fmt: skip
    ids["tickA"] = sv.places.inspections(ids["plA"])[0].ticks[0].id
    sv.places.record_inspection(ids["plB"], FOUND, [TickInput(ids["itemRent"], True)], inspector_id=ids["wB"])


def _ev(sv: Services, w: World, to: str = "reported", category: str = "gwFire") -> int:
    """A fresh event of grid A, taken to ``to`` by 系统 (dispatched to grid A's worker)."""
    ge = Services(sv.ctx.sessions).grid_events
    eid = ge.create(_event(w, category=category))
    moves = [lambda: ge.register(eid), lambda: ge.dispatch(eid, w.wA), lambda: ge.handle(eid, "已清理杂物"),
             lambda: ge.feedback(eid, "已告知物业")]  # fmt: skip
    for move in moves[: STEPS.index(to)]:
        move()
    return eid


def _supervised(sv: Services, w: World) -> tuple[int, int]:
    eid = _ev(sv, w, "dispatched")
    return eid, Services(sv.ctx.sessions).grid_events.supervise(eid, "请尽快处置")


def _asked(sv: Services, w: World) -> int:
    eid = _ev(sv, w, "dispatched")
    ge = Services(sv.ctx.sessions).grid_events
    ge.ask_extension(eid, datetime(2026, 12, 20, 17), "等待物业配合")
    return eid


def _parked(sv: Services, w: World) -> int:
    eid = _ev(sv, w, "dispatched")
    Services(sv.ctx.sessions).grid_events.park(eid, "等待上级部门答复")
    return eid


def _photo(sv: Services, w: World) -> int:
    eid = _ev(sv, w)
    return Services(sv.ctx.sessions).grid_events.add_photo(eid, PhotoInput("a.png", PNG))


def _create_in(sv: Services, w: World) -> int:
    with sv.ctx.write() as s:
        return sv.grid_events.create_in(s, _event(w), [], datetime(2026, 12, 5, 9)).id


def _dispute(w: World) -> DisputeInput:
    return DisputeInput(screened_on=date(2026, 12, 4), dispute_type="邻里", risk=Risk.blue, summary="楼上漏水",
                        grid_id=w.gA, screener_id=w.wA, owner_id=w.officer_member, deadline=date(2026, 12, 30),
                        parties=[PartyInput(name="", resident_id=w.rA), PartyInput(name="", resident_id=w.rA2)])  # fmt: skip


# -- checks -------------------------------------------------------------------------------------
def _ids(expected: dict[str, tuple[str, ...]], attr: str = "id"):  # noqa: ANN202
    """A list holds exactly the named records of the role's grids (others may be there too: ``extra``)."""

    def check(result: Any, w: World, role: str) -> None:
        got = {r if isinstance(r, int) else (r[0] if isinstance(r, tuple) else getattr(r, attr)) for r in result}
        want = {w.ids[k] for g in SEEN[role] for k in expected.get(g, ())}
        assert want <= got, (role, got, want)
        unwanted = {w.ids[k] for g in ("A", "B") if g not in SEEN[role] for k in expected.get(g, ())}
        assert not got & unwanted, (role, got & unwanted)

    return check


_EVENTS = _ids({"A": ("evA", "evDisputeA"), "B": ("evB",)})
_PLACES = _ids({"A": ("plA",), "B": ("plB",)})


def _count(result: Any, w: World, role: str) -> None:
    assert result == {"officer": 3, "staff": 3, "own": 2, "other": 1}[role], (role, result)


def _inspections(result: Any, w: World, role: str) -> None:
    _ids({"A": ("plA",), "B": ("plB",)}, "place_id")(result, w, role)


def _due(result: Any, w: World, role: str) -> None:
    _ids({"A": ("plA",), "B": ("plB",)}, "place_id")(result, w, role)


def _sheet(result: Any, w: World, role: str) -> None:
    got = {r.member_id for r in result.rows}
    want = {"officer": {w.wA, w.wB}, "staff": {w.wA, w.wB}, "own": {w.wA}, "other": {w.wB}}[role]
    assert want <= got and (role in ("officer", "staff") or got == want), (role, got)


# fmt: off
CASES = [
    # -- grid events: registration ------------------------------------------------------------
    PermCase("grid_events.create", lambda sv, w: sv.grid_events.create(_event(w)), "AAAR"),
    PermCase("grid_events.create", lambda sv, w: sv.grid_events.create(_event(w, "gB")), "AARA", note="in grid B"),
    PermCase("grid_events.create_in", _create_in, "AAAR"),
    PermCase("grid_events.update", lambda sv, w: sv.grid_events.update(_ev(sv, w), _event(w)), "AAAR"),
    PermCase("grid_events.update", lambda sv, w: sv.grid_events.update(_ev(sv, w), _event(w, "gB")), "AARR",
             note="moved to grid B"),
    PermCase("grid_events.add_photo", lambda sv, w: sv.grid_events.add_photo(_ev(sv, w), PhotoInput("b.png", PNG)),
             "AAAR"),
    PermCase("grid_events.remove_photo", lambda sv, w: sv.grid_events.remove_photo(_photo(sv, w)), "AAAR"),
    PermCase("grid_events.photo", lambda sv, w: sv.grid_events.photo(w.photoA), "AAAR"),
    PermCase("grid_events.get", lambda sv, w: sv.grid_events.get(w.evA), "AAAR"),
    PermCase("grid_events.rows", lambda sv, w: sv.grid_events.rows([w.evA, w.evDisputeA, w.evB]), "AAFF",
             check=_EVENTS),
    PermCase("grid_events.search_ids", lambda sv, w: sv.grid_events.search_ids(EventFilter()), "AAFF", check=_EVENTS),
    PermCase("grid_events.count", lambda sv, w: sv.grid_events.count(EventFilter()), "AAFF", check=_count),
    PermCase("grid_events.categories", lambda sv, w: sv.grid_events.categories(), "AAAA"),
    PermCase("grid_events.places_of", lambda sv, w: sv.grid_events.places_of(None), "AAFF", check=_PLACES),
    PermCase("grid_events.places_of", lambda sv, w: sv.grid_events.places_of(w.gB), "AAFF", note="grid B's",
             check=_ids({"B": ("plB",)})),
    # -- the loop's steps -----------------------------------------------------------------------
    PermCase("grid_events.register", lambda sv, w: sv.grid_events.register(_ev(sv, w)), "AARR"),
    PermCase("grid_events.reject", lambda sv, w: sv.grid_events.reject(_ev(sv, w), "重复上报"), "AARR"),
    PermCase("grid_events.dispatch", lambda sv, w: sv.grid_events.dispatch(_ev(sv, w, "registered"), w.wA), "AARR"),
    PermCase("grid_events.handle", lambda sv, w: sv.grid_events.handle(_ev(sv, w, "dispatched"), "已清理"), "AAAR"),
    PermCase("grid_events.feedback", lambda sv, w: sv.grid_events.feedback(_ev(sv, w, "handled"), "已告知"), "AAAR"),
    PermCase("grid_events.close", lambda sv, w: sv.grid_events.close(_ev(sv, w, "fed_back"), "通道畅通"), "AARR"),
    PermCase("grid_events.self_handle", lambda sv, w: sv.grid_events.self_handle(_ev(sv, w), "当场清理"), "AAAR"),
    PermCase("grid_events.supervise", lambda sv, w: sv.grid_events.supervise(_ev(sv, w, "dispatched"), "尽快"),
             "ARRR", note="督办 is the officer's"),
    PermCase("grid_events.reply_supervision", lambda sv, w: sv.grid_events.reply_supervision(
        *_supervised(sv, w), "正在处置"), "AAAR"),
    PermCase("grid_events.ask_extension", lambda sv, w: sv.grid_events.ask_extension(
        _ev(sv, w, "dispatched"), datetime(2026, 12, 20, 17), "等待物业"), "AAAR"),
    PermCase("grid_events.decide_extension", lambda sv, w: sv.grid_events.decide_extension(_asked(sv, w), True),
             "ARRR", note="延期 approval is the officer's"),
    PermCase("grid_events.park", lambda sv, w: sv.grid_events.park(_ev(sv, w, "dispatched"), "等待答复"), "AARR"),
    PermCase("grid_events.resume", lambda sv, w: sv.grid_events.resume(_parked(sv, w)), "AARR"),
    PermCase("grid_events.rework", lambda sv, w: sv.grid_events.rework(_ev(sv, w, "fed_back"), "未清理干净"), "AARR"),
    # -- links ----------------------------------------------------------------------------------
    PermCase("grid_events.draft_from_request", lambda sv, w: sv.grid_events.draft_from_request(w.qA), "AAAR"),
    PermCase("grid_events.from_tip", lambda sv, w: sv.grid_events.from_tip("JB2026-000099", _event(w)), "AAAR"),
    PermCase("grid_events.draft_dispute", lambda sv, w: sv.grid_events.draft_dispute(w.evDisputeA, ["邻里"]), "AAAR"),
    PermCase("grid_events.to_dispute", lambda sv, w: sv.grid_events.to_dispute(w.evDisputeA, _dispute(w)), "AAAR"),
    # -- places and inspections -----------------------------------------------------------------
    PermCase("places.kinds", lambda sv, w: sv.places.kinds(), "AAAA"),
    PermCase("places.save_kind", lambda sv, w: sv.places.save_kind(None, "网吧"), "ARRR", note="a setting"),
    PermCase("places.items", lambda sv, w: sv.places.items(w.pkRent), "AAAA"),
    PermCase("places.save_item", lambda sv, w: sv.places.save_item(None, w.pkRent, "新项目", Frequency.monthly), "ARRR",
             note="a setting"),
    PermCase("places.create", lambda sv, w: sv.places.create(PlaceInput(w.gA, w.pkRent, "新出租屋")), "AAAR"),
    PermCase("places.create", lambda sv, w: sv.places.create(PlaceInput(w.gB, w.pkRent, "新出租屋")), "AARA",
             note="in grid B"),
    PermCase("places.update", lambda sv, w: sv.places.update(w.plA, PlaceInput(w.gA, w.pkRent, "改名出租屋")), "AAAR"),
    PermCase("places.update", lambda sv, w: sv.places.update(w.plA, PlaceInput(w.gB, w.pkRent, "改名出租屋")), "AARR",
             note="moved to grid B"),
    PermCase("places.archive", lambda sv, w: sv.places.archive(w.plA), "AAAR"),
    PermCase("places.get", lambda sv, w: sv.places.get(w.plA), "AAAR"),
    PermCase("places.places", lambda sv, w: sv.places.places(), "AAFF", check=_PLACES),
    PermCase("places.record_inspection", lambda sv, w: sv.places.record_inspection(
        w.plA, datetime(2026, 12, 5, 8), [TickInput(w.itemRent, True)]), "AAAR"),
    PermCase("places.inspections", lambda sv, w: sv.places.inspections(), "AAFF", check=_inspections),
    PermCase("places.event_from_tick", lambda sv, w: sv.places.event_from_tick(w.tickA), "AAAR"),
    PermCase("places.due_list", lambda sv, w: sv.places.due_list(today=date(2027, 1, 10)), "AAFF", check=_due),
    PermCase("places.due_list", lambda sv, w: sv.places.due_list(w.wA, today=date(2027, 1, 10)), "AAAR",
             note="grid A's worker's"),
    # -- categories and the 考核 ------------------------------------------------------------------
    PermCase("event_categories.list", lambda sv, w: sv.event_categories.list(), "AAAA"),
    PermCase("event_categories.input_of", lambda sv, w: sv.event_categories.input_of(sv.event_categories.list()[0]),
             "AAAA"),
    PermCase("event_categories.save", lambda sv, w: sv.event_categories.save(None, CategoryInput("高空抛物")), "ARRR",
             note="a setting"),
    PermCase("assessment.specs", lambda sv, w: sv.assessment.specs(), "AAAA"),
    PermCase("assessment.weights", lambda sv, w: sv.assessment.weights(), "AAAA"),
    PermCase("assessment.save_weights", lambda sv, w: sv.assessment.save_weights({"valid_report": 50}), "ARRR",
             note="考核 weights are the officer's"),
    PermCase("assessment.sheet", lambda sv, w: sv.assessment.sheet("2026-12"), "AAFF", check=_sheet),
    PermCase("assessment.records", lambda sv, w: sv.assessment.records("2026-12", w.wA, "reported"), "AAAR"),
]
# fmt: on
