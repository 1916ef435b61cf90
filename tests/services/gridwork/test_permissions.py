"""Who may call what in grid work (role × call → allowed / refused), call by call.

Roles: the officer, staff, the grid worker of the event's grid (一网格), a grid worker of another grid.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from policeroom.errors import PermissionDenied, ValidationError
from policeroom.models import AccountRole, Frequency
from policeroom.services.gridwork.places import PlaceInput, TickInput
from policeroom.services.gridwork.types import CategoryInput, EventFilter
from policeroom.services.registry import Services
from tests.services.gridwork.conftest import T0, as_, report, walk

pytestmark = pytest.mark.today(T0 + timedelta(days=1))
AT = T0 + timedelta(hours=8)

#: call -> roles allowed (o officer, s staff, g own grid's worker, x another grid's worker)
TABLE: dict[str, str] = {
    "read event": "osg",
    "report event": "osg",
    "register": "os",
    "reject": "os",
    "self_handle": "osg",
    "dispatch": "os",
    "handle": "osg",
    "feedback": "osg",
    "close": "os",
    "rework": "os",
    "supervise": "o",
    "ask extension": "osg",
    "decide extension": "o",
    "park": "os",
    "add place": "osg",
    "inspect place": "osg",
    "edit checklist": "o",
    "edit category": "o",
    "save weights": "o",
    "w1 考核 records": "osg",
}


def _calls(sv: Services, base: Services) -> dict[str, Callable[[], object]]:
    ids = base.ids
    ge = sv.grid_events
    fresh = lambda: report(base, found_at=T0)  # noqa: E731 - a new event in grid 1 for each call

    def at(status: str) -> int:
        eid = fresh()
        if status != "reported":
            walk(base, eid, status)
        return eid

    def asked() -> int:
        eid = at("dispatched")
        base.grid_events.ask_extension(eid, base.grid_events.get(eid).due + timedelta(days=2), "等待", at=AT)
        return eid

    kinds = dict((n, i) for i, n in base.places.kinds())
    place = base.places.create(PlaceInput(ids["g1"], kinds["出租屋"], f"出租屋{len(base.places.places())}"))
    item = base.places.items(kinds["出租屋"])[0].id
    cat = base.event_categories.list()[0]
    return {
        "read event": lambda: ge.get(fresh()),
        "report event": lambda: report(sv),
        "register": lambda: ge.register(fresh(), at=AT),
        "reject": lambda: ge.reject(fresh(), "重复", at=AT),
        "self_handle": lambda: ge.self_handle(fresh(), "当场处理", at=AT),
        "dispatch": lambda: ge.dispatch(at("registered"), ids["w1"], at=AT),
        "handle": lambda: ge.handle(at("dispatched"), "已处理", at=AT),
        "feedback": lambda: ge.feedback(at("handled"), "已反馈", at=AT),
        "close": lambda: ge.close(at("fed_back"), at=AT),
        "rework": lambda: ge.rework(at("fed_back"), "不合格", at=AT),
        "supervise": lambda: ge.supervise(at("dispatched"), "尽快", at=AT),
        "ask extension": lambda: ge.ask_extension(at("dispatched"), AT + timedelta(days=5), "等待", at=AT),
        "decide extension": lambda: ge.decide_extension(asked(), True, at=AT + timedelta(minutes=1)),
        "park": lambda: ge.park(at("dispatched"), "等待", at=AT),
        "add place": lambda: sv.places.create(PlaceInput(ids["g1"], kinds["学校"], "小学")),
        "inspect place": lambda: sv.places.record_inspection(
            place, AT, [TickInput(item, True)], inspector_id=ids["w1"]
        ),
        "edit checklist": lambda: sv.places.save_item(None, kinds["学校"], "新项目", Frequency.monthly),
        "edit category": lambda: sv.event_categories.save(cat.id, CategoryInput(cat.name, "改过的立案条件")),
        "save weights": lambda: sv.assessment.save_weights({"valid_report": 50}),
        "w1 考核 records": lambda: sv.assessment.records("2026-11", ids["w1"], "reported"),
    }


def _as(room: Services, who: str) -> Services:
    return {
        "o": room,
        "s": as_(room, AccountRole.staff),
        "g": as_(room, AccountRole.grid_worker, (room.ids["g1"],), member="w1"),
        "x": as_(room, AccountRole.grid_worker, (room.ids["g2"],), member="w2"),
    }[who]


@pytest.mark.parametrize("who", ["o", "s", "g", "x"])
def test_permission_table(room: Services, who: str) -> None:
    sv = _as(room, who)
    calls = _calls(sv, room)
    assert set(calls) == set(TABLE)
    wrong = []
    for name, call in calls.items():
        try:
            call()
            allowed = True
        except PermissionDenied:
            allowed = False
        except ValidationError as e:  # a grid worker refused his neighbour's grid in the form itself
            allowed = "本人负责网格" not in e.message and not any(
                "本人负责网格" in m for m in getattr(e, "errors", {}).values()
            )
            if allowed:
                raise
        if allowed != (who in TABLE[name]):
            wrong.append(f"{name}: {'allowed' if allowed else 'refused'}")
    assert wrong == []


def test_a_grid_worker_lists_only_his_grid_or_his_own(room: Services) -> None:
    mine = report(room)
    other = report(room, grid_id=room.ids["g2"], reporter_id=room.ids["w2"])
    w1 = _as(room, "g")
    assert w1.grid_events.search_ids(EventFilter()) == [mine]
    room.grid_events.register(other, at=T0 + timedelta(hours=1))
    room.grid_events.dispatch(other, room.ids["w1"], at=T0 + timedelta(hours=2))  # sent to help next door
    assert sorted(w1.grid_events.search_ids(EventFilter())) == sorted([mine, other])
    w1.grid_events.handle(other, "协助处理完毕", at=T0 + timedelta(hours=3))


def test_a_grid_worker_picks_only_his_grids_places(room: Services) -> None:
    """The event form's place picker: grid 2's places (name, address) are not grid 1's worker's to read."""
    kinds = dict((n, i) for i, n in room.places.kinds())
    mine = room.places.create(PlaceInput(room.ids["g1"], kinds["出租屋"], "一网格出租屋"))
    theirs = room.places.create(PlaceInput(room.ids["g2"], kinds["出租屋"], "二网格出租屋"))
    w1 = _as(room, "g")
    assert [i for i, _ in w1.grid_events.places_of(None)] == [mine]
    assert w1.grid_events.places_of(room.ids["g2"]) == []
    assert {i for i, _ in room.grid_events.places_of(None)} == {mine, theirs}
