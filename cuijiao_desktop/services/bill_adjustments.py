"""Adjusting a bill's amount after it was issued (调整应收): audited, keeping the old value.

A bill's ``amount_fen`` changes only here (one bill from the form, several at once, or many through
a long write's writer, e.g. a bills import: :func:`write_adjustments`). Each change is a
``bill_adjustment`` row (append-only: old amount, new amount, reason, who, when) written in the
same transaction, so ``amount = issued amount + Σ(new − old)`` holds for every bill and
``cuijiao db check`` finds any amount changed another way. The discount set at billing stays as it was; an amount never goes
below what was already paid, discounted or waived on the bill (reverse a payment first).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from cuijiao_desktop.db.models import Bill, BillAdjustment, FeeItem, Room
from cuijiao_desktop.domain.errors import ConflictError, NotFound, ValidationError
from cuijiao_desktop.domain.money import MAX_FEN
from cuijiao_desktop.domain.permissions import Permission

from . import audit
from .actor import authorize
from .batch import Writer
from .dto import UserDTO
from .tx import read_only

__all__ = ["AdjustmentDTO", "adjust_bill", "adjust_bills", "audit_adjustments", "bill_adjustments", "write_adjustments"]


@dataclass(frozen=True)
class AdjustmentDTO:
    """One recorded change of a bill's amount."""

    id: int
    bill_id: int
    old_amount_fen: int
    new_amount_fen: int
    reason: str
    user_id: int | None
    created_at: datetime


def _apply(session: Session, actor: UserDTO, bill_id: int, new_amount_fen: int, reason: str,
           version: int | None) -> BillAdjustment:
    if isinstance(new_amount_fen, bool) or not isinstance(new_amount_fen, int):
        raise TypeError("new_amount_fen must be int fen")
    if not 0 <= new_amount_fen <= MAX_FEN:
        raise ValidationError("bill.adjust_invalid_amount", field="amount", amount_fen=new_amount_fen)
    row = session.execute(
        select(Bill.amount_fen, Bill.paid_fen, Bill.discount_fen, Bill.waived_fen, Bill.version)
        .where(Bill.id == bill_id).with_for_update()
    ).one_or_none()
    if row is None:
        raise NotFound("bill.not_found", bill_id=bill_id)
    old, paid, discount, waived, current = row
    if version is not None and version != current:
        raise ConflictError("conflict.stale", bill_id=bill_id)
    if new_amount_fen == old:
        raise ValidationError("bill.adjust_unchanged", field="amount")
    if new_amount_fen < paid + discount + waived:
        raise ValidationError("bill.adjust_below_paid", field="amount", paid_fen=paid,
                              reduced_fen=discount + waived, minimum_fen=paid + discount + waived)
    session.execute(update(Bill).where(Bill.id == bill_id)
                    .values(amount_fen=new_amount_fen, version=Bill.version + 1))
    adjustment = BillAdjustment(bill_id=bill_id, old_amount_fen=old, new_amount_fen=new_amount_fen, reason=reason,
                                user_id=actor.id)
    session.add(adjustment)
    return adjustment


def adjust_bill(session: Session, *, actor: UserDTO, bill_id: int, new_amount_fen: int, reason: str,
                version: int | None = None) -> AdjustmentDTO:
    """Change one bill's amount with a reason (finance, administrators). ``version``: the bill's version
    as the form read it (a stale form is a conflict)."""
    actor = authorize(session, actor, Permission.EDIT_BILLING)
    reason = reason.strip()
    if not reason:
        raise ValidationError("bill.adjust_reason_required", field="reason")
    adjustment = _apply(session, actor, bill_id, new_amount_fen, reason, version)
    session.flush()
    audit.record(session, actor, "bill.adjust", "bill", bill_id, old_amount_fen=adjustment.old_amount_fen,
                 new_amount_fen=new_amount_fen, reason=reason)
    return AdjustmentDTO(adjustment.id, bill_id, adjustment.old_amount_fen, new_amount_fen, reason,
                         adjustment.user_id, adjustment.created_at)


