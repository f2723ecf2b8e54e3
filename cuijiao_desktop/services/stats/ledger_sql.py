"""The ledger seen on a past day, in SQL: what each bill was owed, billed and paid as of a date.

The bills carry caches of the ledger as it is *now* (``paid_fen``, ``waived_fen``, ``amount_fen``).
A bill as of the end of a day ``d`` is the bill now with every movement dated after ``d`` undone:

* a payment (or reversal: reversals count on the day they were made) dated after ``d``: its
  allocation is added back to what is owed;
* a bill adjustment made after ``d`` (office date of ``created_at``): its change is undone;
* a write-off made after ``d``: it is added back.

So "owed as of ``d``" (:func:`owed_per_bill`) reads the unpaid bills through the partial index
``ix_bill_unpaid`` (exactly its predicate) plus the few movements after ``d`` (``ix_payment_paid_on``):
it never sums the allocations of every bill. Late fees (``late_fee_fen``) are never part of these sums.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta

from sqlalchemy import Date, Integer, Select, case, func, literal, select, union_all

from cuijiao_desktop.db.models import BILL_OUTSTANDING as OUTSTANDING
from cuijiao_desktop.db.models import BILL_UNPAID as UNPAID
from cuijiao_desktop.db.models import Bill, BillAdjustment, Payment, PaymentAllocation, WriteOff
from cuijiao_desktop.db.types import UTCDateTime
from cuijiao_desktop.domain.office_time import office_midnight_utc

__all__ = ["OUTSTANDING", "UNPAID", "after_day", "late_moves", "owed_per_bill", "period_bills", "period_moves"]


def after_day(day: date) -> datetime:
    """The UTC moment the office's next day begins: a timestamp ``>=`` this is dated after ``day``."""
    return office_midnight_utc(day + timedelta(days=1))


def period_moves(cutoffs: Mapping[int, date]):
    """The rows that sum, per bill of the periods in ``cutoffs`` (period → the day it is seen on), to
    ``billed`` (the amount then, net of the discount), ``paid`` (allocated by then) and ``owed`` (then),
    keyed by ``bill_id, room_id, fee_item_id, period``: the bill now and the movements after each
    period's day undone, like :func:`owed_per_bill`."""
    periods = sorted(cutoffs)
    day_of = case({p: literal(cutoffs[p], Date()) for p in periods}, value=Bill.period)
    since_of = case({p: literal(after_day(cutoffs[p]), UTCDateTime()) for p in periods}, value=Bill.period)
    zero = literal(0, Integer)
    in_periods = Bill.period.in_(periods)
    keys = (Bill.room_id.label("room_id"), Bill.fee_item_id.label("fee_item_id"), Bill.period.label("period"))
    parts = [
        select(Bill.id.label("bill_id"), *keys, (Bill.amount_fen - Bill.discount_fen).label("billed"),
               Bill.paid_fen.label("paid"), OUTSTANDING.label("owed")).where(in_periods),
        select(PaymentAllocation.bill_id, *keys, zero, -PaymentAllocation.amount_fen, PaymentAllocation.amount_fen)
        .join(Payment, Payment.id == PaymentAllocation.payment_id)
        .join(Bill, Bill.id == PaymentAllocation.bill_id)
        .where(in_periods, Payment.paid_on > day_of, Payment.paid_on > min(cutoffs.values())),
        select(BillAdjustment.bill_id, *keys, BillAdjustment.old_amount_fen - BillAdjustment.new_amount_fen, zero,
               BillAdjustment.old_amount_fen - BillAdjustment.new_amount_fen)
        .join(Bill, Bill.id == BillAdjustment.bill_id)
        .where(in_periods, BillAdjustment.created_at >= since_of),
        select(WriteOff.bill_id, *keys, zero, zero, WriteOff.amount_fen)
        .join(Bill, Bill.id == WriteOff.bill_id)
        .where(in_periods, WriteOff.created_at >= since_of),
    ]
    return union_all(*parts)


