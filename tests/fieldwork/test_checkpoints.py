"""Missed and out-of-order checkpoints, named one by one (pure rule, and through the service)."""

from __future__ import annotations

from datetime import date, time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policeroom.errors import ValidationError
from policeroom.services.fieldwork.checkpoints import PointState, read_points
from tests.fieldwork.helpers import community, patrol


def pts(*times: str | None) -> list[PointState]:
    return [PointState(i, f"点{i}", time.fromisoformat(t) if t else None) for i, t in enumerate(times, start=1)]


def test_all_in_order_is_complete() -> None:
    r = read_points(pts("19:00", "19:10", "19:20", "19:30"))
    assert (r.missed, r.out_of_order, r.completion) == ((), (), 1.0)


def test_missed_points_are_named_in_route_order() -> None:
    r = read_points(pts("19:00", None, "19:20", None))
    assert r.missed == ("第2点 点2", "第4点 点4")
    assert r.completion == 0.5 and r.completion_text == "50%"
    assert "漏巡：第2点 点2、第4点 点4" in r.summary


def test_a_swapped_pair_names_one_point_and_the_point_it_should_follow() -> None:
    r = read_points(pts("19:00", "19:30", "19:10", "19:40"))  # walked 1-3-2-4
    assert r.out_of_order == ("第2点 点2（19:30到达）应在第3点 点3（19:10）之前",)
    assert r.missed == () and r.completion == 1.0


def test_a_point_visited_first_is_named_against_the_one_before_it() -> None:
    r = read_points(pts("19:20", "19:25", "19:30", "19:05"))  # point 4 first, then 1-2-3
    assert r.out_of_order == ("第4点 点4（19:05到达）应在第3点 点3（19:30）之后",)


def test_reversed_route_keeps_one_point_and_names_the_rest() -> None:
    r = read_points(pts("19:30", "19:20", "19:10", "19:00"))
    assert len(r.out_of_order) == 3


@given(st.lists(st.one_of(st.none(), st.integers(0, 120)), min_size=1, max_size=12))
def test_every_reached_point_is_either_in_order_or_named(minutes: list[int | None]) -> None:
    states = [PointState(i, f"点{i}", time(19 + m // 60, m % 60) if m is not None else None)
              for i, m in enumerate(minutes, start=1)]  # fmt: skip
    r = read_points(states)
    reached = [s for s in states if s.at is not None]
    assert r.reached == len(reached) and len(r.missed) == len(states) - len(reached)
    named = {int(t.split("点")[0][1:]) for t in r.out_of_order}
    kept = sorted((s for s in reached if s.seq not in named), key=lambda s: (s.at, s.seq))
    assert [s.seq for s in kept] == sorted(s.seq for s in kept)  # what is left is in route order
    assert len(named) < max(len(reached), 1) or not reached  # at least one point is always kept


@pytest.mark.today(date(2026, 11, 25))
def test_service_reads_missed_and_out_of_order_points(officer) -> None:  # noqa: ANN001
    ids = community(officer)
    pid = patrol(officer, ids, date(2026, 11, 24), [time(19, 5), None, time(19, 50), time(19, 40)])
    row = officer.patrols.get(pid)
    assert row.reading.missed == ("第2点 菜市场",)
    assert row.reading.out_of_order == ("第4点 停车场（19:40到达）应在第3点 幼儿园（19:50）之后",)
    assert row.reading.completion_text == "75%"
    assert row.people_count == 4 and not row.short_handed
    assert row.people == "王建军、张秀兰、王大妈（志愿者）、刘强（安华物业）"


@pytest.mark.today(date(2026, 11, 25))
def test_a_point_outside_the_patrol_window_is_refused_beside_the_points(officer) -> None:  # noqa: ANN001
    ids = community(officer)
    with pytest.raises(ValidationError) as e:
        patrol(officer, ids, date(2026, 11, 24), [time(18, 0), None, None, None])
    assert "不在本次巡防时段内" in e.value.errors["points"]  # type: ignore[attr-defined]


@pytest.mark.today(date(2026, 11, 25))
def test_volunteers_on_patrols_are_there_for_the_volunteers_module(officer) -> None:  # noqa: ANN001
    ids = community(officer)
    pid = patrol(officer, ids, date(2026, 11, 24), [time(19, 5), time(19, 10), time(19, 20), time(19, 30)])
    turns = officer.patrols.helper_turns(date(2026, 11, 1), date(2026, 11, 30))
    assert [(t.record_id, t.name, t.hours, t.volunteer_id) for t in turns] == [(pid, "王大妈", 2.0, None)]
    guards = officer.patrols.helper_turns(date(2026, 11, 1), date(2026, 11, 30), "guard")
    assert [(g.name, g.unit) for g in guards] == [("刘强", "安华物业")]


@pytest.mark.today(date(2026, 11, 25))
def test_a_route_changed_after_patrols_keeps_their_points(officer) -> None:  # noqa: ANN001
    from policeroom.services.fieldwork.types import RouteInput

    ids = community(officer)
    old = patrol(officer, ids, date(2026, 11, 24), [time(19, 5), None, time(19, 20), time(19, 30)])
    officer.patrols.update_route(ids["r1"], RouteInput(ids["g1"], "一网格夜巡", time(19, 0), time(21, 0), 2,
                                                       ["停车场", "小区北门", "社区医院"]))  # fmt: skip
    route = officer.patrols.route(ids["r1"])
    assert [n for _i, n in route.checkpoints] == ["停车场", "小区北门", "社区医院"]
    row = officer.patrols.get(old)  # the old patrol still reads against its own points
    assert row.reading.total == 4 and row.reading.missed == ("第2点 菜市场",)
    new = patrol_on(officer, ids, [time(19, 5), time(19, 10), None])
    assert officer.patrols.get(new).reading.missed == ("第3点 社区医院",)


def patrol_on(sv, ids, times):  # noqa: ANN001, ANN201
    from policeroom.services.fieldwork.types import PatrolInput, PointInput

    route = sv.patrols.route(ids["r1"])
    pts = [PointInput(cid, t) for (cid, _n), t in zip(route.checkpoints, times, strict=True)]
    return sv.patrols.create(PatrolInput(ids["r1"], date(2026, 11, 25), time(19, 0), time(21, 0), [ids["w1"]], points=pts))


@pytest.mark.today(date(2026, 11, 25))
def test_an_old_patrol_edited_after_the_route_changed_keeps_its_points(officer) -> None:  # noqa: ANN001
    from policeroom.services.fieldwork.types import PatrolInput, PointInput, RouteInput

    ids = community(officer)
    old = patrol(officer, ids, date(2026, 11, 24), [time(19, 5), None, time(19, 20), time(19, 30)])
    officer.patrols.update_route(ids["r1"], RouteInput(ids["g1"], "一网格夜巡", time(19, 0), time(21, 0), 2,
                                                       ["停车场", "小区北门", "社区医院"]))  # fmt: skip
    row = officer.patrols.get(old)
    officer.patrols.update(old, PatrolInput(ids["r1"], row.day, row.start_time, row.end_time, list(row.member_ids),
                                            points=[PointInput(p.checkpoint_id, p.at) for p in row.points],
                                            findings="补记"))  # fmt: skip
    again = officer.patrols.get(old)
    assert [p.name for p in again.points] == ["小区北门", "菜市场", "幼儿园", "停车场"]
    assert again.reading.missed == ("第2点 菜市场",) and again.reading.out_of_order == ()
