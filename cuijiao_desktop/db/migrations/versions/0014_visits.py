"""visits: time windows, teams, appointments, overrides, outcomes, evidence photos, revisits

Revision ID: 0014
Revises: 0009
Create Date: 2026-12-09 10:00:00

Issue 13 (visit scheduler):
- ``visit`` gets the end of its window (``ends_at``; ``planned_at`` is the start: old rows get
  90 minutes), a team label, the appointment (the contact event of the booking call,
  ``confirmed_at``), the worklist's reminder day (``remind_on``: the day before), a manager's
  override for one person alone (by whom, why), the cancel reason, the outcome (``result``,
  ``met``, the contact event, the promise, the notice handed over and whether it was signed) and
  the revisit (``next_visit_id``).
- ``visit.status`` gains ``confirmed`` and ``failed``: old planned visits booked by phone become
  confirmed; old done visits where nobody was home become failed. Old outcomes become results.
- ``visit_staff.duty`` becomes a code (collector, supervisor, maintenance) instead of free text.
- ``visit_photo``: evidence photos kept in the data folder under their SHA-256.
"""
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from alembic import op

revision = '0014'
down_revision = '0009'
branch_labels = None
depends_on = None

_OLD_LENGTH = timedelta(minutes=90)
#: old call outcomes of done visits -> results
_RESULTS = {'promised': 'promised', 'conditional': 'promised', 'refused': 'refused', 'not_home': 'not_home',
            'paid': 'paid', 'disputed': 'refused'}
#: old free-text duties -> codes (anything else: collector)
_DUTIES = {'主管': 'supervisor', '客服主管': 'supervisor', '经理': 'supervisor', 'supervisor': 'supervisor',
           '维修工': 'maintenance', '维修': 'maintenance', '工程': 'maintenance', 'maintenance': 'maintenance'}


def _as_utc(value) -> datetime:
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def upgrade() -> None:
    bind = op.get_bind()
    sqlite = bind.dialect.name == 'sqlite'
    with op.batch_alter_table('visit', schema=None) as batch_op:
        batch_op.add_column(sa.Column('ends_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('team', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('appointment_event_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('confirmed_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('remind_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('override_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('override_reason', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('cancel_reason', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('result', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('met', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('outcome_event_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('promise_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('notice_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('notice_signed', sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column('next_visit_id', sa.Integer(), nullable=True))

    visit = sa.table(
        'visit', sa.column('id', sa.Integer), sa.column('planned_at', sa.DateTime(timezone=True)),
        sa.column('ends_at', sa.DateTime(timezone=True)), sa.column('status', sa.String),
        sa.column('booked_by_phone', sa.Boolean), sa.column('outcome', sa.String), sa.column('result', sa.String),
        sa.column('team', sa.String), sa.column('override_reason', sa.Text), sa.column('cancel_reason', sa.Text),
        sa.column('met', sa.String), sa.column('notice_signed', sa.Boolean), sa.column('remind_on', sa.Date),
        sa.column('confirmed_at', sa.DateTime(timezone=True)),
    )
    rows = bind.execute(sa.select(visit.c.id, visit.c.planned_at, visit.c.status, visit.c.booked_by_phone,
                                  visit.c.outcome)).all()
    for vid, planned, status, booked, outcome in rows:
        start = _as_utc(planned)
        end = start + _OLD_LENGTH
        values = {'ends_at': end.replace(tzinfo=None) if sqlite else end,
                  'remind_on': (start.astimezone().date() - timedelta(days=1))}
        if status == 'planned' and booked:
            values['status'] = 'confirmed'
        elif status == 'done':
            result = _RESULTS.get(outcome or '')
            values['result'] = result
            if result == 'not_home':
                values['status'] = 'failed'
            elif result is not None:
                values['met'] = 'owner'
        bind.execute(visit.update().where(visit.c.id == vid).values(**values))
    op.execute(visit.update().values(team='', override_reason='', cancel_reason='', notice_signed=False))
    op.execute(visit.update().where(visit.c.met.is_(None)).values(met=''))

    staff = sa.table('visit_staff', sa.column('duty', sa.String))
    for old, new in _DUTIES.items():
        op.execute(staff.update().where(staff.c.duty == old).values(duty=new))
    op.execute(staff.update().where(staff.c.duty.not_in(['collector', 'supervisor', 'maintenance']))
               .values(duty='collector'))

    with op.batch_alter_table('visit', schema=None) as batch_op:
        for name, type_ in (('ends_at', sa.DateTime(timezone=True)), ('team', sa.String(length=32)),
                            ('override_reason', sa.Text()), ('cancel_reason', sa.Text()),
                            ('met', sa.String(length=16)), ('notice_signed', sa.Boolean())):
            batch_op.alter_column(name, existing_type=type_, nullable=False)
        batch_op.create_foreign_key(batch_op.f('fk_visit_appointment_event_id_contact_event'), 'contact_event',
                                    ['appointment_event_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_visit_override_by_id_app_user'), 'app_user',
                                    ['override_by_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_visit_outcome_event_id_contact_event'), 'contact_event',
                                    ['outcome_event_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_visit_promise_id_promise'), 'promise', ['promise_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_visit_notice_id_notice'), 'notice', ['notice_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_visit_next_visit_id_visit'), 'visit', ['next_visit_id'], ['id'])
        batch_op.create_index('ix_visit_room', ['room_id', 'planned_at'], unique=False)
    with op.batch_alter_table('visit_staff', schema=None) as batch_op:
        batch_op.create_index('ix_visit_staff_user', ['user_id'], unique=False)

    op.create_table(
        'visit_photo',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('visit_id', sa.Integer(), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('path', sa.String(length=255), nullable=False),
        sa.Column('original_name', sa.String(length=255), nullable=False),
        sa.Column('added_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('added_by_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['added_by_id'], ['app_user.id'], name=op.f('fk_visit_photo_added_by_id_app_user')),
        sa.ForeignKeyConstraint(['visit_id'], ['visit.id'], name=op.f('fk_visit_photo_visit_id_visit')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_visit_photo')),
    )
    with op.batch_alter_table('visit_photo', schema=None) as batch_op:
        batch_op.create_index('ix_visit_photo_visit', ['visit_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('visit_photo', schema=None) as batch_op:
        batch_op.drop_index('ix_visit_photo_visit')
    op.drop_table('visit_photo')
    with op.batch_alter_table('visit_staff', schema=None) as batch_op:
        batch_op.drop_index('ix_visit_staff_user')
    visit = sa.table('visit', sa.column('status', sa.String))
    op.execute(visit.update().where(visit.c.status == 'confirmed').values(status='planned'))
    op.execute(visit.update().where(visit.c.status == 'failed').values(status='done'))
    with op.batch_alter_table('visit', schema=None) as batch_op:
        batch_op.drop_index('ix_visit_room')
        for fk in ('fk_visit_next_visit_id_visit', 'fk_visit_notice_id_notice', 'fk_visit_promise_id_promise',
                   'fk_visit_outcome_event_id_contact_event', 'fk_visit_override_by_id_app_user',
                   'fk_visit_appointment_event_id_contact_event'):
            batch_op.drop_constraint(fk, type_='foreignkey')
        for name in ('next_visit_id', 'notice_signed', 'notice_id', 'promise_id', 'outcome_event_id', 'met',
                     'result', 'cancel_reason', 'override_reason', 'override_by_id', 'remind_on', 'confirmed_at',
                     'appointment_event_id', 'team', 'ends_at'):
            batch_op.drop_column(name)
