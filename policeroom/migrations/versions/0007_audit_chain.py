"""the history's chain: each audit_entry carries the previous entry's hash and its own

Adds ``prev_hash`` and ``hash`` to audit_entry, chains the existing entries in the order they were
written (by id), and creates ``audit_chain`` (one row: the head as written and as last verified).
The hash function is copied here on purpose: a migration must not change when the program does.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05 09:30:00
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

GENESIS = "0" * 64


def _hash(row, prev: str) -> str:  # noqa: ANN001 - a result row
    at = row.at.isoformat(sep=" ") if isinstance(row.at, datetime) else str(row.at)
    canonical = {
        "id": row.id, "at": at, "account_id": row.account_id, "actor": row.actor, "action": row.action,
        "entity": row.entity, "entity_id": row.entity_id, "title": row.title or "",
        "changes": row.changes or "{}", "prev": prev,
    }  # fmt: skip
    text = json.dumps(canonical, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def upgrade() -> None:
    with op.batch_alter_table("audit_entry") as batch:
        batch.add_column(sa.Column("prev_hash", sa.String(64), nullable=False, server_default=""))
        batch.add_column(sa.Column("hash", sa.String(64), nullable=False, server_default=""))
    head = op.create_table(
        "audit_chain",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("last_id", sa.Integer(), nullable=False),
        sa.Column("last_hash", sa.String(64), nullable=False),
        sa.Column("verified_id", sa.Integer(), nullable=False),
        sa.Column("verified_hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_chain")),
    )
    entry = sa.table(
        "audit_entry", sa.column("id", sa.Integer), sa.column("at", sa.DateTime),
        sa.column("account_id", sa.Integer), sa.column("actor", sa.String), sa.column("action", sa.String),
        sa.column("entity", sa.String), sa.column("entity_id", sa.Integer), sa.column("title", sa.String),
        sa.column("changes", sa.Text), sa.column("prev_hash", sa.String), sa.column("hash", sa.String),
    )  # fmt: skip
    conn = op.get_bind()
    prev, last_id, batch_rows = GENESIS, 0, []
    for row in conn.execute(sa.select(entry).order_by(entry.c.id)).fetchall():
        h = _hash(row, prev)
        batch_rows.append({"b_id": row.id, "prev_hash": prev, "hash": h})
        prev, last_id = h, row.id
    if batch_rows:
        conn.execute(
            entry.update().where(entry.c.id == sa.bindparam("b_id"))
            .values(prev_hash=sa.bindparam("prev_hash"), hash=sa.bindparam("hash")),
            batch_rows,
        )  # fmt: skip
    # Nothing verified yet: the first start-up checks the whole chain once.
    op.bulk_insert(head, [{"id": 1, "last_id": last_id, "last_hash": prev, "verified_id": 0,
                           "verified_hash": GENESIS}])


def downgrade() -> None:
    op.drop_table("audit_chain")
    with op.batch_alter_table("audit_entry") as batch:
        batch.drop_column("hash")
        batch.drop_column("prev_hash")
