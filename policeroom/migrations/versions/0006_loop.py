"""the closed-loop engine: one timeline (loop_event) and a clock per matter (loop_state)

The requests' own timeline (request_event) moves into loop_event (kind "request"), with the status
before and after each step rebuilt by replaying the request's events in the order they were written;
request_event is then dropped, so there is one timeline. Downgrade copies the requests' events back.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

#: what each of the requests' old event kinds did to the status (None: left it as it was)
_TO_STATUS = {
    "register": "registered",
    "update": None,
    "dispatch": "dispatched",
    "handle": "handling",
    "feedback": "fed_back",
    "visit": "visited",
    "close": "closed",
    "refer": "referred",
    "void": "voided",
}
_BATCH = 5000


def _loop_event_table() -> sa.Table:
    return op.create_table(
        "loop_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("matter_id", sa.Integer(), nullable=False),
        sa.Column("move", sa.String(length=20), nullable=False),
        sa.Column("from_status", sa.String(length=20), nullable=True),
        sa.Column("to_status", sa.String(length=20), nullable=True),
        sa.Column("actor", sa.String(length=50), nullable=False),
        sa.Column("handler_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("step", sa.String(length=20), nullable=True),
        sa.Column("on_time", sa.Boolean(), nullable=True),
        sa.Column("extra", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["handler_id"], ["team_member.id"], name=op.f("fk_loop_event_handler_id_team_member")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_loop_event")),
    )


def upgrade() -> None:
    events = _loop_event_table()
    with op.batch_alter_table("loop_event", schema=None) as batch_op:
        batch_op.create_index("ix_loop_event_kind_matter", ["kind", "matter_id"], unique=False)
        batch_op.create_index("ix_loop_event_kind_move_at", ["kind", "move", "at"], unique=False)
        batch_op.create_index(batch_op.f("ix_loop_event_handler_id"), ["handler_id"], unique=False)
    op.create_table(
        "loop_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("matter_id", sa.Integer(), nullable=False),
        sa.Column("step", sa.String(length=20), nullable=True),
        sa.Column("restart_at", sa.DateTime(), nullable=True),
        sa.Column("parked_seconds", sa.Integer(), nullable=False),
        sa.Column("parked_at", sa.DateTime(), nullable=True),
        sa.Column("park_reason", sa.String(length=200), nullable=False),
        sa.Column("extended_due", sa.DateTime(), nullable=True),
        sa.Column("asked_due", sa.DateTime(), nullable=True),
        sa.Column("asked_reason", sa.String(length=200), nullable=False),
        sa.Column("asked_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_loop_state")),
        sa.UniqueConstraint("kind", "matter_id", name="uq_loop_state_kind_matter_id"),
    )

    bind = op.get_bind()
    old = sa.table(
        "request_event",
        sa.column("id", sa.Integer),
        sa.column("request_id", sa.Integer),
        sa.column("at", sa.DateTime),
        sa.column("kind", sa.String),
        sa.column("actor", sa.String),
        sa.column("detail", sa.Text),
    )
    rows: list[dict] = []
    current: int | None = None
    status: str | None = None
    result = bind.execute(sa.select(old).order_by(old.c.request_id, old.c.id))
    for e in result:
        if e.request_id != current:
            current, status = e.request_id, None
        to = _TO_STATUS.get(e.kind)
        if e.kind == "dispatch" and status not in (None, "registered"):
            to = None  # 改派: the status stays
        before, after = status, to or status
        rows.append(
            {
                "kind": "request", "matter_id": e.request_id, "move": e.kind, "from_status": before,
                "to_status": after, "actor": e.actor or "", "handler_id": None, "at": e.at,
                "note": e.detail or "", "step": None, "on_time": None, "extra": None,
            }
        )  # fmt: skip
        status = after
        if len(rows) >= _BATCH:
            bind.execute(events.insert(), rows)
            rows = []
    if rows:
        bind.execute(events.insert(), rows)

    with op.batch_alter_table("request_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_request_event_request_id"))
    op.drop_table("request_event")


def downgrade() -> None:
    old = op.create_table(
        "request_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("actor", sa.String(length=50), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["assistance_request.id"],
            name=op.f("fk_request_event_request_id_assistance_request"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_request_event")),
    )
    with op.batch_alter_table("request_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_request_event_request_id"), ["request_id"], unique=False)
    bind = op.get_bind()
    ev = sa.table(
        "loop_event",
        sa.column("id", sa.Integer),
        sa.column("kind", sa.String),
        sa.column("matter_id", sa.Integer),
        sa.column("move", sa.String),
        sa.column("actor", sa.String),
        sa.column("at", sa.DateTime),
        sa.column("note", sa.Text),
    )
    # every request event goes back, the engine's own moves too (督办 …: their kind names the move)
    bind.execute(
        old.insert().from_select(
            ["request_id", "at", "kind", "actor", "detail"],
            sa.select(ev.c.matter_id, ev.c.at, ev.c.move, ev.c.actor, ev.c.note)
            .where(ev.c.kind == "request")
            .order_by(ev.c.id),
        )
    )
    op.drop_table("loop_state")
    with op.batch_alter_table("loop_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_loop_event_handler_id"))
        batch_op.drop_index("ix_loop_event_kind_move_at")
        batch_op.drop_index("ix_loop_event_kind_matter")
    op.drop_table("loop_event")
