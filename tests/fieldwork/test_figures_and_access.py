"""Summary figures of field work (with 环比), the 考核 counts per worker, findings → grid events,
permissions per role, and the history of every write."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from policeroom.errors import PermissionDenied
from policeroom.models import EventCategory, EventStatus, GridEvent
from policeroom.services.fieldwork.figures import worker_month_counts
from policeroom.services.fieldwork.types import RouteInput, TalkInput, VisitInput
from policeroom.services.summary.types import figure_lines, figure_value, parse_week
from tests.fieldwork.helpers import community, household, patrol, staff, worker

TODAY = date(2026, 11, 27)
MON = date(2026, 11, 23)


def _close_hazard(sv, number: str, at: datetime) -> None:  # noqa: ANN001
    with sv.ctx.write() as s:
        e = s.query(GridEvent).filter_by(number=number).one()
        e.status, e.closed_at = EventStatus.closed, at


@pytest.mark.today(TODAY)
def test_summary_figures_of_field_work(officer) -> None:  # noqa: ANN001
    ids = community(officer)
    h1, h2 = household(officer, ids, "301", "困难家庭"), household(officer, ids, "302")
    for on, hid in ((MON, h1), (date(2026, 11, 24), h1), (date(2026, 11, 25), h2), (date(2026, 11, 16), h2)):
        officer.households.create_visit(VisitInput(hid, on, ids["w1"], purpose="走访"))
    p1 = patrol(officer, ids, MON, [time(19, 5), None, time(19, 30), time(19, 40)], problem=0)
    patrol(officer, ids, date(2026, 11, 25), [time(19, 5), time(19, 10), time(19, 30), time(19, 40)])
    patrol(officer, ids, date(2026, 11, 17), [time(19, 5), time(19, 10), time(19, 30), time(19, 40)])
    officer.talks.create(TalkInput(MON, "广场", "反诈", ids["g1"], people_reached=60, giver_ids=[ids["officer"]]))
    officer.talks.create(TalkInput(MON, "学校", "禁毒", None, people_reached=40, giver_ids=[ids["officer"]]))
    point = officer.patrols.get(p1).points[0]
    with officer.ctx.read() as s:
        cats = {c.name: c.id for c in s.query(EventCategory)}
    number = officer.patrols.report_finding(point.id, cats["治安隐患"], "北门路灯不亮")
    _close_hazard(officer, number, datetime(2026, 11, 26, 10, 0))
    data = officer.summary.summary(parse_week("2026-W48"))
    f = data.figures
    assert (f.households_visited, f.visits) == (2, 3)
    assert (f.patrol_runs, f.patrol_run_hours, f.patrol_people) == (2, 4.0, 8)
    assert (f.talks, f.talk_people) == (2, 100)
    assert (f.hazards_found, f.hazards_fixed, f.grid_events) == (1, 1, 1)
    assert f.event_categories == {"治安隐患": 1}
    assert (data.previous.visits, data.previous.patrol_runs) == (1, 1)
    lines = {x.key: x for x in figure_lines(data)}
    assert figure_value(f, "event:治安隐患") == 1 and lines["event:治安隐患"].group == "网格事件"
    glance = officer.summary.glance()
    assert glance.this_week.patrol_runs == 2 and glance.last_week.patrol_runs == 1


@pytest.mark.today(TODAY)
def test_finding_to_grid_event_once(officer) -> None:  # noqa: ANN001
    ids = community(officer)
    pid = patrol(officer, ids, MON, [time(19, 5), time(19, 10), time(19, 30), time(19, 40)], problem=1)
    point = officer.patrols.get(pid).points[1]
    cat = officer.patrols.event_categories()[0][0]
    number = officer.patrols.report_finding(point.id, cat, "")
    assert number == "SJ2026-000001"
    row = officer.patrols.get(pid)
    assert row.points[1].event_number == number
    with officer.ctx.read() as s:
        e = s.query(GridEvent).one()
        assert (e.description, e.status, e.source.value, e.grid_id) == ("路灯不亮", EventStatus.reported, "patrol", ids["g1"])
    with pytest.raises(Exception, match="已转为网格事件"):
        officer.patrols.report_finding(point.id, cat, "")
    with pytest.raises(PermissionDenied):
        officer.patrols.delete(pid)  # the event refers to it


@pytest.mark.today(TODAY)
def test_worker_month_counts_for_the_assessment(officer) -> None:  # noqa: ANN001
    ids = community(officer)
    h1 = household(officer, ids, "301", "困难家庭")
    household(officer, ids, "302", "困难家庭")
    officer.households.create_visit(VisitInput(h1, date(2026, 11, 20), ids["w1"], purpose="走访"))
    patrol(officer, ids, MON, [time(19, 5), time(19, 10), time(19, 30), time(19, 40)])
    counts = worker_month_counts_of(officer, 2026, 11)
    w1 = counts[ids["w1"]]
    assert (w1.visits_due, w1.visits_done, w1.visits, w1.patrols) == (2, 1, 1, 1)
    assert ids["w2"] not in counts or counts[ids["w2"]].visits_due == 0


def worker_month_counts_of(sv, y: int, m: int):  # noqa: ANN001, ANN201
    with sv.ctx.read() as s:
        return worker_month_counts(s, y, m)


@pytest.mark.today(TODAY)
def test_permissions_per_role(officer) -> None:  # noqa: ANN001
    ids = community(officer)
    w1, w2, st = worker(officer, ids, "w1"), worker(officer, ids, "w2"), staff(officer, ids)
    hid = household(w1, ids, "301")  # a worker registers households of their grid
    with pytest.raises(PermissionDenied):
        household(w1, ids, "401", grid="g2")
    vid = w1.households.create_visit(VisitInput(hid, MON, ids["w1"], purpose="走访"))
    with pytest.raises(PermissionDenied):
        w2.households.create_visit(VisitInput(hid, MON, ids["w2"], purpose="走访"))
    with pytest.raises(PermissionDenied):
        w2.households.visit(vid)
    assert w2.households.visits() == [] and len(st.households.visits()) == 1
    pid = patrol(w1, ids, MON, [time(19, 5), None, None, None], members=[ids["w1"]])
    assert [r.id for r in w1.patrols.list()] == [pid] and w2.patrols.list() == []
    with pytest.raises(PermissionDenied):
        w2.patrols.get(pid)
    with pytest.raises(PermissionDenied):  # routes are set by the officer and staff
        w1.patrols.create_route(RouteInput(ids["g1"], "新路线", time(8, 0), time(9, 0), 1, ["甲"]))
    st.patrols.create_route(RouteInput(ids["g2"], "新路线", time(8, 0), time(9, 0), 1, ["甲"]))
    with pytest.raises(PermissionDenied):  # a community-wide talk is the office's
        w1.talks.create(TalkInput(MON, "广场", "反诈", None, giver_ids=[ids["w1"]]))
    w1.talks.create(TalkInput(MON, "广场", "反诈", ids["g1"], giver_ids=[ids["w1"]]))
    assert w2.talks.list() == [] and len(st.talks.list()) == 1
    for sv in (w1, st):  # only the officer deletes
        with pytest.raises(PermissionDenied):
            sv.households.delete_visit(vid)
    assert officer.households.delete_visit(vid) == "deleted"
    with pytest.raises(PermissionDenied):
        w1.fieldwork_settings.save_topics(["反诈"])


@pytest.mark.today(TODAY)
def test_every_write_is_in_the_history(officer) -> None:  # noqa: ANN001
    ids = community(officer)
    hid = household(officer, ids, "301")
    vid = officer.households.create_visit(VisitInput(hid, MON, ids["w1"], purpose="走访"))
    officer.households.update_visit(vid, VisitInput(hid, MON, ids["w1"], purpose="回访困难户"))
    pid = patrol(officer, ids, MON, [time(19, 5), None, None, None])
    assert [h.action for h in officer.history("household_visit", vid)] == ["修改", "新建"]
    change = officer.history("household_visit", vid)[0].changes
    assert any(c.field == "走访事由" and c.after == "回访困难户" for c in change)
    assert officer.history("patrol_record", pid)[0].action == "新建"
    assert officer.history("household", hid)[0].action == "新建"


@pytest.mark.today(TODAY)
def test_records_behind_the_assessment_numbers(officer) -> None:  # noqa: ANN001
    from policeroom.services.fieldwork.figures import records_behind

    ids = community(officer)
    h1 = household(officer, ids, "301", "困难家庭")
    h2 = household(officer, ids, "302", "困难家庭")
    vid = officer.households.create_visit(VisitInput(h1, date(2026, 11, 20), ids["w1"], purpose="走访"))
    pid = patrol(officer, ids, MON, [time(19, 5), time(19, 10), time(19, 30), time(19, 40)])
    with officer.ctx.read() as s:
        counts = worker_month_counts(s, 2026, 11)[ids["w1"]]
        due = records_behind(s, 2026, 11, ids["w1"], "visits_due")
        done = records_behind(s, 2026, 11, ids["w1"], "visits_done")
        visits = records_behind(s, 2026, 11, ids["w1"], "visits")
        patrols = records_behind(s, 2026, 11, ids["w1"], "patrols")
        assert records_behind(s, 2026, 11, ids["w1"], "reported") is None
    assert len(due) == counts.visits_due == 2 and {r.id for r in due} == {h1, h2}
    assert [r.id for r in done] == [h1] and counts.visits_done == 1
    assert [(r.kind, r.id) for r in visits] == [("household_visit", vid)]
    assert [(r.kind, r.id) for r in patrols] == [("patrol_record", pid)] and counts.patrols == 1


def test_a_worker_links_only_his_grids_residents_and_reads_only_his_grids(officer) -> None:  # noqa: ANN001
    """Leaks closed for the permission table: a grid worker put another grid's resident into a household,
    read another grid's household due date, and an out-of-scope route or household read as "missing"."""
    from policeroom.errors import ValidationError
    from policeroom.services.fieldwork.types import HouseholdInput
    from policeroom.services.people.residents import ResidentInput

    ids = community(officer)
    w1 = worker(officer, ids, "w1")
    mine = officer.residents.create(ResidentInput(name="严秀英", address="3号楼", grid_id=ids["g1"]))
    theirs = officer.residents.create(ResidentInput(name="窦志强", address="9号楼", grid_id=ids["g2"]))
    with pytest.raises(ValidationError, match="本人负责网格"):
        w1.households.create(HouseholdInput(ids["g1"], "3号楼", "2单元", "501", "普通", resident_ids=[theirs]))
    hid = w1.households.create(HouseholdInput(ids["g1"], "3号楼", "2单元", "501", "普通", resident_ids=[mine]))
    # a person the officer linked across grids stays when the worker edits the household
    officer.households.update(hid, HouseholdInput(ids["g1"], "3号楼", "2单元", "501", "普通", resident_ids=[mine, theirs]))
    w1.households.update(hid, HouseholdInput(ids["g1"], "3号楼", "2单元", "501", "困难家庭", resident_ids=[mine, theirs]))
    other = household(officer, ids, "101", grid="g2")
    with pytest.raises(PermissionDenied):
        w1.households.next_due_for(other, MON)
    with pytest.raises(PermissionDenied):
        w1.households.get(other)
    with pytest.raises(PermissionDenied):
        w1.patrols.route(ids["r2"])
