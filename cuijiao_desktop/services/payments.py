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

from cuijiao_desktop.db.models import BILL_OUTSTANDING as OUTSTANDING
from cuijiao_desktop.db.models import BILL_UNPAID as UNPAID
from cuijiao_desktop.db.models import (
    Bill,
    CreditEntry,
    FeeItem,
    LateFeeAssessment,
    Payment,
    PaymentAllocation,
    Room,
)
from cuijiao_desktop.domain.allocation import OpenBill, allocate, collect_late_fees
from cuijiao_desktop.domain.billing import period_add
from cuijiao_desktop.domain.enums import PaymentKind, PaymentMethod
from cuijiao_desktop.domain.errors import ConflictError, NotFound, ValidationError
from cuijiao_desktop.domain.office_time import office_today
from cuijiao_desktop.domain.payment_checks import (
    days_back,
    is_large_payment,
    large_payment_limit,
    needs_backdate_reason,
)
from cuijiao_desktop.domain.permissions import Permission

from . import audit, credit, serials
from .actor import authorize
from .dto import AllocationLineDTO, ReceiptDTO, RoomBalance, UserDTO
from .late_fees import room_late_fees_due
from .tx import read_only

MAX_PAYMENT_FEN = 10_000_000_00  # ¥10 million: anything above is a typing error


def _lock_room(session: Session, room_id: int) -> str:
    # FOR NO KEY UPDATE (PostgreSQL): payments of a room wait for each other, but not for a long write
    # that only inserts rows referring to the room (their foreign keys hold FOR KEY SHARE until it commits)
    code = session.execute(select(Room.code).where(Room.id == room_id).with_for_update(key_share=True)).scalar()
    if code is None:
        raise NotFound("room.not_found", room_id=room_id)
    return code




def room_owed(session: Session, room_id: int, today: date) -> tuple[int, int]:
    """(overdue, everything unpaid) of a room on ``today``, int fen."""
    overdue, owed = session.execute(
        select(func.coalesce(func.sum(OUTSTANDING).filter(Bill.due_date < today), 0),
               func.coalesce(func.sum(OUTSTANDING), 0))
        .where(Bill.room_id == room_id, UNPAID)
    ).one()
    return int(overdue), int(owed)


def open_bills(session: Session, room_id: int) -> list[OpenBill]:
    """The room's bills with something still owed."""
    rows = session.execute(
        select(Bill.id, Bill.period, FeeItem.sort_order, OUTSTANDING)
        .join(FeeItem, FeeItem.id == Bill.fee_item_id)
        .where(Bill.room_id == room_id, UNPAID)
    ).all()
    return [OpenBill(bill_id=r[0], period=r[1], fee_item_order=r[2], outstanding_fen=r[3]) for r in rows]


def payable_bills(session: Session, room_id: int) -> tuple[list[OpenBill], dict[int, int]]:
    """What a payment of the room can pay: its open bills, plus the settled bills whose late fee is
    still due (outstanding 0), and the late fees due per bill."""
    bills = open_bills(session, room_id)
    fees = room_late_fees_due(session, room_id)
    settled = sorted(set(fees) - {b.bill_id for b in bills})
    if settled:
        bills += [OpenBill(bill_id=r[0], period=r[1], fee_item_order=r[2], outstanding_fen=0)
                  for r in session.execute(
                      select(Bill.id, Bill.period, FeeItem.sort_order)
                      .join(FeeItem, FeeItem.id == Bill.fee_item_id).where(Bill.id.in_(settled)))]
    return bills, fees


def year_of_bills_fen(session: Session, room_id: int) -> int:
    """What the room's bills of its latest twelve billed periods come to (net of discounts)."""
    latest = session.scalar(select(func.max(Bill.period)).where(Bill.room_id == room_id))
    if latest is None:
        return 0
    return int(session.scalar(
        select(func.coalesce(func.sum(Bill.amount_fen - Bill.discount_fen), 0))
        .where(Bill.room_id == room_id, Bill.period > period_add(latest, -12))))


