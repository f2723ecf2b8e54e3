"""The monthly statistics at operator size (50,000 rooms × 120 months), issue 12.

* ``stats_json``: what ``cuijiao stats --format json`` does for last month: ``compute_month_stats`` with
  ``summary_only`` (the 汇总 per building, estate and office, and the ageing: all the JSON prints) +
  ``to_json``, target < 3 s; the detail also gives the time of every sheet's data (fee items, collectors,
  reasons, the 12-month trend, one detail row per room in arrears), which the workbook needs. Its floor, in the same run: the 汇总 aggregation per building (households, both rates' counts,
  当月应收, 当月实收, 欠费追回, 预交, 历史欠费, 期末欠费) as ONE raw SQL statement through the plain
  ``sqlite3`` cursor; the benchmark checks that the floor's totals equal the service's.
* ``stats_workbook``: the same plus ``reports.stats_xlsx.write_stats_workbook`` (target < 10 s). The
  writer is built on another branch: until it is merged this scenario reports "not measured".
"""

from __future__ import annotations

import importlib.util
from datetime import date

from . import Context, Result, demo_50k_database, median_seconds, scenario

_STATE: dict = {}

#: The 汇总 per building in one statement (the floor). Parameters: m (YYYYMM), s (the day before M),
#: e (the last day of M), as text dates the way SQLite stores them.
SUMMARY_SQL = """
WITH late_e AS (
  SELECT a.bill_id, SUM(a.amount_fen) AS fen FROM payment p JOIN payment_allocation a ON a.payment_id = p.id
  WHERE p.paid_on > :e GROUP BY a.bill_id),
late_s AS (
  SELECT a.bill_id, SUM(a.amount_fen) AS fen FROM payment p JOIN payment_allocation a ON a.payment_id = p.id
  WHERE p.paid_on > :s GROUP BY a.bill_id),
owed_e AS (
  SELECT b.room_id, b.amount_fen - b.discount_fen - b.paid_fen - b.waived_fen AS fen FROM bill b
  WHERE b.amount_fen > b.paid_fen + b.discount_fen + b.waived_fen AND b.period <= :m
  UNION ALL SELECT b.room_id, l.fen FROM late_e l JOIN bill b ON b.id = l.bill_id WHERE b.period <= :m),
owed_s AS (
  SELECT b.room_id, b.amount_fen - b.discount_fen - b.paid_fen - b.waived_fen AS fen FROM bill b
  WHERE b.amount_fen > b.paid_fen + b.discount_fen + b.waived_fen AND b.period < :m
  UNION ALL SELECT b.room_id, l.fen FROM late_s l JOIN bill b ON b.id = l.bill_id WHERE b.period < :m),
m_rooms AS (
  SELECT b.room_id, SUM(b.amount_fen - b.discount_fen) AS billed,
         MAX(b.amount_fen - b.discount_fen - b.paid_fen - b.waived_fen + COALESCE(l.fen, 0)) AS owed
  FROM bill b LEFT JOIN late_e l ON l.bill_id = b.id WHERE b.period = :m GROUP BY b.room_id),
collected AS (
  SELECT b.room_id, SUM(a.amount_fen) AS fen FROM bill b JOIN payment_allocation a ON a.bill_id = b.id
  JOIN payment p ON p.id = a.payment_id WHERE b.period = :m AND p.paid_on <= :e GROUP BY b.room_id),
in_month AS (
  SELECT b.room_id, SUM(CASE WHEN b.period < :m THEN a.amount_fen ELSE 0 END) AS rec,
         SUM(CASE WHEN b.period > :m AND p.method <> 'credit' THEN a.amount_fen ELSE 0 END) AS pre
  FROM payment p JOIN payment_allocation a ON a.payment_id = p.id JOIN bill b ON b.id = a.bill_id
  WHERE p.paid_on > :s AND p.paid_on <= :e GROUP BY b.room_id),
credit AS (
  SELECT c.room_id, SUM(c.amount_fen) AS fen FROM credit_entry c JOIN payment p ON p.id = c.payment_id
  WHERE p.paid_on > :s AND p.paid_on <= :e AND p.method <> 'credit' GROUP BY c.room_id),
spent AS (
  SELECT sp.room_id, SUM(a.amount_fen) AS fen FROM payment p JOIN credit_entry sp ON sp.payment_id = p.id
  JOIN credit_entry d ON d.id = sp.source_id JOIN payment dp ON dp.id = d.payment_id
  JOIN payment_allocation a ON a.payment_id = p.id JOIN bill b ON b.id = a.bill_id
  WHERE p.method = 'credit' AND p.paid_on > :s AND p.paid_on <= :e AND b.period <= :m
    AND dp.method <> 'credit' AND dp.paid_on > :s AND dp.paid_on <= :e GROUP BY sp.room_id),
per_room AS (
  SELECT room_id, SUM(h) AS h, SUM(hp) AS hp, SUM(billed) AS billed, SUM(coll) AS coll, SUM(rec) AS rec,
         SUM(pre) AS pre, SUM(op) AS op, SUM(cl) AS cl FROM (
    SELECT room_id, 1 AS h, CASE WHEN owed <= 0 THEN 1 ELSE 0 END AS hp, billed, 0 AS coll, 0 AS rec, 0 AS pre,
           0 AS op, 0 AS cl FROM m_rooms
    UNION ALL SELECT room_id, 0, 0, 0, fen, 0, 0, 0, 0 FROM collected
    UNION ALL SELECT room_id, 0, 0, 0, 0, rec, pre, 0, 0 FROM in_month
    UNION ALL SELECT room_id, 0, 0, 0, 0, 0, fen, 0, 0 FROM credit
    UNION ALL SELECT room_id, 0, 0, 0, 0, 0, -fen, 0, 0 FROM spent
    UNION ALL SELECT room_id, 0, 0, 0, 0, 0, 0, fen, 0 FROM owed_s
    UNION ALL SELECT room_id, 0, 0, 0, 0, 0, 0, 0, fen FROM owed_e) GROUP BY room_id)
SELECT r.building_id, SUM(x.h), SUM(x.hp), SUM(x.billed), SUM(x.coll), SUM(x.rec), SUM(x.pre), SUM(x.op), SUM(x.cl)
FROM per_room x JOIN room r ON r.id = x.room_id GROUP BY r.building_id
"""


