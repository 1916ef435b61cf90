"""The history's chain (修改记录链): each entry carries the previous entry's hash and its own.

An entry's hash is SHA-256 over a canonical JSON of its number, time, actor, table, record, action,
title and field changes, plus the previous entry's hash. Editing, deleting or reordering entries in
the file therefore breaks the chain at the first touched entry; deleting the newest entries shows
against the chain head (``audit_chain`` row 1), which every append moves forward in the same
transaction.

Appending takes the head under the write lock: SQLite's write transaction is exclusive (we touch the
head row first, so the lock is held before the head is read); on PostgreSQL the head row is read
``SELECT … FOR UPDATE``, so two desks writing at once queue instead of forking the chain.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update

from policeroom.models import AuditChainState, AuditEntry, Base

GENESIS = "0" * 64
HEAD_ID = 1
_ENTRY = AuditEntry.__table__
_HEAD = AuditChainState.__table__


def _at_text(at: Any) -> str:
    return at.isoformat(sep=" ") if isinstance(at, datetime) else str(at)


def entry_hash(row: Any, prev_hash: str) -> str:
    """The hash of one entry (a mapping or a row with the audit_entry columns)."""
    get = row.get if isinstance(row, dict) else (lambda k: getattr(row, k))
    canonical = {
        "id": get("id"),
        "at": _at_text(get("at")),
        "account_id": get("account_id"),
        "actor": get("actor"),
        "action": get("action"),
        "entity": get("entity"),
        "entity_id": get("entity_id"),
        "title": get("title") or "",
        "changes": get("changes") or "{}",
        "prev": prev_hash,
    }
    text = json.dumps(canonical, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _lock_head(conn: Connection) -> tuple[int, str]:
    if conn.dialect.name == "sqlite":  # take the write lock before reading the head
        conn.execute(update(_HEAD).where(_HEAD.c.id == HEAD_ID).values(last_id=_HEAD.c.last_id))
    head = conn.execute(
        select(_HEAD.c.last_id, _HEAD.c.last_hash).where(_HEAD.c.id == HEAD_ID).with_for_update()
    ).first()
    if head is None:  # a database made without the migrations' head row
        conn.execute(insert(_HEAD).values(id=HEAD_ID, last_id=0, last_hash=GENESIS, verified_id=0,
                                          verified_hash=GENESIS))
        return 0, GENESIS
    return head.last_id, head.last_hash or GENESIS


def append(conn: Connection, rows: Iterable[dict[str, Any]]) -> None:
    """Insert history entries at the end of the chain, inside the caller's transaction."""
    rows = [dict(r) for r in rows]
    if not rows:
        return
    last_id, prev = _lock_head(conn)
    for row in rows:
        last_id += 1
        row["id"] = last_id
        row.setdefault("title", "")
        row.setdefault("changes", "{}")
        row["prev_hash"] = prev
        row["hash"] = prev = entry_hash(row, prev)
    conn.execute(insert(_ENTRY), rows)
    conn.execute(update(_HEAD).where(_HEAD.c.id == HEAD_ID).values(last_id=last_id, last_hash=prev))


@dataclass(frozen=True)
class ChainBreak:
    """Where the chain first breaks: the entry's number, time and table (None when it is missing)."""

    entry_id: int
    at: datetime | None
    table: str
    reason: str

    @property
    def message(self) -> str:
        when = _at_text(self.at)[:19] if self.at is not None else "时间不明"
        return f"修改记录第 {self.entry_id} 条（{when}，{table_label(self.table)}）{self.reason}"


@dataclass(frozen=True)
class ChainReport:
    checked: int
    last_id: int
    last_hash: str
    broken: ChainBreak | None
    #: False when a ``limit`` stopped the check before the end (call again from ``last_id``)
    complete: bool = True
    #: the chain head's entry number (how far there is to go)
    head_id: int = 0

    @property
    def ok(self) -> bool:
        return self.broken is None


def table_label(table: str) -> str:
    for mapper in Base.registry.mappers:
        if mapper.local_table is not None and mapper.local_table.name == table:
            return getattr(mapper.class_, "__label__", "") or table
    return table or "未知表"


def verify(conn: Connection, after_id: int = 0, after_hash: str = GENESIS, limit: int | None = None) -> ChainReport:
    """Check the entries after ``after_id`` (whose hash was ``after_hash``) and the chain head.

    With ``limit``, at most that many entries are checked; the report says whether it got to the end.
    """
    prev, last_id, checked = after_hash, after_id, 0
    if after_id:
        anchor = conn.execute(select(_ENTRY).where(_ENTRY.c.id == after_id)).first()
        if anchor is None or anchor.hash != after_hash or entry_hash(anchor, anchor.prev_hash) != after_hash:
            return ChainReport(0, after_id, after_hash, ChainBreak(
                after_id, anchor.at if anchor else None, anchor.entity if anchor else "",
                "已被改动或删除（与上次核验时不同）"))
    query = select(_ENTRY).where(_ENTRY.c.id > after_id).order_by(_ENTRY.c.id)
    rows = conn.execute(query if limit is None else query.limit(limit))
    for row in rows:
        if row.prev_hash != prev:
            reason = "与前一条记录接不上（其前的记录被删除、调换或改动）"
            return ChainReport(checked, last_id, prev, ChainBreak(row.id, row.at, row.entity, reason))
        if entry_hash(row, prev) != row.hash:
            return ChainReport(checked, last_id, prev, ChainBreak(row.id, row.at, row.entity, "内容已被改动"))
        prev, last_id, checked = row.hash, row.id, checked + 1
    head = conn.execute(select(_HEAD).where(_HEAD.c.id == HEAD_ID)).first()
    head_id = head.last_id if head is not None else last_id
    if limit is not None and checked == limit:  # more may follow: the head is checked at the end
        return ChainReport(checked, last_id, prev, None, complete=False, head_id=head_id)
    if head is not None and (head.last_id != last_id or (head.last_hash or GENESIS) != prev):
        if head.last_id > last_id:
            reason = f"之后的记录（到第 {head.last_id} 条）已被删除"
        else:
            reason = "之后的记录与链头不符"
        return ChainReport(checked, last_id, prev, ChainBreak(last_id, None, "", reason), head_id=head_id)
    return ChainReport(checked, last_id, prev, None, head_id=head_id)


def verify_full(conn: Connection) -> ChainReport:
    """Check the whole chain from the first entry."""
    return verify(conn)


def verify_since_last(conn: Connection, limit: int | None = None) -> ChainReport:
    """Start-up check: from the last verified entry on; remembers how far it got when intact.

    With ``limit`` it checks one chunk: call again until the report is ``complete`` (the first check
    after an upgrade may have millions of entries to go through; the window stays responsive).
    """
    head = conn.execute(select(_HEAD).where(_HEAD.c.id == HEAD_ID)).first()
    after_id, after_hash = (head.verified_id, head.verified_hash or GENESIS) if head is not None else (0, GENESIS)
    report = verify(conn, after_id, after_hash, limit)
    if report.ok and head is not None and report.last_id != after_id:
        conn.execute(update(_HEAD).where(_HEAD.c.id == HEAD_ID)
                     .values(verified_id=report.last_id, verified_hash=report.last_hash))
    return report
