"""one pinyin-initials rule: recompute every person's search key

Revision ID: 0006
Revises: 0008
Create Date: 2026-12-08 10:00:00

Until now the initials a person was found by depended on how they were entered: the rooms
dialog kept letters and digits, the import kept only the first letter of each Latin word and
dropped digits, the demo used a third variant (issue 9). ``person.name_initials`` is now always
``domain.pinyin.name_initials(name)``; this revision rewrites the rows that differ. No schema
change.
"""
import sqlalchemy as sa
from alembic import op

from cuijiao_desktop.domain.pinyin import name_initials

revision = '0006'
down_revision = '0008'
branch_labels = None
depends_on = None

_BATCH = 5000


def upgrade() -> None:
    conn = op.get_bind()
    person = sa.table('person', sa.column('id', sa.Integer), sa.column('name', sa.String),
                      sa.column('name_initials', sa.String))
    last = 0
    while True:
        rows = conn.execute(
            sa.select(person.c.id, person.c.name, person.c.name_initials)
            .where(person.c.id > last).order_by(person.c.id).limit(_BATCH)
        ).all()
        if not rows:
            break
        last = rows[-1][0]
        changed = [{'b_id': pid, 'initials': name_initials(name)} for pid, name, old in rows
                   if name_initials(name) != (old or '')]
        if changed:
            conn.execute(
                sa.update(person).where(person.c.id == sa.bindparam('b_id'))
                .values(name_initials=sa.bindparam('initials')),
                changed,
            )


def downgrade() -> None:
    """The old keys cannot be told apart from the new ones: nothing to undo."""
