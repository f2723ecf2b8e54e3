"""Allocating a payment to open bills: oldest first, the rest becomes prepaid credit."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .errors import ValidationError

__all__ = ["Allocation", "LateFeeCollection", "OpenBill", "allocate", "allocation_order", "collect_late_fees"]


@dataclass(frozen=True)
class OpenBill:
    """A bill that may still be owed. ``period`` is YYYYMM."""

    bill_id: int
    period: int  # YYYYMM
    fee_item_order: int
    outstanding_fen: int


@dataclass(frozen=True)
class Allocation:
    """How one payment was split: ``lines`` of ``(bill_id, fen)`` and the prepaid ``credit_fen``."""

    lines: tuple[tuple[int, int], ...]
    credit_fen: int

    @property
    def allocated_fen(self) -> int:
        """Fen applied to bills (excluding credit)."""
        return sum(fen for _, fen in self.lines)

    @property
    def total_fen(self) -> int:
        """Allocated plus credit: the whole payment."""
        return self.allocated_fen + self.credit_fen


def allocation_order(bills: Sequence[OpenBill]) -> list[OpenBill]:
    """Bills in payment order: oldest period, then fee item order, then bill id."""
    return sorted(bills, key=lambda b: (b.period, b.fee_item_order, b.bill_id))


def allocate(amount_fen: int, bills: Sequence[OpenBill], *, chosen: Sequence[int] | None = None) -> Allocation:
    """Split ``amount_fen`` over ``bills`` oldest first; what is left becomes credit.

    With ``chosen`` only those bill ids are paid (still oldest first). Bills with
    nothing outstanding are skipped. Raises ``payment.amount_not_positive`` and
    ``payment.unknown_bill``.
    """
    if isinstance(amount_fen, bool) or not isinstance(amount_fen, int):
        raise TypeError("amount_fen must be int")
    if amount_fen <= 0:
        raise ValidationError("payment.amount_not_positive", amount_fen=amount_fen)
    candidates = list(bills)
    if chosen is not None:
        known = {b.bill_id for b in bills}
        for bill_id in chosen:
            if bill_id not in known:
                raise ValidationError("payment.unknown_bill", bill_id=bill_id)
        wanted = set(chosen)
        candidates = [b for b in bills if b.bill_id in wanted]

    remaining = amount_fen
    lines: list[tuple[int, int]] = []
    seen: set[int] = set()
    for bill in allocation_order(candidates):
        if remaining == 0:
            break
        if bill.outstanding_fen <= 0 or bill.bill_id in seen:
            continue
        seen.add(bill.bill_id)
        pay = min(remaining, bill.outstanding_fen)
        lines.append((bill.bill_id, pay))
        remaining -= pay
    return Allocation(tuple(lines), remaining)


@dataclass(frozen=True)
class LateFeeCollection:
    """Late fees taken from a payment after its principal: ``lines`` of ``(bill_id, fen)``."""

    lines: tuple[tuple[int, int], ...]
    credit_fen: int

    @property
    def late_fee_fen(self) -> int:
        """Fen of the payment that went to late fees."""
        return sum(fen for _, fen in self.lines)


def collect_late_fees(
    allocation: Allocation,
    bills: Sequence[OpenBill],
    late_fees_due: Mapping[int, int],
    *,
    chosen: Sequence[int] | None = None,
) -> LateFeeCollection:
    """Principal first, then late fees: what ``allocation`` left as credit pays the late fees
    (``late_fees_due`` by bill id) of the settled bills, oldest first; the rest stays credit.

    Settled means settled in full by this allocation, or already settled before it (a bill in
    ``bills`` with nothing outstanding: its late fee stays collectable after the principal was
    paid). With ``chosen``, only those bills' late fees are taken.

    A late fee is never taken while the bill's own principal is still owed: paying the
    principal stops the fee growing, and the fee is the part courts most often reduce.
    """
    outstanding = {b.bill_id: b.outstanding_fen for b in bills}
    order = {b.bill_id: (b.period, b.fee_item_order, b.bill_id) for b in bills}
    settled = {bill_id for bill_id, fen in allocation.lines if fen == outstanding.get(bill_id)}
    settled |= {b.bill_id for b in bills if b.outstanding_fen <= 0}
    if chosen is not None:
        settled &= set(chosen)
    remaining = allocation.credit_fen
    lines: list[tuple[int, int]] = []
    for bill_id in sorted(settled, key=order.__getitem__):
        due = late_fees_due.get(bill_id, 0)
        if remaining == 0:
            break
        if due <= 0:
            continue
        pay = min(remaining, due)
        lines.append((bill_id, pay))
        remaining -= pay
    return LateFeeCollection(tuple(lines), remaining)
