"""Revision 0003: extensions get the day they were asked for, existing rows backfilled."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from alembic import command
from factories import make_room_with_bills
from sqlalchemy import Engine, column, insert, select, table

from cuijiao_desktop.db.engine import make_engine, make_session_factory, sqlite_url
from cuijiao_desktop.db.migrate import alembic_config, current_revision
from cuijiao_desktop.db.models import Extension

DECIDED = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)


def _upgrade_a_0002_office(eng: Engine) -> None:
    command.upgrade(alembic_config(eng), "0002")
    room = make_room_with_bills(make_session_factory(eng), months=0)  # no bills: 0005 added a bill column
    # the table as 0002 left it (the model has the new column)
    old = table("extension", *(column(c.name, c.type) for c in Extension.__table__.c if c.name != "requested_at"))
    with eng.begin() as conn:
        conn.execute(insert(old), [
            {"id": 1, "room_id": room.room_id, "case_id": None, "until": date(2026, 8, 31), "reason": "失业",
             "status": "approved", "requested_by_id": None, "approved_by_id": None, "decided_at": DECIDED,
             "version": 1},
            {"id": 2, "room_id": room.room_id, "case_id": None, "until": date(2026, 12, 31), "reason": "住院",
             "status": "pending", "requested_by_id": None, "approved_by_id": None, "decided_at": None,
             "version": 1},
        ])
    before = datetime.now(UTC)
    command.upgrade(alembic_config(eng), "0003")
    assert current_revision(eng) == "0003"
    with eng.connect() as conn:
        asked = dict(conn.execute(select(Extension.id, Extension.requested_at)).all())
    assert asked[1] == DECIDED  # decided: at its decision
    assert before - timedelta(seconds=1) <= asked[2] <= datetime.now(UTC)  # pending: at the upgrade


def test_sqlite_0003_backfills_requested_at(tmp_path: Path) -> None:
    eng = make_engine(sqlite_url(tmp_path / "old.sqlite3"))
    try:
        _upgrade_a_0002_office(eng)
    finally:
        eng.dispose()


@pytest.mark.postgres
def test_postgresql_0003_backfills_requested_at(pg_url: str) -> None:
    eng = make_engine(pg_url)
    try:
        _upgrade_a_0002_office(eng)
    finally:
        eng.dispose()
