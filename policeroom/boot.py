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
