"""collection work: one truth for promises, derived promise states, the call log's override

Revision ID: 0010
Revises: 0012
Create Date: 2026-12-08 09:00:00

Issue 10 ("Collection work"):

- A promise to pay was stored twice: on the call (``contact_event.promise_date`` and
  ``promise_amount_fen``) and in ``promise``. ``promise`` is now the one truth. A call that
  carried a promise without a ``promise`` row gets one (made on the local day of the call,
  for the promised amount, else for what was owed at the time); a call with neither amount
  keeps the promised date in its note. Then the two columns go.
- ``promise.status`` and ``resolved_on`` were typed-in values that nothing kept in step with
  the payments: the state is derived from the ledger (``services.promises``), so they go, and
  the due-date index no longer leads with the status.
- ``contact_event.overridden`` records the warnings (quiet hours, too many contacts this week)
  that the user saw and overrode when saving the contact.
- ``contact_event.answered_by`` holds a code (owner, family, tenant, other) instead of free
  Chinese text; the known words are converted.
- An index on ``contact_event.occurred_at`` serves the office's contact log, newest first.
"""
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0012'
branch_labels = None
depends_on = None

#: Old free-text "who answered" → AnsweredBy code.
_ANSWERED = {
    '本人': 'owner', '业主': 'owner', '业主本人': 'owner',
    '配偶': 'family', '家属': 'family', '家人': 'family', '子女': 'family', '父母': 'family',
    '租户': 'tenant', '租客': 'tenant',
}
_CODES = ('owner', 'family', 'tenant', 'other')


def _local_day(stamp: datetime):
    if stamp.tzinfo is None:  # SQLite stores naive UTC
        stamp = stamp.replace(tzinfo=UTC)
    return stamp.astimezone().date()


def upgrade() -> None:
    bind = op.get_bind()

    # 1. promises made in calls become rows of ``promise`` (unless one exists for the call)
    event = sa.table(
        'contact_event', sa.column('id', sa.Integer), sa.column('room_id', sa.Integer),
        sa.column('case_id', sa.Integer), sa.column('user_id', sa.Integer),
        sa.column('occurred_at', sa.DateTime(timezone=True)), sa.column('promise_date', sa.Date),
        sa.column('promise_amount_fen', sa.BigInteger), sa.column('arrears_fen', sa.BigInteger),
        sa.column('note', sa.Text), sa.column('answered_by', sa.String(64)),
        sa.column('overridden', sa.String(64)),
    )
    promise = sa.table(
        'promise', sa.column('id', sa.Integer), sa.column('room_id', sa.Integer), sa.column('case_id', sa.Integer),
        sa.column('contact_event_id', sa.Integer), sa.column('made_on', sa.Date), sa.column('due_date', sa.Date),
        sa.column('amount_fen', sa.BigInteger), sa.column('signed', sa.Boolean),
        sa.column('status', sa.String(32)), sa.column('created_by_id', sa.Integer), sa.column('version', sa.Integer),
    )
    linked = sa.select(promise.c.contact_event_id).where(promise.c.contact_event_id.is_not(None))
    rows = bind.execute(
        sa.select(event.c.id, event.c.room_id, event.c.case_id, event.c.user_id, event.c.occurred_at,
                  event.c.promise_date, event.c.promise_amount_fen, event.c.arrears_fen, event.c.note)
        .where(event.c.promise_date.is_not(None), event.c.id.not_in(linked))
        .order_by(event.c.id)
    ).all()
    new_promises = []
    for eid, room_id, case_id, user_id, occurred, due, amount, owed, note in rows:
        fen = amount if amount else owed
        if fen:
            new_promises.append({
                'room_id': room_id, 'case_id': case_id, 'contact_event_id': eid, 'made_on': _local_day(occurred),
                'due_date': due, 'amount_fen': int(fen), 'signed': False, 'status': 'open',
                'created_by_id': user_id, 'version': 1,
            })
        else:
            text = f"承诺{due.isoformat()}前缴费（未登记金额）"
            bind.execute(event.update().where(event.c.id == eid)
                         .values(note=f"{note}；{text}" if note else text))
    if new_promises:
        bind.execute(promise.insert(), new_promises)

    # 2. who answered: a code
    for word, code in _ANSWERED.items():
        bind.execute(event.update().where(event.c.answered_by == word).values(answered_by=code))
    bind.execute(event.update().where(event.c.answered_by != '', event.c.answered_by.not_in(_CODES))
                 .values(answered_by='other'))

    # 3. the overridden warnings, and the log's index
    with op.batch_alter_table('contact_event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('overridden', sa.String(length=64), nullable=True))
    bind.execute(event.update().values(overridden=''))
    with op.batch_alter_table('contact_event', schema=None) as batch_op:
        batch_op.alter_column('overridden', existing_type=sa.String(length=64), nullable=False)
        batch_op.drop_column('promise_date')
        batch_op.drop_column('promise_amount_fen')
        batch_op.create_index('ix_contact_event_occurred', ['occurred_at'], unique=False)

    # 4. the promise's state is derived
    with op.batch_alter_table('promise', schema=None) as batch_op:
        batch_op.drop_index('ix_promise_due')
    with op.batch_alter_table('promise', schema=None) as batch_op:
        batch_op.drop_column('status')
        batch_op.drop_column('resolved_on')
        batch_op.create_index('ix_promise_due', ['due_date'], unique=False)


def downgrade() -> None:
    bind = op.get_bind()
    with op.batch_alter_table('promise', schema=None) as batch_op:
        batch_op.drop_index('ix_promise_due')
        batch_op.add_column(sa.Column('status', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('resolved_on', sa.Date(), nullable=True))
    promise = sa.table('promise', sa.column('status', sa.String(32)), sa.column('contact_event_id', sa.Integer),
                       sa.column('due_date', sa.Date), sa.column('amount_fen', sa.BigInteger))
    bind.execute(promise.update().values(status='open'))
    with op.batch_alter_table('promise', schema=None) as batch_op:
        batch_op.alter_column('status', existing_type=sa.String(length=32), nullable=False)
        batch_op.create_index('ix_promise_due', ['status', 'due_date'], unique=False)

    with op.batch_alter_table('contact_event', schema=None) as batch_op:
        batch_op.drop_index('ix_contact_event_occurred')
        batch_op.drop_column('overridden')
        batch_op.add_column(sa.Column('promise_date', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('promise_amount_fen', sa.BigInteger(), nullable=True))
    event = sa.table('contact_event', sa.column('id', sa.Integer), sa.column('promise_date', sa.Date),
                     sa.column('promise_amount_fen', sa.BigInteger), sa.column('answered_by', sa.String(64)))
    for eid, due, amount in bind.execute(
        sa.select(promise.c.contact_event_id, promise.c.due_date, promise.c.amount_fen)
        .where(promise.c.contact_event_id.is_not(None))
    ).all():
        bind.execute(event.update().where(event.c.id == eid).values(promise_date=due, promise_amount_fen=amount))
    words = {'owner': '本人', 'family': '家属', 'tenant': '租户', 'other': '其他'}
    for code, word in words.items():
        bind.execute(event.update().where(event.c.answered_by == code).values(answered_by=word))
