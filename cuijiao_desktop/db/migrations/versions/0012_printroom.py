"""print room: a notice's intended delivery and its print batch

Revision ID: 0012
Revises: 0006
Create Date: 2026-12-08 10:00:00

Issue 11 (print room): each printed notice records how it is meant to reach the owner
(``intended_delivery``, e.g. signed for by hand from the 6th notice on) and the batch it was
printed in (``batch_no``: the batch's first serial). Existing notices keep NULL and "".
"""
import sqlalchemy as sa
from alembic import op

revision = '0012'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('notice', schema=None) as batch_op:
        batch_op.add_column(sa.Column('intended_delivery', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('batch_no', sa.String(length=32), nullable=True))
    notice = sa.table('notice', sa.column('batch_no', sa.String(length=32)))
    op.execute(notice.update().values(batch_no=''))
    with op.batch_alter_table('notice', schema=None) as batch_op:
        batch_op.alter_column('batch_no', existing_type=sa.String(length=32), nullable=False)
        batch_op.create_index('ix_notice_batch', ['batch_no'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('notice', schema=None) as batch_op:
        batch_op.drop_index('ix_notice_batch')
        batch_op.drop_column('batch_no')
        batch_op.drop_column('intended_delivery')
