"""Revision 0014: visits get a window (old ones 90 minutes), statuses confirmed/failed from what was
known, results from the old outcomes, duties as codes; the new columns have their defaults."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine, text

from cuijiao_desktop.db.engine import make_engine, sqlite_url
from cuijiao_desktop.db.migrate import alembic_config, current_revision, head_revision

AT = datetime(2026, 3, 2, 11, 0, tzinfo=UTC)


def _check(eng: Engine) -> None:
    command.upgrade(alembic_config(eng), "0009")
    stamp = AT if eng.dialect.name != "sqlite" else AT.replace(tzinfo=None)
    with eng.begin() as conn:  # written as they were at 0009 (no ORM: the models moved on)
        conn.execute(text("INSERT INTO estate (id, code, name, address, phone, version) "
                          "VALUES (1, 'T1', '测试花园', '', '', 1)"))
        conn.execute(text("INSERT INTO building (id, estate_id, name, sort_order, version) VALUES (1, 1, '3', 0, 1)"))
        conn.execute(text("INSERT INTO room (id, estate_id, building_id, code, number, area_centi_m2, usage, "
                          "occupancy, direct_debit, note, version) "
                          "VALUES (1, 1, 1, '3-1502', '1502', 8000, 'residential', 'occupied', :f, '', 1)"),
                     {"f": False})
        conn.execute(text("INSERT INTO app_user (id, username, display_name, role, password_hash, active, "
                          "failed_logins, created_at, must_change_password, version) "
                          "VALUES (1, 'wang', '王芳', 'collector', 'x', :t, 0, :at, :f, 1)"),
                     {"t": True, "f": False, "at": stamp})
        rows = [  # id, status, booked by phone, outcome
            (1, "planned", True, None), (2, "planned", False, None), (3, "done", True, "not_home"),
            (4, "done", True, "conditional"), (5, "cancelled", False, None),
        ]
        for vid, status, booked, outcome in rows:
            conn.execute(text(
                "INSERT INTO visit (id, room_id, planned_at, status, booked_by_phone, attitude, outcome, revisit, "
                "notice_handed, note, version) VALUES (:id, 1, :at, :status, :booked, '', :outcome, :f, :f, '', 1)"),
                {"id": vid, "at": stamp, "status": status, "booked": booked, "outcome": outcome, "f": False})
            conn.execute(text("INSERT INTO visit_staff (visit_id, user_id, duty) VALUES (:v, 1, :d)"),
                         {"v": vid, "d": {1: "主管", 2: "维修工", 3: "催收专员"}.get(vid, "")})
    command.upgrade(alembic_config(eng), "head")
    assert current_revision(eng) == head_revision()
    with eng.connect() as conn:
        got = {r[0]: tuple(r[1:]) for r in conn.execute(text(
            "SELECT id, status, result, met, team, override_reason, cancel_reason, notice_signed FROM visit"))}
        ends = dict(conn.execute(text("SELECT id, ends_at FROM visit")).tuples().all())
        duties = dict(conn.execute(text("SELECT visit_id, duty FROM visit_staff")).tuples().all())
        photos = conn.execute(text("SELECT count(*) FROM visit_photo")).scalar()
    assert {k: v[:3] for k, v in got.items()} == {
        1: ("confirmed", None, ""), 2: ("planned", None, ""), 3: ("failed", "not_home", ""),
        4: ("done", "promised", "owner"), 5: ("cancelled", None, ""),
    }
    assert all(v[3:] == ("", "", "", False) for v in got.values())
    for value in ends.values():
        value = datetime.fromisoformat(value) if isinstance(value, str) else value
        assert (value if value.tzinfo else value.replace(tzinfo=UTC)) == AT + timedelta(minutes=90)
    assert duties == {1: "supervisor", 2: "maintenance", 3: "collector", 4: "collector", 5: "collector"}
    assert photos == 0


def test_sqlite_0014_gives_old_visits_windows_and_statuses(tmp_path: Path) -> None:
    eng = make_engine(sqlite_url(tmp_path / "old.sqlite3"))
    try:
        _check(eng)
    finally:
        eng.dispose()


@pytest.mark.postgres
def test_postgresql_0014_gives_old_visits_windows_and_statuses(pg_url: str) -> None:
    eng = make_engine(pg_url)
    try:
        _check(eng)
    finally:
        eng.dispose()
