"""The workbench's light collection rates (``services.stats.summary``) on the hand-built ledger."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import update
from stats_ledger import EXPECTED, build_stats_ledger

from cuijiao_desktop.db.models import MonthClose
from cuijiao_desktop.domain.enums import PaymentMethod
from cuijiao_desktop.services.payments import record_payment
from cuijiao_desktop.services.stats import close_month
from cuijiao_desktop.services.stats.model import TrendPoint
from cuijiao_desktop.services.stats.summary import rate_trend


def test_both_rates_of_the_last_months_follow_the_monthly_statistics(session_factory, read_factory):
    ledger = build_stats_ledger(session_factory)
    with read_factory.begin() as s:
        in_april = rate_trend(s, today=date(2026, 4, 15), months=4)
        on_march_10 = rate_trend(s, today=date(2026, 3, 10), months=2)

    # each past month as of its last day: the monthly statistics' trend, to the fen
    expected = {m: TrendPoint(m, h, p, b, c) for m, h, p, b, c in EXPECTED["trend"]}
    assert [p.month for p in in_april] == ["2026-01", "2026-02", "2026-03", "2026-04"]
    assert in_april[:3] == (expected["2026-01"], expected["2026-02"], expected["2026-03"])
    # April as of today: 1-1-102's April bill of 80.00 was prepaid in March
    assert in_april[3] == TrendPoint("2026-04", 1, 1, 8000, 8000)
    assert all(isinstance(v, int) for p in in_april for v in (p.households, p.households_paid, p.billed_fen,
                                                               p.collected_fen))
    # the current month is seen as of today, not its end: on 03-10 less of March was collected
    assert on_march_10[0] == expected["2026-02"]
    march_10 = EXPECTED["as_of_2026-03-10_total"]
    assert on_march_10[1] == TrendPoint("2026-03", march_10["households"], march_10["households_paid"],
                                        march_10["billed_fen"], march_10["collected_fen"])

    # a closed month gives the point frozen at its close: a late payment dated in March changes nothing
    with session_factory.begin() as s:
        close_month(s, ledger.finance, "2026-03", today=date(2026, 4, 2))
    with session_factory.begin() as s:
        record_payment(s, actor=ledger.admin, room_id=ledger.rooms["5-1-502"], amount_fen=4000,
                       paid_on=date(2026, 3, 30), method=PaymentMethod.CASH, today=date(2026, 4, 15),
                       backdate_reason="收据补录")
    with read_factory.begin() as s:
        assert rate_trend(s, today=date(2026, 4, 15), months=4) == in_april
    with session_factory.begin() as s:
        s.execute(update(MonthClose).values(reopened_at=datetime.now(UTC)))  # as if reopened: computed again
    with read_factory.begin() as s:
        assert rate_trend(s, today=date(2026, 4, 15), months=2)[0] == TrendPoint("2026-03", 7, 4, 51000, 23000)
