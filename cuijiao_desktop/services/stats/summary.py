"""The light 收缴率 figures of 工作台 (issue 12): both collection rates of the last few months, without
the whole monthly statistics (no buildings, ageing, collectors or details).

The rates follow the monthly statistics' one rule (``figures.households_statement`` and the points
frozen by the month closes, as ``sheets.trend_points``): month M is seen as of the end of M, the
current month as of today.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from cuijiao_desktop.domain.billing import period_add, period_text
from cuijiao_desktop.services.tx import read_only

from .close import closed_trend_points
from .figures import households_statement, month_as_of
from .model import TrendPoint

__all__ = ["SUMMARY_MONTHS", "rate_trend"]

#: Months the workbench's sparkline shows (the last is the current month).
SUMMARY_MONTHS = 6


@read_only
def rate_trend(session: Session, *, today: date, months: int = SUMMARY_MONTHS) -> tuple[TrendPoint, ...]:
    """Both rates of the ``months`` months ending with ``today``'s, oldest first; each month as of its
    last day (a closed month as frozen at its close), the current one as of ``today``. A month without
    bills has no rate (its point holds zeros)."""
    current = today.year * 100 + today.month
    periods = [period_add(current, -i) for i in range(months - 1, -1, -1)]
    closed = closed_trend_points(session, [period_text(p) for p in periods[:-1]], None)
    cutoffs = {p: month_as_of(p, today) for p in periods if period_text(p) not in closed}
    found = {int(period): (int(rooms or 0), int(paid or 0), int(billed or 0), int(collected or 0))
             for period, rooms, paid, billed, collected in session.execute(
                 households_statement(cutoffs, dialect=session.get_bind().dialect.name))}
    return tuple(closed.get(period_text(p)) or TrendPoint(period_text(p), *found.get(p, (0, 0, 0, 0)))
                 for p in periods)
