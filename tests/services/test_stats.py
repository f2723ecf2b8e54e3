"""Monthly statistics (issue 12): every figure of the hand-built ledger, the JSON, the identity, the
as-of and estate views, and the month close."""

from __future__ import annotations

import json
from dataclasses import asdict, astuple
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select, update
from stats_ledger import A1, A2, B5, C1, C2, EXPECTED, MONTH, OFFICE, build_stats_ledger

from cuijiao_desktop.db.models import AuditLog, Bill, MonthClose, WriteOff
from cuijiao_desktop.domain.enums import PaymentMethod
from cuijiao_desktop.domain.errors import ConflictError, DomainError, PermissionDenied, ValidationError
from cuijiao_desktop.services.payments import record_payment, reverse_payment
from cuijiao_desktop.services.stats import (
    close_month,
    compute_month_stats,
    month_close_info,
    month_report,
    prepare_close,
    reopen_month,
)
from cuijiao_desktop.services.stats.model import AGEING_KEYS, FIGURE_KEYS, OTHER_REDUCTIONS_KEY


def _figs(items):
    return {label: asdict(f) for label, f in items}


def _assert_march(stats) -> None:
    assert (stats.month, stats.as_of.isoformat()) == (EXPECTED["month"], EXPECTED["as_of"])
    assert asdict(stats.total) == EXPECTED["total"]
    assert _figs((b.label, b.figures) for b in stats.by_building) == EXPECTED["by_building"]
    assert [b.label for b in stats.by_building] == [A1, A2, B5]
    assert _figs((e.label, e.figures) for e in stats.by_estate) == EXPECTED["by_estate"]
    assert _figs((f.fee_item, f.figures) for f in stats.by_fee_item) == EXPECTED["by_fee_item"]
    assert {a.label: (a.households, a.amount_fen) for a in stats.ageing} == EXPECTED["ageing"]
    got = {c.collector: {k: v for k, v in asdict(c).items() if k != "collector"} for c in stats.collectors}
    assert got == EXPECTED["collectors"]
    assert [c.collector for c in stats.collectors] == [C1, C2]  # most recovered first
    assert [(r.reason, r.label, r.households, r.amount_fen) for r in stats.reasons] == EXPECTED["reasons"]
    assert len(stats.trend) == 12 and stats.trend[0].month == "2025-04"
    assert all((t.households, t.billed_fen) == (0, 0) for t in stats.trend[:9])
    assert [(t.month, t.households, t.households_paid, t.billed_fen, t.collected_fen)
            for t in stats.trend[9:]] == EXPECTED["trend"]
    assert [(d.room_code, f"{d.estate} {d.building}栋", d.owner, d.months, d.first_period, d.last_period,
             d.amount_fen, d.oldest_bucket, d.stage, d.collector, d.reason) for d in stats.details] == EXPECTED["details"]
    assert stats.details[0].phone == "13800000101" and stats.details[0].last_contact == date(2026, 3, 10)
    # the identity, every scope; ageing and detail add up to 期末欠费 here (every bill is past due)
    for f in [stats.total, *(b.figures for b in stats.by_building), *(e.figures for e in stats.by_estate),
              *(f.figures for f in stats.by_fee_item)]:
        assert f.balanced and f.identity_closing_fen == f.closing_arrears_fen
    assert sum(stats.ageing_total_fen) == sum(d.amount_fen for d in stats.details) == stats.total.closing_arrears_fen
    assert sum(r.amount_fen for r in stats.reasons) == stats.total.closing_arrears_fen


def _assert_json(stats) -> None:
    data = json.loads(json.dumps(stats.to_json(), ensure_ascii=False))
    assert list(data) == ["month", "as_of", "by_building", "total", "ageing_fen"]
    assert list(data["by_building"]) == [A1, A2, B5]
    # 核销调整 only where write-offs or adjustments dated in M reduce the arrears (the adjustment of 1-1-103)
    assert data["total"] == {"households": 7, "当月应收": 51000, "当月实收": 19000, "欠费追回": 15500, "预交": 8000,
                             "历史欠费": 25000, "期末欠费": 40500, "收缴率_金额": 0.372549, "收缴率_户数": 0.428571,
                             "核销调整": 1000}
    assert data["by_building"][A2]["收缴率_金额"] == pytest.approx(8000 / 17000, abs=5e-7)
    assert data["by_building"][A2]["收缴率_金额"] == 0.470588 and data["by_building"][B5]["收缴率_户数"] == 0.5
    assert data["ageing_fen"] == EXPECTED["ageing_fen"] and tuple(data["ageing_fen"]) == AGEING_KEYS
    for label, figures in [("", data["total"]), *data["by_building"].items()]:
        assert tuple(figures) == FIGURE_KEYS + ((OTHER_REDUCTIONS_KEY,) if label in ("", A1) else ())
        for key in FIGURE_KEYS[:7]:
            assert type(figures[key]) is int, key
        for key in FIGURE_KEYS[7:]:
            assert type(figures[key]) is float and round(figures[key], 6) == figures[key]
    assert all(type(v) is int for v in data["ageing_fen"].values())


