"""pytest-qt: a new activity → sign-up → 录用 → 签到/签退 → 登记 → 确认 → a redeemed voucher; refusals as messages."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from policeroom.ui.activities.activities import ActivitiesTab, ActivityDialog
from policeroom.ui.activities.certificates import CertificatesTab
from policeroom.ui.activities.detail import ActivityDetailDialog
from policeroom.ui.activities.points import PointsTab
from policeroom.ui.forces.page import ForcesPage
from policeroom.ui.widgets.forms import combo_select

pytestmark = pytest.mark.today(datetime(2026, 11, 20, 12, 0))


@pytest.fixture
def warnings(monkeypatch) -> list[str]:  # noqa: ANN001
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: shown.append(text))
    return shown


def test_activity_to_confirmed_hours_to_redeemed_voucher(officer, place, bus, qtbot, qtmodeltester, warnings) -> None:  # noqa: ANN001, PLR0915
    page = ForcesPage(officer, bus)
    qtbot.addWidget(page)
    tab = page.show_tab("activities")
    assert isinstance(tab, ActivitiesTab) and "还没有志愿服务活动" in tab.empty_label.text()

    dlg = ActivityDialog(officer, None, tab)
    qtbot.addWidget(dlg)
    dlg.save()  # nothing filled in: messages beside the fields
    assert dlg.errors.text("title") == "请填写活动名称" and dlg.organiser.currentData() == officer.actor.member_id
    combo_select(dlg.kind, "宣传活动")
    dlg.title_edit.setText("反诈宣传进社区")
    combo_select(dlg.organiser, place.organiser)
    combo_select(dlg.grid, place.grid_a)
    dlg.starts.set_value(datetime(2026, 11, 20, 9, 0))
    dlg.ends.set_value(datetime(2026, 11, 20, 11, 0))
    dlg.needs.setText("宣传员:2")
    dlg.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    aid = dlg.saved_id
    assert aid is not None
    bus.notify("activity", aid)
    assert tab.model.rowCount() == 1
    qtmodeltester.check(tab.model)

    detail = ActivityDetailDialog(officer, bus, aid, tab)
    qtbot.addWidget(detail)
    v = place.volunteers[0]
    detail.picker.select(v)
    detail.add_button.click()
    assert detail.model.rowCount() == 1 and detail.model.row_at(0).role == "宣传员"
    detail.picker.select(v)
    detail.add_button.click()  # the same person again: refused with a message, no crash
    assert warnings and "每人每个活动只有一条" in warnings[-1] and detail.model.rowCount() == 1
    detail.table.selectRow(0)
    detail.step_buttons["accept"].click()
    assert detail.step("sign_in", value=datetime(2026, 11, 20, 8, 55))
    assert detail.step("sign_out", value=datetime(2026, 11, 20, 11, 5))
    detail.step_buttons["record"].click()  # the time comes from the sign-in and sign-out
    assert detail.model.row_at(0).status_label == "待确认" and detail.model.row_at(0).counted_minutes == 120
    detail.step_buttons["confirm"].click()
    assert detail.model.row_at(0).status_label == "已确认" and detail.model.row_at(0).confirmed_by == "王建军"
    detail.step_buttons["confirm"].click()  # twice: refused, the hours count once
    assert "已确认" in warnings[-1]
    qtmodeltester.check(detail.model)
    pdf = detail.sheet_pdf()
    assert pdf.startswith(b"%PDF")

    points = page.show_tab("points")
    assert isinstance(points, PointsTab)
    row = next(r for r in (points.standings.row_at(i) for i in range(points.standings.rowCount())) if r.volunteer.id == v)
    assert row.minutes == 120 and row.points == 20
    qtmodeltester.check(points.standings)
    item = officer.rewards.save_item(None, "洗衣液一瓶", 2, 5, None)
    assert points.act("apply", volunteer_id=v, item_id=item)
    assert points.redemptions.rowCount() == 1 and "待审批的兑换申请：1 件" in points.waiting.text()
    points.vouchers.selectRow(0)
    points.buttons["approve"].click()
    assert points.act("issue", preview=False)
    assert points.redemptions.row_at(0).number == "DH2026-000001"
    assert points.voucher_pdf(points.redemptions.row_at(0).id).startswith(b"%PDF")
    assert points.act("redeem", by="超市收银员", place="安华里便民超市")
    assert points.redemptions.row_at(0).status_label == "已核销"
    assert officer.points.standing(v).points == 0 and officer.points.standing(v).minutes == 120
    qtmodeltester.check(points.redemptions)

    certs = page.show_tab("certificates")
    assert isinstance(certs, CertificatesTab)
    cert = certs.issue(v, preview=False)
    assert cert is not None and certs.model.rowCount() == 1
    assert certs.void(cert.id, "重新出具")
    assert certs.model.row_at(0).voided


def test_grid_worker_sees_buttons_for_their_work_only(officer, place, bus, qtbot) -> None:  # noqa: ANN001
    from policeroom.models import AccountRole
    from policeroom.services.core.context import Actor
    from policeroom.services.registry import Services

    worker = Services(officer.ctx.sessions, Actor(None, "赵网格", AccountRole.grid_worker, place.worker,
                                                  frozenset({place.grid_a})))  # fmt: skip
    points = PointsTab(worker, bus)
    qtbot.addWidget(points)
    assert not points.buttons["approve"].isEnabled() and not points.buttons["apply"].isEnabled()
    assert not points.bonus_button.isEnabled()
    certs = CertificatesTab(worker, bus)
    qtbot.addWidget(certs)
    assert not certs.issue_button.isEnabled() and not certs.void_button.isEnabled()


def test_settings_and_excel_exports(officer, place, bus, qtbot, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    from openpyxl import load_workbook
    from PySide6.QtWidgets import QFileDialog

    from policeroom.ui.activities.settings import ActivitySettingsDialog

    dlg = ActivitySettingsDialog(officer)
    qtbot.addWidget(dlg)
    dlg.kinds.setPlainText("")
    assert not dlg.save() and "至少保留一个活动类型" in dlg.status.text()
    dlg.kinds.setPlainText("智慧义巡\n宣传活动\n\n护学岗")
    dlg.rate.setValue(2)
    assert dlg.save()
    assert officer.activities.settings()[:2] == (["智慧义巡", "宣传活动", "护学岗"], 2.0)

    officer.points.bonus(place.volunteers[0], 10, "表彰")
    points = PointsTab(officer, bus)
    qtbot.addWidget(points)
    target = tmp_path / "积分.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    assert points.act("apply", volunteer_id=place.volunteers[0], item_id=officer.rewards.save_item(None, "毛巾", 2, 1, None))
    assert points.act("export")
    ws = load_workbook(target).active
    assert ws["A2"].value == "兑换券号" and ws["C3"].value == "毛巾"
    assert points.export_people.click() is None and load_workbook(target).active["B3"].value == "志愿者甲0"