def large_limit_fen(session: Session, room_id: int) -> int:
    """Above this a payment must be confirmed: all the room owes now (bills due or not, late fees)
    plus a year of its bills (``domain.payment_checks``)."""
    owed = sum(b.outstanding_fen for b in open_bills(session, room_id))
    fees = sum(room_late_fees_due(session, room_id).values())
    return large_payment_limit(outstanding_fen=owed, late_fee_due_fen=fees,
                               year_of_bills_fen=year_of_bills_fen(session, room_id))


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
    fees of the bills this payment settles or that were settled before (their late fee stays
    collectable); what is left is prepaid credit. Pure: the payment
    dialog's preview and :func:`record_payment` use the same rule.
    """
    allocation = allocate(amount_fen, bills, chosen=chosen_bill_ids)
    if not late_fees:
        return PaymentPlan(allocation.lines, (), allocation.credit_fen)
    collected = collect_late_fees(allocation, bills, late_fees, chosen=chosen_bill_ids)
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
    if collect_late_fees:
        bills, fees = payable_bills(session, room_id)
        return plan_payment(amount_fen, bills, chosen_bill_ids=chosen_bill_ids, late_fees=fees)
    return plan_payment(amount_fen, open_bills(session, room_id), chosen_bill_ids=chosen_bill_ids)


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
    backdate_reason: str = "",
    confirmed_large: bool = False,
) -> ReceiptDTO:
    """Record a payment, allocate it (oldest bill first, or the chosen bills) and return the receipt.

    With ``collect_late_fees`` the money left after the principal pays the late fees still due of
    the bills this payment settles and of bills settled before, oldest first: the principal always
    comes first, so a late fee is never taken while its bill is still owed. What is not needed
    becomes prepaid credit of the room. The receipt number runs per month of issue (``today``,
    default the office's date), gap-free.

    Front-desk checks (``domain.payment_checks``): a date in the future is refused; a date more than
    7 days back needs ``backdate_reason`` (audited); an amount above all the room owes plus a year
    of its bills needs ``confirmed_large`` (the dialog asks, showing the amount in capitals).
    """
    actor = authorize(session, actor, Permission.TAKE_PAYMENT)
    if isinstance(amount_fen, bool) or not isinstance(amount_fen, int):
        raise TypeError("amount_fen must be int fen")
    if amount_fen > MAX_PAYMENT_FEN:
        raise ValidationError("payment.amount_too_large", field="amount", amount_fen=amount_fen)
    method = PaymentMethod(method)
    if method in (PaymentMethod.CREDIT, PaymentMethod.HISTORIC):
        raise ValidationError("payment.method_invalid", field="method")
    today = today or office_today()
    if paid_on > today:
        raise ValidationError("payment.date_in_future", field="paid_on", paid_on=paid_on.isoformat())
    backdate_reason = backdate_reason.strip()
    if needs_backdate_reason(paid_on, today) and not backdate_reason:
        raise ValidationError("payment.backdate_reason_required", field="backdate_reason",
                              days=days_back(paid_on, today))
    room_code = _lock_room(session, room_id)
    if collect_late_fees:  # bills settled before are offered too, for their late fee
        bills, fees = payable_bills(session, room_id)
    else:
        bills, fees = open_bills(session, room_id), None
    plan = plan_payment(amount_fen, bills, chosen_bill_ids=chosen_bill_ids, late_fees=fees)
    if not confirmed_large:
        limit = large_limit_fen(session, room_id)
        if is_large_payment(amount_fen, limit):
            raise ValidationError("payment.confirm_large", field="amount", amount_fen=amount_fen, limit_fen=limit)
    late_by_bill = dict(plan.late_fee_lines)

    receipt_no = serials.next_serial(session, serials.RECEIPT, today)
    payment = Payment(
        receipt_no=receipt_no, room_id=room_id, payer_person_id=payer_person_id,
        kind=PaymentKind.PAYMENT, amount_fen=amount_fen, paid_on=paid_on, method=method,
        reference=reference, note=note, operator_id=actor.id,
    )
    session.add(payment)
    session.flush()
    principal = dict(plan.lines)
    for bill_id in [b for b, _ in plan.lines] + [b for b in late_by_bill if b not in principal]:
        fen, late = principal.get(bill_id, 0), late_by_bill.get(bill_id, 0)
        session.add(PaymentAllocation(payment_id=payment.id, bill_id=bill_id, amount_fen=fen, late_fee_fen=late))
        if fen:
            session.execute(update(Bill).where(Bill.id == bill_id).values(paid_fen=Bill.paid_fen + fen))
        if late:
            session.execute(update(LateFeeAssessment).where(LateFeeAssessment.bill_id == bill_id)
                            .values(paid_fen=LateFeeAssessment.paid_fen + late,
                                    version=LateFeeAssessment.version + 1))
    if plan.credit_fen:
        session.add(CreditEntry(room_id=room_id, amount_fen=plan.credit_fen, payment_id=payment.id, note="预存"))
    session.flush()
    detail: dict = {"late_fee_lines": [list(x) for x in plan.late_fee_lines]} if plan.late_fee_lines else {}
    if backdate_reason and needs_backdate_reason(paid_on, today):
        detail.update(backdated_days=days_back(paid_on, today), backdate_reason=backdate_reason)
    if confirmed_large:
        detail["confirmed_large"] = True
    audit.record(
        session, actor, "payment.record", "payment", payment.id, receipt_no=payment.receipt_no, room_id=room_id,
        amount_fen=amount_fen, method=method.value, paid_on=paid_on.isoformat(),
        lines=[list(x) for x in plan.lines], credit_fen=plan.credit_fen, **detail,
    )
    return _receipt(session, payment, room_code, plan.credit_fen, actor.display_name)


def _reverse(session: Session, original: Payment, *, actor: UserDTO, reason: str, on: date) -> tuple[Payment, int, list[int]]:
    """Book the reversal of ``original`` line by line; returns it, its credit movement and the bills it reopened."""
    reversal = Payment(
        receipt_no=serials.next_serial(session, serials.REVERSAL, on), room_id=original.room_id,
        payer_person_id=original.payer_person_id, kind=PaymentKind.REVERSAL, amount_fen=-original.amount_fen,
        paid_on=on, method=original.method, reverses_id=original.id,
        reference=original.receipt_no, note=reason, operator_id=actor.id,
    )
    session.add(reversal)
    try:
        session.flush()
    except IntegrityError as exc:  # another desk reversed it a moment ago
        raise ConflictError("payment.already_reversed", payment_id=original.id) from exc
    allocations = session.execute(
        select(PaymentAllocation.bill_id, PaymentAllocation.amount_fen, PaymentAllocation.late_fee_fen)
        .where(PaymentAllocation.payment_id == original.id)
    ).all()
    reopened: list[int] = []
    for bill_id, fen, late in allocations:
        session.add(PaymentAllocation(payment_id=reversal.id, bill_id=bill_id, amount_fen=-fen, late_fee_fen=-late))
        if fen:
            session.execute(update(Bill).where(Bill.id == bill_id).values(paid_fen=Bill.paid_fen - fen))
            reopened.append(bill_id)
        if late:
            session.execute(update(LateFeeAssessment).where(LateFeeAssessment.bill_id == bill_id)
                            .values(paid_fen=LateFeeAssessment.paid_fen - late,
                                    version=LateFeeAssessment.version + 1))
    moved = 0
    for entry_id, fen, source_id in session.execute(
        select(CreditEntry.id, CreditEntry.amount_fen, CreditEntry.source_id)
        .where(CreditEntry.payment_id == original.id).order_by(CreditEntry.id)
    ).all():
        note = "冲正" if fen > 0 else credit.NOTE_GIVEN_BACK
        session.add(CreditEntry(room_id=original.room_id, amount_fen=-fen, payment_id=reversal.id,
                                source_id=source_id or entry_id, note=note))
        moved -= fen
    session.flush()
    return reversal, moved, reopened


def reverse_payment(
    session: Session, *, actor: UserDTO, payment_id: int, reason: str, on: date | None = None
) -> ReceiptDTO:
    """冲正: add a negative payment that undoes ``payment_id`` bill by bill; never edits or deletes.

    Credit stays whole: when the payment left prepaid credit that was since spent on bills, those
    spendings are reversed first (the bills they paid become unpaid again), then the credit is
    taken away; what other credit the room still holds then pays the reopened bills. Reversing a
    spending of credit (``DK…``) gives its money back to the deposit it came from.
    """
    actor = authorize(session, actor, Permission.REVERSE_PAYMENT)
    reason = reason.strip()
    if not reason:
        raise ValidationError("payment.reversal_reason_required", field="reason")
    original = session.get(Payment, payment_id)
    if original is None:
        raise NotFound("payment.not_found", payment_id=payment_id)
    if original.kind is not PaymentKind.PAYMENT:
        raise ValidationError("payment.cannot_reverse_reversal", payment_id=payment_id)
    room_code = _lock_room(session, original.room_id)
    on = on or office_today()
    if session.scalar(select(Payment.id).where(Payment.reverses_id == payment_id)) is not None:
        raise ConflictError("payment.already_reversed", payment_id=payment_id, receipt_no=original.receipt_no)

    undone: list[str] = []
    reopened: list[int] = []
    deposit = session.scalar(select(CreditEntry.id).where(
        CreditEntry.payment_id == payment_id, CreditEntry.source_id.is_(None), CreditEntry.amount_fen > 0))
    if deposit is not None:
        for spending_id in credit.spendings_of_deposit(session, deposit):
            spending = session.get(Payment, spending_id)
            _, _, bills = _reverse(session, spending, actor=actor, on=on,
                                   reason=f"随 {original.receipt_no} 冲正撤销抵扣：{reason}")
            undone.append(spending.receipt_no)
            reopened += bills
    reversal, moved, _ = _reverse(session, original, actor=actor, reason=reason, on=on)
    respent = []
    if reopened:
        still_open = credit.open_bills_of(session, reopened)
        respent = credit.spend_credit(session, actor=actor, bills_by_room=still_open, on=on,
                                      reason=f"冲正 {original.receipt_no} 后重新抵扣")
    detail: dict = {"undone_spendings": undone} if undone else {}
    if respent:
        detail["respent"] = [x.receipt_no for x in respent]
    audit.record(
        session, actor, "payment.reverse", "payment", reversal.id, reverses=original.receipt_no,
        amount_fen=original.amount_fen, reason=reason, **detail,
    )
    return _receipt(session, reversal, room_code, moved, actor.display_name)


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
    """Every problem ``cuijiao db check`` finds (``services.ledger_check``), as sentences; empty when the
    books balance."""
    from .ledger_check import check_ledger

    return [str(p) for p in check_ledger(session)]
