"""Volunteers who patrolled (seam 5, issue 16): registered volunteers of the patrol's grid picked on the
patrol record each get one 智慧义巡 participation 待确认 (once per patrol × volunteer, however often the
record is saved); the patrol's leader or the officer confirms the hours as for any activity."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

import pytest

from policeroom.errors import DomainError, PermissionDenied, ValidationError
from policeroom.models import Activity, Participation, PartStatus
from policeroom.services.fieldwork.types import PatrolInput, PointInput
from tests.fieldwork.helpers import community, worker
from tests.forces.helpers import volunteer

TODAY = date(2026, 11, 27)
MON = date(2026, 11, 23)


def _input(sv, ids, vids: list[int], **kw) -> PatrolInput:  # noqa: ANN001, ANN003
    route = sv.patrols.route(ids["r1"])
    pts = [PointInput(cid, time(19, 10 + i), False, "") for i, (cid, _n) in enumerate(route.checkpoints)]
    base = dict(route_id=ids["r1"], day=MON, start_time=time(19, 0), end_time=time(21, 0),
                member_ids=[ids["w1"]], points=pts, volunteers=["王大妈"], volunteer_ids=vids)  # fmt: skip
    base.update(kw)
    return PatrolInput(**base)


def _parts(sv) -> list[tuple[int, PartStatus, int | None, str]]:  # noqa: ANN001
    with sv.ctx.read() as s:
        return [(p.volunteer_id, p.status, p.counted_minutes, p.activity.kind)
                for p in s.query(Participation).order_by(Participation.volunteer_id)]  # fmt: skip


@pytest.mark.today(TODAY)
def test_patrol_volunteers_wait_for_confirmation_once(officer) -> None:  # noqa: ANN001
    ids = community(officer)
    v1, v2 = volunteer(officer, "孙丽", ids["g1"]), volunteer(officer, "周强", ids["g1"])
    w1 = worker(officer, ids, "w1")
    pid = w1.patrols.create(_input(officer, ids, [v1, v2]))
    assert _parts(officer) == [(v1, PartStatus.pending, 120, "智慧义巡"), (v2, PartStatus.pending, 120, "智慧义巡")]
    row = officer.patrols.get(pid)
    assert set(row.volunteer_ids) == {v1, v2} and row.free_volunteers == ("王大妈",)
    assert set(row.volunteers) == {"孙丽", "周强", "王大妈"}
    # saved again (unchanged, then with v2 taken off): no second participation; v2's is voided
    w1.patrols.update(pid, _input(officer, ids, [v1, v2]))
    w1.patrols.update(pid, _input(officer, ids, [v1], end_time=time(20, 30)))
    assert _parts(officer) == [(v1, PartStatus.pending, 90, "智慧义巡"), (v2, PartStatus.voided, 120, "智慧义巡")]
    with officer.ctx.read() as s:
        a = s.query(Activity).one()
        assert (a.organiser_id, a.grid_id, a.title) == (ids["w1"], ids["g1"], "巡防 一网格夜巡")
    # the volunteers module's own queue and confirmation: the organiser (the patrol's leader) confirms
    waiting = [r for r in officer.participation.rows(status=PartStatus.pending)]
    assert [r.volunteer_id for r in waiting] == [v1]
    with pytest.raises(PermissionDenied):
        worker(officer, ids, "w2").participation.confirm(waiting[0].id)
    w1.participation.confirm(waiting[0].id)
    assert officer.points.standing(v1).minutes == 90
    w1.patrols.update(pid, _input(officer, ids, [v1]))  # confirmed stays confirmed, not doubled
    assert [s_ for _v, s_, _m, _k in _parts(officer)] == [PartStatus.confirmed, PartStatus.voided]
    with pytest.raises(DomainError, match="已确认"):
        officer.patrols.delete(pid)


@pytest.mark.today(TODAY)
def test_only_registered_volunteers_of_the_grid(officer) -> None:  # noqa: ANN001
    ids = community(officer)
    other = volunteer(officer, "钱多", ids["g2"])
    with pytest.raises(ValidationError, match="不在本巡防路线的网格"):
        officer.patrols.create(_input(officer, ids, [other]))
    assert _parts(officer) == []
    pid = officer.patrols.create(_input(officer, ids, []))  # none picked: no activity at all
    with officer.ctx.read() as s:
        assert s.query(Activity).count() == 0
    mine = volunteer(officer, "吴芳", ids["g1"])
    officer.patrols.update(pid, replace(_input(officer, ids, [mine])))
    assert _parts(officer) == [(mine, PartStatus.pending, 120, "智慧义巡")]
    assert officer.patrols.delete(pid) == "deleted"  # unconfirmed hours go with it
    assert _parts(officer) == [(mine, PartStatus.voided, 120, "智慧义巡")]


@pytest.mark.today(TODAY)
@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_the_patrol_form_picks_the_grids_volunteers(officer, qtbot) -> None:  # noqa: ANN001
    import os

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QDialogButtonBox

    from policeroom.ui.fieldwork.patrol_dialog import PatrolDialog
    from policeroom.ui.widgets.forms import combo_select
    from tests.fieldwork.test_screens import _fill_points

    ids = community(officer)
    v1 = volunteer(officer, "孙丽", ids["g1"])
    volunteer(officer, "钱多", ids["g2"])
    dlg = PatrolDialog(officer, None)
    qtbot.addWidget(dlg)
    combo_select(dlg.route, ids["r1"])
    labels = [dlg.picked.item(i).text() for i in range(dlg.picked.count())]
    assert len(labels) == 1 and labels[0].endswith("孙丽")  # only the route's grid
    dlg.picked.set_checked([v1])
    dlg.members.set_checked([ids["w1"]])
    dlg.day.setDate(dlg.day.date().addDays(-4))
    _fill_points(dlg, ["19:05", "19:15", "19:30", "19:40"])
    if os.environ.get("POLICEROOM_SHOTS"):
        dlg.resize(1366, 768)
        QApplication.processEvents()
        dlg.grab().save(os.path.join(os.environ["POLICEROOM_SHOTS"], "patrol_dialog_volunteers.png"))
    qtbot.mouseClick(dlg.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert dlg.saved_id is not None, dlg.errors.labels
    assert _parts(officer) == [(v1, PartStatus.pending, 120, "智慧义巡")]
    again = PatrolDialog(officer, dlg.saved_id)  # editing shows the pick, not a typed name
    qtbot.addWidget(again)
    assert again.picked.checked_ids() == [v1] and again.volunteers.text() == ""
    combo_select(again.route, ids["r2"])  # another grid: its volunteers are offered, none ticked
    assert [again.picked.item(i).text()[-2:] for i in range(again.picked.count())] == ["钱多"]
    assert again.data().volunteer_ids == []
    with officer.ctx.write() as s:  # a grid without volunteers says so
        from policeroom.models import Volunteer

        s.query(Volunteer).filter(Volunteer.grid_id == ids["g2"]).update({"grid_id": None})
    combo_select(again.route, ids["r1"])
    combo_select(again.route, ids["r2"])
    assert again.picked.item(0).text() == "（本网格没有在册志愿者）" and again.data().volunteer_ids == []
