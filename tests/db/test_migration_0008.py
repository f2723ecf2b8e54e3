"""Revision 0008: existing audit rows are chained in id order (and still refuse changes), the room of
each row is filled in, and existing users need not change their password."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command
from factories import make_room_with_bills
from sqlalchemy import Engine, column, insert, select, table, text
from sqlalchemy.exc import DatabaseError

from cuijiao_desktop.db.engine import make_engine, make_session_factory, sqlite_url
from cuijiao_desktop.db.migrate import alembic_config, current_revision, head_revision
from cuijiao_desktop.db.models import AuditLog, User
from cuijiao_desktop.services.audit_log import verify_chain
from cuijiao_desktop.services.dto import CLI_USER


def _old_office_upgraded(eng: Engine) -> None:
    command.upgrade(alembic_config(eng), "0004")
    room = make_room_with_bills(make_session_factory(eng), months=1)
    old_audit = table("audit_log", *(column(c) for c in ("at", "user_id", "username", "action", "entity", "entity_id",
                                                         "detail")))
    old_user = table("app_user", *(column(c) for c in ("username", "display_name", "role", "password_hash", "active",
                                                       "failed_logins", "created_at", "version")))
    at = datetime(2026, 5, 1, 8, 30, 15, 123456, tzinfo=UTC)
    if eng.dialect.name == "sqlite":
        at = at.replace(tzinfo=None)
    with eng.begin() as conn:
        conn.execute(insert(old_user), [{"username": "old", "display_name": "老用户", "role": "clerk",
                                         "password_hash": "scrypt$16384$8$1$AAAA$AAAA", "active": True,
                                         "failed_logins": 0, "created_at": at, "version": 1}])
        old_id = conn.execute(text("SELECT id FROM app_user WHERE username = 'old'")).scalar()
        conn.execute(insert(old_audit), [  # rows that reference the user: app_user must not be rebuilt
            {"at": at, "user_id": old_id, "username": "old", "action": "room.update", "entity": "room",
             "entity_id": str(room.room_id), "detail": "{}"},
            {"at": at, "user_id": None, "username": "cli", "action": "late_fee.waive", "entity": "bill",
             "entity_id": str(room.bill_ids[0]), "detail": '{"amount_fen": 100}'},
            {"at": at, "user_id": None, "username": "cli", "action": "import.rooms", "entity": "estate",
             "entity_id": "1", "detail": "{}"},
        ])
    command.upgrade(alembic_config(eng), "head")
    assert current_revision(eng) == head_revision()
    factory = make_session_factory(eng)
    with factory() as s:
        assert s.execute(select(AuditLog.chain_seq, AuditLog.room_id).order_by(AuditLog.id)).all() == [
            (1, room.room_id), (2, room.room_id), (3, None)]
        assert s.scalar(select(User.must_change_password).where(User.username == "old")) is False
        report = verify_chain(s, actor=CLI_USER) if eng.dialect.name == "sqlite" else None
    if report is not None:
        assert report.ok and report.checked == 3
    with pytest.raises(DatabaseError, match="append-only"), eng.begin() as conn:  # the guard is back
        conn.execute(text("UPDATE audit_log SET username = 'x'"))
    with factory.begin() as s:  # and new rows continue the chain
        from cuijiao_desktop.services import audit

        audit.record(s, CLI_USER, "test.after_upgrade", "thing", 1)
    with factory() as s:
        assert s.scalar(select(AuditLog.chain_seq).where(AuditLog.action == "test.after_upgrade")) == 4


def test_sqlite_0008_chains_existing_audit_rows(tmp_path: Path) -> None:
    eng = make_engine(sqlite_url(tmp_path / "old.sqlite3"))
    try:
        _old_office_upgraded(eng)
    finally:
        eng.dispose()


@pytest.mark.postgres
def test_postgresql_0008_chains_existing_audit_rows(pg_url: str) -> None:
    eng = make_engine(pg_url)
    try:
        _old_office_upgraded(eng)
        with make_session_factory(eng)() as s:  # PostgreSQL has users: the system identity cannot verify
            from cuijiao_desktop.domain.audit_chain import AuditEntry, ChainRow, ChainWalk

            rows = [ChainRow(*r[:4], AuditEntry(*r[4:])) for r in s.execute(select(
                AuditLog.id, AuditLog.chain_seq, AuditLog.prev_hash, AuditLog.row_hash, AuditLog.at, AuditLog.user_id,
                AuditLog.username, AuditLog.action, AuditLog.entity, AuditLog.entity_id, AuditLog.room_id,
                AuditLog.detail).order_by(AuditLog.chain_seq))]
        walk = ChainWalk()
        assert walk.feed(rows) and walk.checked == 4
    finally:
        eng.dispose()
