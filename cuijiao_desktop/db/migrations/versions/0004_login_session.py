"""login sessions: the services resolve the acting user from the database

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06 15:00:00

A user id handed to a service is trusted only together with the token of an open sign-in
(issue 14: permissions that hold). Only the token's SHA-256 is stored.
"""
import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'login_session',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('token_hash', sa.String(length=64), nullable=False),
        sa.Column('client', sa.String(length=128), nullable=False),
        sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('ended_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_login_session_user_id_app_user')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_login_session')),
        sa.UniqueConstraint('token_hash', name=op.f('uq_login_session_token_hash')),
    )
    with op.batch_alter_table('login_session', schema=None) as batch_op:
        batch_op.create_index('ix_login_session_user', ['user_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('login_session', schema=None) as batch_op:
        batch_op.drop_index('ix_login_session_user')
    op.drop_table('login_session')
