"""Promises to pay (承诺缴费): their state follows the ledger, and when to remind.

A promise says "I will pay ``amount`` by ``due_date``". Its state is never typed in:

* **open** until the day before the date;
* **due** the day before (the owner is reminded) and on the date (it is chased);
* **kept** as soon as the room's payments since the promise, up to the date, reach the amount;
* **broken** from the day after an unkept date (a short payment is broken too; the paid
  part is shown beside it).
"""

from __future__ import annotations

from datetime import date, timedelta

from .enums import PromiseStatus

__all__ = ["broken_on", "is_settled", "promise_status", "reminder_date"]


def reminder_date(due_date: date) -> date:
    """Owners who name a date are reminded the day before it."""
    return due_date - timedelta(days=1)


def broken_on(due_date: date, grace_days: int = 0) -> date:
    """The first day on which an unkept promise counts as broken."""
    return due_date + timedelta(days=1 + grace_days)


def promise_status(
    *,
    amount_fen: int,
    due_date: date,
    paid_since_fen: int,
    as_of: date,
    grace_days: int = 0,
) -> PromiseStatus:
    """State of a promise to pay ``amount_fen`` by ``due_date``, seen on ``as_of``.

    ``paid_since_fen`` is what the room paid from the day of the promise up to the date
    (``due_date + grace_days``), and not after ``as_of``; a later payment does not keep it.
    """
    if paid_since_fen >= amount_fen:
        return PromiseStatus.KEPT
    if as_of >= broken_on(due_date, grace_days):
        return PromiseStatus.BROKEN
    if as_of >= reminder_date(due_date):
        return PromiseStatus.DUE
    return PromiseStatus.OPEN


def is_settled(status: PromiseStatus) -> bool:
    """Kept or broken: nothing will change the state any more."""
    return status in (PromiseStatus.KEPT, PromiseStatus.BROKEN)
