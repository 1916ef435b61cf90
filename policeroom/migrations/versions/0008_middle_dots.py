"""one middle dot in stored names, and the names' pinyin and search keys rebuilt

Names saved before the one normalisation (issue 12) may hold look-alikes of the middle dot of
minority and foreign names (阿依古丽•买买提, 阿依古丽・买买提 …): the program now stores, searches and
compares ``·`` only, so such a name was not found by what people type. This turns every look-alike in
the name columns into ``·``, records each change in the history (the chain goes on), and rebuilds the
pinyin keys of residents, team members and requesters and the requests' search rows wherever they
differ from what the program computes today (names with Extension-B characters such as 王𠮷 had
lost those characters in their keys).

The look-alikes and the history's hash are copied here on purpose: a migration must not change when
the program does. The pinyin and search-row builders are the program's own: the keys must be exactly
what today's search looks for.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05 11:00:00
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from datetime import datetime
from types import SimpleNamespace
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

MIDDLE_DOT = "·"
#: the look-alikes services/core/text.py maps to ``·`` (as of this migration), and a few more
LOOKALIKES = "•・‧･∙⋅●﹒\u0387\u2027\u30fb\uff65\u2219\u22c5"
_DOTS = str.maketrans({c: MIDDLE_DOT for c in LOOKALIKES})
GENESIS = "0" * 64

#: (table, column, its label in the history) of every stored person's name or list of names
NAME_COLUMNS = (
    ("resident", "name", "姓名"),
    ("team_member", "name", "姓名"),
    ("assistance_request", "requester_name", "求助人姓名"),
    ("dispute_party", "name", "姓名"),
    ("case_party", "name", "姓名"),
    ("case_record", "parties_present", "当事人"),
    ("case_visit", "parties", "当事人"),
)
_CHUNK = 500


def _hash(row: dict[str, Any], prev: str) -> str:
    """The history entry's hash, as migration 0007 and services/core/auditchain.py define it."""
    at = row["at"].isoformat(sep=" ") if isinstance(row["at"], datetime) else str(row["at"])
    canonical = {
        "id": row["id"], "at": at, "account_id": row["account_id"], "actor": row["actor"],
        "action": row["action"], "entity": row["entity"], "entity_id": row["entity_id"],
        "title": row["title"] or "", "changes": row["changes"] or "{}", "prev": prev,
    }  # fmt: skip
    text = json.dumps(canonical, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _chunks(items: list[Any]) -> Iterable[list[Any]]:
    for i in range(0, len(items), _CHUNK):
        yield items[i : i + _CHUNK]


def upgrade() -> None:
    conn = op.get_bind()
    history = _normalise_names(conn)
    _record(conn, history)
    _rebuild_person_keys(conn, "resident")
    _rebuild_person_keys(conn, "team_member")
    _rebuild_request_keys(conn)


def _normalise_names(conn: sa.Connection) -> list[dict[str, Any]]:
    """Every look-alike dot in a name column becomes ``·``; returns the history entries to write."""
    entries: list[dict[str, Any]] = []
    for table, column, label in NAME_COLUMNS:
        where = " OR ".join(f"{column} LIKE :d{i}" for i in range(len(LOOKALIKES)))
        params = {f"d{i}": f"%{c}%" for i, c in enumerate(LOOKALIKES)}
        rows = conn.execute(sa.text(f"SELECT id, {column} FROM {table} WHERE {where}"), params).all()
        updates = []
        for ident, old in rows:
            new = old.translate(_DOTS)
            if new != old:
                updates.append({"b_id": ident, "b_value": new})
                entries.append({"entity": table, "entity_id": ident, "title": new[:200],
                                "changes": {column: [old, new]}, "label": label})
        if updates:
            conn.execute(sa.text(f"UPDATE {table} SET {column} = :b_value WHERE id = :b_id"), updates)
    return entries


def _record(conn: sa.Connection, entries: list[dict[str, Any]]) -> None:
    """Append one history entry per changed record (actor 系统) to the chain, moving its head."""
    if not entries:
        return
    from policeroom.services.core import clock

    entry = sa.table(
        "audit_entry", sa.column("id", sa.Integer), sa.column("at", sa.DateTime),
        sa.column("account_id", sa.Integer), sa.column("actor", sa.String), sa.column("action", sa.String),
        sa.column("entity", sa.String), sa.column("entity_id", sa.Integer), sa.column("title", sa.String),
        sa.column("changes", sa.Text), sa.column("prev_hash", sa.String), sa.column("hash", sa.String),
    )  # fmt: skip
    head = conn.execute(sa.text("SELECT last_id, last_hash FROM audit_chain WHERE id = 1")).first()
    last_id, prev = (head[0], head[1] or GENESIS) if head is not None else (0, GENESIS)
    now = clock.now()
    rows = []
    for e in entries:
        last_id += 1
        row = {"id": last_id, "at": now, "account_id": None, "actor": "系统（数据升级）", "action": "update",
               "entity": e["entity"], "entity_id": e["entity_id"], "title": e["title"],
               "changes": json.dumps(e["changes"], ensure_ascii=False)}  # fmt: skip
        row["prev_hash"] = prev
        row["hash"] = prev = _hash(row, prev)
        rows.append(row)
    for chunk in _chunks(rows):
        conn.execute(entry.insert(), chunk)
    if head is None:
        conn.execute(sa.text("INSERT INTO audit_chain (id, last_id, last_hash, verified_id, verified_hash) "
                             "VALUES (1, :i, :h, 0, :g)"), {"i": last_id, "h": prev, "g": GENESIS})
    else:
        conn.execute(sa.text("UPDATE audit_chain SET last_id = :i, last_hash = :h WHERE id = 1"),
                     {"i": last_id, "h": prev})


def _rebuild_person_keys(conn: sa.Connection, table: str) -> None:
    from policeroom.services.core.pinyin import name_keys

    rows = conn.execute(sa.text(f"SELECT id, name, name_pinyin, name_initials FROM {table}")).all()
    updates = []
    for ident, name, full, initials in rows:
        keys = name_keys(name or "")
        if (full or "", initials or "") != keys:
            updates.append({"b_id": ident, "b_full": keys[0], "b_initials": keys[1]})
    if updates:
        conn.execute(sa.text(f"UPDATE {table} SET name_pinyin = :b_full, name_initials = :b_initials "
                             "WHERE id = :b_id"), updates)


_BODY = ("number", "requester_name", "requester_phone", "requester_address", "location", "category",
         "description", "feedback", "referred_to")


def _rebuild_request_keys(conn: sa.Connection) -> None:
    """The requester's initials, and (SQLite) the two full-text rows of each request whose keys differ."""
    from policeroom.services.core.pinyin import name_keys
    from policeroom.services.requests.search import body_text, char_tokens, pinyin_tokens

    sqlite = conn.dialect.name == "sqlite"
    indexed = dict(conn.execute(sa.text("SELECT rowid, py FROM request_search_chars")).all()) if sqlite else {}
    rows = conn.execute(sa.text("SELECT id, requester_name, requester_initials FROM assistance_request")).all()
    initials_updates, stale = [], []
    for ident, name, initials in rows:
        full, new_initials = name_keys(name) if name else ("", "")
        if (initials or "") != new_initials:
            initials_updates.append({"b_id": ident, "b_initials": new_initials})
        if sqlite and indexed.get(ident) != " ".join(pinyin_tokens(full, new_initials)):
            stale.append((ident, full))
    if initials_updates:
        conn.execute(sa.text("UPDATE assistance_request SET requester_initials = :b_initials WHERE id = :b_id"),
                     initials_updates)
    for chunk in _chunks(stale):
        fulls = dict(chunk)
        found = conn.execute(
            sa.text(f"SELECT id, requester_initials, {', '.join(_BODY)} FROM assistance_request "
                    "WHERE id IN :ids").bindparams(sa.bindparam("ids", expanding=True)),
            {"ids": list(fulls)},
        ).mappings().all()
        ids, bodies, chars = [], [], []
        for r in found:
            fields = SimpleNamespace(**{k: r[k] or "" for k in _BODY})
            body = body_text(fields)
            py = " ".join(pinyin_tokens(fulls[r["id"]], r["requester_initials"] or ""))
            ids.append({"id": r["id"]})
            bodies.append({"id": r["id"], "body": body})
            chars.append({"id": r["id"], "c": char_tokens(body), "py": py})
        if ids:  # one statement per table and chunk (executemany), not four per request
            conn.execute(sa.text("DELETE FROM request_search WHERE rowid = :id"), ids)
            conn.execute(sa.text("DELETE FROM request_search_chars WHERE rowid = :id"), ids)
            conn.execute(sa.text("INSERT INTO request_search (rowid, body) VALUES (:id, :body)"), bodies)
            conn.execute(sa.text("INSERT INTO request_search_chars (rowid, chars, py) VALUES (:id, :c, :py)"), chars)


def downgrade() -> None:
    # Nothing to undo: ``·`` is what every version of the program stores, and the keys are derived data.
    pass
