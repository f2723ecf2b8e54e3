"""security: a tamper-evident audit chain, forced password changes, office images

Revision ID: 0008
Revises: 0004
Create Date: 2026-12-06 15:30:00

Issue 14 (permissions that hold, a tamper-evident audit trail):
- ``audit_log`` gets ``chain_seq``, ``prev_hash`` and ``row_hash`` (``domain/audit_chain.py``) and the
  ``room_id`` the row concerns (for the viewer's filter). Existing rows are chained in id order; the
  append-only guard is lifted for that one backfill and put back.
- ``app_user.must_change_password``: set by an administrator's reset, enforced at the next log-in.
- ``office_setting.data``: image bytes (seal, payment QR code) in the database, shared by every desk.
"""
import json
from datetime import UTC

import sqlalchemy as sa
from alembic import op

from cuijiao_desktop.db.ledger_ddl import create_append_only_triggers, drop_append_only_triggers
from cuijiao_desktop.domain.audit_chain import GENESIS, row_hash

revision = '0008'
down_revision = '0004'
branch_labels = None
depends_on = None


def _room_of(bind, entity, entity_id, detail):
    try:
        room = json.loads(detail or '{}').get('room_id')
    except (ValueError, AttributeError):
        room = None
    if isinstance(room, int):
        return room
    if entity_id is None or not str(entity_id).isdigit():
        return None
    if entity == 'room':
        return int(entity_id)
    if entity in ('payment', 'bill'):
        return bind.execute(sa.text(f'SELECT room_id FROM {entity} WHERE id = :i'), {'i': int(entity_id)}).scalar()
    return None


def _chain_existing_rows(bind) -> None:
    audit = sa.table(
        'audit_log', sa.column('id', sa.Integer), sa.column('at', sa.DateTime(timezone=True)),
        sa.column('user_id', sa.Integer), sa.column('username', sa.String), sa.column('action', sa.String),
        sa.column('entity', sa.String), sa.column('entity_id', sa.String), sa.column('detail', sa.Text),
        sa.column('room_id', sa.Integer), sa.column('chain_seq', sa.BigInteger), sa.column('prev_hash', sa.String),
        sa.column('row_hash', sa.String),
    )
    rows = bind.execute(sa.select(audit.c.id, audit.c.at, audit.c.user_id, audit.c.username, audit.c.action,
                                  audit.c.entity, audit.c.entity_id, audit.c.detail).order_by(audit.c.id)).all()
    prev = GENESIS
    for seq, r in enumerate(rows, start=1):
        at = r.at if r.at.tzinfo is not None else r.at.replace(tzinfo=UTC)
        room = _room_of(bind, r.entity, r.entity_id, r.detail)
        h = row_hash(chain_seq=seq, prev_hash=prev, at=at, user_id=r.user_id, username=r.username,
                     action=r.action, entity=r.entity, entity_id=r.entity_id, room_id=room, detail=r.detail)
        bind.execute(audit.update().where(audit.c.id == r.id)
                     .values(room_id=room, chain_seq=seq, prev_hash=prev, row_hash=h))
        prev = h


def upgrade() -> None:
    bind = op.get_bind()
    # Plain ADD COLUMN, never a batch copy: SQLite would drop and rebuild app_user, which every
    # payment, case and audit row references (the DROP fails with foreign keys on).
    op.add_column('app_user', sa.Column('must_change_password', sa.Boolean(), server_default=sa.text('false'),
                                        nullable=False))
    op.add_column('office_setting', sa.Column('data', sa.LargeBinary(), nullable=True))
    op.add_column('audit_log', sa.Column('room_id', sa.Integer(), nullable=True))
    op.add_column('audit_log', sa.Column('chain_seq', sa.BigInteger(), nullable=True))
    op.add_column('audit_log', sa.Column('prev_hash', sa.String(length=64), nullable=True))
    op.add_column('audit_log', sa.Column('row_hash', sa.String(length=64), nullable=True))
    # The backfill updates audit rows once: lift the append-only guard (SQLite's batch copy below
    # drops the table's triggers anyway; nothing references audit_log, so the copy is safe), then put it back.
    drop_append_only_triggers(bind, ['audit_log'], keep_function=True)
    _chain_existing_rows(bind)
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.alter_column('chain_seq', existing_type=sa.BigInteger(), nullable=False)
        batch_op.alter_column('prev_hash', existing_type=sa.String(length=64), nullable=False)
        batch_op.alter_column('row_hash', existing_type=sa.String(length=64), nullable=False)
        batch_op.create_unique_constraint(batch_op.f('uq_audit_log_chain_seq'), ['chain_seq'])
        batch_op.create_index('ix_audit_log_user', ['user_id', 'at'], unique=False)
        batch_op.create_index('ix_audit_log_room', ['room_id', 'at'], unique=False)
    create_append_only_triggers(bind, ['audit_log'])


def downgrade() -> None:
    bind = op.get_bind()
    drop_append_only_triggers(bind, ['audit_log'], keep_function=True)
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_log_room')
        batch_op.drop_index('ix_audit_log_user')
        batch_op.drop_constraint(batch_op.f('uq_audit_log_chain_seq'), type_='unique')
        batch_op.drop_column('row_hash')
        batch_op.drop_column('prev_hash')
        batch_op.drop_column('chain_seq')
        batch_op.drop_column('room_id')
    create_append_only_triggers(bind, ['audit_log'])
    op.drop_column('office_setting', 'data')  # SQLite ≥ 3.35 drops a column in place
    op.drop_column('app_user', 'must_change_password')
