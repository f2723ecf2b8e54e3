"""cases: the ladder's waits and minimums, holds, case events, service-issue handler; no stored instalment payments

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-08 10:00:00

Issue 10 (collection work), items 4–7:
- ``ladder_step.days_after_due`` (days after the oldest bill's due date) becomes ``wait_days``
  (days after the previous step was done; the first step: after the case opened), and a step
  gets ``min_months`` beside ``min_amount_fen``. An untouched default ladder is replaced by the
  new default; an edited one keeps its steps, each waiting the difference to the step before.
- ``instalment.paid_fen`` is dropped: nothing kept it in step with the payments. What an
  instalment has received is derived from the ledger (``services.cases``), counting payments
  from ``instalment_plan.starts_on`` (new: the office day the plan was asked for).
- ``collection_hold`` (暂停催缴, approved by a manager) and ``case_event`` (opened, closed,
  assigned, a step marked done by hand).
- ``service_issue.handler`` (who fixes it; a name, not necessarily a user) and ``created_by_id``.
"""
import sqlalchemy as sa
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

#: The ladder as migration 0001's seed and the demo wrote it: (seq, name, days_after_due).
_OLD_DEFAULT = [
    (1, '缴费提醒', -5), (2, '到期提醒', 0), (3, '电话催缴', 2), (4, '书面催缴通知书', 15), (5, '上门催缴', 30),
    (6, '欠费公示', 60), (7, '业委会督促', 90), (8, '律师函', 366), (9, '起诉/仲裁', 450), (10, '坏账核销', 1095),
]

#: The new default (domain.ladder.DEFAULT_LADDER, frozen here as a migration must be):
#: (seq, stage, name, wait_days, channel, min_amount_fen, min_months, note)
_NEW_DEFAULT = [
    (1, 1, '缴费提醒', 0, 'sms', 0, 0, '立案当天短信/微信友好提醒：欠费金额、期间与缴费方式'),
    (2, 2, '电话催缴', 2, 'phone', 0, 0, '提醒后约2天内致电；记录接听人、结果、原因、承诺日期与金额'),
    (3, 3, '书面催缴通知书', 13, 'letter', 0, 0, '须送达并留存回执；系列通知每3-4天一次，第6次起须签收并计收滞纳金'),
    (4, 4, '上门催缴', 15, 'visit', 0, 0, '先电话预约，至少两名员工（主管+维修工），现场记录态度与约定'),
    (5, 5, '欠费公示', 30, 'notice', 0, 3, '仅公示楼栋单元、遮蔽房号、月数与金额，不公示姓名电话；已缴请忽略'),
    (6, 6, '业委会督促', 30, 'visit', 0, 3, '《物业管理条例》第64条：业委会督促限期缴纳'),
    (7, 7, '律师函', 30, 'registered_letter', 500000, 12, '欠费超过¥5,000或超过1年；记录快递单号'),
    (8, 8, '起诉/仲裁', 60, 'registered_letter', 500000, 12, '证据链：服务合同、欠费明细、全部催缴与送达记录；注意诉讼时效'),
    (9, 9, '坏账核销', 365, 'letter', 0, 36, '附全部催缴证据，经审批'),
]


def _convert_ladder() -> None:
    bind = op.get_bind()
    step = sa.table(
        'ladder_step', sa.column('id', sa.Integer), sa.column('seq', sa.Integer), sa.column('stage', sa.Integer),
        sa.column('name', sa.String), sa.column('days_after_due', sa.Integer), sa.column('wait_days', sa.Integer),
        sa.column('channel', sa.String), sa.column('min_amount_fen', sa.BigInteger),
        sa.column('min_months', sa.Integer), sa.column('active', sa.Boolean), sa.column('note', sa.Text),
        sa.column('version', sa.Integer),
    )
    rows = bind.execute(sa.select(step.c.id, step.c.seq, step.c.name, step.c.days_after_due)
                        .order_by(step.c.seq)).all()
    if [(r.seq, r.name, r.days_after_due) for r in rows] == _OLD_DEFAULT:
        bind.execute(step.delete())
        bind.execute(step.insert(), [
            {'seq': seq, 'stage': stage, 'name': name, 'days_after_due': 0, 'wait_days': wait, 'channel': channel,
             'min_amount_fen': amount, 'min_months': months, 'active': True, 'note': note, 'version': 1}
            for seq, stage, name, wait, channel, amount, months, note in _NEW_DEFAULT
        ])
        return
    previous = 0
    for r in rows:
        days = r.days_after_due or 0
        bind.execute(step.update().where(step.c.id == r.id).values(wait_days=max(0, days - max(previous, 0))))
        previous = max(previous, days)


