"""Logging: one rotating file in the platformdirs log folder (no personal data, no passwords)."""

from __future__ import annotations

import logging
import logging.handlers
import os
import re
from pathlib import Path

from policeroom import APP_NAME

_done: list[Path] = []

# SQLAlchemy appends the statement and its parameters to an error's text; both may carry personal data.
_SQL_PARTS = re.compile(r"\n?\[(?:SQL|parameters): .*?(?=\n\(Background on this error|\n\[parameters: |\Z)", re.S)
_BACKGROUND = re.compile(r"\n?\(Background on this error at: [^)]*\)")


def scrub(text: str) -> str:
    """``text`` without SQL statements and bound parameters (an exception's text, a traceback, a log line)."""
    return _BACKGROUND.sub("", _SQL_PARTS.sub("", text))


class ScrubbingFormatter(logging.Formatter):
    """Formats a log record, then removes any SQL statement or parameters from it (tracebacks included)."""

    def format(self, record: logging.LogRecord) -> str:
        return scrub(super().format(record))


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log whose files only their owner can read (0600 on POSIX)."""

    def _open(self):  # type: ignore[no-untyped-def]
        from policeroom.services.core.files import create_private

        create_private(Path(self.baseFilename))
        return super()._open()


def log_dir() -> Path:
    from platformdirs import user_log_dir

    return Path(os.environ.get("POLICEROOM_LOG_DIR") or user_log_dir(APP_NAME, appauthor=False))


def setup_logging(level: int = logging.INFO) -> Path:
    """Configure the root logger once; returns the log file path.

    Raises:
        StorageFailed: the log folder or file cannot be written (disk full, read-only, no permission).
    """
    if _done:
        return _done[0]
    from policeroom.dberrors import storage_step

    folder = log_dir()
    path = folder / "policeroom.log"
    with storage_step(f"创建日志文件 {path}"):  # StorageFailed: a full disk, said in Chinese
        folder.mkdir(parents=True, exist_ok=True)
        handler = PrivateRotatingFileHandler(path, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(ScrubbingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(level)
    _done.append(path)
    return path
