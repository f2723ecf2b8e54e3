"""Late fees (滞纳金): idempotent assessment per bill, and manager-approved waivers."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cuijiao_desktop.db.models import (
    Bill,
    FeeItem,
    LateFeeAssessment,
    LateFeePolicyRow,
    LateFeeWaiver,
    Notice,
    Payment,
    PaymentAllocation,
)
from cuijiao_desktop.domain.errors import NotFound, ValidationError
from cuijiao_desktop.domain.late_fees import LateFeePolicy, assess_bill
from cuijiao_desktop.domain.permissions import Permission

from . import audit
from .actor import authorize
from .dto import UserDTO
from .payments import UNPAID
from .tx import read_only


@dataclass(frozen=True)
class LateFeeSummary:
    """A room's late fees: contract amount, court-realistic estimate, waived, still due."""

    contract_fen: int
    court_estimate_fen: int
    waived_fen: int

    @property
    def due_fen(self) -> int:
        return max(0, self.contract_fen - self.waived_fen)


def _policy(row: LateFeePolicyRow, accrue_from: date | None) -> LateFeePolicy:
    return LateFeePolicy(
        daily_rate_ppm=row.daily_rate_ppm, grace_days=row.grace_days,
        cap_ppm_of_principal=row.cap_ppm_of_principal, accrue_from=accrue_from,
    )


def recompute_late_fees(session: Session, *, actor: UserDTO, as_of: date, room_id: int | None = None) -> int:
    """Assess the late fee of every unpaid overdue bill (of one room, or all) as of ``as_of``.

    Running it twice for the same day changes nothing: the assessment is overwritten, never added.
    Returns the number of bills assessed.
    """
    actor = authorize(session, actor, Permission.VIEW)
    policies = {p.id: p for p in session.scalars(select(LateFeePolicyRow).where(LateFeePolicyRow.active.is_(True)))}
    if not policies:
        return 0
    stmt = (
        select(Bill.id, Bill.room_id, Bill.due_date, Bill.amount_fen - Bill.discount_fen - Bill.waived_fen,
               FeeItem.late_fee_policy_id)
        .join(FeeItem, FeeItem.id == Bill.fee_item_id)
        .where(UNPAID, Bill.due_date < as_of, FeeItem.late_fee_policy_id.in_(policies))
    )
    if room_id is not None:
        stmt = stmt.where(Bill.room_id == room_id)
    bills = session.execute(stmt).all()
    if not bills:
        return 0
    bill_ids = [b[0] for b in bills]
    room_ids = {b[1] for b in bills}

    paid_steps: dict[int, list[tuple[date, int]]] = defaultdict(list)
    for bill_id, paid_on, fen in session.execute(
        select(PaymentAllocation.bill_id, Payment.paid_on, PaymentAllocation.amount_fen)
        .join(Payment, Payment.id == PaymentAllocation.payment_id)
        .where(PaymentAllocation.bill_id.in_(bill_ids))
        .order_by(Payment.paid_on, Payment.id)
    ):
        paid_steps[bill_id].append((paid_on, fen))

    # Policies that start "from the Nth notice": the date the room was served that notice.
    notice_dates: dict[tuple[int, int], date] = {}
    levels = {p.from_notice_level for p in policies.values() if p.from_notice_level}
    for level in levels:
        for rid, first in session.execute(
            select(Notice.room_id, func.min(Notice.issued_at))
            .where(Notice.level >= level, Notice.room_id.in_(room_ids)).group_by(Notice.room_id)
        ):
            notice_dates[(rid, level)] = first.date()

    existing = {a.bill_id: a for a in session.scalars(
        select(LateFeeAssessment).where(LateFeeAssessment.bill_id.in_(bill_ids)))}
    count = 0
    for bill_id, rid, due, principal, policy_id in bills:
        row = policies[policy_id]
        accrue_from = None
        if row.from_notice_level:
            accrue_from = notice_dates.get((rid, row.from_notice_level))
            if accrue_from is None:
                continue  # the notice series has not reached the level that starts late fees
        result = assess_bill(due_date=due, as_of=as_of, principal_fen=principal,
                             payments=paid_steps.get(bill_id, ()), policy=_policy(row, accrue_from))
        court = result.court_estimate_fen
        assessment = existing.get(bill_id)
        if assessment is None:
            session.add(LateFeeAssessment(bill_id=bill_id, policy_id=policy_id, as_of=as_of, days=result.days,
                                          amount_fen=result.amount_fen, court_estimate_fen=court))
        else:
            assessment.policy_id, assessment.as_of, assessment.days = policy_id, as_of, result.days
            assessment.amount_fen, assessment.court_estimate_fen = result.amount_fen, court
        count += 1
    session.flush()
    audit.record(session, actor, "late_fee.recompute", "room" if room_id else "bill", room_id,
                 as_of=as_of.isoformat(), bills=count)
    return count


def waived_fen(session: Session, bill_id: int) -> int:
    """Late fee already waived on a bill."""
    return int(session.scalar(
        select(func.coalesce(func.sum(LateFeeWaiver.amount_fen), 0)).where(LateFeeWaiver.bill_id == bill_id)))


def waive_late_fee(session: Session, *, actor: UserDTO, bill_id: int, amount_fen: int, reason: str) -> int:
    """Waive (part of) a bill's assessed late fee; managers only, with a reason. Returns the fee still due."""
    actor = authorize(session, actor, Permission.WAIVE_LATE_FEE)
    if not reason.strip():
        raise ValidationError("late_fee.waiver_reason_required", field="reason")
    if amount_fen <= 0:
        raise ValidationError("late_fee.waiver_not_positive", field="amount")
    assessment = session.scalar(select(LateFeeAssessment).where(LateFeeAssessment.bill_id == bill_id))
    if assessment is None:
        raise NotFound("late_fee.not_assessed", bill_id=bill_id)
    remaining = assessment.amount_fen - waived_fen(session, bill_id)
    if amount_fen > remaining:
        raise ValidationError("late_fee.waiver_too_large", field="amount", remaining_fen=remaining)
    session.add(LateFeeWaiver(bill_id=bill_id, amount_fen=amount_fen, reason=reason.strip(), approved_by_id=actor.id))
    session.flush()
    audit.record(session, actor, "late_fee.waive", "bill", bill_id, amount_fen=amount_fen, reason=reason.strip())
    return remaining - amount_fen


@read_only
def room_late_fees(session: Session, room_id: int) -> LateFeeSummary:
    """Sum of a room's assessed late fees, their court estimate and the waivers."""
    contract, court = session.execute(
        select(func.coalesce(func.sum(LateFeeAssessment.amount_fen), 0),
               func.coalesce(func.sum(LateFeeAssessment.court_estimate_fen), 0))
        .join(Bill, Bill.id == LateFeeAssessment.bill_id).where(Bill.room_id == room_id)
    ).one()
    waived = session.scalar(
        select(func.coalesce(func.sum(LateFeeWaiver.amount_fen), 0))
        .join(Bill, Bill.id == LateFeeWaiver.bill_id).where(Bill.room_id == room_id)
    )
    return LateFeeSummary(int(contract), int(court), int(waived))
