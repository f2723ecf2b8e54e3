"""PostgreSQL sequences after rows were written with explicit ids (bulk loaders).

Rows inserted with their own ``id`` do not move the table's sequence, and the next ordinary insert
then fails on a duplicate key (the demo database on PostgreSQL could not take a payment: issue 14).
Every loader that writes ids itself calls :func:`advance_sequences` before it commits. SQLite needs
nothing: it numbers new rows after ``max(rowid)``.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, Table, text

from .base import Base


def advance_sequences(conn: Connection, tables: Iterable[Table] | None = None) -> int:
    """Move each table's id sequence to its ``max(id)`` (PostgreSQL; a no-op elsewhere).
    Returns how many sequences were set."""
    if conn.dialect.name != "postgresql":
        return 0
    done = 0
    for table in tables if tables is not None else Base.metadata.sorted_tables:
        if "id" not in table.c or not table.c.id.primary_key:
            continue
        seq = conn.execute(text("SELECT pg_get_serial_sequence(:t, 'id')"), {"t": table.name}).scalar()
        if seq is None:
            continue
        conn.execute(text(f"SELECT setval(:s, COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"),
                     {"s": seq})
        done += 1
    return done
