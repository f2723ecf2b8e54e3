"""Limitation period (诉讼时效), tracked per billing period.

Civil Code art. 188: 3 years. Art. 195: a demand that reached the owner, the
owner's agreement to pay (promise, instalment plan, part payment) or a lawsuit
restarts the clock. Board postings and mass messages never count; a demand
counts only with evidence of delivery.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .enums import InterruptionKind

__all__ = [
    "ACKNOWLEDGEMENTS",
    "LIMITATION_YEARS",
    "Interruption",
    "LimitationStatus",
    "add_years",
    "counts",
    "limitation_date",
    "limitation_status",
]

LIMITATION_YEARS = 3

#: The debtor's own acknowledgements; these revive even an expired debt (art. 192).
ACKNOWLEDGEMENTS = frozenset({
    InterruptionKind.PROMISE, InterruptionKind.INSTALMENT_PLAN, InterruptionKind.PART_PAYMENT,
})
_NEVER = frozenset({InterruptionKind.BOARD_POSTING, InterruptionKind.MASS_MESSAGE})


@dataclass(frozen=True)
class Interruption:
    """An event that may restart the clock; ``evidenced`` = proof of delivery/signature exists."""

    kind: InterruptionKind
    on: date
    evidenced: bool = True


def counts(i: Interruption) -> bool:
    """Whether ``i`` restarts the clock: never board postings or mass messages; demands only with evidence."""
    kind = InterruptionKind(i.kind)
    if kind in _NEVER:
        return False
    if kind is InterruptionKind.DEMAND:
        return i.evidenced
    return True


def add_years(d: date, years: int) -> date:
    """``d`` plus ``years``; 29 Feb becomes 28 Feb in a common year."""
    try:
        return d.replace(year=d.year + years)
    except ValueError:
        return d.replace(year=d.year + years, day=28)


def limitation_date(due_date: date, interruptions: Iterable[Interruption] = ()) -> date:
    """Last day on which the debt of one billing period can still be claimed.

    3 years after the due date, restarted by each counting interruption on/after
    the due date. A demand or lawsuit after the period has run out cannot restart it;
    the debtor's own acknowledgement (promise, instalment plan, part payment) can.
    """
    limit = add_years(due_date, LIMITATION_YEARS)
    for i in sorted((i for i in interruptions if counts(i) and i.on >= due_date), key=lambda i: i.on):
        if i.on <= limit or InterruptionKind(i.kind) in ACKNOWLEDGEMENTS:
            limit = max(limit, add_years(i.on, LIMITATION_YEARS))
    return limit


class LimitationStatus(StrEnum):
    OK = "ok"
    AT_RISK = "at_risk"
    EXPIRED = "expired"


def limitation_status(limit: date, as_of: date, *, warn_days: int = 180) -> LimitationStatus:
    """EXPIRED after ``limit``; AT_RISK within ``warn_days`` of it; otherwise OK."""
    if as_of > limit:
        return LimitationStatus.EXPIRED
    if (limit - as_of).days <= warn_days:
        return LimitationStatus.AT_RISK
    return LimitationStatus.OK
