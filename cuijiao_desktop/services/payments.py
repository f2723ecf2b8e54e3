"""Taking payments and reversing them. The ledger is append-only; balances are sums.

Concurrency: the room row is locked (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite
transactions are ``BEGIN IMMEDIATE``) before open bills are read, and cached
``bill.paid_fen`` only moves by ``UPDATE … SET paid_fen = paid_fen + :d``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from cuijiao_desktop.db.models import (
    Bill,
    CreditEntry,
    FeeItem,
    LateFeeAssessment,
    LateFeeWaiver,
    Payment,
    PaymentAllocation,
    Room,
)
from cuijiao_desktop.domain.allocation import OpenBill, allocate, collect_late_fees
from cuijiao_desktop.domain.enums import PaymentKind, PaymentMethod
from cuijiao_desktop.domain.errors import ConflictError, NotFound, ValidationError
from cuijiao_desktop.domain.permissions import Permission

from . import audit, serials
from .actor import authorize
from .dto import AllocationLineDTO, ReceiptDTO, RoomBalance, UserDTO
from .tx import read_only

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


LATE_FEE_SUFFIX = "滞纳金"  # receipt line of a late fee: "物业管理费滞纳金"


def receipt_lines(session: Session, payment_id: int) -> tuple[AllocationLineDTO, ...]:
    """Receipt lines: the principal per bill, then its late fee (if any) as a line of its own."""
    rows = session.execute(
        select(PaymentAllocation.bill_id, Bill.period, FeeItem.name, PaymentAllocation.amount_fen,
               PaymentAllocation.late_fee_fen)
        .join(Bill, Bill.id == PaymentAllocation.bill_id)
        .join(FeeItem, FeeItem.id == Bill.fee_item_id)
        .where(PaymentAllocation.payment_id == payment_id)
        .order_by(Bill.period, FeeItem.sort_order, Bill.id)
    ).all()
    lines: list[AllocationLineDTO] = []
    for bill_id, period, item, fen, late in rows:
        if fen:
            lines.append(AllocationLineDTO(bill_id, period, item, fen))
        if late:
            lines.append(AllocationLineDTO(bill_id, period, item + LATE_FEE_SUFFIX, late))
    return tuple(lines)


def late_fees_due(session: Session, bill_ids: Sequence[int]) -> dict[int, int]:
    """Late fee still due per bill (assessed − waived − already collected); bills without one are left out."""
    if not bill_ids:
        return {}
    due = {
        bill_id: amount - paid
        for bill_id, amount, paid in session.execute(
            select(LateFeeAssessment.bill_id, LateFeeAssessment.amount_fen, LateFeeAssessment.paid_fen)
            .where(LateFeeAssessment.bill_id.in_(bill_ids))
        )
    }
    if due:
        for bill_id, waived in session.execute(
            select(LateFeeWaiver.bill_id, func.sum(LateFeeWaiver.amount_fen))
            .where(LateFeeWaiver.bill_id.in_(list(due))).group_by(LateFeeWaiver.bill_id)
        ):
            due[bill_id] -= int(waived)
    return {k: v for k, v in due.items() if v > 0}


@dataclass(frozen=True)
class PaymentPlan:
    """How a payment would be split: principal per bill, late fees per bill, prepaid credit."""

    lines: tuple[tuple[int, int], ...]  # (bill_id, principal fen)
    late_fee_lines: tuple[tuple[int, int], ...]  # (bill_id, late fee fen)
    credit_fen: int

    @property
    def late_fee_fen(self) -> int:
        """Fen going to late fees."""
        return sum(fen for _, fen in self.late_fee_lines)


def plan_payment(
    amount_fen: int,
    bills: Sequence[OpenBill],
    *,
    chosen_bill_ids: Sequence[int] | None = None,
    late_fees: Mapping[int, int] | None = None,
) -> PaymentPlan:
    """Principal oldest first (or the chosen bills), then, when ``late_fees`` are given, the late
    fees of the bills this payment settles; what is left is prepaid credit. Pure: the payment
    dialog's preview and :func:`record_payment` use the same rule.
    """
    allocation = allocate(amount_fen, bills, chosen=chosen_bill_ids)
    if not late_fees:
        return PaymentPlan(allocation.lines, (), allocation.credit_fen)
    collected = collect_late_fees(allocation, bills, late_fees)
    return PaymentPlan(allocation.lines, collected.lines, collected.credit_fen)


@read_only
def preview_payment(
    session: Session,
    *,
    room_id: int,
    amount_fen: int,
    chosen_bill_ids: Sequence[int] | None = None,
    collect_late_fees: bool = False,
) -> PaymentPlan:
    """What :func:`record_payment` would do with these inputs now; reads only, writes nothing."""
    bills = open_bills(session, room_id)
    fees = late_fees_due(session, [b.bill_id for b in bills]) if collect_late_fees else None
    return plan_payment(amount_fen, bills, chosen_bill_ids=chosen_bill_ids, late_fees=fees)


def _receipt(session: Session, payment: Payment, room_code: str, credit_fen: int, operator: str) -> ReceiptDTO:
    return ReceiptDTO(
        payment_id=payment.id, receipt_no=payment.receipt_no, room_id=payment.room_id, room_code=room_code,
        kind=payment.kind, amount_fen=payment.amount_fen, paid_on=payment.paid_on, method=payment.method,
        lines=receipt_lines(session, payment.id), credit_fen=credit_fen, operator=operator,
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
    collect_late_fees: bool = False,
) -> ReceiptDTO:
    """Record a payment, allocate it (oldest bill first, or the chosen bills) and return the receipt.

    With ``collect_late_fees`` the money left after the principal pays the assessed late fees
    (not waived, not yet collected) of the bills this payment settles, oldest first: the principal
    always comes first, so a late fee is never taken while its bill is still owed.
    What is not needed becomes prepaid credit of the room. The receipt number runs per month of
    issue (``today``, default the computer's date), gap-free.
    """
    actor = authorize(session, actor, Permission.TAKE_PAYMENT)
    if isinstance(amount_fen, bool) or not isinstance(amount_fen, int):
        raise TypeError("amount_fen must be int fen")
    if amount_fen > MAX_PAYMENT_FEN:
        raise ValidationError("payment.amount_too_large", field="amount", amount_fen=amount_fen)
    method = PaymentMethod(method)
    if method is PaymentMethod.CREDIT:
        raise ValidationError("payment.method_invalid", field="method")
    room_code = _lock_room(session, room_id)
    bills = open_bills(session, room_id)
    fees = late_fees_due(session, [b.bill_id for b in bills]) if collect_late_fees else None
    plan = plan_payment(amount_fen, bills, chosen_bill_ids=chosen_bill_ids, late_fees=fees)
    late_by_bill = dict(plan.late_fee_lines)

    receipt_no = serials.next_serial(session, serials.RECEIPT, today or date.today())
    payment = Payment(
        receipt_no=receipt_no, room_id=room_id, payer_person_id=payer_person_id,
        kind=PaymentKind.PAYMENT, amount_fen=amount_fen, paid_on=paid_on, method=method,
        reference=reference, note=note, operator_id=actor.id,
    )
    session.add(payment)
    session.flush()
    for bill_id, fen in plan.lines:
        late = late_by_bill.get(bill_id, 0)
        session.add(PaymentAllocation(payment_id=payment.id, bill_id=bill_id, amount_fen=fen, late_fee_fen=late))
        session.execute(update(Bill).where(Bill.id == bill_id).values(paid_fen=Bill.paid_fen + fen))
        if late:
            session.execute(update(LateFeeAssessment).where(LateFeeAssessment.bill_id == bill_id)
                            .values(paid_fen=LateFeeAssessment.paid_fen + late,
                                    version=LateFeeAssessment.version + 1))
    if plan.credit_fen:
        session.add(CreditEntry(room_id=room_id, amount_fen=plan.credit_fen, payment_id=payment.id, note="预存"))
    session.flush()
    detail = {"late_fee_lines": [list(x) for x in plan.late_fee_lines]} if plan.late_fee_lines else {}
    audit.record(
        session, actor, "payment.record", "payment", payment.id, receipt_no=payment.receipt_no, room_id=room_id,
        amount_fen=amount_fen, method=method.value, lines=[list(x) for x in plan.lines],
        credit_fen=plan.credit_fen, **detail,
    )
    return _receipt(session, payment, room_code, plan.credit_fen, actor.display_name)


def reverse_payment(
    session: Session, *, actor: UserDTO, payment_id: int, reason: str, on: date | None = None
) -> ReceiptDTO:
    """冲正: add a negative payment that undoes ``payment_id`` bill by bill; never edits or deletes."""
    actor = authorize(session, actor, Permission.REVERSE_PAYMENT)
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
        select(PaymentAllocation.bill_id, PaymentAllocation.amount_fen, PaymentAllocation.late_fee_fen)
        .where(PaymentAllocation.payment_id == payment_id)
    ).all()
    for bill_id, fen, late in allocations:
        session.add(PaymentAllocation(payment_id=reversal.id, bill_id=bill_id, amount_fen=-fen, late_fee_fen=-late))
        session.execute(update(Bill).where(Bill.id == bill_id).values(paid_fen=Bill.paid_fen - fen))
        if late:
            session.execute(update(LateFeeAssessment).where(LateFeeAssessment.bill_id == bill_id)
                            .values(paid_fen=LateFeeAssessment.paid_fen - late,
                                    version=LateFeeAssessment.version + 1))
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


@read_only
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


@read_only
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
    pay_alloc = (  # a payment = principal + late fees of its lines + credit
        select(PaymentAllocation.payment_id,
               func.sum(PaymentAllocation.amount_fen + PaymentAllocation.late_fee_fen).label("a"))
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
