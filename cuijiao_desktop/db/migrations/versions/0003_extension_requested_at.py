"""extension requested_at

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 22:40:00

An extension (延期) had no date of its own (only ``until`` and ``decided_at``), so the room
ledger placed an undecided one at the day it runs to. It now records when it was asked for.

Existing rows are backfilled:
- decided ones (``decided_at`` set) get their decision time: the closest known date, and it
  keeps ``requested_at <= decided_at``;
- undecided ones get the time of this upgrade. A pending request is an open item for the
  manager, so it shows as the newest entry on the ledger rather than sinking to the case's
  opening day, which can be months or years before anyone asked (the demo's pending request
  was made a few days before the database was built, much nearer to now than to the case).
"""
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('extension', schema=None) as batch_op:
        batch_op.add_column(sa.Column('requested_at', sa.DateTime(timezone=True), nullable=True))

    bind = op.get_bind()
    extension = sa.table('extension', sa.column('requested_at', sa.DateTime(timezone=True)),
                         sa.column('decided_at', sa.DateTime(timezone=True)))
    op.execute(extension.update().where(extension.c.decided_at.is_not(None))
               .values(requested_at=extension.c.decided_at))
    now = datetime.now(UTC)
    if bind.dialect.name == 'sqlite':
        now = now.replace(tzinfo=None)  # SQLite stores naive UTC (as db.types.UTCDateTime does)
    op.execute(extension.update().where(extension.c.requested_at.is_(None)).values(requested_at=now))

    with op.batch_alter_table('extension', schema=None) as batch_op:
        batch_op.alter_column('requested_at', existing_type=sa.DateTime(timezone=True), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table('extension', schema=None) as batch_op:
        batch_op.drop_column('requested_at')
