"""The ledger at operator size (50,000 rooms × 120 months): a month's billing run, the daily late-fee
run and ``cuijiao db check``.

The writing scenarios run in a transaction that is rolled back, so the database stays as built and
each run measures the same work: the planner's reads, the inserts (51k bills, the credit spendings)
or the assessment's updates.
"""

from __future__ import annotations

from datetime import date, timedelta

from . import Context, Result, demo_50k_database, median_seconds, scenario


def _next_month(today: date) -> int:
    return today.year * 100 + today.month + 1 if today.month < 12 else (today.year + 1) * 100 + 1


def _engine(ctx: Context):
    from cuijiao_desktop.db.engine import make_engine, make_session_factory, sqlite_url

    engine = make_engine(sqlite_url(demo_50k_database(ctx)))
    return engine, make_session_factory(engine)


def _today(factory) -> date:
    from sqlalchemy import func, select

    from cuijiao_desktop.db.models import Bill

    with factory() as s:
        latest = s.scalar(select(func.max(Bill.period)))
    return date(latest // 100, latest % 100, 20)


@scenario("billing_run_50k", slow=True)
def billing_run(ctx: Context) -> Result:
    """Preview and issue next month's bills for 50,000 rooms, spending prepaid credit (rolled back)."""
    from cuijiao_desktop.services.billing import preview_billing, run_billing
    from cuijiao_desktop.services.dto import CLI_USER

    engine, factory = _engine(ctx)
    today = _today(factory)
    period = _next_month(today)
    previews: list = []

    def preview() -> None:
        with factory() as s:
            previews.append(preview_billing(s, period=period))
            s.rollback()

    results: list = []

    def run() -> None:
        s = factory()
        try:
            s.begin()
            results.append(run_billing(s, actor=CLI_USER, period=period, today=today))
        finally:
            s.rollback()
            s.close()

    preview_seconds = median_seconds(preview, repeat=3)
    run_seconds = median_seconds(run, repeat=3)
    engine.dispose()
    result = results[-1]
    return Result(
        "billing_run_50k", run_seconds, rows=result.bills_created,
        detail=(f"preview {preview_seconds:.2f} s; {result.bills_created:,} bills of {period}, "
                f"credit of {result.credit_rooms:,} rooms spent ({result.spendings:,} DK payments); "
                f"{sum(c for _, c in result.preview.note_counts):,} rooms without a reading"),
    )


@scenario("late_fee_daily_50k", slow=True)
def late_fee_daily(ctx: Context) -> Result:
    """The daily late-fee run over every overdue bill under a policy, in steps of 5,000 rooms (rolled back)."""
    import time

    from sqlalchemy import func, select

    from cuijiao_desktop.db.models import LateFeeAssessment
    from cuijiao_desktop.services.dto import CLI_USER
    from cuijiao_desktop.services.late_fees import assess_late_fees, start_late_fee_run

    engine, factory = _engine(ctx)
    today = _today(factory) + timedelta(days=1)
    with factory() as s:
        run = start_late_fee_run(s, actor=CLI_USER, today=today, daily=False)
        s.rollback()
    steps: list[float] = []
    totals = [0, 0]

    def whole_run() -> None:
        steps.clear()
        totals[:] = [0, 0]
        for rooms in run.ranges:
            s = factory()
            start = time.perf_counter()
            try:
                s.begin()
                r = assess_late_fees(s, actor=CLI_USER, as_of=run.as_of, rooms=rooms, since=run.since)
                totals[0] += r.bills
                totals[1] += r.changed
            finally:
                s.rollback()
                s.close()
            steps.append(time.perf_counter() - start)

    seconds = median_seconds(whole_run, repeat=3)
    with factory() as s:
        assessments = s.scalar(select(func.count()).select_from(LateFeeAssessment))
    engine.dispose()
    return Result("late_fee_daily_50k", seconds, rows=totals[0],
                  detail=(f"{len(run.ranges)} steps, the longest write lock {max(steps):.2f} s; {totals[0]:,} bills "
                          f"assessed, {totals[1]:,} changed, of {assessments:,} assessments"))


@scenario("db_check_50k", slow=True)
def db_check(ctx: Context) -> Result:
    """``cuijiao db check``: every check over 5.2 M bills, 2.8 M payments, 5.1 M allocation lines."""
    from cuijiao_desktop.services.ledger_check import CHECKS, check_ledger

    engine, factory = _engine(ctx)
    timings: dict[str, float] = {}
    import time

    for name in CHECKS:
        with factory() as s:
            start = time.perf_counter()
            problems = check_ledger(s, checks=(name,))
            timings[name] = time.perf_counter() - start
            assert problems == [], problems[:3]
    engine.dispose()
    slowest = ", ".join(f"{n} {t:.1f} s" for n, t in sorted(timings.items(), key=lambda x: -x[1])[:3])
    return Result("db_check_50k", sum(timings.values()), detail=f"no problems; slowest: {slowest}")
