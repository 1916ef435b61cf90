"""An exclusive lock beside a SQLite file, so a second program never writes the same database.

The lock is an OS file lock (released by the OS even if the holder crashes, so it never goes stale)
on ``<database>.lock``; the file's text says who holds it, for a clear message to the second program.

However the file is reached, it is one database: the lock file sits beside the file's real path
(symlinks resolved), and a second lock is keyed by the file's identity (st_dev, st_ino), so a hard
link under another name meets the same lock. The database file itself is never opened here (closing
a descriptor would drop SQLite's own POSIX locks held by this process).
"""

from __future__ import annotations

import getpass
import json
import logging
import os
import socket
import sys
from datetime import datetime
from pathlib import Path
from typing import IO

from policeroom.errors import DatabaseInUse

log = logging.getLogger(__name__)


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


def _take(path: Path) -> IO[str] | str:
    """The locked, open file; or the holder's text when another program holds it."""
    # Open without truncating: the holder's text must survive our failed attempt.
    fh = open(path, "a+", encoding="utf-8")  # noqa: SIM115 - kept open while locked
    if _try_lock(fh):
        return fh
    fh.seek(0)
    holder = fh.read()
    fh.close()
    return holder


class DatabaseLock:
    """Holds ``<db>.lock`` for the life of the program (or until :meth:`release`)."""

    def __init__(self, db_path: Path, program: str = "policeroom") -> None:
        self.db_path = Path(os.path.realpath(db_path))  # a symlink and its target: one lock file
        self.path = Path(str(self.db_path) + ".lock")
        self.program = program
        self._fh: IO[str] | None = None
        self._id_fh: IO[str] | None = None

    def acquire(self) -> None:
        """Take the lock or raise :class:`DatabaseInUse` naming the holder."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        info = json.dumps(
            {
                "program": self.program,
                "pid": os.getpid(),
                "user": _user(),
                "host": socket.gethostname(),
                # real time, not the clock: another desk reads when this process really opened the file
                "since": datetime.now().strftime("%Y-%m-%d %H:%M:%S"),
            },
            ensure_ascii=False,
        )
        fh = _take(self.path)
        if isinstance(fh, str):
            raise DatabaseInUse(self.describe_holder(fh))
        try:
            id_fh = _take(self.identity_path()) if self.db_path.exists() else None
        except OSError as e:  # no writable cache folder: the lock beside the file still holds
            log.warning("identity lock not taken (%s): hard links are not guarded", e.strerror)
            id_fh = None
        except BaseException:
            fh.close()
            raise
        if isinstance(id_fh, str):
            fh.close()
            raise DatabaseInUse(self.describe_holder(id_fh))
        for held in (fh, id_fh):
            if held is not None:
                held.seek(0)
                held.truncate()
                held.write(info)
                held.flush()
        self._fh, self._id_fh = fh, id_fh

    def identity_path(self) -> Path:
        """``<cache>/locks/<st_dev>-<st_ino>.lock``: every name of the file, hard links too, meets it.
        (The database is readable by its owner only, so a per-user folder is enough.)"""
        st = os.stat(self.db_path)
        from platformdirs import user_cache_dir

        from policeroom import APP_NAME

        folder = Path(os.environ.get("POLICEROOM_LOCK_DIR") or user_cache_dir(APP_NAME, appauthor=False)) / "locks"
        folder.mkdir(parents=True, exist_ok=True)
        return folder / f"{st.st_dev}-{st.st_ino}.lock"

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
        for name in ("_id_fh", "_fh"):
            fh = getattr(self, name)
            if fh is not None:
                try:
                    fh.seek(0)
                    fh.truncate()
                finally:
                    fh.close()
                    setattr(self, name, None)

    @property
    def held(self) -> bool:
        return self._fh is not None


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name is not worth failing over
        return "?"
