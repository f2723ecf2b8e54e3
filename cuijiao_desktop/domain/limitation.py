"""Limitation period (诉讼时效), tracked per billing period.

Civil Code art. 188: 3 years. Art. 195: a demand that reached the owner, the
owner's agreement to pay (promise, instalment plan, part payment) or a lawsuit
restarts the clock. Board postings and mass messages never count; a demand
counts only with evidence of delivery.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .enums import InterruptionKind

__all__ = [
    "ACKNOWLEDGEMENTS",
    "LIMITATION_YEARS",
    "Interruption",
    "LimitationClock",
    "LimitationStatus",
    "add_years",
    "counts",
    "limitation_date",
    "limitation_dates",
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


def _kind(i: Interruption) -> InterruptionKind:
    return i.kind if isinstance(i.kind, InterruptionKind) else InterruptionKind(i.kind)


def counts(i: Interruption) -> bool:
    """Whether ``i`` restarts the clock: never board postings or mass messages; demands only with evidence."""
    kind = _kind(i)
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
    return limitation_dates([due_date], interruptions)[0]


def limitation_dates(due_dates: Sequence[date], interruptions: Iterable[Interruption] = ()) -> list[date]:
    """:func:`limitation_date` of each of ``due_dates`` under the same interruptions (a room's bills):
    the interruptions are sorted and judged once."""
    clock = LimitationClock(interruptions)
    return [clock.expiry(due) for due in due_dates]


class LimitationClock:
    """The interruptions of one debtor, sorted and judged once; :meth:`expiry` applies them to a due date.

    Under the same interruptions a later due date never runs out earlier (the expiry does not
    decrease with the due date), so a caller may stop at the first period beyond a horizon.
    """

    def __init__(self, interruptions: Iterable[Interruption] = ()) -> None:
        self._events = self._prepare(interruptions)

    @staticmethod
    def _prepare(interruptions: Iterable[Interruption]) -> list[tuple[date, date, bool]]:
        return sorted((i.on, add_years(i.on, LIMITATION_YEARS), _kind(i) in ACKNOWLEDGEMENTS)
                      for i in interruptions if counts(i))

    def plus(self, interruptions: Iterable[Interruption]) -> LimitationClock:
        """This clock with more interruptions (e.g. the notices of one period): the prepared ones are reused."""
        extra = self._prepare(interruptions)
        if not extra:
            return self
        clock = LimitationClock()
        clock._events = sorted(self._events + extra)  # two sorted runs: merged in linear time
        return clock

    def expiry(self, due_date: date) -> date:
        """The last day the debt due on ``due_date`` can be claimed."""
        limit = add_years(due_date, LIMITATION_YEARS)
        for on, restarted, acknowledged in self._events:
            if on >= due_date and (on <= limit or acknowledged) and restarted > limit:
                limit = restarted
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
