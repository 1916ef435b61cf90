"""volunteer activities, participations, hours and points ledgers, rewards, vouchers, certificates

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05 10:48:04.446561
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reward_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.Column("stock", sa.Integer(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reward_item")),
        sa.UniqueConstraint("name", name=op.f("uq_reward_item_name")),
    )
    op.create_table(
        "activity",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=20), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("title", sa.String(length=100), nullable=False),
        sa.Column("organiser_id", sa.Integer(), nullable=False),
        sa.Column("place", sa.String(length=100), nullable=False),
        sa.Column("grid_id", sa.Integer(), nullable=True),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("ends_at", sa.DateTime(), nullable=False),
        sa.Column("needs", sa.String(length=200), nullable=False),
        sa.Column("risky", sa.Boolean(), nullable=False),
        sa.Column("cap_minutes", sa.Integer(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "planned",
                "running",
                "finished",
                "cancelled",
                name="activity_status",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("cancel_reason", sa.String(length=200), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.ForeignKeyConstraint(["grid_id"], ["grid.id"], name=op.f("fk_activity_grid_id_grid")),
        sa.ForeignKeyConstraint(
            ["organiser_id"], ["team_member.id"], name=op.f("fk_activity_organiser_id_team_member")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activity")),
        sa.UniqueConstraint("number", name=op.f("uq_activity_number")),
        sa.UniqueConstraint("year", "seq", name="uq_activity_year_seq"),
    )
    with op.batch_alter_table("activity", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_activity_ends_at"), ["ends_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_activity_grid_id"), ["grid_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_activity_kind"), ["kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_activity_organiser_id"), ["organiser_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_activity_starts_at"), ["starts_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_activity_status"), ["status"], unique=False)

    op.create_table(
        "certificate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=30), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("volunteer_id", sa.Integer(), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("period_from", sa.Date(), nullable=True),
        sa.Column("period_to", sa.Date(), nullable=True),
        sa.Column("snapshot", sa.Text(), nullable=False),
        sa.Column("issuer", sa.String(length=50), nullable=False),
        sa.Column("voided", sa.Boolean(), nullable=False),
        sa.Column("void_reason", sa.String(length=200), nullable=False),
        sa.Column("voided_by", sa.String(length=50), nullable=False),
        sa.Column("voided_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.ForeignKeyConstraint(
            ["volunteer_id"], ["volunteer.id"], name=op.f("fk_certificate_volunteer_id_volunteer")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_certificate")),
        sa.UniqueConstraint("number", name=op.f("uq_certificate_number")),
        sa.UniqueConstraint("year", "seq", name="uq_certificate_year_seq"),
    )
    with op.batch_alter_table("certificate", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_certificate_issued_on"), ["issued_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_certificate_volunteer_id"), ["volunteer_id"], unique=False)

    op.create_table(
        "participation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("volunteer_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "applied",
                "accepted",
                "rejected",
                "signed_in",
                "signed_out",
                "pending",
                "confirmed",
                "absent",
                "voided",
                name="participation_status",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("applied_at", sa.DateTime(), nullable=False),
        sa.Column("signed_in_at", sa.DateTime(), nullable=True),
        sa.Column("signed_out_at", sa.DateTime(), nullable=True),
        sa.Column("scheduled_minutes", sa.Integer(), nullable=False),
        sa.Column("actual_minutes", sa.Integer(), nullable=True),
        sa.Column("counted_minutes", sa.Integer(), nullable=True),
        sa.Column("flagged", sa.Boolean(), nullable=False),
        sa.Column("recorded_by", sa.String(length=50), nullable=False),
        sa.Column("confirmed_by", sa.String(length=50), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(), nullable=True),
        sa.Column("void_reason", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.ForeignKeyConstraint(
            ["activity_id"], ["activity.id"], name=op.f("fk_participation_activity_id_activity")
        ),
        sa.ForeignKeyConstraint(
            ["volunteer_id"], ["volunteer.id"], name=op.f("fk_participation_volunteer_id_volunteer")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_participation")),
        sa.UniqueConstraint("activity_id", "volunteer_id", name="uq_participation_activity_id"),
    )
    with op.batch_alter_table("participation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_participation_activity_id"), ["activity_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_participation_status"), ["status"], unique=False)
        batch_op.create_index("ix_participation_volunteer_status", ["volunteer_id", "status"], unique=False)

    op.create_table(
        "redemption",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=20), nullable=True),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("seq", sa.Integer(), nullable=True),
        sa.Column("volunteer_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "applied",
                "approved",
                "issued",
                "redeemed",
                "expired",
                "revoked",
                name="redemption_status",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("applied_at", sa.DateTime(), nullable=False),
        sa.Column("approved_by", sa.String(length=50), nullable=False),
        sa.Column("approved_at", sa.DateTime(), nullable=True),
        sa.Column("issued_at", sa.DateTime(), nullable=True),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.Column("redeemed_by", sa.String(length=50), nullable=False),
        sa.Column("redeemed_at", sa.DateTime(), nullable=True),
        sa.Column("redeemed_place", sa.String(length=100), nullable=False),
        sa.Column("closed_reason", sa.String(length=200), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"], ["reward_item.id"], name=op.f("fk_redemption_item_id_reward_item")
        ),
        sa.ForeignKeyConstraint(
            ["volunteer_id"], ["volunteer.id"], name=op.f("fk_redemption_volunteer_id_volunteer")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_redemption")),
        sa.UniqueConstraint("number", name=op.f("uq_redemption_number")),
        sa.UniqueConstraint("year", "seq", name="uq_redemption_year_seq"),
    )
    with op.batch_alter_table("redemption", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_redemption_applied_at"), ["applied_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_redemption_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_redemption_volunteer_id"), ["volunteer_id"], unique=False)

    op.create_table(
        "hours_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("volunteer_id", sa.Integer(), nullable=False),
        sa.Column("op_key", sa.String(length=80), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("balance_after", sa.Integer(), nullable=False),
        sa.Column("summary", sa.String(length=200), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("operator", sa.String(length=50), nullable=False),
        sa.Column("operator_account_id", sa.Integer(), nullable=True),
        sa.Column("participation_id", sa.Integer(), nullable=True),
        sa.Column("reverses_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["participation_id"],
            ["participation.id"],
            name=op.f("fk_hours_entry_participation_id_participation"),
        ),
        sa.ForeignKeyConstraint(
            ["reverses_id"], ["hours_entry.id"], name=op.f("fk_hours_entry_reverses_id_hours_entry")
        ),
        sa.ForeignKeyConstraint(
            ["volunteer_id"], ["volunteer.id"], name=op.f("fk_hours_entry_volunteer_id_volunteer")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hours_entry")),
        sa.UniqueConstraint("op_key", name=op.f("uq_hours_entry_op_key")),
        sa.UniqueConstraint("reverses_id", name=op.f("uq_hours_entry_reverses_id")),
    )
    with op.batch_alter_table("hours_entry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_hours_entry_at"), ["at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_hours_entry_participation_id"), ["participation_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_hours_entry_volunteer_id"), ["volunteer_id"], unique=False)

    op.create_table(
        "points_entry",
        sa.Column("redemption_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("volunteer_id", sa.Integer(), nullable=False),
        sa.Column("op_key", sa.String(length=80), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("balance_after", sa.Integer(), nullable=False),
        sa.Column("summary", sa.String(length=200), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("operator", sa.String(length=50), nullable=False),
        sa.Column("operator_account_id", sa.Integer(), nullable=True),
        sa.Column("participation_id", sa.Integer(), nullable=True),
        sa.Column("reverses_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["participation_id"],
            ["participation.id"],
            name=op.f("fk_points_entry_participation_id_participation"),
        ),
        sa.ForeignKeyConstraint(
            ["redemption_id"], ["redemption.id"], name=op.f("fk_points_entry_redemption_id_redemption")
        ),
        sa.ForeignKeyConstraint(
            ["reverses_id"], ["points_entry.id"], name=op.f("fk_points_entry_reverses_id_points_entry")
        ),
        sa.ForeignKeyConstraint(
            ["volunteer_id"], ["volunteer.id"], name=op.f("fk_points_entry_volunteer_id_volunteer")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_points_entry")),
        sa.UniqueConstraint("op_key", name=op.f("uq_points_entry_op_key")),
        sa.UniqueConstraint("reverses_id", name=op.f("uq_points_entry_reverses_id")),
    )
    with op.batch_alter_table("points_entry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_points_entry_at"), ["at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_points_entry_participation_id"), ["participation_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_points_entry_redemption_id"), ["redemption_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_points_entry_volunteer_id"), ["volunteer_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("points_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_points_entry_volunteer_id"))
        batch_op.drop_index(batch_op.f("ix_points_entry_redemption_id"))
        batch_op.drop_index(batch_op.f("ix_points_entry_participation_id"))
        batch_op.drop_index(batch_op.f("ix_points_entry_at"))

    op.drop_table("points_entry")
    with op.batch_alter_table("hours_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_hours_entry_volunteer_id"))
        batch_op.drop_index(batch_op.f("ix_hours_entry_participation_id"))
        batch_op.drop_index(batch_op.f("ix_hours_entry_at"))

    op.drop_table("hours_entry")
    with op.batch_alter_table("redemption", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_redemption_volunteer_id"))
        batch_op.drop_index(batch_op.f("ix_redemption_status"))
        batch_op.drop_index(batch_op.f("ix_redemption_applied_at"))

    op.drop_table("redemption")
    with op.batch_alter_table("participation", schema=None) as batch_op:
        batch_op.drop_index("ix_participation_volunteer_status")
        batch_op.drop_index(batch_op.f("ix_participation_status"))
        batch_op.drop_index(batch_op.f("ix_participation_activity_id"))

    op.drop_table("participation")
    with op.batch_alter_table("certificate", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_certificate_volunteer_id"))
        batch_op.drop_index(batch_op.f("ix_certificate_issued_on"))

    op.drop_table("certificate")
    with op.batch_alter_table("activity", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_activity_status"))
        batch_op.drop_index(batch_op.f("ix_activity_starts_at"))
        batch_op.drop_index(batch_op.f("ix_activity_organiser_id"))
        batch_op.drop_index(batch_op.f("ix_activity_kind"))
        batch_op.drop_index(batch_op.f("ix_activity_grid_id"))
        batch_op.drop_index(batch_op.f("ix_activity_ends_at"))

    op.drop_table("activity")
    op.drop_table("reward_item")
