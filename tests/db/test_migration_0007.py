"""Revision 0007: the arrears cache's tables and triggers come and go with the migration."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from factories import make_room_with_bills
from sqlalchemy import Engine, inspect

from cuijiao_desktop.db.arrears_ddl import TRIGGER_NAMES, missing_arrears_triggers
from cuijiao_desktop.db.engine import make_engine, make_session_factory, sqlite_url
from cuijiao_desktop.db.migrate import alembic_config, head_revision

TABLES = {"arrears_cache", "arrears_dirty", "arrears_cache_state"}


def _down_and_up(eng: Engine) -> None:
    make_room_with_bills(make_session_factory(eng), months=2)
    with eng.connect() as conn:
        assert missing_arrears_triggers(conn) == []
    command.downgrade(alembic_config(eng), "0007-1")
    assert not TABLES & set(inspect(eng).get_table_names())
    with eng.connect() as conn:
        assert missing_arrears_triggers(conn) == list(TRIGGER_NAMES)
    command.upgrade(alembic_config(eng), head_revision())
    assert TABLES <= set(inspect(eng).get_table_names())
    with eng.connect() as conn:
        assert missing_arrears_triggers(conn) == []


def test_sqlite_downgrade_and_upgrade(tmp_path: Path):
    eng = make_engine(sqlite_url(tmp_path / "t.sqlite3"))
    command.upgrade(alembic_config(eng), head_revision())
    try:
        _down_and_up(eng)
    finally:
        eng.dispose()


@pytest.mark.postgres
def test_postgresql_downgrade_and_upgrade(pg_engine: Engine):
    _down_and_up(pg_engine)
