"""Instalment plans (分期缴费), extensions (延期) and holds (暂停催缴): schedules, states, limits.

What an instalment has received is never stored: :func:`instalment_states` spreads the money
the room paid towards the plan's debts (dated, reversals negative) over the instalments in
order, so each instalment's state follows the ledger whatever path the money took.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from .ageing import add_months
from .enums import ApprovalStatus
from .errors import ValidationError

__all__ = [
    "EXTENSION_MAX_MONTHS",
    "EXTENSION_MIN_MONTHS",
    "HOLD_MAX_DAYS",
    "MAX_INSTALMENTS",
    "InstalmentState",
    "InstalmentStatus",
    "PlanState",
    "ScheduledInstalment",
    "extension_window",
    "instalment_states",
    "make_schedule",
    "plan_state",
    "validate_extension",
    "validate_hold",
    "validate_schedule",
]

MAX_INSTALMENTS = 36
#: An extension runs 1 to 2 months from the day it is asked for.
EXTENSION_MIN_MONTHS = 1
EXTENSION_MAX_MONTHS = 2
#: A hold longer than this needs a new request (it is reviewed, not forgotten).
HOLD_MAX_DAYS = 180


@dataclass(frozen=True)
class ScheduledInstalment:
    seq: int
    due_date: date
    amount_fen: int


def make_schedule(total_fen: int, count: int, first_due: date, *, every_months: int = 1) -> list[ScheduledInstalment]:
    """``count`` instalments of ``total_fen``, one every ``every_months`` from ``first_due``.

    Equal instalments, in whole yuan when each is at least ¥100, the last one taking the rest
    (¥3,012.34 in 6: five of ¥502.00 and one of ¥502.34); never an instalment of zero.
    """
    if count < 1 or count > MAX_INSTALMENTS:
        raise ValidationError("instalment.count_out_of_range", field="count", maximum=MAX_INSTALMENTS)
    if total_fen < count:
        raise ValidationError("instalment.total_too_small", field="total", count=count)
    if every_months < 1:
        raise ValidationError("instalment.interval_invalid", field="every_months")
    base = total_fen // count
    if base >= 10_000:
        base -= base % 100
    amounts = [base] * (count - 1) + [total_fen - base * (count - 1)]
    return [ScheduledInstalment(i + 1, add_months(first_due, i * every_months), amounts[i]) for i in range(count)]


def validate_schedule(items: Sequence[ScheduledInstalment], *, total_fen: int, start: date) -> None:
    """Raise the first problem of a schedule: amounts positive and adding up to the total, dates
    on or after ``start`` and strictly increasing, 1–36 instalments."""
    if not 1 <= len(items) <= MAX_INSTALMENTS:
        raise ValidationError("instalment.count_out_of_range", field="count", maximum=MAX_INSTALMENTS)
    if total_fen <= 0:
        raise ValidationError("instalment.total_not_positive", field="total")
    previous = start - timedelta(days=1)
    for item in items:
        if item.amount_fen <= 0:
            raise ValidationError("instalment.amount_not_positive", field="schedule", seq=item.seq)
        if item.due_date <= previous:
            raise ValidationError("instalment.dates_not_increasing", field="schedule", seq=item.seq)
        previous = item.due_date
    if sum(i.amount_fen for i in items) != total_fen:
        raise ValidationError("instalment.sum_mismatch", field="schedule", total_fen=total_fen,
                              sum_fen=sum(i.amount_fen for i in items))


class InstalmentState(StrEnum):
    PAID = "paid"  # 已缴清
    PART_PAID = "part_paid"  # 部分缴纳 (not yet due)
    UPCOMING = "upcoming"  # 未到期
    DUE = "due"  # 今日到期
    OVERDUE = "overdue"  # 逾期未缴 (wholly or partly)


@dataclass(frozen=True)
class InstalmentStatus:
    seq: int
    due_date: date
    amount_fen: int
    paid_fen: int
    state: InstalmentState
    paid_on: date | None  # the day it became fully paid (None while it is not)

    @property
    def late(self) -> bool:
        """Paid, but after its due date."""
        return self.paid_on is not None and self.paid_on > self.due_date


def instalment_states(
    schedule: Sequence[ScheduledInstalment], payments: Iterable[tuple[date, int]], *, today: date,
) -> list[InstalmentStatus]:
    """Each instalment's state on ``today`` from the dated payments towards the plan.

    Payments (reversals negative) fill the instalments in order; only those up to ``today``
    count. An instalment is PAID when the running total covers it and everything before it;
    ``paid_on`` is the day the running total last rose to cover it.
    """
    ordered = sorted((d, fen) for d, fen in payments if d <= today)
    items = sorted(schedule, key=lambda i: i.seq)
    thresholds = []
    running = 0
    for item in items:
        running += item.amount_fen
        thresholds.append(running)
    paid_on: list[date | None] = [None] * len(items)
    total = 0
    for day, fen in ordered:
        before, total = total, total + fen
        for k, threshold in enumerate(thresholds):
            if before < threshold <= total:
                paid_on[k] = day
            elif total < threshold <= before:
                paid_on[k] = None  # a reversal took it back
    out = []
    covered = max(total, 0)
    start = 0
    for k, item in enumerate(items):
        paid = min(item.amount_fen, max(0, covered - start))
        start += item.amount_fen
        if paid >= item.amount_fen:
            state = InstalmentState.PAID
        elif item.due_date < today:
            state = InstalmentState.OVERDUE
        elif item.due_date == today:
            state = InstalmentState.DUE
        else:
            state = InstalmentState.PART_PAID if paid else InstalmentState.UPCOMING
        out.append(InstalmentStatus(item.seq, item.due_date, item.amount_fen, paid, state,
                                    paid_on[k] if state is InstalmentState.PAID else None))
    return out


class PlanState(StrEnum):
    PENDING = "pending"  # 待审批
    ON_TRACK = "on_track"  # 履约中
    BEHIND = "behind"  # 有逾期分期
    COMPLETED = "completed"  # 已缴清
    REJECTED = "rejected"  # 已驳回
    CANCELLED = "cancelled"  # 已取消


def plan_state(status: ApprovalStatus, instalments: Sequence[InstalmentStatus]) -> PlanState:
    """A plan's state: its approval, then how its instalments stand."""
    status = ApprovalStatus(status)
    if status is ApprovalStatus.PENDING:
        return PlanState.PENDING
    if status is ApprovalStatus.REJECTED:
        return PlanState.REJECTED
    if status is ApprovalStatus.CANCELLED:
        return PlanState.CANCELLED
    if instalments and all(i.state is InstalmentState.PAID for i in instalments):
        return PlanState.COMPLETED
    if status is ApprovalStatus.COMPLETED:
        return PlanState.COMPLETED
    if any(i.state is InstalmentState.OVERDUE for i in instalments):
        return PlanState.BEHIND
    return PlanState.ON_TRACK


def extension_window(asked_on: date) -> tuple[date, date]:
    """The first and last day an extension asked for on ``asked_on`` may run to (1–2 months)."""
    return add_months(asked_on, EXTENSION_MIN_MONTHS), add_months(asked_on, EXTENSION_MAX_MONTHS)


def validate_extension(*, asked_on: date, until: date, reason: str) -> None:
    """An extension runs 1 to 2 months and gives its reason."""
    if not reason.strip():
        raise ValidationError("extension.reason_required", field="reason")
    earliest, latest = extension_window(asked_on)
    if not earliest <= until <= latest:
        raise ValidationError("extension.length", field="until", earliest=earliest.isoformat(),
                              latest=latest.isoformat())


def validate_hold(*, asked_on: date, until: date, reason: str) -> None:
    """A hold gives its reason and ends after today, within 180 days."""
    if not reason.strip():
        raise ValidationError("hold.reason_required", field="reason")
    if until <= asked_on:
        raise ValidationError("hold.until_past", field="until")
    if (until - asked_on).days > HOLD_MAX_DAYS:
        raise ValidationError("hold.too_long", field="until", days=HOLD_MAX_DAYS)
