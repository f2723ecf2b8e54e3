"""The migrations produce exactly the models' schema, on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import sqlite3

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from factories import make_room_with_bills
from sqlalchemy import inspect, select, text
from sqlalchemy.exc import DatabaseError, IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from cuijiao_desktop.db.base import Base
from cuijiao_desktop.db.engine import describe_url, make_engine, make_session_factory, sqlite_url
from cuijiao_desktop.db.migrate import current_revision, head_revision, prepare_database
from cuijiao_desktop.db.models import APPEND_ONLY_TABLES, Payment, Room


def _diff(engine) -> list:
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True, "compare_server_default": True})
        return compare_metadata(ctx, Base.metadata)


def test_sqlite_migrations_match_models(engine):
    assert _diff(engine) == []
    assert current_revision(engine) == head_revision()


@pytest.mark.postgres
def test_postgresql_migrations_match_models(pg_engine):
    assert _diff(pg_engine) == []
    assert current_revision(pg_engine) == head_revision()
    names = set(inspect(pg_engine).get_table_names())
    assert set(Base.metadata.tables) <= names


def test_sqlite_connection_settings(engine):
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000


def test_foreign_keys_are_enforced(session_factory):
    with pytest.raises(IntegrityError), session_factory.begin() as s:
        s.add(Room(estate_id=999, building_id=999, code="1-1-101", number="101", area_centi_m2=100))


def _ledger_guards(engine) -> None:
    factory = make_session_factory(engine)
    with factory.begin() as s:
        for table in APPEND_ONLY_TABLES:
            trig = s.execute(text(f"SELECT count(*) FROM {table}")).scalar()
            assert trig == 0
    room = make_room_with_bills(factory, months=1)
    with factory.begin() as s:
        s.execute(text(
            "INSERT INTO payment (receipt_no, room_id, kind, amount_fen, paid_on, method, reference, note, created_at)"
            " VALUES ('R1', :r, 'payment', 100, '2026-01-01', 'cash', '', '', CURRENT_TIMESTAMP)"), {"r": room.room_id})
        pid = s.scalar(select(Payment.id))
    for stmt in ("UPDATE payment SET amount_fen = 1", "DELETE FROM payment"):
        with pytest.raises(DatabaseError, match="append-only"), factory.begin() as s:
            s.execute(text(stmt))
    reversal = ("INSERT INTO payment (receipt_no, room_id, kind, amount_fen, paid_on, method, reverses_id, reference,"
                " note, created_at) VALUES (:n, :r, 'reversal', -100, '2026-01-02', 'cash', :p, '', '', CURRENT_TIMESTAMP)")
    with factory.begin() as s:
        s.execute(text(reversal), {"n": "C1", "r": room.room_id, "p": pid})
    with pytest.raises(IntegrityError), factory.begin() as s:  # reversed at most once
        s.execute(text(reversal), {"n": "C2", "r": room.room_id, "p": pid})
    with pytest.raises(IntegrityError), factory.begin() as s:  # a payment must be positive
        s.execute(text(
            "INSERT INTO payment (receipt_no, room_id, kind, amount_fen, paid_on, method, reference, note, created_at)"
            " VALUES ('R2', :r, 'payment', -5, '2026-01-01', 'cash', '', '', CURRENT_TIMESTAMP)"), {"r": room.room_id})


def test_sqlite_ledger_is_append_only_and_reversed_at_most_once(engine):
    _ledger_guards(engine)


@pytest.mark.postgres
def test_postgresql_ledger_is_append_only_and_reversed_at_most_once(pg_engine):
    _ledger_guards(pg_engine)


def test_optimistic_locking_refuses_a_stale_save(session_factory):
    room = make_room_with_bills(session_factory, months=0)
    with session_factory() as s:
        clerk_a = s.get(Room, room.room_id)
    with session_factory() as s:
        clerk_b = s.get(Room, room.room_id)
    with session_factory.begin() as s:
        a = s.merge(clerk_a)
        a.note = "A's note"
    with pytest.raises(StaleDataError), session_factory.begin() as s:
        b = s.merge(clerk_b, load=False)
        b.note = "B's note"
    with session_factory() as s:
        assert s.get(Room, room.room_id).note == "A's note"


def test_prepare_database_backs_up_before_upgrading(tmp_path):
    from alembic import command

    from cuijiao_desktop.db.migrate import alembic_config

    db = tmp_path / "office.sqlite3"
    url = sqlite_url(db)
    assert prepare_database(url).backup is None  # nothing to back up in a new file
    eng = make_engine(url)
    make_room_with_bills(make_session_factory(eng), months=2)
    command.downgrade(alembic_config(eng), "0004")  # an older schema with data in it
    eng.dispose()
    prepared = prepare_database(url, backup_dir=tmp_path / "backups")
    assert prepared.upgraded and prepared.before == "0004" and prepared.after == head_revision()
    backup = prepared.backup
    assert backup is not None and backup.exists() and backup.name.endswith("-migration.sqlite3")
    con = sqlite3.connect(backup)
    assert con.execute("SELECT count(*) FROM bill").fetchone()[0] == 2
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0004"
    con.close()
    again = prepare_database(url, backup_dir=tmp_path / "backups")  # at head: no backup, nothing done
    assert again.backup is None and not again.upgraded
    assert [p.name for p in (tmp_path / "backups").iterdir()] == [backup.name]


def test_describe_url_hides_passwords():
    assert "secret" not in describe_url("postgresql+psycopg://app:secret@db.example:5432/cuijiao")
    assert describe_url("sqlite:////tmp/x.sqlite3") == "/tmp/x.sqlite3"


def _down_and_up(engine) -> None:
    from alembic import command

    from cuijiao_desktop.db.migrate import alembic_config

    command.downgrade(alembic_config(engine), "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    command.upgrade(alembic_config(engine), "head")
    assert _diff(engine) == []


def test_sqlite_migration_downgrades_and_upgrades_again(engine):
    _down_and_up(engine)


@pytest.mark.postgres
def test_postgresql_migration_downgrades_and_upgrades_again(pg_engine):
    _down_and_up(pg_engine)
