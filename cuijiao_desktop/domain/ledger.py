"""Tiny pure helpers over the append-only ledger (payments, reversals, credit)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .allocation import Allocation

__all__ = ["outstanding_by_bill", "reverse_allocation", "room_balance"]


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