def upgrade() -> None:
    with op.batch_alter_table('ladder_step', schema=None) as batch_op:
        batch_op.add_column(sa.Column('wait_days', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('min_months', sa.Integer(), nullable=False, server_default='0'))
    _convert_ladder()
    with op.batch_alter_table('ladder_step', schema=None) as batch_op:
        batch_op.alter_column('wait_days', existing_type=sa.Integer(), nullable=False)
        batch_op.alter_column('min_months', existing_type=sa.Integer(), server_default=None)
        batch_op.drop_column('days_after_due')

    with op.batch_alter_table('instalment', schema=None) as batch_op:
        batch_op.drop_column('paid_fen')
    with op.batch_alter_table('instalment_plan', schema=None) as batch_op:
        batch_op.add_column(sa.Column('starts_on', sa.Date(), nullable=True))

    with op.batch_alter_table('service_issue', schema=None) as batch_op:
        batch_op.add_column(sa.Column('handler', sa.String(length=64), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('created_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_service_issue_created_by_id_app_user'), 'app_user',
                                    ['created_by_id'], ['id'])
        batch_op.create_index('ix_service_issue_room', ['room_id'], unique=False)
    with op.batch_alter_table('service_issue', schema=None) as batch_op:
        batch_op.alter_column('handler', existing_type=sa.String(length=64), server_default=None)

    op.create_table(
        'collection_hold',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('room_id', sa.Integer(), nullable=False),
        sa.Column('until', sa.Date(), nullable=False),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('status', sa.String(length=32), nullable=False),
        sa.Column('requested_by_id', sa.Integer(), nullable=True),
        sa.Column('requested_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('approved_by_id', sa.Integer(), nullable=True),
        sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['approved_by_id'], ['app_user.id'],
                                name=op.f('fk_collection_hold_approved_by_id_app_user')),
        sa.ForeignKeyConstraint(['case_id'], ['collection_case.id'],
                                name=op.f('fk_collection_hold_case_id_collection_case')),
        sa.ForeignKeyConstraint(['requested_by_id'], ['app_user.id'],
                                name=op.f('fk_collection_hold_requested_by_id_app_user')),
        sa.ForeignKeyConstraint(['room_id'], ['room.id'], name=op.f('fk_collection_hold_room_id_room')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_collection_hold')),
    )
    with op.batch_alter_table('collection_hold', schema=None) as batch_op:
        batch_op.create_index('ix_collection_hold_case', ['case_id'], unique=False)

    op.create_table(
        'case_event',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.Column('happened_on', sa.Date(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=True),
        sa.Column('step_id', sa.Integer(), nullable=True),
        sa.Column('stage', sa.Integer(), nullable=True),
        sa.Column('collector_id', sa.Integer(), nullable=True),
        sa.Column('note', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['case_id'], ['collection_case.id'],
                                name=op.f('fk_case_event_case_id_collection_case')),
        sa.ForeignKeyConstraint(['collector_id'], ['app_user.id'], name=op.f('fk_case_event_collector_id_app_user')),
        sa.ForeignKeyConstraint(['step_id'], ['ladder_step.id'], name=op.f('fk_case_event_step_id_ladder_step')),
        sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_case_event_user_id_app_user')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_case_event')),
    )
    with op.batch_alter_table('case_event', schema=None) as batch_op:
        batch_op.create_index('ix_case_event_case', ['case_id', 'happened_on'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('case_event', schema=None) as batch_op:
        batch_op.drop_index('ix_case_event_case')
    op.drop_table('case_event')
    with op.batch_alter_table('collection_hold', schema=None) as batch_op:
        batch_op.drop_index('ix_collection_hold_case')
    op.drop_table('collection_hold')
    with op.batch_alter_table('service_issue', schema=None) as batch_op:
        batch_op.drop_index('ix_service_issue_room')
        batch_op.drop_constraint(batch_op.f('fk_service_issue_created_by_id_app_user'), type_='foreignkey')
        batch_op.drop_column('created_by_id')
        batch_op.drop_column('handler')
    with op.batch_alter_table('instalment_plan', schema=None) as batch_op:
        batch_op.drop_column('starts_on')
    with op.batch_alter_table('instalment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('paid_fen', sa.BigInteger(), nullable=False, server_default='0'))
    with op.batch_alter_table('ladder_step', schema=None) as batch_op:
        batch_op.add_column(sa.Column('days_after_due', sa.Integer(), nullable=False, server_default='0'))
    op.execute("UPDATE ladder_step SET days_after_due = wait_days")
    with op.batch_alter_table('ladder_step', schema=None) as batch_op:
        batch_op.drop_column('min_months')
        batch_op.drop_column('wait_days')
