"""Revision 0005: bills keep their issued amount, credit movements name their deposit, existing rows
backfilled; the append-only guards survive the rebuild of ``credit_entry``."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from factories import make_room_with_bills
from sqlalchemy import Engine, select, text
from sqlalchemy.exc import DatabaseError

from cuijiao_desktop.db.engine import make_engine, make_session_factory, sqlite_url
from cuijiao_desktop.db.migrate import alembic_config, current_revision
from cuijiao_desktop.db.models import Bill, CreditEntry
from cuijiao_desktop.services.ledger_check import CHECKS, check_ledger

_OLD_ROWS = [
    ("INSERT INTO bill (id, room_id, fee_item_id, period, amount_fen, discount_fen, paid_fen, waived_fen, due_date,"
    " basis_note, created_at, version) VALUES (1, :room, :item, 202601, 25000, 0, 25000, 0, '2026-01-10', '',"
    " CURRENT_TIMESTAMP, 1)"),
    ("INSERT INTO payment (id, receipt_no, room_id, kind, amount_fen, paid_on, method, reference, note, created_at)"
    " VALUES (1, 'SK202601000001', :room, 'payment', 30000, '2026-01-05', 'cash', '', '', CURRENT_TIMESTAMP)"),
    "INSERT INTO payment_allocation (id, payment_id, bill_id, amount_fen, late_fee_fen) VALUES (1, 1, 1, 25000, 0)",
    ("INSERT INTO credit_entry (id, room_id, amount_fen, payment_id, note, created_at)"
    " VALUES (1, :room, 5000, 1, '预存', CURRENT_TIMESTAMP)"),
    ("INSERT INTO payment (id, receipt_no, room_id, kind, amount_fen, paid_on, method, reverses_id, reference, note,"
    " created_at) VALUES (2, 'CZ202601000001', :room, 'reversal', -30000, '2026-01-06', 'cash', 1, '', '',"
    " CURRENT_TIMESTAMP)"),
    "INSERT INTO payment_allocation (id, payment_id, bill_id, amount_fen, late_fee_fen) VALUES (2, 2, 1, -25000, 0)",
    "UPDATE bill SET paid_fen = 0 WHERE id = 1",
    ("INSERT INTO credit_entry (id, room_id, amount_fen, payment_id, note, created_at)"
    " VALUES (2, :room, -5000, 2, '冲正', CURRENT_TIMESTAMP)"),
]


def _upgrade_a_0004_office(eng: Engine) -> None:
    command.upgrade(alembic_config(eng), "0004")
    room = make_room_with_bills(make_session_factory(eng), months=0)
    with eng.begin() as conn:
        item = conn.execute(text("SELECT id FROM fee_item")).scalar()
        for sql in _OLD_ROWS:
            conn.execute(text(sql), {"room": room.room_id, "item": item})
    command.upgrade(alembic_config(eng), "0005")
    assert current_revision(eng) == "0005"
    factory = make_session_factory(eng)
    with factory() as s:
        assert s.execute(select(Bill.amount_fen, Bill.issued_amount_fen)).one() == (25000, 25000)
        assert dict(s.execute(select(CreditEntry.id, CreditEntry.source_id)).all()) == {1: None, 2: 1}
        assert check_ledger(s, checks=tuple(c for c in CHECKS if c != "arrears_cache")) == []  # no cache yet
    with factory.begin() as s:  # a row, or a row trigger has nothing to refuse
        s.execute(text("INSERT INTO bill_adjustment (bill_id, old_amount_fen, new_amount_fen, reason, created_at)"
                       " VALUES (1, 25000, 25000, 'x', CURRENT_TIMESTAMP)"))
    for table in ("credit_entry", "bill_adjustment"):
        with pytest.raises(DatabaseError, match="append-only"), factory.begin() as s:
            s.execute(text(f"UPDATE {table} SET id = id"))
        with pytest.raises(DatabaseError, match="append-only"), factory.begin() as s:
            s.execute(text(f"DELETE FROM {table}"))


def test_sqlite_0005_backfills_and_keeps_the_guards(tmp_path: Path) -> None:
    eng = make_engine(sqlite_url(tmp_path / "old.sqlite3"))
    try:
        _upgrade_a_0004_office(eng)
    finally:
        eng.dispose()


@pytest.mark.postgres
def test_postgresql_0005_backfills_and_keeps_the_guards(pg_url: str) -> None:
    eng = make_engine(pg_url)
    try:
        _upgrade_a_0004_office(eng)
    finally:
        eng.dispose()
