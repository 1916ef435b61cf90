"""What the first window needs, read with the standard library only, before SQLAlchemy loads.

Importing SQLAlchemy costs ~0.4 s, more than a bare Qt window takes to appear. So start-up shows the
first window from this peek, and opens the database properly on the next event-loop turn.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Peek:
    """``first_run`` is None when the file cannot tell (new, old schema, or not SQLite)."""

    first_run: bool | None
    room_name: str


def peek(path: Path | None) -> Peek:
    if path is None or not path.exists():
        return Peek(None, "")
    keys = _peek_keys(path)
    if keys is not None:
        return keys
    try:
        con = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True, timeout=1)
        try:
            accounts = con.execute("SELECT count(*) FROM account").fetchone()[0]
            row = con.execute("SELECT value FROM setting WHERE key = 'room.room_name'").fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return Peek(None, "")
    return Peek(first_run=accounts == 0, room_name=row[0] if row else "")


def _peek_keys(path: Path) -> Peek | None:
    """An encrypted file tells nothing itself: its key file beside it holds the room's name and whether
    set-up is done (None for a plain file, or when the key file cannot tell)."""
    import json

    try:
        with open(path, "rb") as fh:
            if fh.read(16) == b"SQLite format 3\x00":
                return None  # plain: a key file beside it is left from an unfinished encryption
        data = json.loads(Path(f"{path}.keys").read_text(encoding="utf-8"))
        accounts = any(s.get("kind") == "account" for s in data.get("slots", []))
        return Peek(first_run=not (data.get("set_up") or accounts), room_name=str(data.get("room_name", "")))
    except (OSError, ValueError, AttributeError):
        return None
