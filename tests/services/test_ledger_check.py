"""``cuijiao db check`` finds what is wrong and names the rows; a bill's amount changes only by an adjustment."""

from __future__ import annotations

from datetime import date

import pytest
from factories import make_room_with_bills
from sqlalchemy import select, text

from cuijiao_desktop.db.models import AuditLog, Bill, BillAdjustment
from cuijiao_desktop.domain.enums import PaymentMethod, Role
from cuijiao_desktop.domain.errors import PermissionDenied, ValidationError
from cuijiao_desktop.services.bill_adjustments import adjust_bill, adjust_bills, bill_adjustments
from cuijiao_desktop.services.ledger_check import check_ledger
from cuijiao_desktop.services.payments import record_payment

DAY = date(2026, 4, 1)


@pytest.fixture
def paid_room(session_factory, users):
    room = make_room_with_bills(session_factory, months=3, monthly_fen=25_000)
    with session_factory.begin() as s:
        record_payment(s, actor=users[Role.CLERK], room_id=room.room_id, amount_fen=60_000, paid_on=DAY,
                       method=PaymentMethod.CASH, today=DAY)
    return room


def _problems(read_factory, *checks):
    with read_factory.begin() as s:
        return check_ledger(s, checks=checks or None)


def _raw(engine, *statements):
    """Damage done behind the program's back: foreign keys and triggers off."""
    if engine.dialect.name == "sqlite":
        raw = engine.raw_connection()
        try:
            cur = raw.cursor()
            cur.execute("PRAGMA foreign_keys = OFF")  # outside a transaction, or SQLite ignores it
            for sql in statements:
                cur.execute(sql)
            cur.execute("PRAGMA foreign_keys = ON")
        finally:
            raw.close()
        return
    with engine.begin() as conn:
        conn.exec_driver_sql("SET LOCAL session_replication_role = replica")
        for sql in statements:
            conn.execute(text(sql))


def test_a_healthy_ledger_passes(read_factory, paid_room):
    assert _problems(read_factory) == []


def test_deleted_bills_with_allocations_are_named(engine, read_factory, paid_room):
    _raw(engine, f"DELETE FROM bill WHERE id IN ({paid_room.bill_ids[0]}, {paid_room.bill_ids[1]})")
    problems = _problems(read_factory)
    named = [p for p in problems if p.check == "allocation_bill"]
    assert len(named) == 2 and all("SK" in p.text and "不存在" in p.text for p in named)
    assert not [p for p in problems if p.check == "foreign_key" and p.table == "payment_allocation"]


def test_rows_pointing_nowhere_are_found_by_the_foreign_key_check(engine, read_factory, paid_room):
    _raw(engine, f"UPDATE room_person SET person_id = 9999 WHERE room_id = {paid_room.room_id}")
    problems = _problems(read_factory, "foreign_key")
    assert [(p.table, "person" in p.text) for p in problems] == [("room_person", True)]


def test_a_bill_raised_behind_the_programs_back_is_found(engine, read_factory, paid_room):
    bill = paid_room.bill_ids[2]
    _raw(engine, f"UPDATE bill SET amount_fen = amount_fen + 100000 WHERE id = {bill}")
    problems = _problems(read_factory, "bill_amount")
    assert [p.row for p in problems] == [str(bill)]
    assert "¥1,250.00" in problems[0].text and "¥250.00" in problems[0].text and "3-2-1502" in problems[0].text


def test_cached_amounts_payment_totals_and_credit_are_checked(engine, read_factory, paid_room):
    bill = paid_room.bill_ids[0]
    _raw(engine,
         f"UPDATE bill SET paid_fen = paid_fen - 100 WHERE id = {bill}",
         "INSERT INTO credit_entry (room_id, amount_fen, note, created_at) "
         f"VALUES ({paid_room.room_id}, -5000, 'x', CURRENT_TIMESTAMP)")
    problems = _problems(read_factory)
    kinds = sorted({p.check for p in problems})
    assert kinds == ["bill_paid", "credit"]
    credit = [p.text for p in problems if p.check == "credit"]
    assert any("余额为负" in t for t in credit) and any("没有注明" in t for t in credit)


def test_a_bill_changes_only_through_an_audited_adjustment(session_factory, read_factory, users, paid_room):
    bill = paid_room.bill_ids[2]  # 250.00, 100.00 of it paid
    with pytest.raises(PermissionDenied), session_factory.begin() as s:
        adjust_bill(s, actor=users[Role.CLERK], bill_id=bill, new_amount_fen=20_000, reason="面积更正")
    with pytest.raises(ValidationError) as err, session_factory.begin() as s:
        adjust_bill(s, actor=users[Role.FINANCE], bill_id=bill, new_amount_fen=9_999, reason="面积更正")
    assert err.value.code == "bill.adjust_below_paid" and err.value.params["minimum_fen"] == 10_000
    with pytest.raises(ValidationError) as err, session_factory.begin() as s:
        adjust_bill(s, actor=users[Role.FINANCE], bill_id=bill, new_amount_fen=20_000, reason=" ")
    assert err.value.code == "bill.adjust_reason_required"
    with session_factory.begin() as s:
        done = adjust_bill(s, actor=users[Role.FINANCE], bill_id=bill, new_amount_fen=20_000, reason="面积更正")
        adjust_bills(s, actor=users[Role.FINANCE], changes=[(bill, 21_000), (paid_room.bill_ids[1], 25_000)],
                     reason="导入更正")
    assert (done.old_amount_fen, done.new_amount_fen) == (25_000, 20_000)
    with session_factory() as s:
        assert s.scalar(select(Bill.amount_fen).where(Bill.id == bill)) == 21_000
        assert s.scalars(select(BillAdjustment.old_amount_fen).order_by(BillAdjustment.id)).all() == [25_000, 20_000]
        assert len(s.scalars(select(AuditLog).where(AuditLog.action == "bill.adjust")).all()) == 2
        history = bill_adjustments(s, room_id=paid_room.room_id)
        assert [(a.old_amount_fen, a.new_amount_fen) for _p, _i, a in history] == [(20_000, 21_000), (25_000, 20_000)]
    assert _problems(read_factory) == []
