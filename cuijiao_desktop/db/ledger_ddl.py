"""Database-side guards for the append-only ledger, for SQLite and PostgreSQL.

Used by the initial migration; a later change here needs a new migration.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.engine import Connection

# psycopg reads % as a placeholder even without parameters, hence %%.
PG_FUNCTION = """
CREATE OR REPLACE FUNCTION cuijiao_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'append-only table %%: %% refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql
"""


def create_append_only_triggers(conn: Connection, tables: Iterable[str]) -> None:
    """Make UPDATE and DELETE on ``tables`` raise, on SQLite or PostgreSQL."""
    dialect = conn.dialect.name
    if dialect == "postgresql":
        conn.exec_driver_sql(PG_FUNCTION)
    for table in tables:
        if dialect == "sqlite":
            for op in ("UPDATE", "DELETE"):
                conn.exec_driver_sql(
                    f"CREATE TRIGGER trg_{table}_no_{op.lower()} BEFORE {op} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, 'append-only table {table}: {op} refused'); END"
                )
        elif dialect == "postgresql":
            conn.exec_driver_sql(
                f"CREATE TRIGGER trg_{table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION cuijiao_refuse_change()"
            )
        else:  # pragma: no cover - only the two supported engines
            raise NotImplementedError(dialect)


def drop_append_only_triggers(conn: Connection, tables: Iterable[str]) -> None:
    """Undo :func:`create_append_only_triggers` (for downgrades)."""
    dialect = conn.dialect.name
    for table in tables:
        if dialect == "sqlite":
            for op in ("update", "delete"):
                conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS trg_{table}_no_{op}")
        else:
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS trg_{table}_append_only ON {table}")
    if dialect == "postgresql":
        conn.exec_driver_sql("DROP FUNCTION IF EXISTS cuijiao_refuse_change()")