def test_month_figures_of_the_hand_built_ledger(session_factory, read_factory):
    build_stats_ledger(session_factory)
    with read_factory.begin() as s:  # a read-only transaction (READ ONLY on PostgreSQL)
        stats = compute_month_stats(s, MONTH)
        quick = compute_month_stats(s, MONTH, summary_only=True)
        light = compute_month_stats(s, MONTH, include_details=False)
        later = compute_month_stats(s, MONTH, as_of=date(2026, 4, 30))
        mid = compute_month_stats(s, MONTH, as_of=date(2026, 3, 10))
        cuihu = compute_month_stats(s, MONTH, estate="翠湖")
        by_code = compute_month_stats(s, MONTH, estate="A")
        with pytest.raises(DomainError) as missing:
            compute_month_stats(s, MONTH, estate="不存在")
        with pytest.raises(ValidationError) as early:
            compute_month_stats(s, MONTH, as_of=date(2026, 2, 28))
        running = compute_month_stats(s, MONTH, today=date(2026, 3, 10), summary_only=True)  # M still running
        with pytest.raises(ValidationError) as future:
            compute_month_stats(s, MONTH, as_of=date(2026, 4, 30), today=date(2026, 4, 15))
    _assert_march(stats)
    _assert_json(stats)
    assert quick.to_json() == stats.to_json() and quick.extra == {"summary_only": True}
    assert stats.extra == {"office_name": OFFICE}  # every workbook's title names the office
    assert (quick.by_fee_item, quick.details, quick.trend) == ((), (), ()) and quick.ageing == stats.ageing
    # what the dashboards draw: the same figures, ageing, collectors and trend; no fee items, reasons or details
    assert light.extra == {"details_left_out": True} and (light.by_fee_item, light.reasons, light.details) == ((), (), ())
    assert (light.total, light.by_building, light.by_estate, light.ageing, light.collectors, light.trend) == (
        stats.total, stats.by_building, stats.by_estate, stats.ageing, stats.collectors, stats.trend)
    assert missing.value.code == "stats.estate_not_found" and early.value.code == "stats.as_of_before_month"
    for f in (stats.total, *(b.figures for b in stats.by_building)):
        for value in asdict(f).values():
            assert type(value) is int

    # as of 04-30: 2-1-201 paid March's bill on 04-05; the adjustment made today is still undone
    assert asdict(later.total) == EXPECTED["as_of_2026-04-30_total"]
    assert later.trend[-1].collected_fen == 28000 and later.total.balanced
    # as of 03-10: the reversal of 03-25 and the adjustment of 03-28 have not happened yet
    assert asdict(mid.total) == EXPECTED["as_of_2026-03-10_total"]
    assert mid.as_of == date(2026, 3, 10)
    assert tuple(mid.to_json()["total"]) == FIGURE_KEYS  # no write-off or adjustment yet: the keys only
    # the month still running is seen as of the office's today (as 工作台's rates), never a day to come
    assert running.as_of == date(2026, 3, 10) and asdict(running.total) == EXPECTED["as_of_2026-03-10_total"]
    assert future.value.code == "stats.as_of_after_today" and future.value.params["today"] == "2026-04-15"

    # the estate filter: only 翠湖's rooms, on every sheet
    assert cuihu.estate == "翠湖" and [b.label for b in cuihu.by_building] == [B5]
    assert asdict(cuihu.total) == EXPECTED["by_building"][B5]
    assert [e.label for e in cuihu.by_estate] == ["翠湖"]
    assert [(d.room_code, d.amount_fen) for d in cuihu.details] == [("5-1-502", 4000)]
    assert cuihu.collectors == () and [r.label for r in cuihu.reasons] == ["未登记"]
    assert [(t.households, t.collected_fen) for t in cuihu.trend[-3:]] == [(1, 4000), (1, 4000), (2, 4000)]
    assert asdict(by_code.total) == EXPECTED["by_estate"]["锦绣"]
    assert {c.collector: c.recovered_fen for c in by_code.collectors} == {C1: 15500, C2: 5000}

    # the snapshot round-trips field for field
    from cuijiao_desktop.services.stats.model import MonthStats

    assert MonthStats.from_snapshot(json.loads(json.dumps(stats.to_snapshot()))) == stats


