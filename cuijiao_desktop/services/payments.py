"""Taking payments and reversing them. The ledger is append-only; balances are sums.

Concurrency: the room row is locked (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite
transactions are ``BEGIN IMMEDIATE``) before open bills are read, and cached
``bill.paid_fen`` only moves by ``UPDATE … SET paid_fen = paid_fen + :d``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from cuijiao_desktop.db.models import (
    Bill,
    CreditEntry,
    FeeItem,
    Payment,
    PaymentAllocation,
        Room,
)
from cuijiao_desktop.domain.allocation import OpenBill, allocate
from cuijiao_desktop.domain.enums import PaymentKind, PaymentMethod
from cuijiao_desktop.domain.errors import ConflictError, NotFound, ValidationError
from cuijiao_desktop.domain.permissions import Permission, require

from . import audit, serials
from .dto import AllocationLineDTO, ReceiptDTO, RoomBalance, UserDTO

MAX_PAYMENT_FEN = 10_000_000_00  # ¥10 million: anything above is a typing error


def _lock_room(session: Session, room_id: int) -> str:
    code = session.execute(select(Room.code).where(Room.id == room_id).with_for_update()).scalar()
    if code is None:
        raise NotFound("room.not_found", room_id=room_id)
    return code


OUTSTANDING = Bill.amount_fen - Bill.discount_fen - Bill.paid_fen - Bill.waived_fen
UNPAID = Bill.paid_fen + Bill.discount_fen + Bill.waived_fen < Bill.amount_fen  # the partial index's predicate


def open_bills(session: Session, room_id: int) -> list[OpenBill]:
    """The room's bills with something still owed."""
    rows = session.execute(
        select(Bill.id, Bill.period, FeeItem.sort_order, OUTSTANDING)
        .join(FeeItem, FeeItem.id == Bill.fee_item_id)
        .where(Bill.room_id == room_id, UNPAID)
    ).all()
    return [OpenBill(bill_id=r[0], period=r[1], fee_item_order=r[2], outstanding_fen=r[3]) for r in rows]


def _lines(session: Session, payment_id: int) -> tuple[AllocationLineDTO, ...]:
    rows = session.execute(
        select(PaymentAllocation.bill_id, Bill.period, FeeItem.name, PaymentAllocation.amount_fen)
        .join(Bill, Bill.id == PaymentAllocation.bill_id)
        .join(FeeItem, FeeItem.id == Bill.fee_item_id)
        .where(PaymentAllocation.payment_id == payment_id)
        .order_by(Bill.period, FeeItem.sort_order, Bill.id)
    ).all()
    return tuple(AllocationLineDTO(*r) for r in rows)


def _receipt(session: Session, payment: Payment, room_code: str, credit_fen: int, operator: str) -> ReceiptDTO:
    return ReceiptDTO(
        payment_id=payment.id, receipt_no=payment.receipt_no, room_id=payment.room_id, room_code=room_code,
        kind=payment.kind, amount_fen=payment.amount_fen, paid_on=payment.paid_on, method=payment.method,
        lines=_lines(session, payment.id), credit_fen=credit_fen, operator=operator,
        created_at=payment.created_at, reverses_id=payment.reverses_id,
    )


def record_payment(
    session: Session,
    *,
    actor: UserDTO,
    room_id: int,
    amount_fen: int,
    paid_on: date,
    method: PaymentMethod,
    chosen_bill_ids: Sequence[int] | None = None,
    payer_person_id: int | None = None,
    reference: str = "",
    note: str = "",
    today: date | None = None,
) -> ReceiptDTO:
    """Record a payment, allocate it (oldest bill first, or the chosen bills) and return the receipt.

    What is not needed by the bills becomes prepaid credit of the room. The receipt number
    runs per month of issue (``today``, default the computer's date), gap-free.
    """
    require(actor.role, Permission.TAKE_PAYMENT)
    if isinstance(amount_fen, bool) or not isinstance(amount_fen, int):
        raise TypeError("amount_fen must be int fen")
    if amount_fen > MAX_PAYMENT_FEN:
        raise ValidationError("payment.amount_too_large", field="amount", amount_fen=amount_fen)
    method = PaymentMethod(method)
    if method is PaymentMethod.CREDIT:
        raise ValidationError("payment.method_invalid", field="method")
    room_code = _lock_room(session, room_id)
    allocation = allocate(amount_fen, open_bills(session, room_id), chosen=chosen_bill_ids)

    receipt_no = serials.next_serial(session, serials.RECEIPT, today or date.today())
    payment = Payment(
        receipt_no=receipt_no, room_id=room_id, payer_person_id=payer_person_id,
        kind=PaymentKind.PAYMENT, amount_fen=amount_fen, paid_on=paid_on, method=method,
        reference=reference, note=note, operator_id=actor.id,
    )
    session.add(payment)
    session.flush()
    for bill_id, fen in allocation.lines:
        session.add(PaymentAllocation(payment_id=payment.id, bill_id=bill_id, amount_fen=fen))
        session.execute(update(Bill).where(Bill.id == bill_id).values(paid_fen=Bill.paid_fen + fen))
    if allocation.credit_fen:
        session.add(CreditEntry(room_id=room_id, amount_fen=allocation.credit_fen, payment_id=payment.id, note="预存"))
    session.flush()
    audit.record(
        session, actor, "payment.record", "payment", payment.id, receipt_no=payment.receipt_no, room_id=room_id,
        amount_fen=amount_fen, method=method.value, lines=[list(x) for x in allocation.lines],
        credit_fen=allocation.credit_fen,
    )
    return _receipt(session, payment, room_code, allocation.credit_fen, actor.display_name)


