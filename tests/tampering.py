"""Shared by the audit-chain tests: change the log behind the app's back, as a schema owner could."""

from __future__ import annotations

from sqlalchemy import text


def tamper(engine, sql: str, **params) -> None:
    """Run ``sql`` with the append-only guard bypassed (SQLite: triggers dropped; PostgreSQL: a
    superuser's ``session_replication_role = replica``)."""
    with engine.begin() as conn:
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("DROP TRIGGER IF EXISTS trg_audit_log_no_update")
            conn.exec_driver_sql("DROP TRIGGER IF EXISTS trg_audit_log_no_delete")
        else:
            conn.exec_driver_sql("SET LOCAL session_replication_role = replica")
        conn.execute(text(sql), params)
