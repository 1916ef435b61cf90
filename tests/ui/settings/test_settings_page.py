"""The settings page: room information with inline errors, account management, own password."""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox

from policeroom.errors import AuthError
from policeroom.models import AccountRole, MemberRole
from policeroom.services.people.accounts import AccountRow
from policeroom.services.people.team import MemberInput
from policeroom.services.registry import Services
from policeroom.ui.bus import ChangeBus
from policeroom.ui.settings.accounts import AccountDialog, AccountEditDialog, NoAccountsPanel, account_status
from policeroom.ui.settings.page import SettingsPage, case_number_example
from policeroom.ui.settings.password import ChangePasswordDialog, ResetPasswordDialog
from tests.conftest import OFFICER_PASSWORD, ROOM, actor

NEW_PASSWORD = "anhua2026x"
#: The offscreen platform says this whenever a top-level window (here: a modal dialog) is shown.
OFFSCREEN_NOISE = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def page(qtbot, officer: Services, bus: ChangeBus) -> SettingsPage:  # noqa: ANN001
    w = SettingsPage(officer, bus)
    qtbot.addWidget(w)
    return w


@pytest.fixture
def staff_member(officer: Services) -> int:
    return officer.team.create(MemberInput(name="刘晓燕", role=MemberRole.staff))


