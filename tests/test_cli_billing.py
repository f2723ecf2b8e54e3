"""``cuijiao bill``, ``cuijiao late-fees assess`` and ``cuijiao db check`` on the demo office."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select, text

from cuijiao_desktop.cli import main
from cuijiao_desktop.db.engine import make_engine, make_session_factory
from cuijiao_desktop.db.models import Bill, CreditEntry, Payment
from cuijiao_desktop.domain.enums import PaymentMethod
from cuijiao_desktop.services.demo import build_demo
from cuijiao_desktop.services.room_ledger import CreditKind, room_ledger

DEMO_TODAY = date(2026, 11, 23)


@pytest.fixture
def demo_url(db_url):
    """A small demo office (as of 2026-11-23) on SQLite or the PostgreSQL test server."""
    engine = make_engine(db_url)
    build_demo(engine, rooms=120, months=14, seed=3, today=DEMO_TODAY)
    if engine.dialect.name == "postgresql":
        # The demo writes explicit ids; advancing PostgreSQL's sequences after such loads is the storage
        # work's (issue "sequences"): done here until the demo does it itself.
        from cuijiao_desktop.db.base import Base

        with engine.begin() as conn:
            for table in Base.metadata.sorted_tables:
                if "id" in table.c and table.c.id.autoincrement and table.c.id.primary_key:
                    conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                                      f"coalesce(max(id), 0) + 1, false) FROM {table.name}"))
    engine.dispose()
    return db_url


def _count(url, stmt):
    engine = make_engine(url)
    try:
        with make_session_factory(engine)() as s:
            return s.scalar(stmt)
    finally:
        engine.dispose()


@pytest.mark.both_engines
def test_billing_december_on_the_demo_once_with_credit_applied(demo_url, capsys, monkeypatch):
    if demo_url.startswith("postgresql"):
        monkeypatch.setenv("CUIJIAO_PASSWORD", "demo1234")
        user = ["--user", "caiwu"]
    else:
        user = []
    base = ["--db", demo_url, *user]
    with_credit = _count(demo_url, select(func.count(func.distinct(CreditEntry.room_id))).where(
        CreditEntry.amount_fen > 0))
    assert main([*base, "bill", "--month", "2026-12", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "预览（未写入）" in out and "物业管理费" in out and "应缴日期 2026-12-10" in out
    assert _count(demo_url, select(func.count()).select_from(Bill).where(Bill.period == 202612)) == 0

    assert main([*base, "bill", "--month", "2026-12", "--today", "2026-12-01"]) == 0
    out = capsys.readouterr().out
    assert "已生成" in out and "预存款抵扣" in out
    rooms = _count(demo_url, select(func.count()).select_from(text("room")))
    billed_rooms = _count(demo_url, select(func.count(func.distinct(Bill.room_id))).where(Bill.period == 202612))
    assert billed_rooms == rooms  # every room has its December bills
    issued = _count(demo_url, select(func.count()).select_from(Bill).where(Bill.period == 202612))

    assert main([*base, "bill", "--month", "2026-12"]) == 0
    assert "新账单 0 张" in capsys.readouterr().out
    assert _count(demo_url, select(func.count()).select_from(Bill).where(Bill.period == 202612)) == issued

    assert main([*base, "db", "check"]) == 0
    assert "账目一致" in capsys.readouterr().out

    # a room that had credit shows it spent on its December bills
    spending = _count(demo_url, select(Payment.room_id).where(
        Payment.method == PaymentMethod.CREDIT, Payment.paid_on == date(2026, 12, 1)).limit(1))
    assert with_credit > 0 and spending is not None
    engine = make_engine(demo_url)
    with make_session_factory(engine)() as s:
        ledger = room_ledger(s, room_id=spending, today=date(2026, 12, 2))
    engine.dispose()
    december = [c for c in ledger.credits if c.kind is CreditKind.SPENT and any(x.period == 202612 for x in c.lines)]
    assert december


def test_late_fees_assess_and_a_bad_month(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    assert main(["--db", url, "db", "upgrade"]) == 0
    engine = make_engine(url)
    build_demo(engine, rooms=120, months=14, seed=3, today=DEMO_TODAY)
    engine.dispose()
    assert main(["--db", url, "late-fees", "assess", "--as-of", "2026-11-24"]) == 0
    out = capsys.readouterr().out
    assert "滞纳金已计算到 2026-11-24" in out
    assert main(["--db", url, "late-fees", "assess", "--as-of", "2026-11-24"]) == 0
    assert "本次变动 0 张" in capsys.readouterr().out  # idempotent
    assert main(["--db", url, "bill", "--month", "2026-13"]) == 1
    assert capsys.readouterr().err.strip() == "错误：“2026-13”不是账期：请写成 2026-12（年和月）。"
    assert main(["--db", url, "bill", "--month", "2026-12", "--estate", "没有这个小区"]) == 1
    assert "没有名为 没有这个小区 的小区" in capsys.readouterr().err


def test_db_check_names_the_broken_rows_and_fails(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    assert main(["--db", url, "db", "upgrade"]) == 0
    engine = make_engine(url)
    build_demo(engine, rooms=60, months=6, seed=2, today=DEMO_TODAY)
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        cur.execute("PRAGMA foreign_keys = OFF")
        cur.execute("DELETE FROM bill WHERE id IN (SELECT bill_id FROM payment_allocation LIMIT 3)")
        cur.execute("UPDATE bill SET amount_fen = amount_fen + 100000 WHERE id = (SELECT max(id) FROM bill)")
    finally:
        raw.close()
    engine.dispose()
    assert main(["--db", url, "db", "check"]) == 1
    out = capsys.readouterr().out
    assert "[分配行]" in out and "指向的账单" in out and "[账单金额]" in out and "发现" in out