def _loaded(ctx: Context) -> dict:
    if not _STATE.get("path"):
        from sqlalchemy.orm import Session

        from cuijiao_desktop.db.engine import make_engine, sqlite_url
        from cuijiao_desktop.domain.billing import period_add

        path = demo_50k_database(ctx)
        engine = make_engine(sqlite_url(path))
        today = date.today()
        period = period_add(today.year * 100 + today.month, -1)  # last month, over and fully billed
        _STATE.update(path=path, engine=engine, session=Session(engine), period=period)
    return _STATE


def _floor(session, period: int) -> tuple[float, list[tuple]]:
    from datetime import timedelta

    from cuijiao_desktop.domain.billing import period_first_day, period_last_day

    params = {"m": period, "s": (period_first_day(period) - timedelta(days=1)).isoformat(),
              "e": period_last_day(period).isoformat()}
    dbapi = session.connection().connection.dbapi_connection
    rows: list[tuple] = []

    def run() -> None:
        cursor = dbapi.cursor()
        rows[:] = cursor.execute(SUMMARY_SQL, params).fetchall()
        cursor.close()

    return median_seconds(run, repeat=3), rows


def _compute(session, month: str, *, summary_only: bool = False):
    from cuijiao_desktop.services.stats import compute_month_stats

    stats = compute_month_stats(session, month, summary_only=summary_only)
    stats.to_json()
    return stats


