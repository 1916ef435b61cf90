"""Screens: a patrol typed from the paper sheet with a missed point (pytest-qt), the finding reported as a
grid event, a refused save shown beside the points, the 工作台's visits due and duties, the work log's week.

``POLICEROOM_SHOTS=dir`` saves the screens at 1920×1080 for a person to look at."""

from __future__ import annotations

import os
from datetime import date, datetime, time

import pytest
from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QDialogButtonBox

from policeroom.services.fieldwork.types import VisitInput
from policeroom.ui.fieldwork.patrol_dialog import COL_PROBLEM, COL_REACHED, COL_TIME, PatrolDialog
from policeroom.ui.widgets.forms import combo_select
from tests.fieldwork.helpers import community, household, worker

NOW = datetime(2026, 11, 25, 21, 30)


def _shot(widget, name: str) -> None:  # noqa: ANN001
    if os.environ.get("POLICEROOM_SHOTS"):
        widget.grab().save(os.path.join(os.environ["POLICEROOM_SHOTS"], f"{name}.png"))


def _fill_points(dlg: PatrolDialog, times: list[str | None], problem: int | None = None) -> None:
    t = dlg.table
    for row, hhmm in enumerate(times):
        t.cellWidget(row, COL_REACHED).setChecked(hhmm is not None)
        if hhmm:
            t.cellWidget(row, COL_TIME).setTime(QTime.fromString(hhmm, "HH:mm"))
    if problem is not None:
        t.cellWidget(problem, COL_PROBLEM).setChecked(True)
        t.cellWidget(problem, 4).setText("消防通道被占用")


