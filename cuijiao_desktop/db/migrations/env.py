"""Alembic environment: runs on the connection (or else the engine) handed over in ``config.attributes``.

``db/migrate.py`` hands over a connection that holds the migration lock (an open ``BEGIN
IMMEDIATE`` on SQLite, the advisory lock on PostgreSQL)."""

from __future__ import annotations

from alembic import context
from sqlalchemy.types import TypeDecorator

from cuijiao_desktop.db import models  # noqa: F401  (registers every table)
from cuijiao_desktop.db.base import Base

config = context.config
target_metadata = Base.metadata


def render_item(type_, obj, autogen_context):
    """Render our TypeDecorators as their plain SQL types, so migrations stay frozen."""
    if type_ == "type" and isinstance(obj, TypeDecorator):
        impl = obj.impl if not isinstance(obj.impl, type) else obj.impl()
        return f"sa.{impl!r}"
    return False


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        render_item=render_item,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = config.attributes.get("engine")
    if engine is None:
        raise RuntimeError("pass a connection or an engine in config.attributes")
    with engine.connect() as conn:
        _run(conn)


if context.is_offline_mode():
    raise RuntimeError("offline migrations are not supported")
run_migrations_online()
