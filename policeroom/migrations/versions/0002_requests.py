"""assistance requests

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 16:02:31.995742
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


#: Full-text search over requests, SQLite only (PostgreSQL searches with ILIKE / pg_trgm instead):
#: a trigram index for 3+ character substrings, and a unicode61 index of space-separated characters
#: plus pinyin keys for 1-2 character queries and initials (trigram cannot match those).
FTS_TABLES = {
    "request_search": "CREATE VIRTUAL TABLE request_search USING fts5(body, tokenize='trigram')",
    "request_search_chars": "CREATE VIRTUAL TABLE request_search_chars USING fts5(chars, py, tokenize='unicode61')",
}


def upgrade() -> None:

    op.create_table('counter',
    sa.Column('key', sa.String(length=40), nullable=False),
    sa.Column('value', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_counter'))
    )
    op.create_table('assistance_request',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=20), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('received_at', sa.DateTime(), nullable=False),
    sa.Column('channel', sa.Enum('visit', 'phone', '110', 'grid_report', 'other', name='request_channel', native_enum=False, length=20), nullable=False),
    sa.Column('resident_id', sa.Integer(), nullable=True),
    sa.Column('requester_name', sa.String(length=50), nullable=False),
    sa.Column('requester_initials', sa.String(length=50), nullable=False),
    sa.Column('requester_phone', sa.String(length=30), nullable=False),
    sa.Column('requester_address', sa.String(length=200), nullable=False),
    sa.Column('anonymous', sa.Boolean(), nullable=False),
    sa.Column('anonymous_reason', sa.String(length=200), nullable=False),
    sa.Column('occurred_at', sa.DateTime(), nullable=True),
    sa.Column('location', sa.String(length=200), nullable=False),
    sa.Column('grid_id', sa.Integer(), nullable=True),
    sa.Column('category', sa.String(length=30), nullable=False),
    sa.Column('urgency', sa.Enum('normal', 'urgent', 'critical', name='request_urgency', native_enum=False, length=20), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('receiver_id', sa.Integer(), nullable=True),
    sa.Column('leader', sa.String(length=50), nullable=False),
    sa.Column('status', sa.Enum('registered', 'dispatched', 'handling', 'fed_back', 'visited', 'closed', 'referred', 'voided', name='request_status', native_enum=False, length=20), nullable=False),
    sa.Column('assignee_id', sa.Integer(), nullable=True),
    sa.Column('dispatched_at', sa.DateTime(), nullable=True),
    sa.Column('first_action_at', sa.DateTime(), nullable=True),
    sa.Column('feedback_at', sa.DateTime(), nullable=True),
    sa.Column('feedback', sa.Text(), nullable=False),
    sa.Column('visit_due', sa.DateTime(), nullable=True),
    sa.Column('visited_at', sa.DateTime(), nullable=True),
    sa.Column('visit_method', sa.String(length=20), nullable=False),
    sa.Column('satisfaction', sa.Enum('satisfied', 'fairly', 'unsatisfied', name='request_satisfaction', native_enum=False, length=20), nullable=True),
    sa.Column('visit_remarks', sa.Text(), nullable=False),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.Column('referred_to', sa.String(length=60), nullable=False),
    sa.Column('void_reason', sa.String(length=200), nullable=False),
    sa.Column('step_due', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), server_default=sa.func.current_timestamp(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.func.current_timestamp(), nullable=False),
    sa.ForeignKeyConstraint(['assignee_id'], ['team_member.id'], name=op.f('fk_assistance_request_assignee_id_team_member')),
    sa.ForeignKeyConstraint(['grid_id'], ['grid.id'], name=op.f('fk_assistance_request_grid_id_grid')),
    sa.ForeignKeyConstraint(['receiver_id'], ['team_member.id'], name=op.f('fk_assistance_request_receiver_id_team_member')),
    sa.ForeignKeyConstraint(['resident_id'], ['resident.id'], name=op.f('fk_assistance_request_resident_id_resident')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assistance_request')),
    sa.UniqueConstraint('number', name=op.f('uq_assistance_request_number')),
    sa.UniqueConstraint('year', 'seq', name='uq_assistance_request_year_seq')
    )
    with op.batch_alter_table('assistance_request', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assistance_request_assignee_id'), ['assignee_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_assistance_request_category'), ['category'], unique=False)
        batch_op.create_index(batch_op.f('ix_assistance_request_closed_at'), ['closed_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_assistance_request_grid_id'), ['grid_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_assistance_request_received_at'), ['received_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_assistance_request_resident_id'), ['resident_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_assistance_request_status'), ['status'], unique=False)
        batch_op.create_index('ix_assistance_request_status_received', ['status', 'received_at'], unique=False)
        batch_op.create_index('ix_assistance_request_requester_name', ['requester_name'], unique=False)
        batch_op.create_index('ix_assistance_request_channel', ['channel'], unique=False)
        batch_op.create_index(batch_op.f('ix_assistance_request_step_due'), ['step_due'], unique=False)
        batch_op.create_index(batch_op.f('ix_assistance_request_urgency'), ['urgency'], unique=False)
        batch_op.create_index(batch_op.f('ix_assistance_request_visit_due'), ['visit_due'], unique=False)

    op.create_table('request_action',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=True),
    sa.Column('content', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['team_member.id'], name=op.f('fk_request_action_member_id_team_member')),
    sa.ForeignKeyConstraint(['request_id'], ['assistance_request.id'], name=op.f('fk_request_action_request_id_assistance_request'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_request_action'))
    )
    with op.batch_alter_table('request_action', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_request_action_request_id'), ['request_id'], unique=False)

    op.create_table('request_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('actor', sa.String(length=50), nullable=False),
    sa.Column('detail', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['request_id'], ['assistance_request.id'], name=op.f('fk_request_event_request_id_assistance_request'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_request_event'))
    )
    with op.batch_alter_table('request_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_request_event_request_id'), ['request_id'], unique=False)




    if op.get_bind().dialect.name == "sqlite":
        for ddl in FTS_TABLES.values():
            op.execute(ddl)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in FTS_TABLES:
            op.execute(f"DROP TABLE IF EXISTS {name}")

    with op.batch_alter_table('request_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_request_event_request_id'))

    op.drop_table('request_event')
    with op.batch_alter_table('request_action', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_request_action_request_id'))

    op.drop_table('request_action')
    with op.batch_alter_table('assistance_request', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assistance_request_visit_due'))
        batch_op.drop_index(batch_op.f('ix_assistance_request_urgency'))
        batch_op.drop_index(batch_op.f('ix_assistance_request_step_due'))
        batch_op.drop_index('ix_assistance_request_status_received')
        batch_op.drop_index('ix_assistance_request_requester_name')
        batch_op.drop_index('ix_assistance_request_channel')
        batch_op.drop_index(batch_op.f('ix_assistance_request_status'))
        batch_op.drop_index(batch_op.f('ix_assistance_request_resident_id'))
        batch_op.drop_index(batch_op.f('ix_assistance_request_received_at'))
        batch_op.drop_index(batch_op.f('ix_assistance_request_grid_id'))
        batch_op.drop_index(batch_op.f('ix_assistance_request_closed_at'))
        batch_op.drop_index(batch_op.f('ix_assistance_request_category'))
        batch_op.drop_index(batch_op.f('ix_assistance_request_assignee_id'))

    op.drop_table('assistance_request')
    op.drop_table('counter')

