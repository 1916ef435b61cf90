"""An exclusive lock beside a SQLite file, so a second program never writes the same database.

The lock is an OS file lock (released by the OS even if the holder crashes, so it never goes stale)
on ``<database>.lock``; the file's text says who holds it, for a clear message to the second program.
"""

from __future__ import annotations

import getpass
import json
import os
import socket
import sys
from datetime import datetime
from pathlib import Path
from typing import IO

from policeroom.errors import DatabaseInUse


def _try_lock(fh: IO[str]) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            # Lock a byte past the holder's text so others can still read who holds it.
            fh.seek(4096)
            msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
    import fcntl

    try:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False


class DatabaseLock:
    """Holds ``<db>.lock`` for the life of the program (or until :meth:`release`)."""

    def __init__(self, db_path: Path, program: str = "policeroom") -> None:
        self.path = Path(str(db_path) + ".lock")
        self.program = program
        self._fh: IO[str] | None = None

    def acquire(self) -> None:
        """Take the lock or raise :class:`DatabaseInUse` naming the holder."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # Open without truncating: the holder's text must survive our failed attempt.
        fh = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - kept open while locked
        if not _try_lock(fh):
            fh.seek(0)
            holder = fh.read()
            fh.close()
            raise DatabaseInUse(self.describe_holder(holder))
        fh.seek(0)
        fh.truncate()
        info = {
            "program": self.program,
            "pid": os.getpid(),
            "user": _user(),
            "host": socket.gethostname(),
            # real time, not the clock: another desk reads when this process really opened the file
            "since": datetime.now().strftime("%Y-%m-%d %H:%M:%S"),
        }
        fh.write(json.dumps(info, ensure_ascii=False))
        fh.flush()
        self._fh = fh

    def describe_holder(self, text: str) -> str:
        """A plain-Chinese sentence saying which program holds the database."""
        try:
            info = json.loads(text or "{}")
        except ValueError:
            info = {}
        if not info:
            return f"数据库文件正被另一个程序使用（锁文件：{self.path}）。请先关闭该程序再打开。"
        return (
            f"数据库正被另一个程序使用：{info.get('program', '未知程序')}"
            f"（进程号 {info.get('pid', '?')}，用户 {info.get('user', '?')}，"
            f"计算机 {info.get('host', '?')}，自 {info.get('since', '?')} 起）。"
            "为防止数据损坏，请先关闭该程序，或在那台电脑上退出后再打开。"
        )

    def release(self) -> None:
        if self._fh is not None:
            try:
                self._fh.seek(0)
                self._fh.truncate()
            finally:
                self._fh.close()
                self._fh = None

    @property
    def held(self) -> bool:
        return self._fh is not None


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name is not worth failing over
        return "?"
