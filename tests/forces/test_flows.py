"""pytest-qt flows: register a volunteer from the resident index, record a drill and see the rings, the panel."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from policeroom.services.forces.types import MemberInput, UnitInput
from policeroom.ui.forces.page import ForcesPage
from tests.forces.helpers import grid, resident
from tests.ui.people.test_people_pages import offscreen_dialog, run_modal, type_text

pytestmark = [pytest.mark.today(datetime(2026, 11, 20, 10, 0)), offscreen_dialog]


def _save(dlg) -> None:  # noqa: ANN001
    dlg.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def test_register_a_volunteer_through_the_dialog(qtbot, officer, bus, qtmodeltester) -> None:  # noqa: ANN001
    g = grid(officer)
    resident(officer, "单丽华", g, phone="13900001111")
    page = ForcesPage(officer, bus)
    qtbot.addWidget(page)
    tab = page.show_tab("volunteers")
    assert tab.model.rowCount() == 0 and "还没有登记志愿者" in tab.empty_label.text()
    seen: dict[str, str] = {}

    def fill(dlg) -> None:  # noqa: ANN001
        _save(dlg)  # nothing chosen: the errors stand beside their fields, the dialog stays
        seen["person"] = dlg.errors.text("resident_id")
        seen["roles"] = dlg.errors.text("roles")
        type_text(qtbot, dlg.person.search, "slh")
        dlg.person.find(dlg.person.search.text())
        assert dlg.person.choice.currentText().startswith("单丽华")
        dlg.roles.boxes["治安员"].setChecked(True)
        dlg.roles.boxes["宣传员"].setChecked(True)
        dlg.availability.boxes["周末"].setChecked(True)
        type_text(qtbot, dlg.policy, "PA1")
        dlg.insurance_until.set_value(date(2026, 12, 5))
        _save(dlg)

    run_modal(tab.create, fill)
    assert seen == {"person": "请选择居民（志愿者须先登记为居民）", "roles": "请至少选择一个角色"}
    assert tab.model.rowCount() == 1
    qtmodeltester.check(tab.model)
    row = tab.selected_row()
    assert (row.number, row.name, row.roles) == ("ZY2026-0001", "单丽华", "治安员、宣传员")
    # the insurance runs out within 30 days: the filter finds it
    tab.insurance_filter.setCurrentIndex(tab.insurance_filter.findData("expiring"))
    assert tab.model.rowCount() == 1
    tab.search_box.setText("zy2026")
    tab.search_box.flush()
    assert tab.model.rowCount() == 1
    tab.search_box.setText("王")
    tab.search_box.flush()
    assert tab.model.rowCount() == 0 and "没有找到" in tab.empty_label.text()


def test_record_a_drill_and_see_it_missed_the_three_minute_ring(qtbot, officer, bus) -> None:  # noqa: ANN001
    people = [resident(officer, n) for n in ("金兰", "罗亮", "郑斌")]
    uid = officer.emergency.save_unit(None, UnitInput(name="安华市场应急单元", kind="市场", members=[
        MemberInput(people[0], "门岗"), MemberInput(people[1], "巡逻岗"), MemberInput(people[2], "消防器材岗")]))
    page = ForcesPage(officer, bus)
    qtbot.addWidget(page)
    tab = page.show_tab("emergency")
    assert tab.unit_id == uid and tab.member_model.rowCount() == 3
    tab.members.selectRow(0)
    tab.check_in_btn.click()
    assert tab.units.model.row_at(0).on_post == 1
    seen: dict[str, str] = {}

    def fill(dlg) -> None:  # noqa: ANN001
        type_text(qtbot, dlg.scenario, "市场内商铺起火")
        for row, text in enumerate(("0:50", "3分35秒", "240")):
            dlg.arrivals.item(row, 2).setText(text)
        seen["rings"] = dlg.rings.text()
        dlg.arrivals.item(2, 2).setText("四分钟")
        _save(dlg)
        seen["error"] = dlg.errors.text("arrivals")
        dlg.arrivals.item(2, 2).setText("4:00")
        _save(dlg)

    run_modal(lambda: tab.open_drill(None), fill)
    assert "3分钟✗" in seen["rings"] and "1分钟✓" in seen["rings"]
    assert seen["error"].startswith("郑斌：用时“四分钟”无法识别")
    assert tab.drill_model.rowCount() == 1
    assert tab.drill_model.row_at(0).rings.startswith("1分钟✓ 3分钟✗ 5分钟✓")


def test_dashboard_panel_shows_who_is_on_post(qtbot, officer) -> None:  # noqa: ANN001
    from policeroom.ui.forces.onpost_panel import UnitsOnPostPanel

    people = [resident(officer, n) for n in ("金兰", "罗亮")]
    uid = officer.emergency.save_unit(None, UnitInput(name="安华小学应急单元", kind="学校", members=[
        MemberInput(people[0], "校门岗"), MemberInput(people[1], "巡逻岗")]))
    panel = UnitsOnPostPanel(officer)
    qtbot.addWidget(panel)
    assert "0/2人在岗" in panel.body.text() and "无人在岗" in panel.body.text()
    officer.emergency.check_in(officer.emergency.members(uid)[0].id)
    panel.refresh()
    assert "1/2人在岗" in panel.body.text() and "金兰（校门岗）" in panel.body.text()
    assert "达不到3分钟互救" in panel.body.text()


def test_the_list_opens_in_number_order(qtbot, officer, bus) -> None:  # noqa: ANN001
    from tests.forces.helpers import volunteer

    for name in ("张三", "李四", "王五"):
        volunteer(officer, name)
    page = ForcesPage(officer, bus)
    qtbot.addWidget(page)
    tab = page.show_tab("volunteers")
    assert [tab.model.row_at(i).number for i in range(3)] == ["ZY2026-0001", "ZY2026-0002", "ZY2026-0003"]
    tab.model.sort(0, Qt.SortOrder.DescendingOrder)
    assert tab.model.row_at(0).number == "ZY2026-0003"


def test_import_wizard_previews_and_writes_the_volunteer_ledger(qtbot, officer, bus, tmp_path) -> None:  # noqa: ANN001
    from tests.forces.test_ledger_and_cli import _ledger

    grid(officer, "WG01", "一网格")
    path = tmp_path / "志愿者台账.xlsx"
    path.write_bytes(_ledger([
        ["钱七", "11010519491231002X", "", "WG01", "", "治安员", "2025-03-01", "", "", ""],
        ["孙八", "", "", "WG01", "", "治安员", "2025-03-01", "", "", ""],
    ]))  # fmt: skip
    page = ForcesPage(officer, bus)
    qtbot.addWidget(page)
    tab = page.show_tab("volunteers")
    from policeroom.ui.widgets.import_wizard import ImportWizard

    wizard = ImportWizard(officer.volunteer_ledger, "导入志愿者台账", "", tab)
    qtbot.addWidget(wizard)
    wizard.path_edit.setText(str(path))
    wizard.read_file()
    wizard.check()
    report = wizard.report
    assert [r.row for r in report.good] == [3] and [(e.row, e.column) for e in report.errors] == [(4, "身份证号码")]
    assert wizard.rows_to_write() == 1
    result = officer.volunteer_ledger.commit(report)
    assert (result.created, result.residents_added) == (1, 1)
    tab.reload()
    assert tab.model.rowCount() == 1 and tab.model.row_at(0).name == "钱七"
