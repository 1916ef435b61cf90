"""The window at start-up: a --db file that does not exist is asked about; a database that cannot be opened,
a full disk and a failed save are each explained in a sentence, never with the generic crash dialog."""

from __future__ import annotations

import argparse
import errno
import sqlite3
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox
from sqlalchemy.exc import OperationalError

from policeroom import app as app_module
from policeroom.app import Loader, Session, database_url
from policeroom.errors import StorageFailed
from policeroom.ui import errors
from policeroom.ui.missing_db import CANCEL, CREATE, PICK, choose_database


def _answer(monkeypatch, *choices: str) -> list[str]:  # noqa: ANN001
    """Each message box clicks the next of ``choices`` (by button text); returns the texts shown."""
    shown: list[str] = []
    todo = list(choices)

    def exec_(box: QMessageBox) -> int:
        shown.append(box.text())
        assert {b.text() for b in box.buttons()} == {CREATE, PICK, CANCEL}
        choice = todo.pop(0)
        next(b for b in box.buttons() if b.text() == choice).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return shown


def test_create_here(tmp_path: Path, qapp, monkeypatch) -> None:  # noqa: ANN001
    path = tmp_path / "typo.db"
    shown = _answer(monkeypatch, CREATE)
    assert choose_database(path) == path
    assert f"数据库文件不存在：\n{path}" in shown[0]


def test_pick_another_file_then_cancel_the_picker(tmp_path: Path, qapp, monkeypatch) -> None:  # noqa: ANN001
    other = tmp_path / "real.db"
    other.touch()
    picks = iter([("", ""), (str(other), "")])
    asked: list[str] = []

    def pick(parent, caption, folder, filter_):  # noqa: ANN001, ANN202
        asked.append(folder)
        return next(picks)

    monkeypatch.setattr(QFileDialog, "getOpenFileName", pick)
    _answer(monkeypatch, PICK, PICK)  # the first pick is cancelled: the question comes again
    assert choose_database(tmp_path / "missing" / "typo.db") == other
    assert asked == [str(tmp_path)] * 2  # opens in the nearest folder that exists


def test_cancel(tmp_path: Path, qapp, monkeypatch) -> None:  # noqa: ANN001
    _answer(monkeypatch, CANCEL)
    assert choose_database(tmp_path / "typo.db") is None


def test_only_a_chosen_missing_file_is_asked_about(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.delenv("POLICEROOM_DATABASE_URL", raising=False)
    asked: list[Path] = []

    def ask(path: Path) -> Path | None:
        asked.append(path)
        return None

    default = tmp_path / "data" / "policeroom.db"
    monkeypatch.setattr("policeroom.config.default_db_path", lambda: default)
    assert database_url(argparse.Namespace(db=None), ask) == "sqlite:///" + str(default)  # first run: silent
    existing = tmp_path / "here.db"
    existing.touch()
    assert database_url(argparse.Namespace(db=str(existing)), ask) == "sqlite:///" + str(existing)
    assert asked == []
    assert database_url(argparse.Namespace(db=str(tmp_path / "typo.db")), ask) is None
    monkeypatch.setenv("POLICEROOM_DATABASE_URL", str(tmp_path / "env-typo.db"))
    assert database_url(argparse.Namespace(db=None), ask) is None
    assert asked == [tmp_path / "typo.db", tmp_path / "env-typo.db"]


def _quiet_run_app(monkeypatch, tmp_path: Path) -> None:  # noqa: ANN001
    """run_app without the process-wide pieces a test must not install (excepthook, theme, fonts)."""
    monkeypatch.setenv("POLICEROOM_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.delenv("POLICEROOM_DATABASE_URL", raising=False)
    monkeypatch.setattr("policeroom.ui.errors.install_error_handlers", lambda log_file: None)
    monkeypatch.setattr("policeroom.ui.theme.apply_theme", lambda *a, **k: None)
    monkeypatch.setattr("policeroom.ui.theme.setup_fonts", lambda app: None)


def test_window_cancelled_on_missing_file_creates_nothing(tmp_path: Path, qapp, monkeypatch) -> None:  # noqa: ANN001
    _quiet_run_app(monkeypatch, tmp_path)
    _answer(monkeypatch, CANCEL)
    folder = tmp_path / "typo"
    assert app_module.run_app(argparse.Namespace(db=str(folder / "policeroom.db"), demo=False)) == 0
    assert not folder.exists()


def test_window_creates_when_told(tmp_path: Path, qapp, monkeypatch) -> None:  # noqa: ANN001
    _quiet_run_app(monkeypatch, tmp_path)
    _answer(monkeypatch, CREATE)
    opened: list[Path | None] = []

    class FakeSession:
        def __init__(self, app, loader, prefs, theme, *, demo: bool, path: Path | None) -> None:  # noqa: ANN001
            opened.append(path)

        def run(self) -> int:
            return 0

    monkeypatch.setattr(app_module, "Session", FakeSession)
    path = tmp_path / "new.db"
    assert app_module.run_app(argparse.Namespace(db=str(path), demo=False)) == 0
    assert opened == [path]


def test_window_full_disk_for_the_log(tmp_path: Path, qapp, monkeypatch) -> None:  # noqa: ANN001
    _quiet_run_app(monkeypatch, tmp_path)
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *a: shown.append((title, text)))

    def full() -> Path:
        raise StorageFailed("无法创建日志文件 /x/policeroom.log（磁盘空间已满）。已经保存的数据没有丢失。")

    monkeypatch.setattr("policeroom.logsetup.setup_logging", full)
    assert app_module.run_app(argparse.Namespace(db=None, demo=False)) == 2
    assert shown == [("无法启动", "无法创建日志文件 /x/policeroom.log（磁盘空间已满）。已经保存的数据没有丢失。")]


def test_window_says_why_postgres_cannot_be_reached(qapp, monkeypatch) -> None:  # noqa: ANN001
    pytest.importorskip("psycopg")
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *a: shown.append((title, text)))
    loader = Loader(lambda: "postgresql+psycopg://u:p@127.0.0.1:1/db?connect_timeout=5")
    session = Session(qapp, loader, None, lambda dark: None, demo=False, path=None)
    assert session.run() == 2
    assert shown == [("无法打开数据库", "无法连接数据库服务器 127.0.0.1:1：连接被拒绝，数据库服务器可能没有启动，或端口不对。")]


