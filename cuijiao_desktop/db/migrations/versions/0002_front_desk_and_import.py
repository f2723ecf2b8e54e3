"""front desk and import

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 22:00:00

One shared revision for issue 3 (front desk) and issue 4 (import): each part adds
its operations in its own section below.
"""
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # -- search: room numbers typed alone ("1502", "15") are looked up by prefix
    op.create_index('ix_room_number', 'room', ['number'], unique=False)


def downgrade() -> None:
    # -- search
    op.drop_index('ix_room_number', table_name='room')
