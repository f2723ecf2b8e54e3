"""Payments and reversals against a real SQLite database."""

from __future__ import annotations

from datetime import date

import pytest
from factories import make_room_with_bills
from sqlalchemy import func, select, text
from sqlalchemy.exc import DatabaseError

from cuijiao_desktop.db.models import AuditLog, Bill, CreditEntry, Payment, PaymentAllocation
from cuijiao_desktop.domain.enums import PaymentKind, PaymentMethod, Role
from cuijiao_desktop.domain.errors import ConflictError, PermissionDenied, ValidationError
from cuijiao_desktop.services.payments import (
    ledger_discrepancies,
    record_payment,
    reverse_payment,
    room_balance,
)


def test_part_payment_pays_oldest_bill_first_and_is_audited(session_factory, users):
    room = make_room_with_bills(session_factory, months=3, monthly_fen=25_000)
    with session_factory.begin() as s:
        receipt = record_payment(s, actor=users[Role.CLERK], room_id=room.room_id, amount_fen=30_000,
                                 paid_on=date(2026, 4, 1), method=PaymentMethod.WECHAT, today=date(2026, 4, 2))
    assert receipt.receipt_no == "SK202604000001"
    assert [(line.bill_id, line.amount_fen) for line in receipt.lines] == [
        (room.bill_ids[0], 25_000), (room.bill_ids[1], 5_000)]
    assert receipt.credit_fen == 0
    with session_factory() as s:
        assert s.scalars(select(Bill.paid_fen).order_by(Bill.period)).all() == [25_000, 5_000, 0]
        audit = s.scalars(select(AuditLog).where(AuditLog.action == "payment.record")).one()
        assert audit.username == users[Role.CLERK].username and '"amount_fen": 30000' in audit.detail
        bal = room_balance(s, room.room_id)
        assert (bal.billed_fen, bal.paid_fen, bal.outstanding_fen) == (75_000, 30_000, 45_000)
        assert ledger_discrepancies(s) == []


def test_overpayment_becomes_prepaid_credit(session_factory, users):
    room = make_room_with_bills(session_factory, months=2, monthly_fen=10_000)
    with session_factory.begin() as s:
        receipt = record_payment(s, actor=users[Role.CLERK], room_id=room.room_id, amount_fen=25_050,
                                 paid_on=date(2026, 4, 1), method=PaymentMethod.CASH, today=date(2026, 4, 1))
    assert receipt.credit_fen == 5_050
    with session_factory() as s:
        assert room_balance(s, room.room_id).credit_fen == 5_050
        assert room_balance(s, room.room_id).outstanding_fen == 0


def test_chosen_bills_are_paid_and_rest_is_credit(session_factory, users):
    room = make_room_with_bills(session_factory, months=3, monthly_fen=10_000)
    with session_factory.begin() as s:
        receipt = record_payment(s, actor=users[Role.CLERK], room_id=room.room_id, amount_fen=12_000,
                                 paid_on=date(2026, 4, 1), method=PaymentMethod.CASH,
                                 chosen_bill_ids=[room.bill_ids[2]], today=date(2026, 4, 1))
    assert [(x.bill_id, x.amount_fen) for x in receipt.lines] == [(room.bill_ids[2], 10_000)]
    assert receipt.credit_fen == 2_000


def test_reversal_restores_balance_and_only_once(session_factory, users):
    room = make_room_with_bills(session_factory, months=2, monthly_fen=10_000)
    with session_factory.begin() as s:
        paid = record_payment(s, actor=users[Role.CLERK], room_id=room.room_id, amount_fen=23_000,
                              paid_on=date(2026, 4, 1), method=PaymentMethod.ALIPAY, today=date(2026, 4, 1))
    with session_factory.begin() as s:
        rev = reverse_payment(s, actor=users[Role.MANAGER], payment_id=paid.payment_id, reason="金额录错",
                              on=date(2026, 4, 2))
    assert rev.kind is PaymentKind.REVERSAL and rev.amount_fen == -23_000 and rev.receipt_no == "CZ202604000001"
    assert rev.credit_fen == -3_000
    with session_factory() as s:
        bal = room_balance(s, room.room_id)
        assert (bal.paid_fen, bal.outstanding_fen, bal.credit_fen) == (0, 20_000, 0)
        assert s.scalar(select(func.count()).select_from(Payment)) == 2
        assert ledger_discrepancies(s) == []
    with pytest.raises(ConflictError) as err, session_factory.begin() as s:
        reverse_payment(s, actor=users[Role.MANAGER], payment_id=paid.payment_id, reason="再来一次")
    assert err.value.code == "payment.already_reversed"


