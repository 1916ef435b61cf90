"""Issue 13: a failed daily backup is shown in the window (not only logged); no daily backup of the demo;
the backups kept are a checked setting in 设置 › 备份与恢复; the first chain check runs in steps."""

from __future__ import annotations

import errno
import shutil
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from policeroom import backups
from policeroom.app import Loader, daily_backup_at_start
from policeroom.db import Database
from policeroom.services.core.settings import KEEP_DAILY_KEY, KEEP_MONTHLY_KEY
from policeroom.services.people.residents import ResidentInput
from policeroom.services.registry import Services
from policeroom.ui.main_window import MainWindow
from policeroom.ui.prefs import Preferences


def _window(officer: Services, db: Database | None, tmp_path: Path, qtbot) -> MainWindow:  # noqa: ANN001
    win = MainWindow(Preferences(QSettings(str(tmp_path / "p.ini"), QSettings.Format.IniFormat)))
    qtbot.addWidget(win)
    win.attach(officer, db)
    return win


def _disk_full(*_a, **_k):  # noqa: ANN002, ANN003, ANN202
    raise OSError(errno.ENOSPC, "No space left on device")


def test_failed_daily_backup_is_said_in_chinese(officer: Services, db: Database, monkeypatch) -> None:
    monkeypatch.setattr(backups, "copy_checked", _disk_full)
    said: list[str] = []
    assert daily_backup_at_start(db, officer, said.append) is None
    assert len(said) == 1 and "今天的自动备份没有完成" in said[0] and "磁盘" in said[0]
    assert "立即备份数据库" in said[0] and "Errno" not in said[0]


def test_window_shows_the_failed_backup(officer: Services, db: Database, tmp_path: Path, qtbot) -> None:  # noqa: ANN001
    win = _window(officer, db, tmp_path, qtbot)
    win.show()
    win.show_backup_failed("今天的自动备份没有完成：磁盘空间已满。")
    assert win.backup_bar is not None and win.backup_bar.isVisible()
    assert "磁盘空间已满" in win.backup_bar.label.text()
    win.backup_bar.dismiss.click()
    assert not win.backup_bar.isVisible()


def test_loader_keeps_the_problem_for_the_window(db: Database, tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "copy.db"
    db.close()
    shutil.copy(db.path, path)
    monkeypatch.setattr(backups, "copy_checked", _disk_full)
    loader = Loader(lambda: "sqlite:///" + str(path))
    try:
        loader.get()
        assert loader.backup_problem is not None and "磁盘" in loader.backup_problem
    finally:
        loader.close()


def test_no_daily_backup_of_the_demo(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "demo" / "demo.db"
    path.parent.mkdir()
    db.close()
    shutil.copy(db.path, path)
    loader = Loader(lambda: "sqlite:///" + str(path), demo=True)
    try:
        loader.get()
    finally:
        loader.close()
    assert not (path.parent / "backups").exists()
    plain = Loader(lambda: "sqlite:///" + str(path))
    try:
        plain.get()
    finally:
        plain.close()
    assert list((path.parent / "backups").glob("*-daily.db"))  # a real database does get one


def test_retention_form_in_backup_tab(officer: Services, db: Database, tmp_path: Path, qtbot) -> None:  # noqa: ANN001
    win = _window(officer, db, tmp_path, qtbot)
    page = win.show_module("settings")
    form = page.retention
    assert page.tabs.tabText(page.tabs.indexOf(form.parentWidget())) == "备份与恢复"
    assert form.edits[KEEP_DAILY_KEY].text() == "30" and form.edits[KEEP_MONTHLY_KEY].text() == "12"
    form.edits[KEEP_DAILY_KEY].setText("0")
    form.edits[KEEP_MONTHLY_KEY].setText("abc")
    assert not form.save()
    assert "1至365" in form.errors.labels[KEEP_DAILY_KEY].text()
    assert "1至120" in form.errors.labels[KEEP_MONTHLY_KEY].text()
    form.edits[KEEP_DAILY_KEY].setText("7")
    form.edits[KEEP_MONTHLY_KEY].setText("3")
    assert form.save()
    assert backups.retention(officer.settings.get_value) == (7, 3)


# -- the first chain check after an upgrade, in steps -----------------------------------------------


def _forget_verified(db: Database) -> int:
    con = sqlite3.connect(db.path)
    con.execute("UPDATE audit_chain SET verified_id = 0, verified_hash = ?", ("0" * 64,))
    con.commit()
    head = con.execute("SELECT last_id FROM audit_chain").fetchone()[0]
    con.close()
    return head


def test_first_check_runs_in_steps_with_progress(officer: Services, db: Database, tmp_path: Path, qtbot) -> None:  # noqa: ANN001
    for i in range(12):
        officer.residents.create(ResidentInput(name=f"张{'一二三四五六七八九十'[i % 10]}{i}"))
    head = _forget_verified(db)
    win = _window(officer, db, tmp_path, qtbot)
    win.chain_step = 4
    win.check_history()  # one step only: the call returns at once
    assert win.statusBar().currentMessage().startswith("正在核验修改记录")
    assert f"共 {head} 条" in win.statusBar().currentMessage()
    qtbot.waitUntil(lambda: win.statusBar().currentMessage() == "", timeout=5000)
    assert win.chain_banner is None
    con = sqlite3.connect(db.path)
    assert con.execute("SELECT verified_id FROM audit_chain").fetchone()[0] == head
    con.close()


def test_break_found_in_a_later_step(officer: Services, db: Database, tmp_path: Path, qtbot) -> None:  # noqa: ANN001
    for i in range(12):
        officer.residents.create(ResidentInput(name=f"李{'一二三四五六七八九十'[i % 10]}{i}"))
    head = _forget_verified(db)
    con = sqlite3.connect(db.path)
    con.execute("UPDATE audit_entry SET actor = '别人' WHERE id = ?", (head - 1,))
    con.commit()
    con.close()
    win = _window(officer, db, tmp_path, qtbot)
    win.show()
    win.chain_step = 4
    win.check_history()
    assert win.chain_banner is None  # not reached yet
    qtbot.waitUntil(lambda: win.chain_banner is not None, timeout=5000)
    assert f"第 {head - 1} 条" in win.chain_banner.text()


@pytest.mark.parametrize("limit", [1, 3, 1000])
def test_verify_in_chunks_equals_verify_at_once(officer: Services, db: Database, limit: int) -> None:
    from sqlalchemy import create_engine

    from policeroom.services.core import auditchain

    for i in range(5):
        officer.residents.create(ResidentInput(name=f"王{'一二三四五'[i]}"))
    _forget_verified(db)
    steps = 0
    while True:
        report = officer.check_history_step(limit)
        steps += 1
        assert report.ok
        if report.complete:
            break
    engine = create_engine("sqlite:///" + str(db.path))
    with engine.connect() as conn:
        whole = auditchain.verify_full(conn)
    engine.dispose()
    assert report.last_id == whole.last_id == report.head_id
    assert steps >= (whole.checked // limit)
