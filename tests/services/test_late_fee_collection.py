"""Collecting late fees with a payment: principal first, then the late fees of settled bills."""

from __future__ import annotations

from datetime import date

import pytest
from factories import assess_late_fees, make_room_with_bills
from sqlalchemy import select

from cuijiao_desktop.db.models import AuditLog, LateFeeAssessment, PaymentAllocation
from cuijiao_desktop.domain.enums import PaymentMethod, Role
from cuijiao_desktop.domain.errors import PermissionDenied
from cuijiao_desktop.services.late_fees import waive_late_fee
from cuijiao_desktop.services.payments import (
    ledger_discrepancies,
    preview_payment,
    record_payment,
    reverse_payment,
    room_balance,
)
from cuijiao_desktop.services.room_ledger import room_ledger


@pytest.fixture
def room(session_factory):
    """Three 100.00 bills (2026-01..03), late fees assessed: 5.00, 3.00, 1.00."""
    r = make_room_with_bills(session_factory, months=3, monthly_fen=10_000)
    assess_late_fees(session_factory, dict(zip(r.bill_ids, (500, 300, 100), strict=True)),
                     as_of=date(2026, 6, 1))
    return r


def _pay(s, users, room, amount, **kw):
    return record_payment(s, actor=users[Role.CLERK], room_id=room.room_id, amount_fen=amount,
                          paid_on=date(2026, 6, 2), method=PaymentMethod.CASH, today=date(2026, 6, 2), **kw)


def test_without_the_option_late_fees_are_left_alone(session_factory, users, room):
    with session_factory.begin() as s:
        receipt = _pay(s, users, room, 31_000)
    assert receipt.credit_fen == 1_000
    with session_factory() as s:
        assert room_ledger(s, room_id=room.room_id, today=date(2026, 6, 2)).header.late_fee_due_fen == 900


def test_principal_then_late_fees_then_credit(session_factory, users, room):
    with session_factory() as s:
        preview = preview_payment(s, room_id=room.room_id, amount_fen=30_850, collect_late_fees=True)
    assert preview.lines == tuple((b, 10_000) for b in room.bill_ids)
    assert preview.late_fee_lines == ((room.bill_ids[0], 500), (room.bill_ids[1], 300), (room.bill_ids[2], 50))
    assert preview.credit_fen == 0
    with session_factory.begin() as s:
        receipt = _pay(s, users, room, 30_850, collect_late_fees=True)
    assert [(x.fee_item, x.amount_fen) for x in receipt.lines] == [
        ("物业管理费", 10_000), ("物业管理费滞纳金", 500), ("物业管理费", 10_000), ("物业管理费滞纳金", 300),
        ("物业管理费", 10_000), ("物业管理费滞纳金", 50)]
    assert sum(x.amount_fen for x in receipt.lines) == 30_850
    with session_factory() as s:
        assert s.scalars(select(LateFeeAssessment.paid_fen).order_by(LateFeeAssessment.bill_id)).all() == [
            500, 300, 50]
        assert room_ledger(s, room_id=room.room_id, today=date(2026, 6, 2)).header.late_fee_due_fen == 50
        assert ledger_discrepancies(s) == []
        audit = s.scalars(select(AuditLog).where(AuditLog.action == "payment.record")).one()
        assert "late_fee_lines" in audit.detail


def test_a_part_payment_never_goes_to_late_fees(session_factory, users, room):
    with session_factory.begin() as s:
        receipt = _pay(s, users, room, 15_000, collect_late_fees=True)
    # bill 1 settled, its 5.00 late fee is NOT taken before bill 2's principal
    assert [(x.fee_item, x.amount_fen) for x in receipt.lines] == [("物业管理费", 10_000), ("物业管理费", 5_000)]


def test_waived_late_fee_is_not_collected(session_factory, users, room):
    with session_factory.begin() as s:
        waive_late_fee(s, actor=users[Role.MANAGER], bill_id=room.bill_ids[0], amount_fen=500, reason="首次逾期")
    with session_factory.begin() as s:
        receipt = _pay(s, users, room, 31_000, collect_late_fees=True)
    late_lines = [x for x in receipt.lines if x.fee_item.endswith("滞纳金")]
    assert [(x.bill_id, x.amount_fen) for x in late_lines] == [(room.bill_ids[1], 300), (room.bill_ids[2], 100)]
    assert receipt.credit_fen == 600


def test_clerk_cannot_waive(session_factory, users, room):
    with session_factory.begin() as s, pytest.raises(PermissionDenied):
        waive_late_fee(s, actor=users[Role.CLERK], bill_id=room.bill_ids[0], amount_fen=100, reason="x")


def test_reversal_gives_late_fees_back(session_factory, users, room):
    with session_factory.begin() as s:
        receipt = _pay(s, users, room, 31_000, collect_late_fees=True)
    with session_factory.begin() as s:
        reversal = reverse_payment(s, actor=users[Role.MANAGER], payment_id=receipt.payment_id, reason="收错房间",
                                   on=date(2026, 6, 2))
    assert sum(x.amount_fen for x in reversal.lines) + reversal.credit_fen == -31_000
    with session_factory() as s:
        assert s.scalars(select(LateFeeAssessment.paid_fen)).all() == [0, 0, 0]
        assert room_balance(s, room.room_id).outstanding_fen == 30_000
        assert room_balance(s, room.room_id).credit_fen == 0
        late = s.scalars(select(PaymentAllocation.late_fee_fen).where(
            PaymentAllocation.payment_id == reversal.payment_id)).all()
        assert sorted(late) == [-500, -300, -100]
        assert ledger_discrepancies(s) == []
