"""arrears cache: per-room arrears kept by triggers

Revision ID: 0007
Revises: 0005
Create Date: 2026-12-06 16:00:00

Issue 9, item 6 (the arrears page under 400 ms at 50,000 rooms × 120 months). Each row of the
arrears table (the sums: total, months, oldest period, eight ageing buckets, late fee still
due; and the room, owner, masked phone, case, latest contact, pending promise) is kept in
``arrears_cache`` for one office day (``arrears_cache_state``). Triggers on every table a row
is made of mark a changed room in ``arrears_dirty``; readers compute dirty rooms from those
tables, and ``services/arrears_cache.py`` refreshes them.

The cache starts empty: until the first refresh (at the first start of a day, or
``cuijiao arrears refresh``) the arrears table is computed from the bills, as before.
"""
import sqlalchemy as sa
from alembic import op

from cuijiao_desktop.db.arrears_ddl import create_arrears_triggers, drop_arrears_triggers

revision = '0007'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'arrears_cache',
        sa.Column('room_id', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('total_fen', sa.BigInteger(), nullable=False),
        sa.Column('months', sa.Integer(), nullable=False),
        sa.Column('oldest_period', sa.Integer(), nullable=False),
        *(sa.Column(f'bucket{i}_fen', sa.BigInteger(), nullable=False) for i in range(1, 9)),
        sa.Column('age_bucket', sa.Integer(), nullable=False),
        sa.Column('late_fee_fen', sa.BigInteger(), nullable=False),
        sa.Column('estate_id', sa.Integer(), nullable=False),
        sa.Column('building_id', sa.Integer(), nullable=False),
        sa.Column('unit_id', sa.Integer(), nullable=True),
        sa.Column('room_number', sa.String(length=16), nullable=False),
        sa.Column('room_code', sa.String(length=32), nullable=False),
        sa.Column('owner', sa.String(length=64), nullable=True),
        sa.Column('owner_initials', sa.String(length=32), nullable=True),
        sa.Column('phone_masked', sa.String(length=128), nullable=True),
        sa.Column('phone_last4', sa.String(length=4), nullable=True),
        sa.Column('stage', sa.Integer(), nullable=True),
        sa.Column('collector_id', sa.Integer(), nullable=True),
        sa.Column('reason', sa.String(length=32), nullable=True),
        sa.Column('next_action_on', sa.Date(), nullable=True),
        sa.Column('last_contact_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('last_outcome', sa.String(length=32), nullable=True),
        sa.Column('promise_on', sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(['room_id'], ['room.id'], name=op.f('fk_arrears_cache_room_id_room'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('room_id', name=op.f('pk_arrears_cache')),
    )
    op.create_table(
        'arrears_dirty',
        sa.Column('room_id', sa.Integer(), autoincrement=False, nullable=False),
        sa.ForeignKeyConstraint(['room_id'], ['room.id'], name=op.f('fk_arrears_dirty_room_id_room'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('room_id', name=op.f('pk_arrears_dirty')),
    )
    op.create_table(
        'arrears_cache_state',
        sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('as_of', sa.Date(), nullable=False),
        sa.Column('rebuilt_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('refreshed_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_arrears_cache_state')),
    )
    create_arrears_triggers(op.get_bind())


def downgrade() -> None:
    drop_arrears_triggers(op.get_bind())
    op.drop_table('arrears_cache_state')
    op.drop_table('arrears_dirty')
    op.drop_table('arrears_cache')