def reverse_payment(
    session: Session, *, actor: UserDTO, payment_id: int, reason: str, on: date | None = None
) -> ReceiptDTO:
    """冲正: add a negative payment that undoes ``payment_id`` bill by bill; never edits or deletes."""
    require(actor.role, Permission.REVERSE_PAYMENT)
    if not reason.strip():
        raise ValidationError("payment.reversal_reason_required", field="reason")
    original = session.get(Payment, payment_id)
    if original is None:
        raise NotFound("payment.not_found", payment_id=payment_id)
    if original.kind is not PaymentKind.PAYMENT:
        raise ValidationError("payment.cannot_reverse_reversal", payment_id=payment_id)
    room_code = _lock_room(session, original.room_id)
    on = on or date.today()
    if session.scalar(select(Payment.id).where(Payment.reverses_id == payment_id)) is not None:
        raise ConflictError("payment.already_reversed", payment_id=payment_id, receipt_no=original.receipt_no)

    reversal = Payment(
        receipt_no=serials.next_serial(session, serials.REVERSAL, on), room_id=original.room_id,
        payer_person_id=original.payer_person_id, kind=PaymentKind.REVERSAL, amount_fen=-original.amount_fen,
        paid_on=on, method=original.method, reverses_id=original.id,
        reference=original.receipt_no, note=reason.strip(), operator_id=actor.id,
    )
    session.add(reversal)
    try:
        session.flush()
    except IntegrityError as exc:  # another desk reversed it a moment ago
        raise ConflictError("payment.already_reversed", payment_id=payment_id) from exc
    allocations = session.execute(
        select(PaymentAllocation.bill_id, PaymentAllocation.amount_fen).where(PaymentAllocation.payment_id == payment_id)
    ).all()
    for bill_id, fen in allocations:
        session.add(PaymentAllocation(payment_id=reversal.id, bill_id=bill_id, amount_fen=-fen))
        session.execute(update(Bill).where(Bill.id == bill_id).values(paid_fen=Bill.paid_fen - fen))
    credit = session.scalar(
        select(func.coalesce(func.sum(CreditEntry.amount_fen), 0)).where(CreditEntry.payment_id == payment_id)
    )
    if credit:
        session.add(CreditEntry(room_id=original.room_id, amount_fen=-credit, payment_id=reversal.id, note="冲正"))
    session.flush()
    audit.record(
        session, actor, "payment.reverse", "payment", reversal.id, reverses=original.receipt_no,
        amount_fen=original.amount_fen, reason=reason.strip(),
    )
    return _receipt(session, reversal, room_code, -credit, actor.display_name)


def room_balance(session: Session, room_id: int) -> RoomBalance:
    """Billed, reductions, paid, outstanding and prepaid credit of one room, from the ledger."""
    billed, reduced, paid = session.execute(
        select(
            func.coalesce(func.sum(Bill.amount_fen), 0),
            func.coalesce(func.sum(Bill.discount_fen + Bill.waived_fen), 0),
            func.coalesce(func.sum(Bill.paid_fen), 0),
        ).where(Bill.room_id == room_id)
    ).one()
    credit = session.scalar(
        select(func.coalesce(func.sum(CreditEntry.amount_fen), 0)).where(CreditEntry.room_id == room_id)
    )
    return RoomBalance(
        room_id=room_id, billed_fen=int(billed), reduced_fen=int(reduced), paid_fen=int(paid),
        outstanding_fen=int(billed) - int(reduced) - int(paid), credit_fen=int(credit),
    )


def ledger_discrepancies(session: Session) -> list[str]:
    """Checks that the cached ``paid_fen`` and the ledger agree; empty when the books balance."""
    problems: list[str] = []
    alloc = (
        select(PaymentAllocation.bill_id, func.sum(PaymentAllocation.amount_fen).label("s"))
        .group_by(PaymentAllocation.bill_id).subquery()
    )
    bad = session.execute(
        select(Bill.id, Bill.paid_fen, func.coalesce(alloc.c.s, 0))
        .outerjoin(alloc, alloc.c.bill_id == Bill.id)
        .where(Bill.paid_fen != func.coalesce(alloc.c.s, 0))
        .limit(20)
    ).all()
    problems += [f"bill {b}: paid_fen {p} != allocations {s}" for b, p, s in bad]
    over = session.execute(
        select(Bill.id).where(Bill.paid_fen + Bill.discount_fen + Bill.waived_fen > Bill.amount_fen).limit(20)
    ).scalars().all()
    problems += [f"bill {b}: paid more than due" for b in over]
    pay_alloc = (
        select(PaymentAllocation.payment_id, func.sum(PaymentAllocation.amount_fen).label("a"))
        .group_by(PaymentAllocation.payment_id).subquery()
    )
    pay_credit = (
        select(CreditEntry.payment_id, func.sum(CreditEntry.amount_fen).label("c"))
        .where(CreditEntry.payment_id.is_not(None)).group_by(CreditEntry.payment_id).subquery()
    )
    unbalanced = session.execute(
        select(Payment.receipt_no)
        .outerjoin(pay_alloc, pay_alloc.c.payment_id == Payment.id)
        .outerjoin(pay_credit, pay_credit.c.payment_id == Payment.id)
        .where(Payment.amount_fen != func.coalesce(pay_alloc.c.a, 0) + func.coalesce(pay_credit.c.c, 0))
        .limit(20)
    ).scalars().all()
    problems += [f"payment {r}: amount != allocations + credit" for r in unbalanced]
    return problems