def _hook_shows(exc: BaseException, tmp_path: Path, monkeypatch) -> tuple[str, str]:  # noqa: ANN001
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append((self.windowTitle(), self.text())) or 0)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    errors.install_error_handlers(tmp_path / "policeroom.log")
    try:
        raise exc
    except BaseException:  # noqa: BLE001
        sys.excepthook(*sys.exc_info())
    return shown[0]


@pytest.mark.parametrize(
    ("exc", "reason"),
    [
        (OperationalError("COMMIT", {}, sqlite3.OperationalError("database or disk is full")), "磁盘空间已满"),
        (OperationalError("COMMIT", {}, sqlite3.OperationalError("disk I/O error")), "磁盘读写出错"),
        (OSError(errno.ENOSPC, "No space left on device"), "磁盘空间已满"),
    ],
)
def test_failed_save_is_not_the_generic_crash(exc: BaseException, reason: str, tmp_path: Path, qapp, monkeypatch) -> None:  # noqa: ANN001, E501
    title, text = _hook_shows(exc, tmp_path, monkeypatch)
    assert title == "保存失败"
    assert text.startswith(f"刚才的操作没有保存成功（{reason}）") and "已经保存的数据没有丢失" in text
    assert "意外错误" not in text and str(tmp_path / "policeroom.log") in text


def test_database_problem_after_start_is_said_plainly(tmp_path: Path, qapp, monkeypatch) -> None:  # noqa: ANN001
    title, text = _hook_shows(StorageFailed("无法升级数据库（磁盘空间已满）。"), tmp_path, monkeypatch)
    assert "无法升级数据库（磁盘空间已满）。" in text and "意外错误" not in text


def test_demo_on_a_full_disk_is_said_plainly(tmp_path: Path, qapp, monkeypatch) -> None:  # noqa: ANN001
    _quiet_run_app(monkeypatch, tmp_path)
    template = tmp_path / "demo.db"
    template.touch()
    monkeypatch.setattr(app_module, "demo_template", lambda: template)
    monkeypatch.setattr("shutil.copy", lambda *a, **k: (_ for _ in ()).throw(OSError(errno.ENOSPC, "full")))
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *a: shown.append((title, text)))
    assert app_module.run_app(argparse.Namespace(db=None, demo=True)) == 2
    assert shown[0][0] == "无法启动"
    assert shown[0][1].startswith("无法复制演示数据库到临时文件夹（磁盘空间已满）。")
