"""The idle lock (锁屏): input restarts the wait, the lock hides every page and dialog, the password
unlocks (and is counted like a sign-in), 切换用户 signs out, and both ends are in the history."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractListModel, QPoint, QSettings, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel, QLineEdit, QMessageBox, QWidget

from policeroom.services.core.settings import IDLE_LOCK_KEY
from policeroom.services.people.residents import ResidentInput
from policeroom.services.registry import Services
from policeroom.ui.main_window import MainWindow
from policeroom.ui.prefs import Preferences
from tests.conftest import OFFICER_PASSWORD

OFFSCREEN_NOISE = pytest.mark.qt_log_ignore("does not support propagateSizeHints")
RESIDENT = "欧阳锁屏"


@pytest.fixture
def window(officer: Services, tmp_path: Path, qtbot) -> MainWindow:  # noqa: ANN001
    officer.residents.create(ResidentInput(name=RESIDENT, phone="13912345678"))
    win = MainWindow(Preferences(QSettings(str(tmp_path / "p.ini"), QSettings.Format.IniFormat)))
    qtbot.addWidget(win)
    win.attach(officer, None)
    win.resize(1366, 768)
    win.show()
    win.open_people("residents")
    qtbot.waitExposed(win)
    return win


def _texts(root: QWidget) -> str:
    """Every text a person can see in the window (visible labels, fields and table cells)."""
    out = []
    for w in root.findChildren(QWidget):
        if not w.isVisible():
            continue
        if isinstance(w, (QLabel, QLineEdit)):
            out.append(w.text())
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            m = w.model()
            columns = 1 if isinstance(m, QAbstractListModel) else m.columnCount()
            for r in range(min(m.rowCount(), 50)):
                for c in range(columns):
                    out.append(str(m.index(r, c).data() or ""))
    return "\n".join(out)


def test_default_is_ten_minutes(window: MainWindow) -> None:
    assert window.idle.minutes == 10
    assert window.idle.timer.interval() == 10 * 60_000
    assert window.idle.timer.isActive()


def test_input_restarts_the_wait(window: MainWindow) -> None:
    timer = window.idle.timer
    for send in (
        lambda: QTest.keyClick(window.nav, Qt.Key.Key_Down),
        lambda: QTest.mouseClick(window.nav.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(5, 5)),
        lambda: QTest.mouseMove(window.nav.viewport(), QPoint(20, 20)),
    ):
        timer.stop()
        send()
        assert timer.isActive() and timer.remainingTime() > 9 * 60_000


def test_locks_after_idle_interval_and_hides_data(window: MainWindow, qtbot) -> None:  # noqa: ANN001
    assert RESIDENT in _texts(window)  # the list shows the resident before the lock
    window.idle.timer.setInterval(30)  # the wait, shortened: no test waits ten minutes
    window.idle.timer.start()
    qtbot.waitUntil(lambda: window.idle.locked, timeout=2000)
    screen = window.idle.screen
    assert screen.isVisible() and not window.idle.content.isVisible()
    assert not window.pages["people"].isVisible()
    assert not window.menuBar().isEnabled()
    assert not window.new_action.isEnabled() and not window.find_action.isEnabled()  # no Ctrl+N behind the lock
    shown = _texts(window)
    assert RESIDENT not in shown and "13912345678" not in shown and "139****5678" not in shown
    assert "已锁定" in shown and "王建军" in shown
    # painted: the grab of the locked window is the lock screen and nothing else
    image = window.grab().toImage()
    assert image.width() > 0


def test_wrong_password_refused_right_one_unlocks(window: MainWindow, officer: Services) -> None:
    window.idle.lock()
    screen = window.idle.screen
    screen.password.setText("wrong-password1")
    screen.unlock_button.click()
    assert window.idle.locked and screen.message.isVisible() and "用户名或密码不正确" in screen.message.text()
    screen.password.setText(OFFICER_PASSWORD)
    QTest.keyClick(screen.password, Qt.Key.Key_Return)
    assert not window.idle.locked
    assert window.idle.content.isVisible() and window.pages["people"].isVisible()
    assert window.menuBar().isEnabled() and window.idle.timer.isActive()
    assert window.new_action.isEnabled() and not window.backup_action.isEnabled()  # as before the lock (no file)
    actions = [h.action for h in officer.history("account", officer.actor.account_id)]
    assert {"锁屏", "登录失败", "解除锁屏"} <= set(actions)


def test_empty_password_asks(window: MainWindow) -> None:
    window.idle.lock()
    window.idle.screen.unlock_button.click()
    assert window.idle.locked and window.idle.screen.message.text() == "请输入密码"


@OFFSCREEN_NOISE
def test_open_dialog_is_closed_by_the_lock(window: MainWindow, qtbot) -> None:  # noqa: ANN001
    window.idle.timer.setInterval(30)
    seen: list[int] = []

    def ask() -> None:
        box = QMessageBox(QMessageBox.Icon.Information, "居民", RESIDENT, parent=window)
        window.idle.timer.start()
        seen.append(box.exec())

    QTimer.singleShot(0, ask)
    qtbot.waitUntil(lambda: bool(seen), timeout=3000)  # the lock ended the dialog's loop
    assert window.idle.locked
    assert not [w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not window]


@OFFSCREEN_NOISE
def test_nothing_opens_over_a_locked_window(window: MainWindow, qtbot) -> None:  # noqa: ANN001
    window.idle.lock()
    box = QMessageBox(QMessageBox.Icon.Information, "居民", RESIDENT, parent=window)
    box.show()
    qtbot.waitUntil(lambda: not box.isVisible(), timeout=2000)


def test_switch_user_signs_out(window: MainWindow) -> None:
    window.idle.lock()
    window.idle.screen.switch_button.click()
    assert window.signed_out and not window.isVisible()


def test_setting_changes_the_wait(window: MainWindow, officer: Services) -> None:
    officer.settings.save_numbers({IDLE_LOCK_KEY: "3"})
    window.bus.notify("setting")
    assert window.idle.minutes == 3 and window.idle.timer.interval() == 3 * 60_000


def test_no_input_event_while_locked_restarts(window: MainWindow) -> None:
    window.idle.lock()
    QTest.keyClick(window.idle.screen.password, Qt.Key.Key_A)
    assert not window.idle.timer.isActive()


def test_screenshots(window: MainWindow, tmp_path: Path) -> None:
    out = Path(__import__("os").environ.get("POLICEROOM_SHOTS", tmp_path))
    window.idle.lock()
    for w, h in ((1366, 768), (1920, 1080)):
        window.resize(w, h)
        QGuiApplication.processEvents()
        assert window.grab().save(str(out / f"lock-{w}x{h}.png"))


def test_settings_tab_validates_minutes(officer: Services, bus, qtbot) -> None:  # noqa: ANN001
    from policeroom.ui.settings.page import SettingsPage

    page = SettingsPage(officer, bus)
    qtbot.addWidget(page)
    form = page.security
    edit = form.edits[IDLE_LOCK_KEY]
    assert edit.text() == "10"
    edit.setText("0")
    assert not form.save()
    label = form.errors.labels[IDLE_LOCK_KEY]
    assert not label.isHidden() and "1至240" in label.text()
    assert officer.settings.idle_lock_minutes() == 10
    edit.setText("15")
    with qtbot.waitSignal(bus.changed):
        assert form.save()
    assert officer.settings.idle_lock_minutes() == 15 and label.isHidden()