def _close_previous_months(session, period: int) -> None:
    """The 11 months before ``period`` closed, as an office that closes every month has them: their trend
    points frozen (computed here in one statement; the snapshots themselves are left empty, nothing
    reads them here). Not committed: the scenario rolls back."""
    from datetime import UTC, datetime

    from cuijiao_desktop.db.models import MonthClose, MonthCloseSnapshot
    from cuijiao_desktop.domain.billing import period_add, period_last_day, period_text
    from cuijiao_desktop.services.stats.figures import households_statement

    periods = [period_add(period, -i) for i in range(1, 12)]
    points = session.execute(households_statement({p: period_last_day(p) for p in periods},
                                                         dialect="sqlite")).all()
    for p, rooms, paid, billed, collected in points:
        close = MonthClose(month=period_text(p), closed_at=datetime.now(UTC), closed_by="benchmark", reopen_reason="")
        session.add(close)
        session.flush()
        session.add(MonthCloseSnapshot(close_id=close.id, estate="", snapshot="{}", households=int(rooms),
                                       households_paid=int(paid), billed_fen=int(billed), collected_fen=int(collected)))
    session.flush()


@scenario("stats_json", slow=True)
def stats_json(ctx: Context) -> Result:
    """The month's figures as JSON (compute_month_stats(summary_only=True) + to_json), target < 3 s."""
    import time

    from cuijiao_desktop.domain.billing import period_text

    st = _loaded(ctx)
    session, month = st["session"], period_text(st["period"])
    try:
        seconds = median_seconds(lambda: _compute(session, month, summary_only=True), repeat=3)
        stats = _compute(session, month, summary_only=True)
        floor_seconds, rows = _floor(session, st["period"])
        started = time.perf_counter()
        full = _compute(session, month)
        full_seconds = time.perf_counter() - started
        _close_previous_months(session, st["period"])
        started = time.perf_counter()
        _compute(session, month)
        closed_seconds = time.perf_counter() - started
    finally:
        session.rollback()
    t = stats.total
    floor_total = [sum(int(r[i] or 0) for r in rows) for i in range(1, 9)]
    mine = [t.households, t.households_paid, t.billed_fen, t.collected_fen, t.recovered_fen, t.prepaid_fen,
            t.opening_arrears_fen, t.closing_arrears_fen]
    agree = "the floor's totals equal the service's" if floor_total == mine else (
        f"FLOOR DIFFERS: floor {floor_total} vs service {mine}")
    return Result("stats_json", seconds, len(stats.by_building),
                  detail=f"{month}: {t.households:,} rooms billed, {len(stats.by_building)} buildings; {agree}. "
                         f"Every sheet's data (fee items, {len(full.details):,} detail rows, "
                         f"{len(full.collectors)} collectors, the 12-month trend) {full_seconds:.1f} s, "
                         f"{closed_seconds:.1f} s when the 11 months before are closed (their trend points frozen)",
                  floor_seconds=floor_seconds, target_seconds=3.0)


@scenario("stats_workbook", slow=True)
def stats_workbook(ctx: Context) -> Result:
    """The monthly statistics workbook (compute + reports.stats_xlsx.write_stats_workbook), target < 10 s."""
    import time

    from cuijiao_desktop.domain.billing import period_text

    if importlib.util.find_spec("cuijiao_desktop.reports.stats_xlsx") is None:
        return Result("stats_workbook", 0.0, detail="not measured: reports.stats_xlsx (the workbook writer) is "
                      "not on this branch yet", target_seconds=10.0)
    from cuijiao_desktop.reports.stats_xlsx import write_stats_workbook

    st = _loaded(ctx)
    session, month = st["session"], period_text(st["period"])
    out = ctx.workdir / f"stats-{month}.xlsx"

    def both() -> tuple[float, float]:
        started = time.perf_counter()
        stats = _compute(session, month)
        computed = time.perf_counter()
        write_stats_workbook(stats, out)
        return computed - started, time.perf_counter() - computed

    try:
        both()
        compute_s, write_s = min((both() for _ in range(2)), key=sum)
        _close_previous_months(session, st["period"])
        closed_compute_s, closed_write_s = min((both() for _ in range(2)), key=sum)
        floor_seconds, _rows = _floor(session, st["period"])
    finally:
        session.rollback()
    return Result("stats_workbook", compute_s + write_s, size_bytes=out.stat().st_size,
                  detail=f"{month}: compute {compute_s:.1f} s + write {write_s:.1f} s (best of 2); with the 11 months "
                         f"before closed {closed_compute_s + closed_write_s:.1f} s "
                         f"({closed_compute_s:.1f} + {closed_write_s:.1f})",
                  floor_seconds=floor_seconds, target_seconds=10.0)
