"""Checks a front desk makes before money is booked: an amount far above what the room owes,
a receipt dated well in the past.

- **Large amounts**: more than everything the room owes now (bills due or not, late fees due)
  plus a year of its bills is almost always a typing error (an extra zero, the phone number in
  the amount field). It is taken only after the clerk confirms it, with the amount read back in
  Chinese capitals.
- **Backdated receipts**: a payment dated more than :data:`BACKDATE_DAYS` days before today needs
  a reason (a cash receipt found in a drawer, a bank statement arriving late), which is audited.
"""

from __future__ import annotations

from datetime import date

__all__ = ["BACKDATE_DAYS", "days_back", "is_large_payment", "large_payment_limit", "needs_backdate_reason"]

#: A payment dated more than this many days back needs a reason.
BACKDATE_DAYS = 7


def large_payment_limit(*, outstanding_fen: int, late_fee_due_fen: int, year_of_bills_fen: int) -> int:
    """The most a payment may be without confirmation: all owed now plus a year of bills."""
    return max(0, outstanding_fen) + max(0, late_fee_due_fen) + max(0, year_of_bills_fen)


def is_large_payment(amount_fen: int, limit_fen: int) -> bool:
    """True when ``amount_fen`` is above :func:`large_payment_limit` and must be confirmed."""
    return amount_fen > limit_fen


def days_back(paid_on: date, today: date) -> int:
    """How many days before ``today`` the payment is dated (0 for today, negative in the future)."""
    return (today - paid_on).days


def needs_backdate_reason(paid_on: date, today: date) -> bool:
    """True when ``paid_on`` is more than :data:`BACKDATE_DAYS` days before ``today``."""
    return days_back(paid_on, today) > BACKDATE_DAYS
