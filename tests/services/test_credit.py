"""Prepaid credit: never negative; a reversal of spent credit reverses the spendings first."""

from __future__ import annotations

from datetime import date

import pytest
from ledger_factories import make_billing_office
from sqlalchemy import select

from cuijiao_desktop.db.models import AuditLog, Bill, CreditEntry, Payment
from cuijiao_desktop.domain.enums import PaymentKind, PaymentMethod, Role
from cuijiao_desktop.services import billing
from cuijiao_desktop.services.credit import credit_balance
from cuijiao_desktop.services.ledger_check import check_ledger
from cuijiao_desktop.services.payments import record_payment, reverse_payment
from cuijiao_desktop.services.room_ledger import CreditKind, room_ledger

DAY = date(2026, 6, 5)


@pytest.fixture
def office(session_factory):
    return make_billing_office(session_factory)


def _pay(s, users, room_id, fen, day=DAY):
    return record_payment(s, actor=users[Role.CLERK], room_id=room_id, amount_fen=fen, paid_on=day,
                          method=PaymentMethod.CASH, today=day, confirmed_large=True)


def _open(s, room_id, period):
    return s.scalar(select(Bill.amount_fen - Bill.discount_fen - Bill.paid_fen)
                    .where(Bill.room_id == room_id, Bill.period == period, Bill.basis_note.like("%㎡%")))


def test_reversing_a_payment_whose_credit_was_spent_reopens_those_bills(session_factory, users, office):
    flat = office.rooms["1-1-101"]
    with session_factory.begin() as s:
        first = _pay(s, users, flat, 30_000)  # no bills yet: all credit
        billing.run_billing(s, actor=users[Role.FINANCE], period=202606, today=date(2026, 6, 1))
    with session_factory() as s:
        assert _open(s, flat, 202606) == 0 and credit_balance(s, flat) == 30_000 - 22_343
    with session_factory.begin() as s:
        reversal = reverse_payment(s, actor=users[Role.MANAGER], payment_id=first.payment_id, reason="收错房间",
                                   on=date(2026, 6, 9))
    assert reversal.credit_fen == -30_000
    with session_factory() as s:
        assert _open(s, flat, 202606) == 22_343  # the bill the credit paid is owed again
        assert credit_balance(s, flat) == 0
        spending = s.scalars(select(Payment).where(Payment.method == PaymentMethod.CREDIT,
                                                   Payment.kind == PaymentKind.PAYMENT)).one()
        undo = s.scalars(select(Payment).where(Payment.reverses_id == spending.id)).one()
        assert undo.note.startswith(f"随 {first.receipt_no} 冲正撤销抵扣")
        audit = s.scalars(select(AuditLog).where(AuditLog.action == "payment.reverse")).one()
        assert spending.receipt_no in audit.detail
        ledger = room_ledger(s, room_id=flat, today=date(2026, 6, 11))
        assert [c.kind for c in ledger.credits] == [CreditKind.REVERSED, CreditKind.GIVEN_BACK, CreditKind.SPENT,
                                                    CreditKind.DEPOSIT]
        assert [c.balance_fen for c in ledger.credits] == [0, 30_000, 7_657, 30_000]
        assert ledger.header.arrears_fen == 22_343
        assert check_ledger(s) == []


def test_other_credit_of_the_room_pays_the_reopened_bills(session_factory, users, office):
    flat = office.rooms["1-1-101"]
    with session_factory.begin() as s:
        first = _pay(s, users, flat, 10_000)
        _pay(s, users, flat, 50_000, day=date(2026, 6, 6))
        billing.run_billing(s, actor=users[Role.FINANCE], period=202606, today=date(2026, 6, 7))
    with session_factory.begin() as s:  # the first deposit paid 100.00 of June; the second deposit takes over
        reverse_payment(s, actor=users[Role.MANAGER], payment_id=first.payment_id, reason="重复收款", on=DAY)
    with session_factory() as s:
        assert _open(s, flat, 202606) == 0
        assert credit_balance(s, flat) == 60_000 - 10_000 - 22_343
        audit = s.scalars(select(AuditLog).where(AuditLog.action == "payment.reverse")).one()
        assert '"respent"' in audit.detail
        left = dict(s.execute(select(CreditEntry.source_id, CreditEntry.amount_fen)
                              .where(CreditEntry.source_id.is_not(None))).all())
        assert left  # every movement names its deposit
        assert check_ledger(s) == []


def test_reversing_a_spending_gives_its_money_back_to_the_deposit(session_factory, users, office):
    flat = office.rooms["1-1-101"]
    with session_factory.begin() as s:
        _pay(s, users, flat, 30_000)
        billing.run_billing(s, actor=users[Role.FINANCE], period=202606, today=date(2026, 6, 1))
        spending = s.scalars(select(Payment.id).where(Payment.method == PaymentMethod.CREDIT)).one()
    with session_factory.begin() as s:
        reversal = reverse_payment(s, actor=users[Role.MANAGER], payment_id=spending, reason="业主要求退回预存",
                                   on=DAY)
    assert reversal.credit_fen == 22_343
    with session_factory() as s:
        assert credit_balance(s, flat) == 30_000 and _open(s, flat, 202606) == 22_343
        assert check_ledger(s) == []
    with session_factory.begin() as s:  # the next run spends it again, on the new month only
        billing.run_billing(s, actor=users[Role.FINANCE], period=202607, today=date(2026, 7, 1))
    with session_factory() as s:
        assert _open(s, flat, 202606) == 22_343 and _open(s, flat, 202607) == 0
        assert credit_balance(s, flat) == 0  # 300.00 pays July's 250.24 and 49.76 of its 50.59 water bill
        assert check_ledger(s) == []