def test_write_offs_and_the_identity_check(session_factory, read_factory):
    ledger = build_stats_ledger(session_factory)
    old, march = ledger.bills[("1-1-103", "WYF", 202601)], ledger.bills[("5-1-502", "WYF", 202603)]
    with session_factory.begin() as s:  # 坏账核销 as the ledger keeps them: a row, and the bill's waived cache
        for bill_id, fen, day in ((old, 1000, date(2026, 3, 29)), (old, 500, date(2026, 12, 1)),
                                  (march, 4000, date(2026, 3, 30))):
            s.add(WriteOff(bill_id=bill_id, amount_fen=fen, reason="核销", approved_by_id=ledger.admin.id,
                           created_at=datetime(day.year, day.month, day.day, 3, tzinfo=UTC)))
            s.execute(update(Bill).where(Bill.id == bill_id).values(waived_fen=Bill.waived_fen + fen))
    with read_factory.begin() as s:
        stats = compute_month_stats(s, MONTH)
        mid = compute_month_stats(s, MONTH, as_of=date(2026, 3, 10))
    e = EXPECTED["total"]
    assert asdict(stats.total) == e | {"other_reductions_fen": 6000, "closing_arrears_fen": 35500,
                                       "households_paid": 4}
    assert asdict(mid.total) == EXPECTED["as_of_2026-03-10_total"]  # both write-offs came later
    assert stats.total.balanced and sum(stats.ageing_total_fen) == 35500

    with session_factory.begin() as s:  # a bill of M whose paid cache moved without a ledger entry
        s.execute(update(Bill).where(Bill.id == ledger.bills[("1-1-102", "WYF", 202603)])
                  .values(paid_fen=Bill.paid_fen - 500))
    with read_factory.begin() as s, pytest.raises(DomainError) as err:
        compute_month_stats(s, MONTH)
    assert err.value.code == "stats.unbalanced"
    assert err.value.params["formula_fen"] - err.value.params["bills_fen"] == -500


