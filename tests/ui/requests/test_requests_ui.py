"""群众求助 screens: the windowed list, registration, the loop through the detail view, 考核."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from policeroom.models import MemberRole, Satisfaction, Status, Urgency
from policeroom.services.core import clock
from policeroom.services.people.grids import GridInput
from policeroom.services.people.residents import ResidentInput
from policeroom.services.people.team import MemberInput
from policeroom.services.registry import Services
from policeroom.services.requests.service import RequestFilter, RequestInput
from policeroom.ui.bus import ChangeBus
from policeroom.ui.requests.assessment import AssessmentPanel
from policeroom.ui.requests.detail import RequestDetailDialog
from policeroom.ui.requests.module import RequestsModule
from policeroom.ui.requests.page import RequestsPage
from policeroom.ui.requests.register import RequestDialog
from policeroom.ui.requests.steps import ActionDialog, VoidDialog
from policeroom.ui.widgets.table import IdRole, RowRole

#: The offscreen platform says this whenever a top-level window (a modal dialog) is shown.
pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

COLUMN = {"number": 0, "received": 1, "requester": 2, "urgency": 4, "status": 5, "assignee": 6, "due": 8}


@dataclass
class Team:
    officer_id: int
    worker_id: int  # 李明, grid worker of WG01
    staff_id: int  # 刘晓燕
    grid_id: int
    resident_id: int  # 张三丰, lives in WG01


@pytest.fixture
def team(officer: Services) -> Team:
    worker = officer.team.create(MemberInput(name="李明", role=MemberRole.grid_worker))
    staff = officer.team.create(MemberInput(name="刘晓燕", role=MemberRole.staff))
    grid = officer.grids.create(
        GridInput(code="WG01", name="安华里一网格", households=120, worker_ids=[worker])
    )
    resident = officer.residents.create(
        ResidentInput(name="张三丰", phone="13800001111", address="安华里小区3号楼2单元101", grid_id=grid)
    )
    assert officer.actor.member_id is not None
    return Team(officer.actor.member_id, worker, staff, grid, resident)


def minute(delta: timedelta = timedelta()) -> datetime:
    return (datetime.now() - delta).replace(second=0, microsecond=0)


def register(
    services: Services, *, ago: timedelta = timedelta(hours=1), name: str = "王五", **kw: object
) -> int:
    data = dict(
        received_at=minute(ago),
        channel="visit",
        category="邻里求助",
        urgency=Urgency.normal,
        description="楼上漏水，请帮忙联系物业",
        receiver_id=services.actor.member_id,
        requester_name=name,
    )
    data.update(kw)
    return services.requests.create(RequestInput(**data))  # type: ignore[arg-type]


def run_modal(action: Callable[[], object], *handlers: Callable[[QWidget], None]) -> None:
    """Run ``action`` (which opens modal dialogs one after another); each handler drives the next one.

    A failure inside a handler closes its dialog (so the test does not hang) and is raised after.
    """
    failures: list[BaseException] = []
    queue = list(handlers)

    def fire() -> None:
        dlg = QApplication.activeModalWidget()
        if dlg is None:
            QTimer.singleShot(10, fire)
            return
        handler = queue.pop(0)
        if queue:
            QTimer.singleShot(0, fire)
        try:
            handler(dlg)
        except BaseException as e:  # noqa: BLE001 - re-raised below
            failures.append(e)
            dlg.close()

    QTimer.singleShot(0, fire)
    action()
    if failures:
        raise failures[0]


@pytest.fixture
def page(officer: Services, bus: ChangeBus, qtbot) -> RequestsPage:  # noqa: ANN001
    p = RequestsPage(officer, bus)
    qtbot.addWidget(p)
    return p


def texts(page: RequestsPage, column: int) -> list[str]:
    m = page.model
    return [m.data(m.index(r, column)) for r in range(m.rowCount())]


# -- the model -------------------------------------------------------------------------------
def test_model_passes_qmodeltester_and_windows_the_ids(
    officer: Services, bus: ChangeBus, qtbot, qtmodeltester
) -> None:  # noqa: ANN001
    for i in range(30):
        register(officer, ago=timedelta(hours=30 - i), name=f"居民{i:02d}")
    page = RequestsPage(officer, bus)
    qtbot.addWidget(page)
    page.model.CHUNK, page.model.PAGE = 7, 5  # several chunks and pages, boundaries not aligned
    page.reload()
    qtmodeltester.check(page.model)
    assert page.model.rowCount() == 30
    expected = [r.number for r in officer.requests.rows(officer.requests.ids(RequestFilter()))]
    assert texts(page, COLUMN["number"]) == expected  # newest first
    assert texts(page, COLUMN["requester"])[0] == "居民29"
    assert len(page.model._chunks) == 5 and all(len(c) <= 7 for c in page.model._chunks.values())
    page.table.sortByColumn(COLUMN["requester"], Qt.SortOrder.AscendingOrder)
    assert texts(page, COLUMN["requester"])[:3] == ["居民00", "居民01", "居民02"]
    # chunks past the middle are read backwards: the order must be exactly the service's, ties and
    # empty deadlines (NULL) included
    for i in range(0, 30, 3):
        officer.requests.refer(page.model.id_at(i), "物业")  # no deadline any more
    for column, sort, order in (
        (COLUMN["due"], "due", Qt.SortOrder.AscendingOrder),
        (COLUMN["status"], "status", Qt.SortOrder.DescendingOrder),
        (3, "category", Qt.SortOrder.AscendingOrder),
    ):
        page.table.sortByColumn(column, order)
        expected = officer.requests.ids(
            RequestFilter(), sort=sort, descending=order == Qt.SortOrder.DescendingOrder
        )
        assert [page.model.id_at(i) for i in range(30)] == expected, sort
    assert page.count_label.text() == "共 30 条"


def test_empty_list_says_how_to_start(page: RequestsPage) -> None:
    assert page.model.rowCount() == 0
    assert not page.empty_label.isHidden()
    assert "还没有群众求助记录" in page.empty_label.text()
    assert page.delete_button.isHidden()  # requests are voided, never deleted


# -- registration through closing -------------------------------------------------------------
def test_flow_from_registration_to_closing(
    officer: Services, team: Team, page: RequestsPage, monkeypatch
) -> None:  # noqa: ANN001
    seen: dict[str, object] = {}

    def fill_registration(dlg: QWidget) -> None:
        assert isinstance(dlg, RequestDialog)
        assert dlg.receiver.currentData() == team.officer_id  # the signed-in person received it
        dlg.received_at.set_value(minute(timedelta(hours=3)))
        dlg.picker.name.setText("zsf")
        matches = dlg.picker.run_search()
        assert [m.name for m in matches] == ["张三丰"]
        dlg.picker.pick(matches[0].id)
        assert dlg.picker.resident_id == team.resident_id
        assert dlg.phone.text() == "13800001111" and dlg.address.text().startswith("安华里小区3号楼")
        assert dlg.grid.currentData() == team.grid_id  # from the resident's record
        dlg.category.setCurrentIndex(dlg.category.findData("邻里求助"))
        dlg.description.setPlainText("楼上漏水已两天，联系不上房主")
        dlg.save()
        assert dlg.saved_id is not None, dlg.errors.labels
        seen["id"] = dlg.saved_id

    def run_loop(dlg: QWidget) -> None:
        assert isinstance(dlg, RequestDetailDialog)
        assert dlg.next_button.text() == "派遣…" and dlg.next_button.isDefault()
        steps: list[tuple[str, Callable]] = []

        def dispatch(s) -> None:  # noqa: ANN001
            assert s.assignee.currentData() == team.worker_id  # the grid's worker is suggested
            s.at.set_value(minute(timedelta(hours=2, minutes=30)))
            s.note.setText("请当天上门")

        def handle(s) -> None:  # noqa: ANN001
            s.at.set_value(minute(timedelta(hours=2)))
            s.content.setPlainText("上门查看，联系物业关阀")
            s.save_and_continue()
            assert s.content.toPlainText() == "" and s.saved_count == 1
            s.at.set_value(minute(timedelta(hours=1, minutes=30)))
            s.content.setPlainText("物业维修完毕")

        def feedback(s) -> None:  # noqa: ANN001
            s.at.set_value(minute(timedelta(hours=1)))
            s.content.setPlainText("已告知求助人维修完毕")

        def visit(s) -> None:  # noqa: ANN001
            s.at.set_value(minute(timedelta(minutes=30)))
            s.radios[Satisfaction.satisfied].setChecked(True)
            s.remarks.setPlainText("很满意")

        steps = [
            ("派遣…", dispatch),
            ("登记处置…", handle),
            ("反馈…", feedback),
            ("回访…", visit),
            ("办结…", None),
        ]
        for label, fill in steps:
            assert dlg.next_button.text() == label
            step = dlg.step_dialog(dlg.detail.next_action)
            if fill is not None:
                fill(step)
            step.save()
            assert step.saved_id is not None, {k: v.text() for k, v in step.errors.labels.items()}
            assert dlg.step_done(step)
        seen["status"] = dlg.detail.status
        seen["timeline"] = [
            dlg.timeline.topLevelItem(i).text(1) for i in range(dlg.timeline.topLevelItemCount())
        ]
        seen["actions"] = dlg.actions.topLevelItemCount()
        seen["next_visible"] = dlg.next_button.isVisible()
        seen["step_text"] = dlg.step_label.text()
        dlg.accept()

    run_modal(page.create, fill_registration, run_loop)
    assert seen["status"] == Status.closed
    assert seen["timeline"] == ["登记", "派遣", "登记处置", "登记处置", "反馈", "回访", "办结"]
    assert seen["actions"] == 2 and seen["next_visible"] is False
    assert "已办结" in str(seen["step_text"])
    # the list followed every step through the change bus
    assert page.model.rowCount() == 1
    assert texts(page, COLUMN["status"]) == ["已办结"]
    assert texts(page, COLUMN["requester"]) == ["张三丰"]
    assert texts(page, COLUMN["assignee"]) == ["李明"]
    assert page.selected_id() == seen["id"]


def test_registration_errors_appear_beside_fields(officer: Services, team: Team, qtbot) -> None:  # noqa: ANN001
    dlg = RequestDialog(officer)
    qtbot.addWidget(dlg)
    dlg.anonymous.setChecked(True)
    dlg.phone.setText("1380000")
    dlg.save()
    assert dlg.saved_id is None
    assert dlg.errors.text("description") == "请填写求助事项"
    assert dlg.errors.text("anonymous_reason") == "匿名求助请注明原因"
    assert dlg.errors.text("requester_phone") == "座机号码请加区号，如 010-12345678"
    assert dlg.phone.text() == "1380000"  # nothing typed is lost
    dlg.anonymous_reason.setText("担心邻里关系")
    dlg.phone.clear()
    dlg.description.setPlainText("小区路灯坏了")
    dlg.location.setText("安华里小区3号楼2单元门口")
    dlg.suggest_grid(dlg.location.text())  # the address's grid, as when the field loses focus
    assert dlg.grid.currentData() == team.grid_id
    dlg.save()
    assert dlg.saved_id is not None
    d = officer.requests.get(dlg.saved_id)
    assert d.anonymous and d.grid_id == team.grid_id and d.location.startswith("安华里")


def test_closing_before_feedback_is_refused_with_the_message_visible(
    officer: Services, team: Team, bus: ChangeBus, qtbot
) -> None:  # noqa: ANN001
    rid = register(officer, ago=timedelta(hours=2))
    officer.requests.dispatch(rid, team.worker_id, at=minute(timedelta(hours=1)))
    officer.requests.add_action(rid, minute(timedelta(minutes=30)), None, "已上门")
    detail = RequestDetailDialog(officer, bus, rid)
    qtbot.addWidget(detail)
    assert detail.next_button.text() == "反馈…"
    assert detail.action_button.isVisibleTo(detail)  # more handling entries may follow
    close = detail.step_dialog("close")
    close.save()
    assert close.saved_id is None and not detail.step_done(close)
    assert close.errors.text("at") == "尚未向求助人反馈结果，不能办结。请先反馈，再回访。"
    assert officer.requests.get(rid).status == Status.handling

    action = detail.step_dialog("handle")
    assert isinstance(action, ActionDialog)
    action.at.set_value(minute(timedelta(hours=3)))  # before the registration
    action.content.setPlainText("补充处置")
    action.save()
    assert action.saved_id is None
    assert action.errors.text("at").startswith("处置时间不能早于登记的求助时间")
    assert action.content.toPlainText() == "补充处置"


def test_refer_and_void(officer: Services, team: Team, bus: ChangeBus, qtbot, monkeypatch) -> None:  # noqa: ANN001
    seen: list[str] = []
    refer_id = register(officer)
    detail = RequestDetailDialog(officer, bus, refer_id)
    qtbot.addWidget(detail)
    bus.changed.connect(lambda kind, ids: seen.append(f"{kind}:{ids}"))
    refer = detail.step_dialog("refer")
    refer.save()
    assert refer.errors.text("referred_to").startswith("请填写转办的部门")
    refer.department.setEditText("物业")
    refer.note.setText("物业电话 64001234")
    refer.save()
    assert detail.step_done(refer)
    assert detail.detail.status == Status.referred and "已转办至物业" in detail.step_label.text()
    assert not detail.void_button.isEnabled() and not detail.edit_button.isEnabled()
    assert seen == [f"assistance_request:[{refer_id}]"]

    void_id = register(officer)
    detail = RequestDetailDialog(officer, bus, void_id)
    qtbot.addWidget(detail)
    void = detail.step_dialog("void")
    assert isinstance(void, VoidDialog)
    void.reason.setPlainText("重复登记")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    void.save()
    assert void.saved_id is None and officer.requests.get(void_id).status == Status.registered
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    void.save()
    assert detail.step_done(void)
    assert detail.detail.status == Status.voided and "重复登记" in detail.step_label.text()


# -- filters, search, colours -----------------------------------------------------------------
def test_filters_and_search(officer: Services, team: Team, page: RequestsPage) -> None:
    late = register(officer, ago=timedelta(days=3), name="张三")  # never dispatched: far past its limit
    fresh = register(officer, ago=timedelta(minutes=10), name="李四丰")
    done = register(officer, ago=timedelta(hours=2), name="王五")
    officer.requests.refer(done, "城管")
    page.reload()
    assert page.model.rowCount() == 3

    page.overdue_only.setChecked(True)
    assert [page.model.data(page.model.index(r, 0), IdRole) for r in range(page.model.rowCount())] == [late]
    page.clear_filters()
    page.status_filter.setCurrentIndex(page.status_filter.findData("open"))
    assert sorted(
        page.model.data(page.model.index(r, 0), IdRole) for r in range(page.model.rowCount())
    ) == sorted([late, fresh])
    page.status_filter.setCurrentIndex(page.status_filter.findData(Status.referred.value))
    assert texts(page, COLUMN["requester"]) == ["王五"]
    page.date_from.set_value(clock.today() + timedelta(days=1))
    page.apply_filters()
    assert page.model.rowCount() == 0 and "没有符合筛选条件" in page.empty_label.text()
    page.clear_filters()

    page.search_box.setText("张三")  # two characters
    page.search_box.flush()
    assert texts(page, COLUMN["requester"]) == ["张三"]
    page.search_box.setText("lsf")  # pinyin initials of 李四丰
    page.search_box.flush()
    assert texts(page, COLUMN["requester"]) == ["李四丰"]
    page.search_box.setText("没有这个人")
    page.search_box.flush()
    assert page.model.rowCount() == 0 and "没有找到与“没有这个人”相符的求助" in page.empty_label.text()


def test_overdue_rows_are_coloured_and_critical_is_bold_red(
    officer: Services, team: Team, page: RequestsPage
) -> None:
    yellow = register(officer, ago=timedelta(hours=3, minutes=30), name="甲")  # dispatch limit 4 h: 87 % used
    red = register(officer, ago=timedelta(hours=10), name="乙")  # past the limit
    ok = register(officer, ago=timedelta(minutes=5), name="丙", urgency=Urgency.critical)
    page.reload()
    m = page.model
    by_id = {m.data(m.index(r, 0), IdRole): r for r in range(m.rowCount())}

    def background(rid: int, col: int = 0) -> str | None:
        brush = m.data(m.index(by_id[rid], col), Qt.ItemDataRole.BackgroundRole)
        return brush.color().name() if brush is not None else None

    assert background(yellow) == "#fff3cd" and background(yellow, 9) == "#fff3cd"
    assert background(red) == "#f8d7da"
    assert background(ok) is None and background(ok, COLUMN["due"]) == "#d4edda"  # green light
    assert m.data(m.index(by_id[yellow], COLUMN["due"])).endswith(" 临期")
    assert m.data(m.index(by_id[red], COLUMN["due"])).endswith(" 超期")
    urgency = m.index(by_id[ok], COLUMN["urgency"])
    assert m.data(urgency) == "特急"
    assert m.data(urgency, Qt.ItemDataRole.ForegroundRole).color().name() == "#c62828"
    assert m.data(urgency, Qt.ItemDataRole.FontRole).bold()
    assert m.data(m.index(by_id[yellow], COLUMN["urgency"]), Qt.ItemDataRole.FontRole) is None
    assert m.data(m.index(by_id[red], 0), RowRole).overdue


# -- 考核 ------------------------------------------------------------------------------------
def test_assessment_panel_figures(officer: Services, team: Team, bus: ChangeBus, qtbot) -> None:  # noqa: ANN001
    s = officer.requests
    # 李明: one closed on time (satisfied), one visited (unsatisfied) and not closed
    a = register(officer, ago=timedelta(hours=10))
    s.dispatch(a, team.worker_id, at=minute(timedelta(hours=9)))
    s.add_action(a, minute(timedelta(hours=8)), None, "处置")
    s.feedback(a, minute(timedelta(hours=7)), "已反馈")
    s.visit(a, minute(timedelta(hours=6)), "电话回访", Satisfaction.satisfied)
    s.close(a, at=minute(timedelta(hours=5)))
    b = register(officer, ago=timedelta(hours=10))
    s.dispatch(b, team.worker_id, at=minute(timedelta(hours=7)))
    s.add_action(b, minute(timedelta(hours=6)), None, "处置")
    s.feedback(b, minute(timedelta(hours=5)), "已反馈")
    s.visit(b, minute(timedelta(hours=4)), "上门回访", Satisfaction.unsatisfied)
    # 刘晓燕: dispatched only
    c = register(officer, ago=timedelta(hours=3))
    s.dispatch(c, team.staff_id, at=minute(timedelta(hours=2)))
    s.supervise(c, "请尽快处置")

    panel = AssessmentPanel(officer, bus)
    qtbot.addWidget(panel)
    panel.set_range(clock.today() - timedelta(days=3), clock.today())
    m = panel.model
    header = [m.headerData(i, Qt.Orientation.Horizontal) for i in range(m.columnCount())]
    rows = {
        m.data(m.index(r, 0)): [m.data(m.index(r, c)) for c in range(m.columnCount())]
        for r in range(m.rowCount())
    }
    li = dict(zip(header, rows["李明"], strict=True))
    assert li["受理数"] == "2" and li["办结数"] == "1" and li["按时\n办结率"] == "100.0%"
    assert li["派遣\n用时"] == "2.0"  # (1 h + 3 h) / 2
    assert li["处置\n用时"] == "1.0"
    assert li["回访数"] == "2" and li["满意率"] == "50.0%" and li["不满意"] == "1"
    liu = dict(zip(header, rows["刘晓燕"], strict=True))
    assert (
        liu["受理数"] == "1" and liu["办结数"] == "0" and liu["按时\n办结率"] == "—" and liu["满意率"] == "—"
    )
    assert (liu["督办"], liu["返工"], liu["延期"], li["督办"]) == ("1", "0", "0", "0")
    assert m.data(m.index(0, 0)) == "李明"  # most handled first
    assert (
        panel.total.text()
        == "合计：受理 3 件，办结 1 件，按时办结率 100.0%，回访 2 件，满意率 50.0%，不满意 1 件"
    )

    panel.set_range(clock.today() + timedelta(days=1), clock.today() + timedelta(days=2))
    assert m.rowCount() == 0 and not panel.empty_label.isHidden()


# -- the module ------------------------------------------------------------------------------
def test_module_tabs_route_the_list_and_forward_printing(
    officer: Services, team: Team, bus: ChangeBus, qtbot
) -> None:  # noqa: ANN001
    rid = register(officer)
    module = RequestsModule(officer, bus)
    qtbot.addWidget(module)
    assert module.current_list() is module.requests
    module.requests.table.selectRow(0)
    with qtbot.waitSignal(module.print_requested) as blocker:
        module.requests.print_button.click()
    assert blocker.args == [rid]
    module.tabs.setCurrentWidget(module.assessment)
    assert module.current_list() is None
    module.apply_preset("overdue")
    assert module.current_list() is module.requests and module.requests.overdue_only.isChecked()
    assert module.requests.model.rowCount() == 0
    module.apply_preset("mine")
    assert module.requests.assignee_filter.currentData() == team.officer_id


#: the offscreen platform cannot raise a popup or grab the keyboard for it; not our warning
@pytest.mark.qt_log_ignore(
    "does not support propagateSizeHints", "does not support raise", "does not support grabbing"
)
def test_resident_popup_while_typing(officer: Services, team: Team, qtbot) -> None:  # noqa: ANN001
    dlg = RequestDialog(officer)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    dlg.activateWindow()
    dlg.picker.name.setFocus()
    qtbot.keyClicks(dlg.picker.name, "zsf")  # pinyin initials; the search waits until typing stops
    popup = dlg.picker.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    assert dlg.picker.matches.rowCount() == 1
    assert dlg.picker.matches.item(0).text().startswith("张三丰")
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert dlg.picker.resident_id == team.resident_id and dlg.picker.name.text() == "张三丰"
    assert not dlg.picker.link_row.isHidden() and "已关联居民档案" in dlg.picker.link_label.text()
    qtbot.keyClicks(dlg.picker.name, "x")  # a different name is a different person
    assert dlg.picker.resident_id is None and dlg.picker.link_row.isHidden()
    dlg.picker.unlink()
    dlg.close()


def test_opening_a_row_shows_its_detail_and_edits_registration(
    officer: Services, team: Team, page: RequestsPage
) -> None:
    rid = register(officer, description="原来的求助事项")
    page.reload()
    page.table.selectRow(0)
    seen: dict[str, object] = {}

    def in_detail(dlg: QWidget) -> None:
        assert isinstance(dlg, RequestDetailDialog) and dlg.request_id == rid
        QTimer.singleShot(0, lambda: edit(QApplication.activeModalWidget()))
        dlg.edit_registration()
        seen["description"] = [dlg.info_form.itemAt(i).widget().text() for i in range(dlg.info_form.count())]
        seen["timeline"] = dlg.timeline.topLevelItem(dlg.timeline.topLevelItemCount() - 1).text(1)
        QTimer.singleShot(0, lambda: QApplication.activeModalWidget().close())
        dlg.show_history()
        dlg.reject()

    def edit(dlg: QWidget) -> None:
        assert isinstance(dlg, RequestDialog) and dlg.description.toPlainText() == "原来的求助事项"
        dlg.description.setPlainText("改过的求助事项")
        dlg.save()

    run_modal(page.edit_button.click, in_detail)
    assert "改过的求助事项" in seen["description"]
    assert seen["timeline"] == "修改登记"
    assert officer.requests.get(rid).description == "改过的求助事项"
    assert page.selected_id() == rid
