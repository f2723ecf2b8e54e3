"""ledger: bills keep their issued amount, audited bill adjustments, credit movements name their deposit

Revision ID: 0005
Revises: 0011
Create Date: 2026-12-06 16:00:00

Issue 9 (the ledger, complete and exact):

- ``bill.issued_amount_fen``: the amount a bill was issued with; filled from ``amount_fen`` for
  every existing bill. A bill's amount changes only through ``bill_adjustment`` (append-only,
  old and new value, reason, who), and ``cuijiao db check`` compares the two.
- ``credit_entry.source_id``: every movement of prepaid credit names the deposit it draws on or
  gives back to, so prepaid credit can be spent on bills deposit by deposit and a reversal knows
  which spending used its money. Existing reversal entries get the deposit of the payment they
  reverse.
"""
import sqlalchemy as sa
from alembic import op

from cuijiao_desktop.db.ledger_ddl import create_append_only_triggers

revision = '0005'
down_revision = '0011'
branch_labels = None
depends_on = None

_BACKFILL_SOURCES = """
UPDATE credit_entry SET source_id = (
    SELECT d.id FROM credit_entry AS d
    JOIN payment AS reversal ON reversal.reverses_id = d.payment_id
    WHERE reversal.id = credit_entry.payment_id AND d.amount_fen > 0
    ORDER BY d.id LIMIT 1)
WHERE amount_fen < 0 AND payment_id IS NOT NULL AND source_id IS NULL
"""


def _drop_credit_triggers(conn) -> None:
    if conn.dialect.name == "sqlite":
        for trigger in ("trg_credit_entry_no_update", "trg_credit_entry_no_delete"):
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {trigger}")
    else:
        conn.exec_driver_sql("DROP TRIGGER IF EXISTS trg_credit_entry_append_only ON credit_entry")


def upgrade() -> None:
    conn = op.get_bind()
    # -- bills keep the amount they were issued with (a plain ADD COLUMN: rebuilding the bill table on
    # SQLite would fail on the rows that reference it, and would take long on millions of bills)
    op.add_column('bill', sa.Column('issued_amount_fen', sa.BigInteger(), server_default=sa.text('0'),
                                    nullable=False))
    conn.exec_driver_sql("UPDATE bill SET issued_amount_fen = amount_fen")

    op.create_table(
        'bill_adjustment',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('bill_id', sa.Integer(), nullable=False),
        sa.Column('old_amount_fen', sa.BigInteger(), nullable=False),
        sa.Column('new_amount_fen', sa.BigInteger(), nullable=False),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['bill_id'], ['bill.id'], name=op.f('fk_bill_adjustment_bill_id_bill')),
        sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_bill_adjustment_user_id_app_user')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_bill_adjustment')),
    )
    with op.batch_alter_table('bill_adjustment', schema=None) as batch_op:
        batch_op.create_index('ix_bill_adjustment_bill', ['bill_id'], unique=False)
    create_append_only_triggers(conn, ['bill_adjustment'])

    # -- credit movements name their deposit (SQLite rebuilds the table, which drops its triggers)
    _drop_credit_triggers(conn)
    with op.batch_alter_table('credit_entry', schema=None) as batch_op:
        batch_op.add_column(sa.Column('source_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_credit_entry_source_id_credit_entry'), 'credit_entry',
                                    ['source_id'], ['id'])
        batch_op.create_index('ix_credit_entry_source', ['source_id'], unique=False)
    conn.exec_driver_sql(_BACKFILL_SOURCES)
    create_append_only_triggers(conn, ['credit_entry'])


def downgrade() -> None:
    conn = op.get_bind()
    _drop_credit_triggers(conn)
    with op.batch_alter_table('credit_entry', schema=None) as batch_op:
        batch_op.drop_index('ix_credit_entry_source')
        batch_op.drop_constraint(batch_op.f('fk_credit_entry_source_id_credit_entry'), type_='foreignkey')
        batch_op.drop_column('source_id')
    create_append_only_triggers(conn, ['credit_entry'])

    if conn.dialect.name == "sqlite":
        for trigger in ("trg_bill_adjustment_no_update", "trg_bill_adjustment_no_delete"):
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {trigger}")
    else:
        conn.exec_driver_sql("DROP TRIGGER IF EXISTS trg_bill_adjustment_append_only ON bill_adjustment")
    with op.batch_alter_table('bill_adjustment', schema=None) as batch_op:
        batch_op.drop_index('ix_bill_adjustment_bill')
    op.drop_table('bill_adjustment')

    op.drop_column('bill', 'issued_amount_fen')  # SQLite 3.35+ drops a column in place