def type_chinese(edit: QLineEdit, text: str) -> None:
    """Type as an input method does: QTest.keyClicks aborts on characters outside ASCII (qasciikey.cpp)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(edit, event)


def row_of(services: Services, username: str) -> AccountRow:
    return next(a for a in services.accounts.list() if a.username == username)


# -- 警务室信息 ------------------------------------------------------------------------------


def test_room_form_shows_saved_settings(page: SettingsPage) -> None:
    assert page.room.editable
    assert page.room.note.isHidden()
    assert page.room.edits["room_name"].text() == ROOM["room_name"]
    assert "（" in page.room.example.text() and "安华人调字第1号" in page.room.example.text()


def test_empty_name_is_refused_inline_then_valid_name_saves(
    qtbot, page: SettingsPage, bus: ChangeBus
) -> None:  # noqa: ANN001
    services = page.services
    before = services.settings.get()
    form = page.room
    form.edits["room_name"].clear()
    with qtbot.assertNotEmitted(bus.changed):
        assert not form.save()
    assert form.errors.text("room_name") == "请填写警务室名称"
    assert services.settings.get() == before

    type_chinese(form.edits["room_name"], "安华里东社区警务室")
    assert form.errors.text("room_name") == ""  # typing clears the message
    form.edits["committee_short"].end(False)
    type_chinese(form.edits["committee_short"], "东")  # 安华 -> 安华东
    assert "安华东人调字第1号" in form.example.text()
    with qtbot.waitSignal(bus.changed) as blocker:
        form.save_button.click()
    assert blocker.args == ["setting", []]
    saved = services.settings.get()
    assert saved.room_name == "安华里东社区警务室"
    assert saved.committee_short == "安华东"
    assert "已保存" in form.status.text()


def test_several_problems_are_shown_at_once(page: SettingsPage) -> None:
    form = page.room
    form.edits["station"].setText("  ")
    form.edits["committee_short"].setText("安华里社区调解会")
    assert form.edits["committee_short"].text() == "安华里社区调"  # the field holds 6 at most (issue 12, item 8)
    form.edits["room_name"].setText("安华里社区")
    assert not form.save()
    assert form.errors.text("station") == "请填写所属派出所"
    assert "警务室" in form.errors.text("room_name")


def test_case_number_example() -> None:
    assert case_number_example("安华", 2026) == "（2026）安华人调字第1号"
    assert case_number_example(" ", 2026) == "（2026）××人调字第1号"


def test_staff_sees_settings_read_only_and_no_accounts(qtbot, officer: Services, bus: ChangeBus) -> None:  # noqa: ANN001
    officer.sign_in(actor(AccountRole.staff, name="刘晓燕"))
    w = SettingsPage(officer, bus)
    qtbot.addWidget(w)
    assert not w.room.editable
    assert not w.room.note.isHidden()
    assert w.room.note.text() == "只有社区民警可以修改设置"
    assert all(e.isReadOnly() for e in w.room.edits.values())
    assert w.room.save_button.isHidden()
    assert not w.room.save()
    assert w.accounts is None
    assert isinstance(w.tabs.widget(1), NoAccountsPanel)
    assert w.tabs.tabText(1) == "账户"


# -- 账户 ----------------------------------------------------------------------------------


def test_accounts_table(qtmodeltester, page: SettingsPage) -> None:  # noqa: ANN001
    assert page.accounts is not None
    model = page.accounts.model
    qtmodeltester.check(model)
    assert model.rowCount() == 1
    assert [model.index(0, c).data() for c in range(4)] == ["wangjj", "王建军", "民警（全部权限）", "启用"]


def test_account_status_texts() -> None:
    now = datetime(2026, 3, 1, 10, 0)
    row = AccountRow(1, "liuxy", "刘晓燕", AccountRole.staff, True, None, None, 2)
    assert account_status(row, now) == "启用"
    locked = AccountRow(1, "liuxy", "刘晓燕", AccountRole.staff, True, now + timedelta(minutes=15), None, 2)
    assert account_status(locked, now) == "已锁定至10:15"
    assert (
        account_status(AccountRow(1, "liuxy", "刘晓燕", AccountRole.staff, False, None, None, 2), now)
        == "停用"
    )


def test_officer_creates_account_for_member(officer: Services, staff_member: int, qtbot) -> None:  # noqa: ANN001
    dlg = AccountDialog(officer)
    qtbot.addWidget(dlg)
    assert dlg.member.count() == 1  # the officer has an account already
    assert dlg.member.currentData() == staff_member
    assert dlg.role.currentData() == AccountRole.staff.value  # from the member's role
    assert dlg.username.text() == "liuxiaoyan"  # suggested from the name
    dlg.username.setText("liuxy")
    dlg.password.setText(NEW_PASSWORD)
    dlg.confirm.setText(NEW_PASSWORD)
    dlg.save()
    assert dlg.result() == AccountDialog.DialogCode.Accepted
    assert dlg.saved_id is not None
    signed = officer.accounts.authenticate("liuxy", NEW_PASSWORD)
    assert signed.role == AccountRole.staff and signed.member_id == staff_member


def test_weak_password_shows_inline_error(officer: Services, staff_member: int, qtbot) -> None:  # noqa: ANN001
    dlg = AccountDialog(officer)
    qtbot.addWidget(dlg)
    dlg.username.setText("liuxy")
    dlg.password.setText("12345678")
    dlg.confirm.setText("12345678")
    dlg.save()
    assert dlg.errors.text("password") == "密码须同时包含字母和数字"
    assert dlg.result() != AccountDialog.DialogCode.Accepted
    assert [a.username for a in officer.accounts.list()] == ["wangjj"]


def test_no_member_without_account_disables_save(officer: Services, qtbot) -> None:  # noqa: ANN001
    dlg = AccountDialog(officer)
    qtbot.addWidget(dlg)
    assert not dlg.member.isEnabled()
    assert not dlg.buttons.button(dlg.buttons.StandardButton.Save).isEnabled()


@OFFSCREEN_NOISE
def test_new_account_button_refreshes_table(qtbot, page: SettingsPage, staff_member: int) -> None:  # noqa: ANN001
    panel = page.accounts
    assert panel is not None

    def fill() -> None:
        dlg = QApplication.activeModalWidget()
        assert isinstance(dlg, AccountDialog)
        dlg.username.setText("liuxy")
        dlg.password.setText(NEW_PASSWORD)
        dlg.confirm.setText(NEW_PASSWORD)
        dlg.save()

    QTimer.singleShot(0, fill)
    panel.new_button.click()
    assert panel.model.rowCount() == 2
    assert panel.selected() is not None and panel.selected().username == "liuxy"
    assert "liuxy" in panel.status.text()


def test_disabling_asks_first(officer: Services, staff_member: int, qtbot, monkeypatch) -> None:  # noqa: ANN001
    officer.accounts.create(
        username="liuxy", password=NEW_PASSWORD, confirm=NEW_PASSWORD, member_id=staff_member
    )
    row = row_of(officer, "liuxy")
    asked: list[str] = []

    def answer(reply: QMessageBox.StandardButton):  # noqa: ANN202
        def question(*args: object, **kwargs: object) -> QMessageBox.StandardButton:
            asked.append(str(args[2]))
            return reply

        return question

    dlg = AccountEditDialog(officer, row)
    qtbot.addWidget(dlg)
    dlg.active.setChecked(False)
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.No))
    dlg.save()
    assert row_of(officer, "liuxy").active
    assert asked and "刘晓燕" in asked[0]

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    dlg.save()
    assert not row_of(officer, "liuxy").active
    with pytest.raises(AuthError):
        officer.accounts.authenticate("liuxy", NEW_PASSWORD)


def test_change_role_without_question(officer: Services, staff_member: int, qtbot, monkeypatch) -> None:  # noqa: ANN001
    officer.accounts.create(
        username="liuxy", password=NEW_PASSWORD, confirm=NEW_PASSWORD, member_id=staff_member
    )
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: pytest.fail("asked"))
    dlg = AccountEditDialog(officer, row_of(officer, "liuxy"))
    qtbot.addWidget(dlg)
    dlg.role.setCurrentIndex(dlg.role.findData(AccountRole.grid_worker.value))
    dlg.save()
    assert row_of(officer, "liuxy").role == AccountRole.grid_worker


def test_own_account_cannot_be_demoted_in_dialog(officer: Services, qtbot) -> None:  # noqa: ANN001
    dlg = AccountEditDialog(officer, row_of(officer, "wangjj"))
    qtbot.addWidget(dlg)
    assert not dlg.role.isEnabled() and not dlg.active.isEnabled()


def test_locked_account_unlock_and_reset(qtbot, page: SettingsPage, staff_member: int) -> None:  # noqa: ANN001
    services = page.services
    services.accounts.create(
        username="liuxy", password=NEW_PASSWORD, confirm=NEW_PASSWORD, member_id=staff_member
    )
    for _ in range(5):
        with pytest.raises(AuthError):
            services.accounts.authenticate("liuxy", "wrong-pass1")
    page.bus.notify("account")
    panel = page.accounts
    assert panel is not None
    panel.select_id(row_of(services, "liuxy").id)
    assert (
        panel.model.index(panel.model.row_of_id(row_of(services, "liuxy").id), 3)
        .data()
        .startswith("已锁定至")
    )
    assert panel.unlock_button.isEnabled()
    panel.unlock_button.click()
    assert services.accounts.authenticate("liuxy", NEW_PASSWORD).name == "刘晓燕"
    assert not panel.unlock_button.isEnabled()

    dlg = ResetPasswordDialog(services, row_of(services, "liuxy"))
    qtbot.addWidget(dlg)
    dlg.password.setText("abc")
    dlg.confirm.setText("abc")
    dlg.save()
    assert dlg.errors.text("password") == "密码至少8位"
    dlg.password.setText("reset2026a")
    dlg.confirm.setText("reset2026b")
    dlg.save()
    assert dlg.errors.text("confirm") == "两次输入的密码不一致"
    dlg.confirm.setText("reset2026a")
    dlg.save()
    assert dlg.result() == ResetPasswordDialog.DialogCode.Accepted
    assert services.accounts.authenticate("liuxy", "reset2026a").name == "刘晓燕"


# -- 修改我的密码 ---------------------------------------------------------------------------


def test_change_own_password(officer: Services, qtbot) -> None:  # noqa: ANN001
    dlg = ChangePasswordDialog(officer)
    qtbot.addWidget(dlg)
    assert all(e.echoMode() == QLineEdit.EchoMode.Password for e in (dlg.old, dlg.new, dlg.confirm))
    dlg.old.setText("not-my-pass1")
    dlg.new.setText(NEW_PASSWORD)
    dlg.confirm.setText(NEW_PASSWORD)
    dlg.save()
    assert dlg.errors.text("old") == "原密码不正确"
    assert dlg.result() != ChangePasswordDialog.DialogCode.Accepted
    officer.accounts.authenticate("wangjj", OFFICER_PASSWORD)  # unchanged

    dlg.old.setText(OFFICER_PASSWORD)
    dlg.save()
    assert dlg.result() == ChangePasswordDialog.DialogCode.Accepted
    assert officer.accounts.authenticate("wangjj", NEW_PASSWORD).name == "王建军"
    with pytest.raises(AuthError):
        officer.accounts.authenticate("wangjj", OFFICER_PASSWORD)


# -- screenshots ----------------------------------------------------------------------------


@OFFSCREEN_NOISE
def test_screenshots(
    qtbot, qapp, officer: Services, bus: ChangeBus, staff_member: int, tmp_path: Path
) -> None:  # noqa: ANN001
    """Grab both tabs with the shipped font; set POLICEROOM_SHOT_DIR=/tmp to keep the PNGs and look at them."""
    from PySide6.QtGui import QFont

    from policeroom.ui import theme

    old_font = qapp.font()
    qapp.setFont(QFont(theme.load_ui_font(), 10))
    try:
        officer.accounts.create(
            username="liuxy", password=NEW_PASSWORD, confirm=NEW_PASSWORD, member_id=staff_member
        )
        for _ in range(5):
            with pytest.raises(AuthError):
                officer.accounts.authenticate("liuxy", "wrong-pass1")
        w = SettingsPage(officer, bus)
        qtbot.addWidget(w)
        w.resize(1100, 700)
        w.show()
        qtbot.waitExposed(w)
        w.room.edits["room_name"].clear()
        w.room.save()
        out = Path(os.environ.get("POLICEROOM_SHOT_DIR") or tmp_path)
        assert w.grab().save(str(out / "shot_settings.png"))
        w.tabs.setCurrentIndex(1)
        assert w.grab().save(str(out / "shot_accounts.png"))
    finally:
        qapp.setFont(old_font)


def test_request_rules_tab_saves_categories_and_limits(officer, bus, qtbot) -> None:  # noqa: ANN001
    from policeroom.ui.settings.request_rules import RequestRulesForm

    form = RequestRulesForm(officer, bus)
    qtbot.addWidget(form)
    form.categories.setPlainText("")
    assert not form.save()
    assert "至少保留一个类别" in form.status.text()
    form.categories.setPlainText("邻里求助\n证件咨询\n\n宠物走失")
    form.spins[("dispatch", "urgent")].setValue(2)
    assert form.save()
    rules = officer.requests.rules()
    assert rules.categories == ["邻里求助", "证件咨询", "宠物走失"]
    assert rules.hours("dispatch", __import__("policeroom.models", fromlist=["Urgency"]).Urgency.urgent) == 2
