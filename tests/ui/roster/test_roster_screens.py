"""pytest-qt flows of the roster tabs: check-in flagged late, a swap approved by the officer changes the
roster, leave entered then generation respects it, the 当前在岗 board, roster settings and holidays."""

from __future__ import annotations

import io
from datetime import date, datetime, time, timedelta

import pytest
from PySide6.QtCore import QDate, Qt

from policeroom.models import AccountRole
from policeroom.services.core.context import Actor
from policeroom.services.registry import Services
from tests.conftest import actor
from tests.ui.roster.test_roster_ui import _team

MON = date(2026, 11, 23)


def _module(officer: Services, bus, qtbot):  # noqa: ANN001, ANN202
    from policeroom.ui.roster.page import RosterPage

    module = RosterPage(officer, bus)
    qtbot.addWidget(module)
    return module


def _members(officer: Services) -> dict[str, int]:
    return {m.name: m.id for m in officer.roster.view(MON, MON).problem.members}


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def test_check_in_late_flagged(officer: Services, bus, qtbot) -> None:  # noqa: ANN001
    _team(officer)
    ids = _members(officer)
    day_shift = officer.roster.config.shifts()[0]
    officer.roster.set_cell(ids["刘晓燕"], MON, [(day_shift.id, None)])
    officer.roster.set_cell(ids["陈磊"], MON, [(day_shift.id, None)])
    module = _module(officer, bus, qtbot)
    panel = module.show_tab("duty")
    panel.clock = lambda: datetime.combine(MON, time(8, 52))
    panel.day.setDate(_qdate(MON))
    assert panel.attendance.rowCount() == 2
    row = next(i for i in range(2) if panel.attendance.row_at(i).member == "刘晓燕")
    panel.table.selectRow(row)
    panel.clock_in_out(True)
    assert "迟到" in panel.message.text() and "刘晓燕" in panel.message.text()
    rows = {panel.attendance.row_at(i).member: panel.attendance.row_at(i) for i in range(2)}
    assert rows["刘晓燕"].status == "迟到" and rows["刘晓燕"].bad
    assert rows["陈磊"].status == "缺勤"
    assert "迟到 1" in panel.tally.text() and "缺勤 1" in panel.tally.text()
    panel.only_bad.setChecked(True)
    assert panel.attendance.rowCount() == 2
    # on time: no flag
    panel.clock = lambda: datetime.combine(MON, time(17, 40))
    panel.only_bad.setChecked(False)
    panel.table.selectRow(next(i for i in range(2) if panel.attendance.row_at(i).member == "刘晓燕"))
    panel.clock_in_out(False)
    assert "早退" not in panel.message.text() and "签退" in panel.message.text()


def test_swap_request_approved_changes_roster(officer: Services, bus, qtbot, monkeypatch) -> None:  # noqa: ANN001
    from policeroom.ui.roster.swaps import SwapDialog
    from policeroom.ui.widgets.forms import combo_select

    _team(officer)
    ids = _members(officer)
    day_shift, night = officer.roster.config.shifts()[:2]
    a, b = ids["张秀兰"], ids["李海涛"]
    officer.roster.set_cell(a, MON, [(night.id, None)])
    officer.roster.set_cell(b, MON + timedelta(days=2), [(day_shift.id, None)])
    module = _module(officer, bus, qtbot)
    panel = module.show_tab("swaps")
    officer.sign_in(Actor(account_id=None, name="张秀兰", role=AccountRole.grid_worker, member_id=a))
    dlg = SwapDialog(officer, panel)
    qtbot.addWidget(dlg)
    assert dlg.member_a.count() == 1 and dlg.member_a.currentData() == a  # only themselves
    dlg.day_a.setDate(_qdate(MON))
    combo_select(dlg.member_b, b)
    dlg.day_b.setDate(_qdate(MON + timedelta(days=2)))
    assert "夜间值班" in dlg.has_a.text() and "白班" in dlg.has_b.text()
    dlg.save()
    assert dlg.errors.text("reason") == "请填写调班事由"
    dlg.reason.setText("孩子家长会")
    dlg.save()
    assert dlg.saved_id is not None
    officer.sign_in(actor(AccountRole.officer, name="王建军"))
    panel.refresh()
    assert panel.model.rowCount() == 1 and panel.model.row_at(0).status == "pending"
    panel.table.selectRow(0)
    monkeypatch.setattr("policeroom.ui.roster.swaps.ask_text", lambda *a, **k: ("同意，注意交接", True))
    panel.decide(True)
    view = officer.roster.view(MON, MON + timedelta(days=6))
    assert [c.shift_id for c in view.cells_of(a, MON)] == [day_shift.id]
    assert [c.shift_id for c in view.cells_of(b, MON + timedelta(days=2))] == [night.id]
    panel.status.setCurrentIndex(0)
    row = panel.model.row_at(0)
    assert row.status_label == "已批准" and row.decided_by == "王建军" and row.decision_note == "同意，注意交接"


