"""User flows end to end: sign in, add a resident (bad then good ID number), find them by pinyin;
the application starts on an empty database (first run) and on a demo database."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from policeroom.app import Loader, Session
from policeroom.services.registry import Services
from policeroom.ui.login import LoginDialog
from policeroom.ui.main_window import MainWindow
from policeroom.ui.people.residents import ResidentDialog
from policeroom.ui.prefs import Preferences
from tests.conftest import OFFICER_PASSWORD


@pytest.fixture
def prefs(tmp_path: Path) -> Preferences:
    return Preferences(QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat))


def test_sign_in_wrong_then_right(officer: Services, qtbot) -> None:  # noqa: ANN001
    dlg = LoginDialog(lambda: officer, "wangjj")
    qtbot.addWidget(dlg)
    dlg.password.setText("not-the-password1")
    dlg.login_button.click()
    assert "用户名或密码不正确" in dlg.message.text() and dlg.actor is None
    assert dlg.password.text() == ""  # cleared for the next try
    qtbot.keyClicks(dlg.password, OFFICER_PASSWORD)
    dlg.login_button.click()
    assert dlg.actor is not None and dlg.actor.name == "王建军"


def test_add_resident_bad_then_good_id_and_find_by_initials(officer: Services, prefs, qtbot) -> None:  # noqa: ANN001
    window = MainWindow(prefs)
    qtbot.addWidget(window)
    window.attach(officer, None)
    page = window.show_module("people").residents

    def fill_dialog() -> None:
        dlg = QApplication.activeModalWidget()
        assert isinstance(dlg, ResidentDialog)
        dlg.name.setText("张三")  # Chinese arrives from the input method as committed text
        qtbot.keyClicks(dlg.id_number, "110105194912310021")  # wrong check character
        dlg.save()
        assert "校验位" in dlg.errors.text("id_number")
        assert dlg.isVisible()  # nothing lost, dialog still open
        assert dlg.name.text() == "张三"
        dlg.id_number.clear()
        qtbot.keyClicks(dlg.id_number, "11010519491231002x")
        dlg.id_number.editingFinished.emit()
        assert dlg.gender.currentText() == "女" and not dlg.gender.isEnabled()
        qtbot.keyClicks(dlg.phone, "138-0000-0000")
        dlg.save()

    QTimer.singleShot(0, fill_dialog)
    page.new_button.click()
    assert officer.residents.count() == 1
    qtbot.keyClicks(page.search_box, "zs")
    page.search_box.flush()
    assert page.model.rowCount() == 1
    row = page.selected_row() or page.model.row_at(0)
    assert row.name == "张三" and row.id_number_masked == "110105********002X" and row.phone == "13800000000"
    page.search_box.setText("lisi")
    page.search_box.flush()
    assert page.model.rowCount() == 0
    assert "没有找到" in page.empty_label.text() and not page.empty_label.isHidden()


def test_duplicate_id_opens_existing_record(officer: Services, prefs, qtbot, monkeypatch) -> None:  # noqa: ANN001
    from policeroom.services.people.residents import ResidentInput

    rid = officer.residents.create(ResidentInput(name="张三", id_number="11010519491231002X"))
    window = MainWindow(prefs)
    qtbot.addWidget(window)
    window.attach(officer, None)
    page = window.show_module("people").residents
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Open)
    seen: list[int | None] = []

    def first() -> None:
        dlg = QApplication.activeModalWidget()
        dlg.name.setText("张叁")
        qtbot.keyClicks(dlg.id_number, "11010519491231002X")
        dlg.save()
        QTimer.singleShot(0, second)

    def second() -> None:
        dlg = QApplication.activeModalWidget()
        seen.append(dlg.resident_id)
        dlg.reject()

    QTimer.singleShot(0, first)
    page.new_button.click()
    assert seen == [rid]
    assert officer.residents.count() == 1


def _run_session(db_path: Path, prefs: Preferences, *, demo: bool, on_window) -> int:  # noqa: ANN001
    loader = Loader(lambda: "sqlite:///" + str(db_path))
    session = Session(QApplication.instance(), loader, prefs, lambda dark: None, demo=demo, path=db_path)
    try:
        return session.run()
    finally:
        loader.close()


def test_app_starts_on_empty_database_with_first_run(tmp_path: Path, prefs, qtbot) -> None:  # noqa: ANN001
    db_path = tmp_path / "new.db"
    seen: dict[str, object] = {}

    def first_run() -> None:
        dlg = QApplication.activeModalWidget()
        seen["dialog"] = type(dlg).__name__
        values = {"room_name": "安华里社区警务室", "station": "和平里派出所", "community": "安华里社区",
                  "committee_name": "安华里社区人民调解委员会", "committee_short": "安华"}
        for key, value in values.items():
            dlg.room[key].setText(value)
        dlg.officer_name.setText("王建军")
        dlg.username.setText("wangjj")
        dlg.password.setText("huaxi2718")
        dlg.confirm.setText("huaxi2718")
        QTimer.singleShot(0, recovery_key)
        dlg.save()

    def recovery_key() -> None:
        dlg = QApplication.activeModalWidget()
        if type(dlg).__name__ != "RecoveryKeyDialog":  # shown once the first-run dialog has closed
            QTimer.singleShot(10, recovery_key)
            return
        seen["recovery"] = dlg.key_label.text()
        assert not dlg.done_button.isEnabled()  # it does not go away before it is printed or written down
        dlg.written.setChecked(True)
        dlg.done_button.click()
        QTimer.singleShot(0, main_window)

    def main_window() -> None:
        win = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())
        if win.services is None:  # filled on the next event-loop turn
            QTimer.singleShot(10, main_window)
            return
        try:
            seen["title"] = win.windowTitle()
            seen["dashboard"] = win.pages["dashboard"].composition.text()
        finally:
            win.close()

    QTimer.singleShot(0, first_run)
    assert _run_session(db_path, prefs, demo=False, on_window=None) == 0
    assert seen["dialog"] == "FirstRunDialog"
    assert "安华里社区警务室" in str(seen["title"])
    assert "社区民警 1 名" in str(seen["dashboard"])
    # created encrypted: the officer's password and the recovery key shown once both open it
    from policeroom.vault.cipher import is_encrypted
    from policeroom.vault.keys import KeyFile, keys_path

    assert is_encrypted(db_path)
    keys = KeyFile.load(keys_path(db_path))
    assert keys.room_name == "安华里社区警务室" and keys.set_up
    assert keys.unlock("wangjj", "huaxi2718") == keys.unlock_recovery(str(seen["recovery"])) is not None


def test_app_starts_on_demo_database(tmp_path: Path, prefs, qtbot) -> None:  # noqa: ANN001
    from policeroom.cli.commands import run

    db_path = tmp_path / "demo.db"
    assert run(argparse.Namespace(db=str(db_path), user=None, command="seed-demo", residents=50, seed=1, requests_per_year=20)) == 0
    seen: dict[str, str] = {}

    def check() -> None:
        win = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())
        if win.services is None:  # the database opens on the next event-loop turn
            QTimer.singleShot(10, check)
            return
        try:
            seen["residents"] = win.pages["dashboard"].cards["residents"].text()
            seen["user"] = win.user_label.text()
        finally:
            win.close()

    QTimer.singleShot(0, check)
    assert _run_session(db_path, prefs, demo=True, on_window=None) == 0
    assert seen["residents"].startswith("50")
    assert "王建军" in seen["user"]


def test_keyboard_shortcuts_act_on_the_visible_list(officer: Services, prefs, qtbot) -> None:  # noqa: ANN001
    from PySide6.QtCore import Qt

    win = MainWindow(prefs)
    qtbot.addWidget(win)
    win.show()
    win.attach(officer, None)
    people = win.show_module("people")
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=3000)
    opened: list[str] = []

    def close_dialog() -> None:
        dlg = QApplication.activeModalWidget()
        if dlg is None:  # not open yet
            QTimer.singleShot(20, close_dialog)
            return
        opened.append(type(dlg).__name__)
        dlg.reject()

    for tab, dialog in ((people.residents, "ResidentDialog"), (people.grids, "GridDialog")):
        people.tabs.setCurrentWidget(tab)
        tab.table.setFocus()
        QTimer.singleShot(50, close_dialog)
        qtbot.keyClick(tab.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda d=dialog: d in opened, timeout=3000)
        win.activateWindow()  # offscreen does not hand activation back after a modal dialog
        qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=3000)
    people.tabs.setCurrentWidget(people.team)
    people.team.table.setFocus()
    qtbot.keyClick(people.team.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert people.team.search_box.hasFocus()
    assert opened == ["ResidentDialog", "GridDialog"]


def test_record_dialog_shows_its_history(officer: Services, qtbot, monkeypatch) -> None:  # noqa: ANN001
    from policeroom.services.people.residents import ResidentInput
    from policeroom.ui.widgets import history

    rid = officer.residents.create(ResidentInput(name="张三", phone="13800000000"))
    officer.residents.update(rid, ResidentInput(name="张三", phone="13900000000"))
    dlg = ResidentDialog(officer, rid)
    qtbot.addWidget(dlg)
    shown: list[history.HistoryDialog] = []
    monkeypatch.setattr(history.HistoryDialog, "exec", lambda self: shown.append(self) or 0)
    dlg.history_button.click()
    tree = shown[0].tree
    assert tree.topLevelItemCount() == 2
    top = tree.topLevelItem(0)
    assert (top.text(1), top.text(2)) == ("王建军", "修改")
    assert [top.child(0).text(c) for c in (3, 4, 5)] == ["联系电话", "13800000000", "13900000000"]