@pytest.mark.today(NOW)
def test_patrol_with_a_missed_point_flow(officer, bus, qtbot) -> None:  # noqa: ANN001
    from policeroom.ui.fieldwork.patrols import FindingDialog, PatrolsPage

    ids = community(officer)
    page = PatrolsPage(officer, bus)
    qtbot.addWidget(page)
    page.resize(1920, 1080)
    page.show()
    assert page.model.rowCount() == 0
    dlg = PatrolDialog(officer, None, page)
    qtbot.addWidget(dlg)
    combo_select(dlg.route, ids["r1"])
    assert dlg.table.rowCount() == 4 and dlg.start.time() == QTime(19, 0)
    dlg.members.set_checked([ids["officer"], ids["w1"]])
    dlg.volunteers.setText("王大妈、李叔")
    _fill_points(dlg, ["19:05", None, "19:50", "19:40"], problem=0)
    assert "漏巡：第2点 菜市场" in dlg.reading.text()
    assert "第4点 停车场（19:40到达）应在第3点 幼儿园（19:50）之后" in dlg.reading.text()
    _shot(dlg, "patrol-dialog")
    qtbot.mouseClick(dlg.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert dlg.saved_id is not None
    bus.notify("patrol_record", dlg.saved_id)
    assert page.model.rowCount() == 1
    gaps = page.model.index(0, 6).data()
    assert "漏巡：第2点 菜市场" in gaps and "顺序不符" in gaps
    assert page.model.index(0, 5).data() == "75%"
    assert page.model.index(0, 4).data() == "4"  # two members and two volunteers
    page.table.selectRow(0)
    assert page.event_button.isEnabled()
    _shot(page, "patrols-page")
    finding = FindingDialog(officer, page.selected_row(), page)
    qtbot.addWidget(finding)
    assert finding.description.toPlainText() == "消防通道被占用"
    combo_select(finding.category, next(c for c, n in officer.patrols.event_categories() if n == "消防隐患"))
    finding.report()
    assert finding.number == "SJ2026-000001"
    page.reload(select_id=dlg.saved_id)
    assert not page.event_button.isEnabled()  # nothing left to report


@pytest.mark.today(NOW)
def test_a_time_outside_the_window_is_shown_beside_the_points(officer, bus, qtbot) -> None:  # noqa: ANN001
    ids = community(officer)
    dlg = PatrolDialog(officer, None)
    qtbot.addWidget(dlg)
    combo_select(dlg.route, ids["r1"])
    _fill_points(dlg, ["18:30", "19:10", "19:20", "19:30"])
    dlg.save()
    assert dlg.saved_id is None
    assert "不在本次巡防时段内" in dlg.errors.text("points")
    assert officer.patrols.list() == []


@pytest.mark.today(NOW)
def test_dashboard_shows_visits_due_and_duties(officer, bus, qtbot) -> None:  # noqa: ANN001
    from policeroom.ui.dashboard.page import DashboardPage

    ids = community(officer)
    late = household(officer, ids, "101", "困难家庭")
    officer.households.create_visit(VisitInput(late, date(2026, 10, 20), ids["w1"], purpose="走访"))
    household(officer, ids, "102", "空巢老人", grid="g2")
    page = DashboardPage(officer, bus)
    qtbot.addWidget(page)
    page.resize(1920, 1080)
    page.show()
    assert page.visits_due.cards["overdue"].text().startswith("1\n")
    assert "张秀兰：超期1" in page.visits_due.workers.text()
    assert page.duties.isVisible() and "走访2户居民" in page.duties.labels["households"].text()
    _shot(page, "dashboard")
    mine = DashboardPage(worker(officer, ids, "w2"), bus)
    qtbot.addWidget(mine)
    mine.show()
    assert mine.visits_due.cards["overdue"].text().startswith("0\n")
    assert mine.visits_due.cards["today"].text().startswith("1\n")  # 李建国's household, never visited
    assert not mine.duties.isVisible() and not mine.visits_due.workers.isVisible()


@pytest.mark.today(NOW)
def test_work_log_week_view(officer, bus, qtbot) -> None:  # noqa: ANN001
    from policeroom.ui.fieldwork.worklog import WorkLogPage

    ids = community(officer)
    hid = household(officer, ids, "101", "困难家庭")
    officer.households.create_visit(VisitInput(hid, date(2026, 11, 24), ids["officer"], time(9, 0), time(10, 0),
                                               purpose="走访困难户"))  # fmt: skip
    page = WorkLogPage(officer, bus)
    qtbot.addWidget(page)
    page.resize(1920, 1080)
    page.show()
    assert page.table.rowCount() == 1 and "走访困难户" in page.table.item(0, 4).text()
    page.table.selectRow(0)
    assert not page.edit_btn.isEnabled() and "入户走访" in page.edit_btn.toolTip()
    assert page.duties.isVisible()
    _shot(page, "work-log")
    page.move(-7)
    assert page.table.rowCount() == 0 and page.empty.isVisible()
    assert len(page.week_pdf()) > 1000


@pytest.mark.today(NOW)
def test_a_dashboard_card_opens_the_due_households(officer, bus, qtbot) -> None:  # noqa: ANN001
    from policeroom.ui.gridwork import tabs  # noqa: F401 - registers the tabs (as the main window does)
    from policeroom.ui.gridwork.page import GridWorkPage

    ids = community(officer)
    late = household(officer, ids, "101", "困难家庭")
    officer.households.create_visit(VisitInput(late, date(2026, 10, 20), ids["w1"], purpose="走访"))
    household(officer, ids, "102")  # registered today: due today
    page = GridWorkPage(officer, bus)
    qtbot.addWidget(page)
    field_tabs = ["巡防", "入户走访", "防范宣传", "工作日志"]  # in this order among the module's tabs (考核 sorts last)
    assert [t for t in (page.tabs.tabText(i) for i in range(page.tabs.count())) if t in field_tabs] == field_tabs
    page.apply_preset("visits:overdue")
    visits = page.by_key["visits"]
    assert page.tabs.currentWidget() is visits and visits.tabs.currentWidget() is visits.households
    assert [visits.households.model.row_at(i).id for i in range(visits.households.model.rowCount())] == [late]


@pytest.mark.today(NOW)
def test_a_grid_worker_sees_their_own_grid(officer, bus, qtbot) -> None:  # noqa: ANN001
    from policeroom.ui.gridwork.page import GridWorkPage

    ids = community(officer)
    household(officer, ids, "101", "困难家庭")
    household(officer, ids, "201", "困难家庭", grid="g2")
    w1 = worker(officer, ids, "w1")
    page = GridWorkPage(w1, bus)
    qtbot.addWidget(page)
    page.resize(1920, 1080)
    page.show()
    visits = page.by_key["visits"]
    rows = [visits.households.model.row_at(i) for i in range(visits.households.model.rowCount())]
    assert [r.grid for r in rows] == ["WG01 一网格"]
    assert [visits.households.grid.itemText(i) for i in range(visits.households.grid.count())] == ["全部网格", "WG01 一网格"]
    log = page.by_key["work_log"]
    assert [log.member.itemData(i) for i in range(log.member.count())] == [ids["w1"]] and not log.duties.isVisible()
    patrols = page.by_key["patrols"]
    assert not patrols.routes_button.isHidden()
    page.show_tab("visits")
    _shot(page, "gridwork-grid-worker")
