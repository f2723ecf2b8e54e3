"""Tiny pure helpers over the append-only ledger (payments, reversals, credit)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from .allocation import Allocation

__all__ = ["OwedSplit", "is_overdue", "outstanding_by_bill", "paid_through", "reverse_allocation", "room_balance",
           "split_owed"]


def is_overdue(due_date: date, today: date) -> bool:
    """A bill is overdue (欠费) from the day after its due date: paid on the due date is on time."""
    return due_date < today


@dataclass(frozen=True)
class OwedSplit:
    """What a room (or a set of bills) still owes, in the three words used everywhere (issue 9):
    欠费 ``arrears_fen`` (due date passed), 未到期 ``not_yet_due_fen`` (billed, not yet due) and
    应缴合计 ``total_fen`` (both)."""

    arrears_fen: int
    not_yet_due_fen: int

    @property
    def total_fen(self) -> int:
        return self.arrears_fen + self.not_yet_due_fen


def split_owed(bills: Iterable[tuple[int, date]], today: date) -> OwedSplit:
    """Split ``(outstanding fen, due date)`` pairs into arrears and not yet due on ``today``."""
    arrears = not_due = 0
    for fen, due in bills:
        if fen <= 0:
            continue
        if is_overdue(due, today):
            arrears += fen
        else:
            not_due += fen
    return OwedSplit(arrears, not_due)


def room_balance(bills_due: Iterable[int], allocations: Iterable[int], credit_entries: Iterable[int]) -> int:
    """Net balance of a room in fen: billed − allocated − credit.

    Positive: the room owes this much; negative: it holds prepaid credit.
    ``allocations`` are allocation lines (negative for reversals); ``credit_entries``
    are credit movements (+ added, − used or reversed).
    """
    return sum(bills_due) - sum(allocations) - sum(credit_entries)


def outstanding_by_bill(bills: Mapping[int, int], lines: Iterable[tuple[int, int]]) -> dict[int, int]:
    """Outstanding fen per bill id: amount minus every allocation line (reversals are negative)."""
    out = dict(bills)
    for bill_id, fen in lines:
        out[bill_id] = out[bill_id] - fen
    return out


def reverse_allocation(allocation: Allocation) -> Allocation:
    """The 冲正 entry for ``allocation``: the same lines and credit, negated."""
    return Allocation(tuple((bill_id, -fen) for bill_id, fen in allocation.lines), -allocation.credit_fen)


def paid_through(bills: Iterable[tuple[int, bool]]) -> int | None:
    """已缴至: the last period P (YYYYMM) such that every bill with period ≤ P is settled.

    ``bills`` are ``(period, settled)`` pairs, one per bill (any fee item). A period with
    several fee items counts only when all are settled. A gap (a month without bills)
    before the first unsettled bill is covered: the answer is the month before it.
    All settled: the latest billed period. None when there are no bills or the oldest
    bill is unsettled.
    """
    first_open: int | None = None
    first_period: int | None = None
    last_period: int | None = None
    for period, settled in bills:
        first_period = period if first_period is None else min(first_period, period)
        last_period = period if last_period is None else max(last_period, period)
        if not settled and (first_open is None or period < first_open):
            first_open = period
    if first_period is None:
        return None
    if first_open is None:
        return last_period
    if first_open == first_period:
        return None
    year, month = divmod(first_open, 100)
    return (year - 1) * 100 + 12 if month == 1 else year * 100 + month - 1
