"""work summaries (周工作小结 texts)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22 18:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "weekly_summary",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("end", sa.Date(), nullable=False),
        sa.Column("key_work", sa.Text(), nullable=False),
        sa.Column("situation", sa.Text(), nullable=False),
        sa.Column("problems", sa.Text(), nullable=False),
        sa.Column("next_plan", sa.Text(), nullable=False),
        sa.Column("signed_by", sa.String(length=50), nullable=False),
        sa.Column("signed_on", sa.Date(), nullable=True),
        sa.Column("saved_by", sa.String(length=50), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_weekly_summary")),
        sa.UniqueConstraint("kind", "start", "end", name="uq_weekly_summary_kind_start_end"),
    )


def downgrade() -> None:
    op.drop_table("weekly_summary")
