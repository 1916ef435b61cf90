"""Logging: one rotating file in the platformdirs log folder (no personal data, no passwords)."""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

from policeroom import APP_NAME

_done: list[Path] = []


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
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(level)
    _done.append(path)
    return path
