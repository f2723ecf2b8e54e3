"""Promises to pay (承诺缴费): are they kept, and when to remind."""

from __future__ import annotations

from datetime import date, timedelta

from .enums import PromiseStatus

__all__ = ["promise_status", "reminder_date"]


def promise_status(
    *,
    amount_fen: int,
    due_date: date,
    paid_since_fen: int,
    as_of: date,
    grace_days: int = 0,
) -> PromiseStatus:
    """Status of a promise to pay ``amount_fen`` by ``due_date``.

    ``paid_since_fen`` is what was paid since the promise up to the deadline
    (``due_date + grace_days``) or ``as_of`` if earlier. KEPT once it covers the
    amount; before the deadline otherwise OPEN; after it PARTLY_KEPT or BROKEN.
    """
    if paid_since_fen >= amount_fen:
        return PromiseStatus.KEPT
    if as_of <= due_date + timedelta(days=grace_days):
        return PromiseStatus.OPEN
    return PromiseStatus.PARTLY_KEPT if paid_since_fen > 0 else PromiseStatus.BROKEN


def reminder_date(due_date: date) -> date:
    """Owners who name a date are reminded the day before it."""
    return due_date - timedelta(days=1)
