"""SQLCipher connections: the engine's creator, the encrypted file's check and its checked copy.

SQLCipher 4 (AES-256 in CBC with an HMAC per page, via the ``sqlcipher3`` wheels, FTS5 included) encrypts
every page of the file and of its -wal. The raw 32-byte key is given as ``x'…'`` so SQLCipher skips its
own key derivation (ours is in the slots): opening costs no more than a plain file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

PLAIN_HEADER = b"SQLite format 3\x00"
#: SQLite's page cache of an engine connection, in KiB (negative: KiB, SQLite's default is 2 MiB). Every
#: page read from the OS cache must be decrypted again; a larger cache keeps the decrypted pages of the
#: lists and indexes a desk uses (benchmarks/encrypted_vs_plain.py measures it).
CACHE_KIB = 32 * 1024


def dbapi() -> Any:
    """The DB-API module of SQLCipher (a drop-in for ``sqlite3``)."""
    from sqlcipher3 import dbapi2

    return dbapi2


def key_pragma(key: bytes) -> str:
    return f"PRAGMA key = \"x'{key.hex()}'\""


def connect(path: Path | str, key: bytes, **kwargs: Any) -> Any:
    """A SQLCipher connection to ``path`` with ``key`` applied (the first statement on it)."""
    con = dbapi().connect(str(path), **kwargs)
    con.execute(key_pragma(key))
    return con


def is_plain(path: Path) -> bool:
    """True for an unencrypted SQLite file (its header is readable); False for an encrypted, empty or
    missing one."""
    try:
        with open(path, "rb") as fh:
            return fh.read(16) == PLAIN_HEADER
    except OSError:
        return False


def is_encrypted(path: Path) -> bool:
    """True for a file with content that is not plain SQLite (SQLCipher's header is random)."""
    try:
        return path.stat().st_size > 0 and not is_plain(path)
    except OSError:
        return False


def creator(path: Path, key: bytes, **kwargs: Any) -> Any:
    """For ``create_engine(..., creator=...)``: every new pooled connection is keyed first."""

    def connect_keyed() -> Any:
        con = connect(path, key, **kwargs)
        con.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        return con

    return connect_keyed


def key_opens(path: Path, key: bytes) -> bool:
    """True when ``key`` decrypts ``path`` (its first page reads)."""
    try:
        con = connect(path, key)
        try:
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            con.close()
    except dbapi().DatabaseError:
        return False
    return True