def test_clerk_cannot_reverse_and_collector_cannot_take_money(session_factory, users):
    room = make_room_with_bills(session_factory, months=1)
    with session_factory.begin() as s:
        paid = record_payment(s, actor=users[Role.CLERK], room_id=room.room_id, amount_fen=100,
                              paid_on=date(2026, 4, 1), method=PaymentMethod.CASH, today=date(2026, 4, 1))
    with pytest.raises(PermissionDenied), session_factory.begin() as s:
        reverse_payment(s, actor=users[Role.CLERK], payment_id=paid.payment_id, reason="x")
    with pytest.raises(PermissionDenied), session_factory.begin() as s:
        record_payment(s, actor=users[Role.COLLECTOR], room_id=room.room_id, amount_fen=100,
                       paid_on=date(2026, 4, 1), method=PaymentMethod.CASH, today=date(2026, 4, 1))


def test_bad_amounts_are_refused_and_nothing_is_written(session_factory, users):
    room = make_room_with_bills(session_factory, months=1)
    for amount, code in [(0, "payment.amount_not_positive"), (-5, "payment.amount_not_positive"),
                         (10_000_000_01, "payment.amount_too_large")]:
        with pytest.raises(ValidationError) as err, session_factory.begin() as s:
            record_payment(s, actor=users[Role.CLERK], room_id=room.room_id, amount_fen=amount,
                           paid_on=date(2026, 4, 1), method=PaymentMethod.CASH, today=date(2026, 4, 1))
        assert err.value.code == code
    with pytest.raises(TypeError), session_factory.begin() as s:
        record_payment(s, actor=users[Role.CLERK], room_id=room.room_id, amount_fen=1.5,  # type: ignore[arg-type]
                       paid_on=date(2026, 4, 1), method=PaymentMethod.CASH, today=date(2026, 4, 1))
    with session_factory() as s:
        assert s.scalar(select(func.count()).select_from(Payment)) == 0


def test_receipt_numbers_are_gap_free_after_a_failed_payment(session_factory, users):
    room = make_room_with_bills(session_factory, months=2)
    pay = {"actor": users[Role.CLERK], "room_id": room.room_id, "amount_fen": 100, "paid_on": date(2026, 4, 1),
           "method": PaymentMethod.CASH, "backdate_reason": "月底补录银行回单"}
    with session_factory.begin() as s:
        record_payment(s, **pay, today=date(2026, 4, 30))
    with pytest.raises(RuntimeError), session_factory.begin() as s:
        record_payment(s, **pay, today=date(2026, 4, 30))
        raise RuntimeError("printer jammed; the whole save rolls back")
    with session_factory.begin() as s:
        again = record_payment(s, **pay, today=date(2026, 4, 30))
        next_month = record_payment(s, **pay, today=date(2026, 5, 1))
    assert again.receipt_no == "SK202604000002"
    assert next_month.receipt_no == "SK202605000001"  # the series restarts each month


@pytest.mark.parametrize("table", ["payment", "payment_allocation", "credit_entry", "audit_log"])
def test_ledger_tables_refuse_update_and_delete(session_factory, users, table):
    room = make_room_with_bills(session_factory, months=1, monthly_fen=100)
    with session_factory.begin() as s:
        record_payment(s, actor=users[Role.CLERK], room_id=room.room_id, amount_fen=500,
                       paid_on=date(2026, 4, 1), method=PaymentMethod.CASH, today=date(2026, 4, 1),
                       confirmed_large=True)
    for stmt in (f"UPDATE {table} SET id = id", f"DELETE FROM {table}"):
        with pytest.raises(DatabaseError, match="append-only"), session_factory.begin() as s:
            s.execute(text(stmt))
    with session_factory() as s:
        assert s.scalar(select(func.count()).select_from(PaymentAllocation)) == 1
        assert s.scalar(select(func.count()).select_from(CreditEntry)) == 1
