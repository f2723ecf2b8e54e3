"""backup records: the newest backup of the database, shown in the status bar

Revision ID: 0009
Revises: 0007 (chained after the arrears migration at the merge)
Create Date: 2026-12-08 10:00:00

Issue 14 (backups and restore): every backup (daily on the first start of a day, before a
migration, by hand, before a restore) is recorded, so every desk shows when the database was
last backed up and the first desk started on a day makes the day's backup.
"""
import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'backup_record',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('taken_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('reason', sa.String(length=16), nullable=False),
        sa.Column('path', sa.Text(), nullable=False),
        sa.Column('host', sa.String(length=128), nullable=False),
        sa.Column('size_bytes', sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_backup_record')),
    )
    with op.batch_alter_table('backup_record', schema=None) as batch_op:
        batch_op.create_index('ix_backup_record_taken_at', ['taken_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('backup_record', schema=None) as batch_op:
        batch_op.drop_index('ix_backup_record_taken_at')
    op.drop_table('backup_record')
