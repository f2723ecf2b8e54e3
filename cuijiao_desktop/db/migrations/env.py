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
    # SQLite: a batch migration recreates a table (copy, drop, rename); with foreign keys on, dropping
    # a table that other rows reference fails. Alembic's documented way: switch them off for the
    # migration (outside any transaction, so on the driver's connection; ``db/migrate.py`` does it
    # before taking the write lock), check every reference before committing, and switch them on
    # again for the pooled connection.
    raw = connection.connection.driver_connection if connection.dialect.name == "sqlite" else None
    switch = raw is not None and not connection.in_transaction()
    if switch:
        raw.execute("PRAGMA foreign_keys = OFF")
    try:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=True,
            render_item=render_item,
            compare_type=True,
        )
        with context.begin_transaction():
            before = context.get_context().get_current_revision()
            context.run_migrations()
            # only a migration that ran can have broken a reference (a damaged file is db check's to report)
            if raw is not None and context.get_context().get_current_revision() != before:
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise RuntimeError(f"the migration left broken references: {broken[:5]}")
        connection.commit()
    finally:
        if switch:
            raw.execute("PRAGMA foreign_keys = ON")


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
