"""Ageing of arrears (账龄): months overdue and the buckets managers report on."""

from __future__ import annotations

import calendar
from datetime import date
from enum import IntEnum

__all__ = [
    "BUCKET_LABELS_ZH",
    "SHORT_TERM_MAX_MONTHS",
    "AgeBucket",
    "add_months",
    "bucket_for",
    "bucket_for_dates",
    "is_long_term",
    "months_overdue",
]

#: Arrears of up to 3 months are short-term; more is long-term.
SHORT_TERM_MAX_MONTHS = 3


def add_months(d: date, months: int) -> date:
    """``d`` moved by ``months`` calendar months, clamped to the month's end (01-31 + 1 -> 02-28)."""
    index = d.year * 12 + d.month - 1 + months
    year, month0 = divmod(index, 12)
    day = min(d.day, calendar.monthrange(year, month0 + 1)[1])
    return date(year, month0 + 1, day)


def months_overdue(due_date: date, as_of: date) -> int:
    """Started months since ``due_date``: 0 until ``as_of`` passes it, then 1, 2, ...

    Due 2026-10-10: as of 10-11 -> 1, 11-10 -> 1, 11-11 -> 2. Month ends clamp:
    due 01-31 is one month overdue through 02-28 and two from 03-01.
    """
    if as_of <= due_date:
        return 0
    k = (as_of.year - due_date.year) * 12 + (as_of.month - due_date.month)
    if k < 1 or add_months(due_date, k) < as_of:
        k += 1
    return max(k, 1)


class AgeBucket(IntEnum):
    """Ageing buckets in ascending age; the value orders them."""

    M1 = 1  # 1 month
    M2 = 2  # 2 months
    M3 = 3  # 3 months
    M3_6 = 4  # 4-6 months
    M6_12 = 5  # 7-12 months
    M12_24 = 6  # 13-24 months
    M24_36 = 7  # 25-36 months
    OVER_36 = 8  # more than 36 months


BUCKET_LABELS_ZH: dict[AgeBucket, str] = {
    AgeBucket.M1: "1个月",
    AgeBucket.M2: "2个月",
    AgeBucket.M3: "3个月",
    AgeBucket.M3_6: "3-6个月",
    AgeBucket.M6_12: "6-12个月",
    AgeBucket.M12_24: "1-2年",
    AgeBucket.M24_36: "2-3年",
    AgeBucket.OVER_36: "3年以上",
}

# (upper bound in months inclusive, bucket)
_BOUNDS: tuple[tuple[int, AgeBucket], ...] = (
    (1, AgeBucket.M1),
    (2, AgeBucket.M2),
    (3, AgeBucket.M3),
    (6, AgeBucket.M3_6),
    (12, AgeBucket.M6_12),
    (24, AgeBucket.M12_24),
    (36, AgeBucket.M24_36),
)


def bucket_for(months: int) -> AgeBucket | None:
    """The bucket for a number of months overdue; None when not overdue (``months <= 0``)."""
    if months <= 0:
        return None
    for upper, bucket in _BOUNDS:
        if months <= upper:
            return bucket
    return AgeBucket.OVER_36


def bucket_for_dates(due_date: date, as_of: date) -> AgeBucket | None:
    """Shortcut: ``bucket_for(months_overdue(due_date, as_of))``."""
    return bucket_for(months_overdue(due_date, as_of))


def is_long_term(months: int) -> bool:
    """Long-term arrears: more than 3 months."""
    return months > SHORT_TERM_MAX_MONTHS
