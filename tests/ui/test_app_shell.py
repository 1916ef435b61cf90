"""The window's frame: errors are logged and shown, the theme choice and window size are remembered."""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from policeroom.services.registry import Services
from policeroom.ui import errors
from policeroom.ui.main_window import MainWindow
from policeroom.ui.prefs import Preferences


def test_uncaught_error_is_logged_and_explained(tmp_path: Path, qapp, monkeypatch, caplog) -> None:  # noqa: ANN001
    import sys

    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append((self.text(), self.detailedText())) or 0)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    errors.install_error_handlers(tmp_path / "policeroom.log")
    try:
        raise ZeroDivisionError("boom")
    except ZeroDivisionError:
        with caplog.at_level(logging.ERROR, logger="policeroom.crash"):
            sys.excepthook(*sys.exc_info())
    assert "ZeroDivisionError: boom" in caplog.text
    assert "意外错误" in shown[0][0] and str(tmp_path / "policeroom.log") in shown[0][0]
    assert "ZeroDivisionError" in shown[0][1]


def test_dark_theme_and_geometry_are_remembered(officer: Services, tmp_path: Path, qtbot) -> None:  # noqa: ANN001
    ini = str(tmp_path / "prefs.ini")
    applied: list[bool] = []
    win = MainWindow(Preferences(QSettings(ini, QSettings.Format.IniFormat)), apply_theme=applied.append)
    qtbot.addWidget(win)
    win.attach(officer, None)
    win.show()
    win.resize(760, 520)  # the offscreen screen is 800x600; the window may not go narrower than its content
    size = (win.width(), win.height())
    assert size[1] == 520
    win.dark_action.trigger()
    win.close()
    assert applied == [True]
    again = Preferences(QSettings(ini, QSettings.Format.IniFormat))
    assert again.dark_theme is True
    win2 = MainWindow(again)
    qtbot.addWidget(win2)
    assert win2.dark_action.isChecked()
    assert (win2.width(), win2.height()) == size


def test_planned_modules_say_so_honestly(officer: Services, tmp_path: Path, qtbot) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QLabel

    win = MainWindow(Preferences(QSettings(str(tmp_path / "p.ini"), QSettings.Format.IniFormat)))
    qtbot.addWidget(win)
    win.attach(officer, None)
    from policeroom.ui.main_window import PLANNED
    from policeroom.ui.mediation.module import MediationModule

    for key in PLANNED:
        page = win.show_module(key)
        text = " ".join(label.text() for label in page.findChildren(QLabel))
        assert "尚未开发完成" in text and "示例数据" in text
    assert isinstance(win.show_module("mediation"), MediationModule)


@pytest.mark.today(datetime(2026, 11, 25, 10, 0))
def test_dashboard_card_opens_the_filtered_request_list(officer: Services, tmp_path: Path, qtbot) -> None:  # noqa: ANN001
    from policeroom.models import Channel, Urgency
    from policeroom.services.requests.service import RequestInput

    old = officer.requests.create(RequestInput(
        received_at=datetime(2026, 11, 22, 10, 0), channel=Channel.phone, category="车辆挪移",
        urgency=Urgency.normal, description="车辆堵住消防通道", receiver_id=officer.actor.member_id,
        requester_name="李四",
    ))
    officer.requests.create(RequestInput(
        received_at=datetime(2026, 11, 25, 10, 0), channel=Channel.visit, category="证件咨询", urgency=Urgency.normal,
        description="咨询补办身份证", receiver_id=officer.actor.member_id, requester_name="王五",
    ))
    win = MainWindow(Preferences(QSettings(str(tmp_path / "p.ini"), QSettings.Format.IniFormat)))
    qtbot.addWidget(win)
    win.attach(officer, None)
    dash = win.pages["dashboard"]
    assert dash.request_cards["overdue"].text().startswith("1")
    dash.request_cards["overdue"].click()
    module = win.pages["requests"]
    assert win.stack.currentWidget() is module
    page = module.current_list()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.model.data(page.model.index(0, 0)) == officer.requests.get(old).number


@pytest.mark.today(datetime(2026, 11, 25, 10, 0))
def test_dashboard_counts_again_when_shown_not_on_every_save_elsewhere(
    officer: Services, tmp_path: Path, qtbot, monkeypatch  # noqa: ANN001
) -> None:
    from policeroom.models import Channel, Urgency
    from policeroom.services.requests.service import RequestInput

    win = MainWindow(Preferences(QSettings(str(tmp_path / "p.ini"), QSettings.Format.IniFormat)))
    qtbot.addWidget(win)
    win.attach(officer, None)
    win.show()
    dash = win.pages["dashboard"]
    calls: list[int] = []
    real = dash.refresh
    monkeypatch.setattr(dash, "refresh", lambda: (calls.append(1), real()))
    win.show_module("requests")
    for name in ("李四", "王五"):
        rid = officer.requests.create(RequestInput(
            received_at=datetime(2026, 11, 25, 10, 0), channel=Channel.visit, category="证件咨询", urgency=Urgency.normal,
            description="咨询补办身份证", receiver_id=officer.actor.member_id, requester_name=name,
        ))  # fmt: skip
        win.bus.notify("assistance_request", rid)
    assert calls == []  # hidden: nothing counted
    win.show_module("dashboard")
    assert calls == [1]  # once, on showing
    win.bus.notify("assistance_request", rid)
    assert calls == [1, 1]  # showing: at once
