"""tips (线索举报): the tip, its sealed tipster, attachments kept in the database, query-code attempts

Revision ID: 0013
Revises: 0007
Create Date: 2026-12-05 11:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0009"
branch_labels = None
depends_on = None


def _stamps() -> list[sa.Column]:
    return [
        sa.Column("created_at", sa.DateTime(), server_default=sa.func.current_timestamp(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.func.current_timestamp(), nullable=False),
    ]


def upgrade() -> None:
    s20, s60, s500 = sa.String(20), sa.String(60), sa.String(500)
    op.create_table(
        "tip",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", s20, nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("code_hash", sa.String(64), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("channel", s20, nullable=False),
        sa.Column("category", sa.String(40), nullable=False),
        sa.Column("anonymous", sa.Boolean(), nullable=False),
        sa.Column("subject", sa.String(100), nullable=False),
        sa.Column("place", sa.String(200), nullable=False),
        sa.Column("grid_id", sa.Integer(), nullable=True),
        sa.Column("occurred_at", sa.DateTime(), nullable=True),
        sa.Column("amount", sa.Integer(), nullable=True),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("duplicate_of_id", sa.Integer(), nullable=True),
        sa.Column("receiver_id", sa.Integer(), nullable=True),
        sa.Column("status", s20, nullable=False),
        sa.Column("accepted_at", sa.DateTime(), nullable=True),
        sa.Column("decline_reason", s500, nullable=False),
        sa.Column("transfer_to", s60, nullable=False),
        sa.Column("transfer_note", s500, nullable=False),
        sa.Column("transferred_at", sa.DateTime(), nullable=True),
        sa.Column("handler_id", sa.Integer(), nullable=True),
        sa.Column("assigned_at", sa.DateTime(), nullable=True),
        sa.Column("verify_days", sa.Integer(), nullable=True),
        sa.Column("verdict", s20, nullable=False),
        sa.Column("measures", sa.Text(), nullable=False),
        sa.Column("verified_at", sa.DateTime(), nullable=True),
        sa.Column("outcome", sa.Text(), nullable=False),
        sa.Column("outcome_at", sa.DateTime(), nullable=True),
        sa.Column("reward_rule", s60, nullable=False),
        sa.Column("reward_tier", s60, nullable=False),
        sa.Column("reward_proposed", sa.Integer(), nullable=True),
        sa.Column("reward_basis", s500, nullable=False),
        sa.Column("exclusions", sa.JSON(), nullable=True),
        sa.Column("assessed_at", sa.DateTime(), nullable=True),
        sa.Column("reward_approved", sa.Integer(), nullable=True),
        sa.Column("approve_note", s500, nullable=False),
        sa.Column("approved_by", sa.String(50), nullable=False),
        sa.Column("approved_at", sa.DateTime(), nullable=True),
        sa.Column("notified_at", sa.DateTime(), nullable=True),
        sa.Column("notify_method", s20, nullable=False),
        sa.Column("claim_deadline", sa.Date(), nullable=True),
        sa.Column("claimed_at", sa.DateTime(), nullable=True),
        sa.Column("claim_method", s20, nullable=False),
        sa.Column("lapsed_on", sa.Date(), nullable=True),
        sa.Column("archived_at", sa.DateTime(), nullable=True),
        sa.Column("archive_reason", s500, nullable=False),
        sa.Column("erased_at", sa.DateTime(), nullable=True),
        *_stamps(),
        sa.ForeignKeyConstraint(["grid_id"], ["grid.id"], name=op.f("fk_tip_grid_id_grid")),
        sa.ForeignKeyConstraint(["duplicate_of_id"], ["tip.id"], name=op.f("fk_tip_duplicate_of_id_tip")),
        sa.ForeignKeyConstraint(["receiver_id"], ["team_member.id"], name=op.f("fk_tip_receiver_id_team_member")),
        sa.ForeignKeyConstraint(["handler_id"], ["team_member.id"], name=op.f("fk_tip_handler_id_team_member")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tip")),
        sa.UniqueConstraint("number", name=op.f("uq_tip_number")),
        sa.UniqueConstraint("code_hash", name=op.f("uq_tip_code_hash")),
        sa.UniqueConstraint("year", "seq", name="uq_tip_year_seq"),
    )
    op.create_index("ix_tip_received_at", "tip", ["received_at"])
    op.create_index("ix_tip_status", "tip", ["status"])
    op.create_index(op.f("ix_tip_grid_id"), "tip", ["grid_id"])
    op.create_index(op.f("ix_tip_duplicate_of_id"), "tip", ["duplicate_of_id"])
    op.create_table(
        "tip_identity",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tip_id", sa.Integer(), nullable=False),
        sa.Column("resident_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(50), nullable=False),
        sa.Column("id_number", sa.String(18), nullable=False),
        sa.Column("phone", sa.String(30), nullable=False),
        sa.Column("contact", sa.String(200), nullable=False),
        sa.Column("claim_receiver", sa.String(50), nullable=False),
        sa.Column("claim_detail", sa.String(300), nullable=False),
        sa.ForeignKeyConstraint(["tip_id"], ["tip.id"], name=op.f("fk_tip_identity_tip_id_tip")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tip_identity")),
        sa.UniqueConstraint("tip_id", name=op.f("uq_tip_identity_tip_id")),
    )
    op.create_table(
        "tip_attachment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tip_id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(200), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("thumbnail", sa.LargeBinary(), nullable=True),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["tip_id"], ["tip.id"], name=op.f("fk_tip_attachment_tip_id_tip")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tip_attachment")),
    )
    op.create_index(op.f("ix_tip_attachment_tip_id"), "tip_attachment", ["tip_id"])
    op.create_table(
        "tip_code_attempt",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("ok", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tip_code_attempt")),
    )
    op.create_index(op.f("ix_tip_code_attempt_at"), "tip_code_attempt", ["at"])


def downgrade() -> None:
    op.drop_table("tip_code_attempt")
    op.drop_table("tip_attachment")
    op.drop_table("tip_identity")
    op.drop_index("ix_tip_status", table_name="tip")
    op.drop_index("ix_tip_received_at", table_name="tip")
    op.drop_table("tip")