def late_moves(cutoffs: Mapping[int, date], *, room_filter=None):
    """The movements dated after each period's day on the bills of the periods in ``cutoffs`` (period →
    the day it is seen on): rows ``bill_id, room_id, fee_item_id, period, billed, paid, owed`` that, added to the
    bills as they are now, give them as of that day (see :func:`period_moves`; only the movements).

    The allocations are found from the payments dated after the earliest day (``ix_payment_paid_on``),
    their ids handed to the allocations as one ``IN (…)`` list: SQLite sorts such a list and walks the
    allocations (``ix_payment_allocation_payment``) and their payments in id order, a few pages each,
    where a join from the bills of the periods probes the allocations once per bill (689,000 probes for
    12 months of 50,000 rooms). ``room_filter``: a condition on ``Bill.room_id`` (an estate's rooms)."""
    periods = sorted(cutoffs)
    day_of = case({p: literal(cutoffs[p], Date()) for p in periods}, value=Bill.period)
    since_of = case({p: literal(after_day(cutoffs[p]), UTCDateTime()) for p in periods}, value=Bill.period)
    zero = literal(0, Integer)
    keep = [Bill.period.in_(periods)] + ([room_filter] if room_filter is not None else [])
    keys = (Bill.room_id.label("room_id"), Bill.fee_item_id.label("fee_item_id"), Bill.period.label("period"))
    adjusted = BillAdjustment.old_amount_fen - BillAdjustment.new_amount_fen
    recent = select(Payment.id).where(Payment.paid_on > min(cutoffs.values()))
    return union_all(
        select(PaymentAllocation.bill_id.label("bill_id"), *keys, zero.label("billed"),
               (-PaymentAllocation.amount_fen).label("paid"), PaymentAllocation.amount_fen.label("owed"))
        .join(Payment, Payment.id == PaymentAllocation.payment_id)
        .join(Bill, Bill.id == PaymentAllocation.bill_id)
        .where(PaymentAllocation.payment_id.in_(recent), Payment.paid_on > day_of, *keep),
        select(BillAdjustment.bill_id, *keys, adjusted, zero, adjusted)
        .join(Bill, Bill.id == BillAdjustment.bill_id)
        .where(BillAdjustment.created_at >= since_of, *keep),
        select(WriteOff.bill_id, *keys, zero, zero, WriteOff.amount_fen)
        .join(Bill, Bill.id == WriteOff.bill_id)
        .where(WriteOff.created_at >= since_of, *keep),
    )


def period_bills(cutoffs: Mapping[int, date]) -> Select:
    """Per bill of the periods in ``cutoffs`` (period → the day it is seen on): ``bill_id``, ``room_id``,
    ``fee_item_id``, ``period``, ``billed`` (the amount then, net of the discount), ``paid`` (allocated by
    then), ``owed`` (then), summed from :func:`period_moves`."""
    m = period_moves(cutoffs).subquery("pmoves")
    return (select(m.c.bill_id, m.c.room_id, m.c.fee_item_id, m.c.period, func.sum(m.c.billed).label("billed"),
                   func.sum(m.c.paid).label("paid"), func.sum(m.c.owed).label("owed"))
            .group_by(m.c.bill_id, m.c.room_id, m.c.fee_item_id, m.c.period))


def owed_per_bill(opening_day: date, closing_day: date, period: int) -> Select:
    """Per bill of periods ≤ ``period`` owed something at the end of ``closing_day`` or (bills before
    ``period``) at the end of ``opening_day``, or touched since: ``bill_id, room_id, period, due_date``,
    ``opening`` and ``closing``, what it was owed on those days; one row per bill.

    The movements after ``opening_day`` are summed per bill first (a few per cent of the bills; the
    payments found by date and handed to the allocations as one sorted ``IN (…)`` list, see
    :func:`late_moves`); the unpaid bills (the partial index ``ix_bill_unpaid`` covers every column
    read) take their bill's sum by a join, and the bills paid now but moved since come from the sums
    alone: no grouping of every unpaid bill's rows."""
    since_s, since_e = after_day(opening_day), after_day(closing_day)
    old = Bill.period < period
    zero = literal(0, Integer)

    def split(fen, late):
        return case((old, fen), else_=zero).label("opening"), case((late, fen), else_=zero).label("closing")

    adjusted = BillAdjustment.old_amount_fen - BillAdjustment.new_amount_fen
    recent = select(Payment.id).where(Payment.paid_on > opening_day)
    moves = union_all(
        select(PaymentAllocation.bill_id.label("bill_id"),
               *split(PaymentAllocation.amount_fen, Payment.paid_on > closing_day))
        .join(Payment, Payment.id == PaymentAllocation.payment_id)
        .join(Bill, Bill.id == PaymentAllocation.bill_id)
        .where(PaymentAllocation.payment_id.in_(recent), Payment.paid_on > opening_day, Bill.period <= period),
        select(BillAdjustment.bill_id, *split(adjusted, BillAdjustment.created_at >= since_e))
        .join(Bill, Bill.id == BillAdjustment.bill_id)
        .where(BillAdjustment.created_at >= since_s, Bill.period <= period),
        select(WriteOff.bill_id, *split(WriteOff.amount_fen, WriteOff.created_at >= since_e))
        .join(Bill, Bill.id == WriteOff.bill_id)
        .where(WriteOff.created_at >= since_s, Bill.period <= period),
    ).subquery("owed_moves")
    moved = (select(moves.c.bill_id.label("bill_id"), func.sum(moves.c.opening).label("opening"),
                    func.sum(moves.c.closing).label("closing"))
             .group_by(moves.c.bill_id).cte("moved"))
    keys = [Bill.room_id.label("room_id"), Bill.period.label("period"), Bill.due_date.label("due_date")]
    return union_all(
        select(Bill.id.label("bill_id"), *keys,
               (case((old, OUTSTANDING), else_=zero) + func.coalesce(moved.c.opening, zero)).label("opening"),
               (OUTSTANDING + func.coalesce(moved.c.closing, zero)).label("closing"))
        .outerjoin(moved, moved.c.bill_id == Bill.id)
        .where(UNPAID, Bill.period <= period),
        select(moved.c.bill_id, *keys, moved.c.opening, moved.c.closing)
        .join(Bill, Bill.id == moved.c.bill_id)
        .where(~UNPAID),
    )
