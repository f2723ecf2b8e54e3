"""Prepaid credit (预存款) spent on bills: which credit entry pays which bill.

A room's credit is a ledger of entries: a deposit (+, the excess of a payment) and movements
that draw on it (−, spent on bills or reversed) or give back to it (+, a spending reversed).
Every movement names the deposit it belongs to, so each deposit's remainder is known and can
never go below zero, and a reversal knows exactly which spending used its money.

Spending is oldest deposit first, onto bills in payment order (oldest period, then fee item).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .allocation import OpenBill, allocation_order

__all__ = ["CreditSource", "CreditUse", "plan_credit"]


@dataclass(frozen=True)
class CreditSource:
    """A deposit of prepaid credit and what is left of it."""

    entry_id: int
    remaining_fen: int


@dataclass(frozen=True)
class CreditUse:
    """The bills one deposit pays: ``lines`` of ``(bill_id, fen)``."""

    entry_id: int
    lines: tuple[tuple[int, int], ...]

    @property
    def amount_fen(self) -> int:
        """Fen of the deposit spent."""
        return sum(fen for _, fen in self.lines)


def plan_credit(sources: Sequence[CreditSource], bills: Sequence[OpenBill]) -> tuple[CreditUse, ...]:
    """Spend ``sources`` (in the order given: oldest deposit first) on ``bills`` in payment order.

    A bill may be paid from two deposits (two lines); a deposit pays as many bills as it covers.
    Deposits with nothing left and bills with nothing owed are skipped.
    """
    owed = [[b.bill_id, b.outstanding_fen] for b in allocation_order(bills) if b.outstanding_fen > 0]
    uses: list[CreditUse] = []
    i = 0
    for source in sources:
        left = source.remaining_fen
        lines: list[tuple[int, int]] = []
        while left > 0 and i < len(owed):
            bill_id, rest = owed[i]
            take = min(left, rest)
            lines.append((bill_id, take))
            left -= take
            owed[i][1] = rest - take
            if owed[i][1] == 0:
                i += 1
        if lines:
            uses.append(CreditUse(source.entry_id, tuple(lines)))
        if i >= len(owed):
            break
    return tuple(uses)