def test_month_close_freezes_the_report(session_factory, read_factory):
    ledger = build_stats_ledger(session_factory)
    finance, collector = ledger.finance, ledger.collectors[0]
    with session_factory.begin() as s, pytest.raises(ValidationError) as not_over:
        close_month(s, finance, MONTH, today=date(2026, 3, 31))
    assert not_over.value.code == "stats.month_not_over"
    with session_factory.begin() as s, pytest.raises(PermissionDenied):
        close_month(s, collector, MONTH, today=date(2026, 4, 2))
    with session_factory.begin() as s:
        closed = close_month(s, finance, MONTH, today=date(2026, 4, 2))
    assert closed.closed_by == "财务" and closed.closed_at is not None
    with read_factory.begin() as s:
        printed = month_report(s, MONTH)
        printed_cuihu = month_report(s, MONTH, estate="翠湖")
        assert month_close_info(s, MONTH).closed_by == "财务"
    _assert_march(printed)
    assert printed.to_snapshot() == closed.to_snapshot() and printed.closed_at == closed.closed_at
    with session_factory.begin() as s, pytest.raises(ConflictError):
        close_month(s, finance, MONTH, today=date(2026, 4, 2))

    # late money dated in March: a payment of 5-1-502 entered on 04-02, a reversal dated 03-31
    with session_factory.begin() as s:
        record_payment(s, actor=ledger.admin, room_id=ledger.rooms["5-1-502"], amount_fen=4000,
                       paid_on=date(2026, 3, 30), method=PaymentMethod.WECHAT, today=date(2026, 4, 2))
        late = record_payment(s, actor=ledger.admin, room_id=ledger.rooms["1-1-101"], amount_fen=1000,
                              paid_on=date(2026, 3, 31), method=PaymentMethod.CASH, today=date(2026, 3, 31))
        reverse_payment(s, actor=ledger.admin, payment_id=late.payment_id, reason="重复录入", on=date(2026, 3, 31))
    with read_factory.begin() as s:
        again = month_report(s, MONTH)
        again_cuihu = month_report(s, MONTH, estate="翠湖")
        fresh = month_report(s, MONTH, as_of=date(2026, 3, 31))  # an explicit as-of computes
        april = compute_month_stats(s, "2026-04")  # its trend shows March as closed
    assert again.to_snapshot() == printed.to_snapshot() and again.to_json() == printed.to_json()
    assert again_cuihu.to_snapshot() == printed_cuihu.to_snapshot()
    assert printed_cuihu.total.collected_fen == 4000 and printed_cuihu.closed_at == closed.closed_at
    assert fresh.closed_at is None and fresh.total.collected_fen == 23000 and fresh.total.balanced
    assert astuple(april.trend[-2]) == ("2026-03", 7, 3, 51000, 19000) and april.trend[-1].billed_fen == 8000

    # reopening: the permission, a reason, an audit row; then the month computes again
    with session_factory.begin() as s, pytest.raises(PermissionDenied):
        reopen_month(s, collector, MONTH, "更正")
    with session_factory.begin() as s, pytest.raises(ValidationError) as no_reason:
        reopen_month(s, finance, MONTH, "  ")
    assert no_reason.value.code == "stats.reopen_reason_required"
    with session_factory.begin() as s:
        reopen_month(s, finance, MONTH, "补录三月缴款")
    with read_factory.begin() as s:
        reopened = month_report(s, MONTH)
        reopened_april = compute_month_stats(s, "2026-04")
        assert month_close_info(s, MONTH) is None
        row = s.scalars(select(MonthClose)).one()
        assert (row.reopen_reason, row.reopened_by_id) == ("补录三月缴款", finance.id) and row.reopened_at
        audits = {a.action: json.loads(a.detail) for a in s.scalars(
            select(AuditLog).where(AuditLog.entity == "month_close"))}
    assert reopened.closed_at is None and reopened.total.collected_fen == 23000
    assert astuple(reopened_april.trend[-2]) == ("2026-03", 7, 4, 51000, 23000)
    assert audits["stats.close_month"]["month"] == MONTH and audits["stats.reopen_month"]["reason"] == "补录三月缴款"
    with session_factory.begin() as s, pytest.raises(ValidationError) as not_closed:
        reopen_month(s, finance, MONTH, "再次")
    assert not_closed.value.code == "stats.month_not_closed"
    with read_factory.begin() as s:  # closed again, computed first in a read-only transaction
        prepared = prepare_close(s, MONTH, today=date(2026, 4, 3))
    assert sorted(prepared) == ["", "翠湖", "锦绣"] and prepared["翠湖"].estate == "翠湖"
    with session_factory.begin() as s:
        assert close_month(s, finance, MONTH, today=date(2026, 4, 3), prepared=prepared).total.collected_fen == 23000
    with read_factory.begin() as s:
        assert month_report(s, MONTH, estate="锦绣").to_snapshot() == prepared["锦绣"].to_snapshot() | {
            "closed_at": month_report(s, MONTH).closed_at.isoformat(), "closed_by": "财务"}

    # another desk closes the month between the read task and the write task: a clear conflict, nothing written
    with session_factory.begin() as s:
        reopen_month(s, finance, MONTH, "再补录")
    with read_factory.begin() as s:
        prepared = prepare_close(s, MONTH, today=date(2026, 4, 4))
    with session_factory.begin() as s:
        close_month(s, finance, MONTH, today=date(2026, 4, 4))
    with session_factory.begin() as s, pytest.raises(ConflictError) as stale:
        close_month(s, finance, MONTH, today=date(2026, 4, 4), prepared=prepared)
    assert stale.value.code == "stats.month_closed" and stale.value.params["closed_by"] == "财务"
    with read_factory.begin() as s, pytest.raises(ConflictError) as early:  # said before computing anything
        prepare_close(s, MONTH, today=date(2026, 4, 4))
    assert early.value.code == "stats.month_closed"
    with read_factory.begin() as s:
        assert len(s.scalars(select(MonthClose).where(MonthClose.reopened_at.is_(None))).all()) == 1