def adjust_bills(session: Session, *, actor: UserDTO, changes: Sequence[tuple[int, int]], reason: str) -> int:
    """Change several bills' amounts for one reason (e.g. a corrected import); one audit entry.
    Unchanged amounts are skipped. Returns how many bills changed."""
    actor = authorize(session, actor, Permission.EDIT_BILLING)
    reason = reason.strip()
    if not reason:
        raise ValidationError("bill.adjust_reason_required", field="reason")
    changed = []
    for bill_id, amount in changes:
        current = session.scalar(select(Bill.amount_fen).where(Bill.id == bill_id))
        if current is None:
            raise NotFound("bill.not_found", bill_id=bill_id)
        if current != amount:
            adjustment = _apply(session, actor, bill_id, amount, reason, None)
            changed.append((bill_id, adjustment.old_amount_fen, amount))
    session.flush()
    audit_adjustments(session, actor, changed, reason=reason)
    return len(changed)


def write_adjustments(w: Writer, *, actor: UserDTO, changes: Sequence[tuple[int, int, int]], reason: str,
                      unpaid_only: bool = False) -> None:
    """Change many bills' amounts through a writer (``services/batch.py``): ``changes`` are
    (bill id, amount as read, new amount), read earlier, maybe in a snapshot.

    The same rule as :func:`adjust_bill`, checked by the update itself when it runs (at once, or when a
    staged write publishes): the bill still has the amount that was read (another adjustment meanwhile
    is a conflict) and the new amount covers what is paid, discounted and waived (``unpaid_only``:
    nothing may be, e.g. an import that only changes unpaid bills); otherwise ``batch.conflict`` and
    nothing is written. Each change gets its ``bill_adjustment`` row. The caller has authorised
    ``EDIT_BILLING`` and records :func:`audit_adjustments` once it is written.
    """
    reason = reason.strip()
    if not reason:
        raise ValidationError("bill.adjust_reason_required", field="reason")
    rows = []
    params = []
    for bill_id, old, new in changes:
        if isinstance(new, bool) or not isinstance(new, int):
            raise TypeError("new amounts must be int fen")
        if not 0 <= new <= MAX_FEN:
            raise ValidationError("bill.adjust_invalid_amount", field="amount", amount_fen=new)
        if new == old:
            continue
        params.append({"b_id": bill_id, "b_old": old, "b_new": new, "b_most": 0 if unpaid_only else new})
        rows.append({"bill_id": bill_id, "old_amount_fen": old, "new_amount_fen": new, "reason": reason,
                     "user_id": actor.id})
    if not params:
        return
    bill = Bill.__table__
    w.update(
        update(bill).where(bill.c.id == bindparam("b_id"), bill.c.amount_fen == bindparam("b_old"),
                           bill.c.paid_fen + bill.c.discount_fen + bill.c.waived_fen <= bindparam("b_most"))
        .values(amount_fen=bindparam("b_new"), version=bill.c.version + 1),
        params, what="账单应收金额（其间已被调整或已有缴款）",
    )
    w.insert(BillAdjustment.__table__, rows)


def audit_adjustments(session: Session, actor: UserDTO, changed: Sequence[tuple[int, int, int]], *,
                      reason: str) -> None:
    """One ``bill.adjust`` audit entry for several changes (bill id, old amount, new amount)."""
    changed = [[b, old, new] for b, old, new in changed if old != new]
    if changed:
        audit.record(session, actor, "bill.adjust", "bill", None, reason=reason.strip(), bills=changed[:500],
                     count=len(changed))


@read_only
def bill_adjustments(session: Session, *, room_id: int) -> list[tuple[int, str, AdjustmentDTO]]:
    """The adjustments of a room's bills, newest first, as (period, fee item, adjustment)."""
    rows = session.execute(
        select(Bill.period, FeeItem.name, BillAdjustment)
        .join(Bill, Bill.id == BillAdjustment.bill_id).join(FeeItem, FeeItem.id == Bill.fee_item_id)
        .join(Room, Room.id == Bill.room_id)
        .where(Bill.room_id == room_id).order_by(BillAdjustment.id.desc())
    ).all()
    return [(period, item, AdjustmentDTO(a.id, a.bill_id, a.old_amount_fen, a.new_amount_fen, a.reason, a.user_id,
                                         a.created_at)) for period, item, a in rows]
