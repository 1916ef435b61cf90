"""field work: patrol routes and records, households and visits, prevention talks, hand-written work-log entries

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05 11:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('household',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('grid_id', sa.Integer(), nullable=False),
    sa.Column('building', sa.String(length=20), nullable=False),
    sa.Column('unit', sa.String(length=10), nullable=False),
    sa.Column('room', sa.String(length=10), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('head_name', sa.String(length=50), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('archived', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
    sa.ForeignKeyConstraint(['grid_id'], ['grid.id'], name=op.f('fk_household_grid_id_grid')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_household')),
    sa.UniqueConstraint('building', 'unit', 'room', name='uq_household_building')
    )
    op.create_index(op.f('ix_household_grid_id'), 'household', ['grid_id'], unique=False)
    op.create_table('patrol_route',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('grid_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('start_time', sa.Time(), nullable=False),
    sa.Column('end_time', sa.Time(), nullable=False),
    sa.Column('min_people', sa.Integer(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('archived', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
    sa.ForeignKeyConstraint(['grid_id'], ['grid.id'], name=op.f('fk_patrol_route_grid_id_grid')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_patrol_route'))
    )
    op.create_index(op.f('ix_patrol_route_grid_id'), 'patrol_route', ['grid_id'], unique=False)
    op.create_table('prevention_talk',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('start_time', sa.Time(), nullable=True),
    sa.Column('end_time', sa.Time(), nullable=True),
    sa.Column('grid_id', sa.Integer(), nullable=True),
    sa.Column('place', sa.String(length=100), nullable=False),
    sa.Column('topic', sa.String(length=30), nullable=False),
    sa.Column('audience', sa.String(length=100), nullable=False),
    sa.Column('people_reached', sa.Integer(), nullable=False),
    sa.Column('materials', sa.Integer(), nullable=False),
    sa.Column('other_givers', sa.String(length=200), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
    sa.ForeignKeyConstraint(['grid_id'], ['grid.id'], name=op.f('fk_prevention_talk_grid_id_grid')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_prevention_talk'))
    )
    op.create_index(op.f('ix_prevention_talk_day'), 'prevention_talk', ['day'], unique=False)
    op.create_index(op.f('ix_prevention_talk_grid_id'), 'prevention_talk', ['grid_id'], unique=False)
    op.create_table('work_log_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('start_time', sa.Time(), nullable=True),
    sa.Column('end_time', sa.Time(), nullable=True),
    sa.Column('place', sa.String(length=100), nullable=False),
    sa.Column('category', sa.String(length=10), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('result', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['team_member.id'], name=op.f('fk_work_log_entry_member_id_team_member')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_work_log_entry'))
    )
    op.create_index(op.f('ix_work_log_entry_day'), 'work_log_entry', ['day'], unique=False)
    op.create_index('ix_work_log_entry_member_day', 'work_log_entry', ['member_id', 'day'], unique=False)
    op.create_table('household_resident',
    sa.Column('household_id', sa.Integer(), nullable=False),
    sa.Column('resident_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['household_id'], ['household.id'], name=op.f('fk_household_resident_household_id_household'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['resident_id'], ['resident.id'], name=op.f('fk_household_resident_resident_id_resident'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('household_id', 'resident_id', name=op.f('pk_household_resident'))
    )
    op.create_table('household_visit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('household_id', sa.Integer(), nullable=False),
    sa.Column('grid_id', sa.Integer(), nullable=False),
    sa.Column('visited_on', sa.Date(), nullable=False),
    sa.Column('start_time', sa.Time(), nullable=True),
    sa.Column('end_time', sa.Time(), nullable=True),
    sa.Column('visitor_id', sa.Integer(), nullable=False),
    sa.Column('companions', sa.String(length=100), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('received_by', sa.String(length=50), nullable=False),
    sa.Column('purpose', sa.String(length=100), nullable=False),
    sa.Column('population', sa.Text(), nullable=False),
    sa.Column('hazards', sa.Text(), nullable=False),
    sa.Column('disputes', sa.Text(), nullable=False),
    sa.Column('wishes', sa.Text(), nullable=False),
    sa.Column('action', sa.Text(), nullable=False),
    sa.Column('signed', sa.Boolean(), nullable=False),
    sa.Column('next_due', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
    sa.ForeignKeyConstraint(['grid_id'], ['grid.id'], name=op.f('fk_household_visit_grid_id_grid')),
    sa.ForeignKeyConstraint(['household_id'], ['household.id'], name=op.f('fk_household_visit_household_id_household')),
    sa.ForeignKeyConstraint(['visitor_id'], ['team_member.id'], name=op.f('fk_household_visit_visitor_id_team_member')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_household_visit'))
    )
    op.create_index(op.f('ix_household_visit_grid_id'), 'household_visit', ['grid_id'], unique=False)
    op.create_index('ix_household_visit_household_on', 'household_visit', ['household_id', 'visited_on'], unique=False)
    op.create_index(op.f('ix_household_visit_visited_on'), 'household_visit', ['visited_on'], unique=False)
    op.create_index(op.f('ix_household_visit_visitor_id'), 'household_visit', ['visitor_id'], unique=False)
    op.create_table('patrol_checkpoint',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('route_id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('archived', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['route_id'], ['patrol_route.id'], name=op.f('fk_patrol_checkpoint_route_id_patrol_route'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_patrol_checkpoint'))
    )
    op.create_index(op.f('ix_patrol_checkpoint_route_id'), 'patrol_checkpoint', ['route_id'], unique=False)
    op.create_table('patrol_record',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('route_id', sa.Integer(), nullable=False),
    sa.Column('grid_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('start_time', sa.Time(), nullable=False),
    sa.Column('end_time', sa.Time(), nullable=False),
    sa.Column('leader_id', sa.Integer(), nullable=True),
    sa.Column('findings', sa.Text(), nullable=False),
    sa.Column('live', sa.Boolean(), nullable=False),
    sa.Column('finished', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
    sa.ForeignKeyConstraint(['grid_id'], ['grid.id'], name=op.f('fk_patrol_record_grid_id_grid')),
    sa.ForeignKeyConstraint(['leader_id'], ['team_member.id'], name=op.f('fk_patrol_record_leader_id_team_member')),
    sa.ForeignKeyConstraint(['route_id'], ['patrol_route.id'], name=op.f('fk_patrol_record_route_id_patrol_route')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_patrol_record'))
    )
    op.create_index(op.f('ix_patrol_record_day'), 'patrol_record', ['day'], unique=False)
    op.create_index('ix_patrol_record_grid_day', 'patrol_record', ['grid_id', 'day'], unique=False)
    op.create_index(op.f('ix_patrol_record_route_id'), 'patrol_record', ['route_id'], unique=False)
    op.create_table('talk_member',
    sa.Column('talk_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['team_member.id'], name=op.f('fk_talk_member_member_id_team_member'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['talk_id'], ['prevention_talk.id'], name=op.f('fk_talk_member_talk_id_prevention_talk'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('talk_id', 'member_id', name=op.f('pk_talk_member'))
    )
    op.create_table('patrol_helper',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('record_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=50), nullable=False),
    sa.Column('unit', sa.String(length=60), nullable=False),
    sa.Column('volunteer_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['record_id'], ['patrol_record.id'], name=op.f('fk_patrol_helper_record_id_patrol_record'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_patrol_helper'))
    )
    op.create_index(op.f('ix_patrol_helper_record_id'), 'patrol_helper', ['record_id'], unique=False)
    op.create_table('patrol_member',
    sa.Column('patrol_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['team_member.id'], name=op.f('fk_patrol_member_member_id_team_member'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['patrol_id'], ['patrol_record.id'], name=op.f('fk_patrol_member_patrol_id_patrol_record'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('patrol_id', 'member_id', name=op.f('pk_patrol_member'))
    )
    op.create_table('patrol_point',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('record_id', sa.Integer(), nullable=False),
    sa.Column('checkpoint_id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('at', sa.Time(), nullable=True),
    sa.Column('problem', sa.Boolean(), nullable=False),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['checkpoint_id'], ['patrol_checkpoint.id'], name=op.f('fk_patrol_point_checkpoint_id_patrol_checkpoint')),
    sa.ForeignKeyConstraint(['event_id'], ['grid_event.id'], name=op.f('fk_patrol_point_event_id_grid_event')),
    sa.ForeignKeyConstraint(['record_id'], ['patrol_record.id'], name=op.f('fk_patrol_point_record_id_patrol_record'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_patrol_point')),
    sa.UniqueConstraint('record_id', 'checkpoint_id', name='uq_patrol_point_record_id')
    )
    op.create_index(op.f('ix_patrol_point_record_id'), 'patrol_point', ['record_id'], unique=False)


def downgrade() -> None:
    op.drop_table("patrol_point")
    op.drop_table("patrol_member")
    op.drop_table("patrol_helper")
    op.drop_table("talk_member")
    op.drop_table("patrol_record")
    op.drop_table("patrol_checkpoint")
    op.drop_table("household_visit")
    op.drop_table("household_resident")
    op.drop_table("work_log_entry")
    op.drop_table("prevention_talk")
    op.drop_table("patrol_route")
    op.drop_table("household")
