"""month close (月结): a month's statistics frozen as snapshots, reopened with a reason

Revision ID: 0013
Revises: 0009
Create Date: 2026-12-06 18:00:00

Issue 12 (monthly statistics): finance closes month M; the report of a closed month prints the
snapshot taken at the close (the office's and each estate's), identical however late payments or
reversals dated in M arrive. Reopening keeps the row with who, when and why.
"""
import sqlalchemy as sa
from alembic import op

revision = '0013'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'month_close',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('month', sa.String(length=7), nullable=False),
        sa.Column('closed_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('closed_by_id', sa.Integer(), nullable=True),
        sa.Column('closed_by', sa.String(length=64), nullable=False),
        sa.Column('reopened_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('reopened_by_id', sa.Integer(), nullable=True),
        sa.Column('reopen_reason', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['closed_by_id'], ['app_user.id'], name=op.f('fk_month_close_closed_by_id_app_user')),
        sa.ForeignKeyConstraint(['reopened_by_id'], ['app_user.id'],
                                name=op.f('fk_month_close_reopened_by_id_app_user')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_month_close')),
    )
    with op.batch_alter_table('month_close', schema=None) as batch_op:
        batch_op.create_index('ix_month_close_month', ['month'], unique=False)
        batch_op.create_index('uq_month_close_open', ['month'], unique=True,
                              sqlite_where=sa.text('reopened_at IS NULL'),
                              postgresql_where=sa.text('reopened_at IS NULL'))
    op.create_table(
        'month_close_snapshot',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('close_id', sa.Integer(), nullable=False),
        sa.Column('estate', sa.String(length=64), nullable=False),
        sa.Column('snapshot', sa.Text(), nullable=False),
        sa.Column('households', sa.Integer(), nullable=False),
        sa.Column('households_paid', sa.Integer(), nullable=False),
        sa.Column('billed_fen', sa.BigInteger(), nullable=False),
        sa.Column('collected_fen', sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(['close_id'], ['month_close.id'],
                                name=op.f('fk_month_close_snapshot_close_id_month_close')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_month_close_snapshot')),
        sa.UniqueConstraint('close_id', 'estate', name=op.f('uq_month_close_snapshot_close_id_estate')),
    )


def downgrade() -> None:
    op.drop_table('month_close_snapshot')
    with op.batch_alter_table('month_close', schema=None) as batch_op:
        batch_op.drop_index('uq_month_close_open')
        batch_op.drop_index('ix_month_close_month')
    op.drop_table('month_close')
