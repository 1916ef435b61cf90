"""Issue 13: no personal data (bound parameters) and no SQL in the log file or in an error dialog."""

from __future__ import annotations

import logging
import os
import stat
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from policeroom import logsetup
from policeroom.db import Database
from policeroom.ui import errors

ID_NUMBER = "11010519491231002X"
SQL_WORDS = ("INSERT", "SELECT", "[SQL:", "[parameters:", "VALUES")
# Statements kept off the lines a traceback quotes (the test's own source is not what is checked).
_CREATE = text("CREATE TABLE IF NOT EXISTS probe (id_number TEXT UNIQUE)")
_ADD = text("INSERT INTO probe (id_number) VALUES (:n)")


def _fail_with_id_number(db: Database) -> None:
    with db.engine.begin() as conn:
        conn.execute(_CREATE)
        for _ in range(2):
            conn.execute(_ADD, {"n": ID_NUMBER})


def test_database_error_leaves_no_id_number_or_sql_in_log_or_dialog(db: Database, tmp_path: Path, qapp, monkeypatch) -> None:  # noqa: ANN001, E501
    log_file = tmp_path / "logs" / "policeroom.log"
    log_file.parent.mkdir()
    handler = logsetup.PrivateRotatingFileHandler(log_file, maxBytes=100_000, backupCount=1, encoding="utf-8")
    handler.setFormatter(logsetup.ScrubbingFormatter("%(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self.text() + "\n" + self.detailedText()) or 0)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    errors.install_error_handlers(log_file)
    try:
        with pytest.raises(IntegrityError) as caught:
            _fail_with_id_number(db)
        assert ID_NUMBER not in str(caught.value)  # hide_parameters: not even in the exception's text
        logging.getLogger("policeroom.test").exception("save failed: %s", caught.value)
        try:
            raise caught.value
        except IntegrityError:
            sys.excepthook(*sys.exc_info())
    finally:
        root.removeHandler(handler)
        handler.close()
    logged = log_file.read_text(encoding="utf-8")
    assert "UNIQUE constraint failed" in logged and shown  # the error itself is still said
    for where in (logged, shown[0]):
        assert ID_NUMBER not in where
        for word in SQL_WORDS:
            assert word not in where, (word, where)
    if os.name == "posix":
        assert stat.S_IMODE(log_file.stat().st_mode) == 0o600


def test_scrub_removes_statement_and_parameters() -> None:
    msg = (
        "(sqlite3.IntegrityError) UNIQUE constraint failed: residents.id_number\n"
        "[SQL: INSERT INTO residents (name, id_number)\nVALUES (?, ?)]\n"
        f"[parameters: ('张三', '{ID_NUMBER}')]\n(Background on this error at: https://sqlalche.me/e/20/gkpj)\n"
        "\nThe above exception was the direct cause of the following exception:\n"
    )
    clean = logsetup.scrub(msg)
    assert ID_NUMBER not in clean and "INSERT" not in clean and "张三" not in clean
    assert "UNIQUE constraint failed" in clean and "direct cause" in clean
