"""What every command shares: printing a message, saving a file with a Chinese reason, parsing a date."""

from __future__ import annotations

import errno
import sys
from datetime import date
from pathlib import Path

from policeroom.services.core.files import atomic_write


def out(msg: str) -> None:
    print(msg, flush=True)


def fail(msg: str) -> int:
    """Print ``错误：msg`` on stderr; the exit code of a command that could not do its work."""
    print(f"错误：{msg}", file=sys.stderr)
    return 1


def parse_date(text: str | None, option: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"{option} 的日期“{text}”无法识别，请写成 YYYY-MM-DD，例如 2026-01-31。") from None


def save(data: bytes, output: str, message: str) -> int:
    """Write the file; a folder that is missing or read-only is a clear error, not a traceback."""
    path = Path(output).expanduser().resolve()
    try:
        atomic_write(path, data)
    except OSError as e:
        reasons = {errno.ENOENT: "文件夹不存在", errno.EACCES: "没有写入权限", errno.EPERM: "没有写入权限",
                   errno.EISDIR: "这是一个文件夹", errno.EROFS: "磁盘只读", errno.ENOSPC: "磁盘空间不足"}  # fmt: skip
        reason = reasons.get(e.errno or 0, e.strerror or str(e))
        return fail(f"无法写入 {path}（{reason}）。")
    out(f"{message}{path}")
    return 0