@pytest.mark.today(datetime(2026, 11, 20, 9, 0))
def test_leave_entered_then_generate_respects_it(officer: Services, bus, qtbot) -> None:  # noqa: ANN001
    from policeroom.ui.roster.availability import AbsenceDialog, PreferenceDialog
    from policeroom.ui.widgets.forms import combo_select

    _team(officer)
    ids = _members(officer)
    module = _module(officer, bus, qtbot)
    panel = module.show_tab("availability")
    dlg = AbsenceDialog(officer, None, panel)
    qtbot.addWidget(dlg)
    combo_select(dlg.member, ids["赵丽娟"])
    combo_select(dlg.kind, "training")
    dlg.start.setDate(_qdate(MON + timedelta(days=1)))
    dlg.end.setDate(_qdate(MON))
    dlg.save()
    assert dlg.errors.text("end") == "结束日期早于开始日期"
    dlg.end.setDate(_qdate(MON + timedelta(days=3)))
    dlg.note.setText("区里培训")
    dlg.save()
    assert dlg.saved_id
    panel.current_only.setChecked(False)
    assert panel.absences.rowCount() == 1 and panel.absences.row_at(0).kind_label == "培训"
    officer.roster.config.add_absence(ids["孙志刚"], "leave", MON, MON + timedelta(days=9), "")
    panel.refresh()
    panel.absence_table.sortByColumn(4, Qt.SortOrder.DescendingOrder)  # 天数
    assert [panel.absences.row_at(i).days for i in range(2)] == [10, 3]
    panel.absence_table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert panel.absences.rowCount() == 2
    officer.roster.config.delete_absence(panel.absences.row_at(0).id if panel.absences.row_at(0).days == 10
                                         else panel.absences.row_at(1).id)
    pref = PreferenceDialog(officer, None, panel)
    qtbot.addWidget(pref)
    combo_select(pref.member, ids["孙志刚"])
    pref.save()
    assert "至少选择" in pref.errors.text("shift")
    combo_select(pref.weekday, 5)
    pref.save()
    panel.refresh()
    assert panel.prefs.rowCount() == 1 and panel.prefs.row_at(0).when == "每周六"
    grid = module.grid
    grid.anchor = MON
    grid.refresh()
    grid.generate()
    view = grid.model.view
    assert view.cells
    assert not [c for c in view.cells if c.member_id == ids["赵丽娟"] and MON + timedelta(days=1) <= c.day
                <= MON + timedelta(days=3)]
    assert not [v for v in view.violations if v.code == "absence"]
    row = [m.id for m in view.problem.members].index(ids["赵丽娟"])
    assert grid.model.data(grid.model.index(row, 2)) == "（培训）"


def test_on_post_board_and_click_opens_roster(officer: Services, tmp_path, qtbot) -> None:  # noqa: ANN001
    from PySide6.QtCore import QSettings, Qt

    from policeroom.ui.main_window import MainWindow
    from policeroom.ui.prefs import Preferences
    from policeroom.ui.roster.board import OnPostBoard
    from policeroom.ui.roster.page import RosterPage

    _team(officer)
    ids = _members(officer)
    grid_id = officer.grids.list()[0].id
    day_shift, night, patrol = officer.roster.config.shifts()[:3]
    officer.roster.set_cell(ids["刘晓燕"], MON, [(day_shift.id, None)])
    officer.roster.set_cell(ids["张秀兰"], MON, [(night.id, None)])
    officer.roster.set_cell(ids["李海涛"], MON, [(patrol.id, grid_id)])
    officer.duty.check_in(ids["刘晓燕"], datetime.combine(MON, time(8, 25)))
    win = MainWindow(Preferences(QSettings(str(tmp_path / "p.ini"), QSettings.Format.IniFormat)))
    qtbot.addWidget(win)
    win.attach(officer, None)
    board = win.pages["dashboard"].findChild(OnPostBoard)
    assert board is not None
    board.clock = lambda: datetime.combine(MON, time(10, 0))
    board.refresh()
    assert "刘晓燕" in board.people.text() and "驻守接待" in board.people.text() and "已签到" in board.people.text()
    assert "张秀兰" not in board.people.text()
    warnings = board.warnings.text()
    assert "今天17:30起夜间值班只排了1人，要求2人" in warnings and "互相照应" in warnings
    board.clock = lambda: datetime.combine(MON, time(19, 30))
    board.refresh()
    grid_name = officer.grids.list()[0].name
    assert f"巡防（{grid_name}）" in board.people.text() and "李海涛" in board.people.text()
    assert "次日08:30" in board.people.text()
    qtbot.mouseClick(board, Qt.MouseButton.LeftButton)
    assert isinstance(win.stack.currentWidget(), RosterPage)


