"""Plain-Chinese sentences for what goes wrong below the program: a full disk, a failing disk, a database
server that cannot be reached. Standard library only (the crash dialog imports this at start-up).
"""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from policeroom.errors import DatabaseUnreachable, DomainError, StorageFailed

_OS_REASONS = {
    errno.ENOSPC: "磁盘空间已满",
    errno.EDQUOT: "磁盘配额已用完",
    errno.EIO: "磁盘读写出错",
    errno.EROFS: "磁盘只读",
    errno.EACCES: "没有写入权限",
    errno.EPERM: "没有写入权限",
}
#: SQLite's own words (as sqlite3.OperationalError, usually wrapped by SQLAlchemy) -> our reason.
_SQLITE_REASONS = (
    ("database or disk is full", "磁盘空间已满"),
    ("disk i/o error", "磁盘读写出错"),
    ("attempt to write a readonly database", "数据库文件只读"),
)
_ADVICE = {
    "磁盘空间已满": "请删除不需要的文件、腾出磁盘空间后再试。",
    "磁盘配额已用完": "请删除不需要的文件、腾出磁盘空间后再试。",
    "磁盘读写出错": "磁盘可能有故障，请尽快用“备份”把数据库复制到另一个磁盘，并请维护人员检查。",
}
NOTHING_LOST = "已经保存的数据没有丢失。"


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """The exception, what SQLAlchemy wraps (``.orig``), and its causes."""
    seen: set[int] = set()
    todo: list[BaseException | None] = [exc]
    while todo:
        e = todo.pop(0)
        if e is None or id(e) in seen:
            continue
        seen.add(id(e))
        yield e
        todo.extend([getattr(e, "orig", None), e.__cause__, e.__context__])


def _is_sqlcipher_error(e: BaseException) -> bool:
    """SQLCipher's errors (the encrypted file) are its own classes, named as sqlite3's."""
    return type(e).__module__.startswith("sqlcipher3") and isinstance(e, Exception)


def storage_reason(exc: BaseException) -> str | None:
    """Why a write failed, if the disk is the reason (full, failing, read-only); else None."""
    for e in _chain(exc):
        if isinstance(e, OSError) and e.errno in _OS_REASONS:
            return _OS_REASONS[e.errno]
        if isinstance(e, sqlite3.Error) or _is_sqlcipher_error(e):
            text = str(e).lower()
            for words, reason in _SQLITE_REASONS:
                if words in text:
                    return reason
        if getattr(e, "sqlstate", None) in ("53100",):  # PostgreSQL: disk_full on the server
            return "数据库服务器的磁盘空间已满"
    return None


def storage_failed(what: str, reason: str, *, unchanged: str = "") -> StorageFailed:
    """``what`` failed (e.g. "创建日志文件 /x/policeroom.log") because of ``reason``: one Chinese sentence."""
    advice = _ADVICE.get(reason, "请检查磁盘和文件夹权限后再试。")
    return StorageFailed(f"无法{what}（{reason}）。{unchanged}{NOTHING_LOST}{advice}")


@contextmanager
def storage_step(what: str, *, unchanged: str = "") -> Iterator[None]:
    """Turn a full or failing disk during ``what`` into :class:`StorageFailed` (other errors pass)."""
    try:
        yield
    except DomainError:
        raise
    except Exception as e:
        reason = storage_reason(e)
        if reason is None:
            raise
        raise storage_failed(what, reason, unchanged=unchanged) from e


def save_failed_message(exc: BaseException) -> str | None:
    """The sentence for a save that hit a full or failing disk (the crash dialog uses it), or None."""
    reason = storage_reason(exc)
    if reason is None:
        return None
    advice = _ADVICE.get(reason, "请检查磁盘和文件夹权限后再试。")
    return f"刚才的操作没有保存成功（{reason}），数据库保持原样，{NOTHING_LOST}{advice}"


# PostgreSQL: libpq/psycopg say why a connection failed only in words (sqlstate is None then).
_PG_REASONS = (
    ("no password supplied", "没有提供密码，请在数据库URL中写上密码（postgresql+psycopg://用户名:密码@主机/数据库）"),
    ("password authentication failed", "用户名或密码不对"),
    ("connection refused", "连接被拒绝，数据库服务器可能没有启动，或端口不对"),
    ("does not exist", None),  # database "x" / role "x" does not exist: see _pg_missing
    ("failed to resolve host", "找不到这台主机，请检查主机名"),
    ("could not translate host name", "找不到这台主机，请检查主机名"),
    ("name or service not known", "找不到这台主机，请检查主机名"),
    ("timeout expired", "连接超时，请检查网络和主机名"),
    ("no route to host", "网络不通，请检查网络和主机名"),
    ("network is unreachable", "网络不通，请检查网络和主机名"),
    ("no pg_hba.conf entry", "服务器不允许这台电脑连接（pg_hba.conf）"),
    ("no such file or directory", "本机没有运行数据库服务器"),
    ("server closed the connection unexpectedly", "服务器意外断开了连接"),
)


def _quoted_after(text: str, word: str) -> str:
    """``database "nodb" does not exist`` -> ``nodb``."""
    i = text.find(word)
    rest = text[i + len(word):].strip() if i >= 0 else ""
    return rest[1:].split(rest[0], 1)[0] if rest[:1] in "\"'" and rest else ""


def _pg_missing(text: str) -> str:
    if "database" in text.lower():
        return f"没有名为“{_quoted_after(text, 'database')}”的数据库"
    if "role" in text.lower():
        return f"没有名为“{_quoted_after(text, 'role')}”的用户"
    return "数据库或用户不存在"


def _at(host: str) -> str:
    return f" {host}" if host else ""


def server_unreachable(exc: BaseException, host: str) -> DatabaseUnreachable | None:
    """A PostgreSQL connection failure as one Chinese sentence naming the host, or None if it is not one."""
    for e in _chain(exc):
        if not type(e).__module__.startswith("psycopg"):
            continue
        text = str(e)
        low = text.lower()
        for words, reason in _PG_REASONS:
            if words in low:
                reason = reason or _pg_missing(text)
                return DatabaseUnreachable(f"无法连接数据库服务器{_at(host)}：{reason}。")
        if type(e).__name__ == "OperationalError":
            first = text.strip().splitlines()[0] if text.strip() else type(e).__name__
            return DatabaseUnreachable(f"无法连接数据库服务器{_at(host)}：{first}")
    return None


def missing_database(path: Path) -> str:
    return f"数据库文件不存在：{path}"
