"""The work log: entries from the records (once per record and person, also after edits), hand-written
entries, the week view, the weekly duties checklist, and the patrols the roster planned."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from policeroom.errors import PermissionDenied
from policeroom.models import Assignment, ShiftType
from policeroom.services.fieldwork.types import PatrolInput, PointInput, TalkInput, VisitInput
from policeroom.services.fieldwork.worklog import EntryInput
from tests.fieldwork.helpers import community, household, patrol, worker

TODAY = date(2026, 11, 27)  # Friday of 2026-W48 (Monday 23 November)
MON = date(2026, 11, 23)


def shifts(sv, rows: list[tuple[int, date, str, int | None]]) -> None:  # noqa: ANN001
    """Roster cells (member, day, post, grid) on a desk shift 08:30-17:30 or a patrol shift 19:00-21:00."""
    with sv.ctx.write() as s:
        desk = ShiftType(code="驻", name="驻守接待", post="desk", start_time=time(8, 30), end_time=time(17, 30))
        pat = ShiftType(code="巡", name="巡防", post="patrol", start_time=time(19, 0), end_time=time(21, 0))
        s.add_all([desk, pat])
        s.flush()
        for member, day, post, grid in rows:
            s.add(Assignment(member_id=member, day=day, shift_type_id=(desk if post == "desk" else pat).id,
                             grid_id=grid))  # fmt: skip


@pytest.mark.today(TODAY)
def test_a_record_is_in_the_log_once_per_person_also_after_edits(officer) -> None:  # noqa: ANN001
    ids = community(officer)
    hid = household(officer, ids, "301", "困难家庭")
    vid = officer.households.create_visit(VisitInput(hid, MON, ids["officer"], time(9, 0), time(10, 0),
                                                     purpose="了解生活困难"))  # fmt: skip
    pid = patrol(officer, ids, MON, [time(19, 5), None, time(19, 30), time(19, 40)])
    for _ in range(3):  # edited three times: still one entry each
        officer.households.update_visit(vid, VisitInput(hid, MON, ids["officer"], time(9, 0), time(10, 30),
                                                        purpose="了解生活困难", action="协助申请低保"))  # fmt: skip
        row = officer.patrols.get(pid)
        officer.patrols.update(pid, PatrolInput(ids["r1"], MON, time(19, 0), time(21, 0), list(row.member_ids),
                                                points=[PointInput(p.checkpoint_id, p.at) for p in row.points]))  # fmt: skip
    items = officer.work_log.items(ids["officer"], MON, MON)
    assert [(i.source, i.source_id, i.category) for i in items] == [
        ("household_visit", vid, "走访调查"), ("patrol_record", pid, "治安巡逻")]
    assert items[0].result == "协助申请低保" and items[0].minutes == 90
    assert "漏巡：第2点 菜市场" in items[1].content
    # the worker on the same patrol has it in their log too, once
    w_items = officer.work_log.items(ids["w1"], MON, MON)
    assert [(i.source, i.source_id) for i in w_items] == [("patrol_record", pid)]


@pytest.mark.today(TODAY)
def test_talks_and_hand_written_entries_and_the_week(officer) -> None:  # noqa: ANN001
    ids = community(officer)
    tid = officer.talks.create(TalkInput(date(2026, 11, 24), "社区广场", "反诈", ids["g1"], time(15, 0), time(16, 30),
                                         "老年居民", 60, 120, [ids["officer"], ids["w1"]]))  # fmt: skip
    eid = officer.work_log.add(EntryInput(ids["officer"], date(2026, 11, 25), "情报信息", "收集辖区治安信息",
                                          time(10, 0), time(11, 0)))  # fmt: skip
    week = officer.work_log.week(ids["officer"], TODAY)
    assert week.start == MON and week.hours == 2.5
    assert [(i.source, i.source_id) for i in week.items] == [("prevention_talk", tid), ("work_log_entry", eid)]
    assert week.by_category()["警务宣传"] == 1 and week.by_category()["情报信息"] == 1
    assert officer.work_log.delete(eid) == "deleted"
    assert len(officer.work_log.week(ids["officer"], TODAY).items) == 1


@pytest.mark.today(TODAY)
def test_a_grid_worker_keeps_only_their_own_log(officer) -> None:  # noqa: ANN001
    ids = community(officer)
    w1 = worker(officer, ids)
    w1.work_log.add(EntryInput(ids["w1"], MON, "为民服务", "帮助居民办理居住证"))
    with pytest.raises(PermissionDenied):
        w1.work_log.week(ids["officer"], TODAY)
    with pytest.raises(PermissionDenied):
        w1.work_log.add(EntryInput(ids["w2"], MON, "为民服务", "代写"))
    assert [m for m, _ in w1.work_log.members()] == [ids["w1"]]


@pytest.mark.today(TODAY)
def test_weekly_duties_count_from_the_log_and_the_roster(officer) -> None:  # noqa: ANN001
    ids = community(officer)
    me = ids["officer"]
    lines = {d.key: d for d in officer.work_log.duties()}
    assert not any(d.done for d in lines.values())
    shifts(officer, [(me, MON, "desk", None), (me, date(2026, 11, 25), "desk", None)])  # two full days: 4 half-days
    for room in ("301", "302"):
        hid = household(officer, ids, room)
        officer.households.create_visit(VisitInput(hid, MON, me, time(14, 0), time(16, 0), purpose="走访"))
    patrol(officer, ids, MON, [time(19, 5), time(19, 20), time(19, 30), time(19, 40)])  # with 张秀兰: 2 h
    officer.work_log.add(EntryInput(me, date(2026, 11, 13), "警务宣传", "公示上半月警情", kind="notice"))  # 15 days before 27th
    officer.work_log.add(EntryInput(me, date(2026, 11, 26), "为民服务", "走访商户", time(8, 0), time(20, 0)))
    lines = {d.key: d for d in officer.work_log.duties()}
    assert lines["reception"].done and lines["reception"].value == "4/2个半天"
    assert lines["households"].done and lines["households"].value == "2/2户"
    assert lines["patrol"].done
    assert lines["hours"].value == "18.0/20小时" and not lines["hours"].done
    assert lines["notice"].done and lines["notice"].value == "上次 11月13日"
    assert not lines["meeting"].done
    officer.work_log.add(EntryInput(me, date(2026, 11, 2), "为民服务", "11月居民代表会", time(9, 0), time(11, 0),
                                    kind="meeting"))  # fmt: skip
    lines = {d.key: d for d in officer.work_log.duties()}
    assert lines["meeting"].done
    officer.work_log.add(EntryInput(me, date(2026, 11, 27), "走访调查", "走访", time(8, 0), time(10, 0)))
    assert {d.key: d for d in officer.work_log.duties()}["hours"].done


@pytest.mark.today(TODAY)
def test_a_notice_16_days_ago_is_too_old(officer) -> None:  # noqa: ANN001
    ids = community(officer)
    officer.work_log.add(EntryInput(ids["officer"], date(2026, 11, 12), "警务宣传", "公示警情", kind="notice"))
    assert not {d.key: d for d in officer.work_log.duties()}["notice"].done


@pytest.mark.today(TODAY)
def test_planned_patrols_are_matched_with_their_records(officer) -> None:  # noqa: ANN001
    ids = community(officer)
    shifts(officer, [(ids["w1"], MON, "patrol", ids["g1"]), (ids["w2"], MON, "patrol", ids["g2"]),
                     (ids["w1"], date(2026, 11, 30), "patrol", ids["g1"])])  # fmt: skip
    pid = patrol(officer, ids, MON, [time(19, 5), time(19, 20), time(19, 30), time(19, 40)])
    plans = officer.patrols.planned(MON, date(2026, 11, 30))
    assert [(p.grid, p.recorded, p.record_ids) for p in plans] == [("WG01 一网格", True, (pid,)),
                                                                   ("WG02 二网格", False, ())]  # fmt: skip
    # the grid worker of WG02 sees only their own planned patrol
    assert [p.grid for p in worker(officer, ids, "w2").patrols.planned(MON, TODAY)] == ["WG02 二网格"]


@pytest.mark.today(date(2026, 11, 20))
def test_mediation_sessions_request_steps_inspections_and_events_are_in_the_log(officer) -> None:  # noqa: ANN001
    from datetime import datetime

    from policeroom.models import EventSource, GridEvent, Inspection, Place, PlaceKind
    from policeroom.services.gridwork.events import GridEventService
    from policeroom.services.gridwork.types import EventInput
    from tests.services.summary.week_data import MON as W45
    from tests.services.summary.week_data import build_week

    ids = build_week(officer)
    items = officer.work_log.items(ids["officer"], W45, W45 + timedelta(days=6))
    assert "case_record" in {i.source for i in items}
    assert all(i.category == "矛盾化解" for i in items if i.source == "case_record")
    steps = [i for i in officer.work_log.items(ids["w1"], W45, W45 + timedelta(days=6)) if i.source == "request_action"]
    assert steps and all(i.category == "为民服务" and "群众求助 QZ2026-" in i.content for i in steps)
    with officer.ctx.write() as s:
        kind = s.query(PlaceKind).first()
        place = Place(grid_id=ids["g1"], kind_id=kind.id, name="安华超市", address="安华里5号楼底商")
        s.add(place)
        s.flush()
        s.add(Inspection(place_id=place.id, inspector_id=ids["w1"], on_date=date(2026, 11, 18),
                         at=datetime(2026, 11, 18, 10, 0), notes="灭火器过期"))  # fmt: skip
        e = GridEventService(officer.ctx).create_in(s, EventInput(
            EventSource.patrol, 1, ids["g1"], datetime(2026, 11, 18, 11, 0), "灭火器过期", location="5号楼",
            reporter_id=ids["w1"]), [], datetime(2026, 11, 20, 9, 0))  # fmt: skip
        e.handler_id, e.handled_at, e.handling = ids["w1"], datetime(2026, 11, 19, 9, 0), "已更换灭火器"
    w_items = officer.work_log.items(ids["w1"], date(2026, 11, 16), date(2026, 11, 22))
    got = [(i.source, i.category, i.day) for i in w_items if i.source in ("inspection", "grid_event")]
    assert got == [("inspection", "监督检查", date(2026, 11, 18)), ("grid_event", "情报信息", date(2026, 11, 18)),
                   ("grid_event", "为民服务", date(2026, 11, 19))]  # fmt: skip
    assert any("场所巡查 安华超市" in i.content for i in w_items)
    with officer.ctx.read() as s:
        assert s.query(GridEvent).count() == 1