def test_settings_template_shift_rules_and_holidays(officer: Services, bus, qtbot, monkeypatch) -> None:  # noqa: ANN001
    from policeroom.ui.roster.setup import NeedDialog, ShiftDialog
    from policeroom.ui.roster.setup_calendar import HolidayDialog
    from policeroom.ui.widgets.forms import combo_select

    module = _module(officer, bus, qtbot)
    setup = module.show_tab("setup")
    shifts = setup.shifts
    assert shifts.shifts.rowCount() == 4 and shifts.needs.rowCount() == 5
    dlg = ShiftDialog(officer, officer.roster.setup.shifts()[0], shifts)
    qtbot.addWidget(dlg)
    dlg.code.setText("夜")
    dlg.start.setTime(dlg.end.time())
    dlg.save()
    assert "已被" in dlg.errors.text("code") and "只用于备勤" in dlg.errors.text("end")
    dlg.code.setText("白")
    dlg.start.setTime(dlg.start.time().fromString("09:00", "HH:mm"))
    dlg.save()
    shifts.refresh()
    assert dlg.result() and officer.roster.config.shifts()[0].times == "09:00-17:30"
    need = NeedDialog(officer, None, shifts)
    qtbot.addWidget(need)
    combo_select(need.kind, "grid_patrol")
    need.shifts.set_checked([officer.roster.config.shifts()[0].id])
    need.save()
    assert "巡防" in need.errors.text("shift_ids")
    # rules: beyond the service's bound, the message is beside the field
    setup.rules.spins["max_consecutive_days"].setValue(20)
    assert not setup.rules.save()
    assert "连续工作天数" in setup.rules.errors.text("max_consecutive_days")
    setup.rules.spins["max_consecutive_days"].setValue(5)
    assert setup.rules.save() and officer.roster.config.rules().max_consecutive_days == 5
    # the 三班倒 template
    monkeypatch.setattr("policeroom.ui.roster.setup.confirm", lambda *a: True)
    combo_select(shifts.template, "three")
    shifts.apply_template()
    assert [s.name for s in officer.roster.config.shifts()] == ["早班", "中班", "夜班", "巡防", "民警备勤"]
    assert shifts.shifts.rowCount() == 5 and shifts.needs.rowCount() == 6
    # holidays by hand for a year chinese-calendar does not know
    hol = setup.holidays
    hol.year.setValue(2099)
    assert not hol.warning.isHidden() and "2099年" in hol.warning.text()
    hd = HolidayDialog(officer, 2099, hol)
    qtbot.addWidget(hd)
    hd.day.setDate(QDate(2099, 10, 1))
    hd.name.setText("国庆节")
    hd.save()
    hol.refresh()
    assert hol.model.rowCount() == 1 and hol.warning.isHidden()
    assert officer.roster.view(date(2099, 10, 1), date(2099, 10, 1)).days[date(2099, 10, 1)].name == "国庆节"


def test_duty_sheet_printed_with_handover(officer: Services, bus, qtbot) -> None:  # noqa: ANN001
    from pypdf import PdfReader

    from policeroom.ui.roster.duty import HandoverDialog
    from policeroom.ui.widgets.forms import combo_select

    _team(officer)
    ids = _members(officer)
    night = officer.roster.config.shifts()[1]
    officer.roster.set_cell(ids["陈磊"], MON, [(night.id, None)])
    module = _module(officer, bus, qtbot)
    panel = module.show_tab("duty")
    panel.day.setDate(_qdate(MON))
    dlg = HandoverDialog(officer, MON, panel)
    qtbot.addWidget(dlg)
    dlg.save()
    assert dlg.errors.text("matters") == "请填写交接事项" or dlg.errors.text("from_member")
    dlg.matters.setPlainText("对讲机两部交接完好")
    combo_select(dlg.from_member, ids["陈磊"])
    combo_select(dlg.to_member, ids["陈磊"])
    dlg.save()
    assert "同一人" in dlg.errors.text("to_member")
    combo_select(dlg.to_member, ids["刘晓燕"])
    dlg.save()
    panel.refresh()
    assert panel.handovers.rowCount() == 1
    text = PdfReader(io.BytesIO(panel.sheet_pdf())).pages[0].extract_text()
    assert "值班日志" in text and "对讲机两部交接完好" in text and "陈磊" in text and "刘晓燕" in text


@pytest.mark.parametrize("role", [AccountRole.grid_worker])
def test_grid_worker_sees_only_self(officer: Services, bus, qtbot, role) -> None:  # noqa: ANN001
    from policeroom.ui.roster.availability import AbsenceDialog

    _team(officer)
    ids = _members(officer)
    officer.sign_in(Actor(account_id=None, name="张秀兰", role=role, member_id=ids["张秀兰"]))
    module = _module(officer, bus, qtbot)
    panel = module.show_tab("availability")
    dlg = AbsenceDialog(officer, None, panel)
    qtbot.addWidget(dlg)
    assert dlg.member.count() == 1 and dlg.member.currentData() == ids["张秀兰"]
    dlg.save()
    assert dlg.saved_id
