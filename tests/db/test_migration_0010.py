"""Revision 0010: promises made in calls move into ``promise`` (one truth), the stored promise status
goes, who answered becomes a code, the override column is added."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine, text

from cuijiao_desktop.db.engine import make_engine, sqlite_url
from cuijiao_desktop.db.migrate import alembic_config

AT = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)


def _columns(eng: Engine, table: str) -> set[str]:
    with eng.connect() as conn:
        if eng.dialect.name == "sqlite":
            return {r[1] for r in conn.execute(text(f"PRAGMA table_info({table})"))}
        return set(conn.execute(text(
            "SELECT column_name FROM information_schema.columns WHERE table_name = :t"), {"t": table}).scalars())


def _upgrade_an_office_at_0004(eng: Engine) -> None:
    command.upgrade(alembic_config(eng), "0004")
    with eng.begin() as conn:  # the bills of a room, written as they were at 0004 (no ORM: the models moved on)
        conn.execute(text("INSERT INTO estate (id, code, name, address, phone, version) "
                          "VALUES (1, 'T1', '测试花园', '', '', 1)"))
        conn.execute(text("INSERT INTO building (id, estate_id, name, sort_order, version) VALUES (1, 1, '3', 0, 1)"))
        conn.execute(text("INSERT INTO room (id, estate_id, building_id, code, number, area_centi_m2, usage, "
                          "occupancy, direct_debit, note, version) "
                          "VALUES (1, 1, 1, '3-1502', '1502', 8000, 'residential', 'occupied', :f, '', 1)"),
                     {"f": False})
        stamp = AT if eng.dialect.name != "sqlite" else AT.replace(tzinfo=None)
        rows = [  # id, promise date, promised amount, owed, answered by
            (1, date(2026, 3, 15), 50_000, 80_000, "本人"),  # has a promise row already (kept as it is)
            (2, date(2026, 3, 20), 30_000, 80_000, "配偶"),  # gets one
            (3, date(2026, 3, 25), None, 70_000, "物业前台"),  # no amount: what was owed
            (4, date(2026, 3, 28), None, None, ""),  # nothing to go by: the date goes to the note
            (5, None, None, 80_000, "租户"),  # no promise at all
        ]
        for eid, due, amount, owed, who in rows:
            conn.execute(text(
                "INSERT INTO contact_event (id, room_id, channel, occurred_at, number_dialled, answered_by, outcome, "
                "complaint, promise_date, promise_amount_fen, arrears_fen, note, evidence_path) "
                "VALUES (:id, 1, 'phone', :at, '13800138000', :who, 'promised', '', :due, :amount, :owed, :note, '')"),
                {"id": eid, "at": stamp, "who": who, "due": due, "amount": amount, "owed": owed,
                 "note": "说月底" if eid == 4 else ""})
        conn.execute(text(
            "INSERT INTO promise (room_id, contact_event_id, made_on, due_date, amount_fen, signed, status, "
            "version) VALUES (1, 1, :made, :due, 45000, :signed, 'kept', 1)"),
            {"made": date(2026, 3, 2), "due": date(2026, 3, 15), "signed": True})
    command.upgrade(alembic_config(eng), "0010")
    assert "promise_date" not in _columns(eng, "contact_event") and "overridden" in _columns(eng, "contact_event")
    assert not {"status", "resolved_on"} & _columns(eng, "promise")
    with eng.connect() as conn:
        promises = {r[0]: tuple(r[1:]) for r in conn.execute(text(
            "SELECT contact_event_id, due_date, amount_fen, made_on, signed FROM promise ORDER BY contact_event_id"))}
        events = {r[0]: tuple(r[1:]) for r in conn.execute(text(
            "SELECT id, answered_by, overridden, note FROM contact_event ORDER BY id"))}
    made = AT.astimezone().date()

    def day(v):
        return v if isinstance(v, date) else date.fromisoformat(str(v))

    promises = {k: (day(v[0]), int(v[1]), day(v[2]), bool(v[3])) for k, v in promises.items()}
    assert promises == {
        1: (date(2026, 3, 15), 45_000, date(2026, 3, 2), True),  # the existing row wins
        2: (date(2026, 3, 20), 30_000, made, False),
        3: (date(2026, 3, 25), 70_000, made, False),
    }
    assert events == {
        1: ("owner", "", ""), 2: ("family", "", ""), 3: ("other", "", ""),
        4: ("", "", "说月底；承诺2026-03-28前缴费（未登记金额）"), 5: ("tenant", "", ""),
    }
    command.upgrade(alembic_config(eng), "head")  # and on to the newest schema
    with eng.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM promise")).scalar() == 3


def test_sqlite_0010_moves_promises_into_one_table(tmp_path: Path) -> None:
    eng = make_engine(sqlite_url(tmp_path / "old.sqlite3"))
    try:
        _upgrade_an_office_at_0004(eng)
    finally:
        eng.dispose()


@pytest.mark.postgres
def test_postgresql_0010_moves_promises_into_one_table(pg_url: str) -> None:
    eng = make_engine(pg_url)
    try:
        _upgrade_an_office_at_0004(eng)
    finally:
        eng.dispose()


def test_sqlite_0010_downgrades(tmp_path: Path) -> None:
    eng = make_engine(sqlite_url(tmp_path / "old.sqlite3"))
    try:
        _upgrade_an_office_at_0004(eng)
        command.downgrade(alembic_config(eng), "0004")
        assert "promise_date" in _columns(eng, "contact_event") and "status" in _columns(eng, "promise")
        with eng.connect() as conn:
            back = dict(conn.execute(text("SELECT id, promise_amount_fen FROM contact_event WHERE id IN (1, 2)")).all())
            assert back == {1: 45_000, 2: 30_000}
    finally:
        eng.dispose()
