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
    if dialect == "postgresql":
        revoke_changes(conn, tables)


# Every role but the owner that may change rows of a table (0 is PUBLIC).
_PG_CHANGERS = """
SELECT DISTINCT a.grantee, CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE a.grantee::regrole::text END
FROM pg_class c, aclexplode(c.relacl) a
WHERE c.oid = to_regclass(%(t)s) AND a.privilege_type IN ('UPDATE', 'DELETE', 'TRUNCATE')
  AND a.grantee <> c.relowner
"""


def revoke_changes(conn: Connection, tables: Iterable[str]) -> None:
    """PostgreSQL: take UPDATE, DELETE and TRUNCATE on ``tables`` from every role but the owner.

    A new append-only table created by the migration role would otherwise get them from the
    default privileges that ``cuijiao db init-roles`` gives the app role.
    """
    for table in tables:
        for _oid, grantee in conn.exec_driver_sql(_PG_CHANGERS, {"t": table}).all():
            conn.exec_driver_sql(f"REVOKE UPDATE, DELETE, TRUNCATE ON {table} FROM {grantee}")


def drop_append_only_triggers(conn: Connection, tables: Iterable[str], *, keep_function: bool = False) -> None:
    """Undo :func:`create_append_only_triggers` (for downgrades; ``keep_function`` when other tables
    keep their guard)."""
    dialect = conn.dialect.name
    for table in tables:
        if dialect == "sqlite":
            for op in ("update", "delete"):
                conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS trg_{table}_no_{op}")
        else:
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS trg_{table}_append_only ON {table}")
    if dialect == "postgresql" and not keep_function:
        conn.exec_driver_sql("DROP FUNCTION IF EXISTS cuijiao_refuse_change()")
