"""The demo office: deterministic, consistent money, a believable collection history."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from cuijiao_desktop.db.engine import make_engine, make_session_factory, sqlite_url
from cuijiao_desktop.db.migrate import prepare_database
from cuijiao_desktop.db.models import Bill, LateFeeAssessment, Notice, Payment, PaymentAllocation
from cuijiao_desktop.domain.ageing import bucket_for_dates
from cuijiao_desktop.domain.enums import PromiseStatus
from cuijiao_desktop.domain.errors import DomainError, ValidationError
from cuijiao_desktop.services import demo
from cuijiao_desktop.services.auth import login
from cuijiao_desktop.services.demo import DEMO_PASSWORD, DEMO_USERS, build_demo
from cuijiao_desktop.services.late_fees import assess_late_fees
from cuijiao_desktop.services.office import get_office
from cuijiao_desktop.services.payments import ledger_discrepancies
from cuijiao_desktop.services.promises import promise_states

TODAY = date(2026, 3, 14)
ROOMS, MONTHS = 120, 14
CHECKED_TABLES = ("room", "person", "contact", "bill", "payment", "payment_allocation", "credit_entry",
                  "collection_case", "contact_event", "promise", "notice", "visit", "service_issue",
                  "late_fee_assessment")


def _new_db(folder: Path) -> tuple[Path, Engine]:
    path = folder / "t.sqlite3"
    prepare_database(sqlite_url(path))
    return path, make_engine(sqlite_url(path))


def _checksum(path: Path) -> str:
    h = hashlib.sha256()
    with sqlite3.connect(path) as c:
        for table in CHECKED_TABLES:
            for row in c.execute(f"SELECT * FROM {table} ORDER BY 1"):
                h.update(repr(row).encode())
    return h.hexdigest()


def _scalar(c: sqlite3.Connection, sql: str) -> int:
    return c.execute(sql).fetchone()[0]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Engine, demo.DemoSummary]]:
    path, engine = _new_db(tmp_path_factory.mktemp("demo"))
    calls: list[tuple[int, int, str]] = []
    summary = build_demo(engine, rooms=ROOMS, months=MONTHS, seed=1, today=TODAY,
                         progress=lambda d, t, s: calls.append((d, t, s)))
    assert calls and calls[-1][0] == calls[-1][1]
    yield path, engine, summary
    engine.dispose()


@pytest.fixture
def db(built: tuple[Path, Engine, demo.DemoSummary]) -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(built[0])
    yield conn
    conn.close()


def test_summary_counts_what_was_written(built: tuple[Path, Engine, demo.DemoSummary], db: sqlite3.Connection) -> None:
    s = built[2]
    assert s.rooms == ROOMS == _scalar(db, "SELECT count(*) FROM room")
    assert s.estates == 3
    assert s.bills == _scalar(db, "SELECT count(*) FROM bill")
    assert s.payments == _scalar(db, "SELECT count(*) FROM payment")
    assert s.users == len(DEMO_USERS)
    assert min(s.persons, s.contact_events, s.promises, s.notices, s.visits, s.issues) > 0


def test_same_seed_same_content_other_seed_differs(built: tuple[Path, Engine, demo.DemoSummary],
                                                  tmp_path: Path) -> None:
    path_a, engine_a = _new_db(tmp_path / "a")
    path_b, engine_b = _new_db(tmp_path / "b")
    try:
        build_demo(engine_a, rooms=ROOMS, months=MONTHS, seed=1, today=TODAY)
        build_demo(engine_b, rooms=ROOMS, months=MONTHS, seed=2, today=TODAY)
    finally:
        engine_a.dispose()
        engine_b.dispose()
    assert _checksum(path_a) == _checksum(built[0])
    assert _checksum(path_b) != _checksum(built[0])


def test_every_room_has_bills_and_foreign_keys_hold(db: sqlite3.Connection) -> None:
    assert _scalar(db, "SELECT count(*) FROM room WHERE id NOT IN (SELECT room_id FROM bill)") == 0
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_bill_paid_matches_its_allocation_lines(db: sqlite3.Connection) -> None:
    bad = db.execute("""
        SELECT b.id FROM bill b LEFT JOIN (
            SELECT bill_id, sum(amount_fen) s FROM payment_allocation GROUP BY bill_id) a ON a.bill_id = b.id
        WHERE b.paid_fen != coalesce(a.s, 0) OR b.paid_fen < 0 OR b.paid_fen > b.amount_fen - b.discount_fen
    """).fetchall()
    assert bad == []


def test_payment_equals_allocations_plus_credit(db: sqlite3.Connection) -> None:
    bad = db.execute("""
        SELECT p.id FROM payment p
        LEFT JOIN (SELECT payment_id, sum(amount_fen) s FROM payment_allocation GROUP BY payment_id) a
               ON a.payment_id = p.id
        LEFT JOIN (SELECT payment_id, sum(amount_fen) s FROM credit_entry GROUP BY payment_id) c
               ON c.payment_id = p.id
        WHERE (p.method != 'credit' AND p.amount_fen != coalesce(a.s, 0) + coalesce(c.s, 0))
           OR (p.method = 'credit' AND (p.amount_fen != coalesce(a.s, 0) OR coalesce(c.s, 0) != -p.amount_fen))
    """).fetchall()
    assert bad == []
    assert _scalar(db, "SELECT count(*) FROM credit_entry WHERE amount_fen > 0") > 0


def test_prepaid_credit_is_spent_by_the_monthly_billing_deposit_by_deposit(db: sqlite3.Connection) -> None:
    spent = db.execute("""
        SELECT p.paid_on, d.created_at, s.amount_fen FROM payment p
        JOIN credit_entry s ON s.payment_id = p.id JOIN credit_entry d ON d.id = s.source_id
        WHERE p.method = 'credit'
    """).fetchall()
    assert len(spent) >= 3, "the demo's cash change is spent on later bills"
    assert all(paid_on.endswith("-01") and created < paid_on and fen < 0 for paid_on, created, fen in spent)
    left = db.execute("""
        SELECT d.id, d.amount_fen + coalesce(sum(m.amount_fen), 0) FROM credit_entry d
        LEFT JOIN credit_entry m ON m.source_id = d.id WHERE d.source_id IS NULL GROUP BY d.id
    """).fetchall()
    assert left and min(fen for _, fen in left) >= 0
    assert _scalar(db, "SELECT count(*) FROM credit_entry WHERE amount_fen < 0 AND source_id IS NULL") == 0


def test_reversals_undo_their_payment(db: sqlite3.Connection) -> None:
    rows = db.execute("""
        SELECT r.amount_fen, p.amount_fen, p.kind FROM payment r JOIN payment p ON p.id = r.reverses_id
        WHERE r.kind = 'reversal'
    """).fetchall()
    assert rows, "the demo shows a few reversals (冲正)"
    assert all(r == -p and kind == "payment" for r, p, kind in rows)


def test_receipt_numbers_unique_and_sequence_continues(db: sqlite3.Connection) -> None:
    assert _scalar(db, "SELECT count(DISTINCT receipt_no) FROM payment") == _scalar(db, "SELECT count(*) FROM payment")
    receipts = _scalar(db, "SELECT count(*) FROM payment WHERE kind = 'payment' AND method != 'credit'")
    spendings = _scalar(db, "SELECT count(*) FROM payment WHERE method = 'credit' AND kind = 'payment'")
    assert _scalar(db, "SELECT sum(next_value - 1) FROM receipt_sequence WHERE name LIKE 'credit-%'") == spendings
    # one gap-free counter per month, continued by services.serials
    assert _scalar(db, "SELECT sum(next_value - 1) FROM receipt_sequence WHERE name LIKE 'receipt-%'") == receipts
    month = f"{TODAY:%Y%m}"
    last = db.execute("SELECT max(receipt_no) FROM payment WHERE receipt_no LIKE ?", (f"SK{month}%",)).fetchone()[0]
    nxt = _scalar(db, f"SELECT next_value FROM receipt_sequence WHERE name = 'receipt-{month}'")
    assert last == f"SK{month}{nxt - 1:06d}"
    assert _scalar(db, "SELECT count(DISTINCT serial) FROM notice") == _scalar(db, "SELECT count(*) FROM notice")


def test_arrears_spread_over_ageing_buckets(db: sqlite3.Connection) -> None:
    rows = db.execute("""
        SELECT room_id, min(due_date) FROM bill
        WHERE paid_fen + discount_fen + waived_fen < amount_fen AND due_date < ? GROUP BY room_id
    """, (TODAY.isoformat(),)).fetchall()
    buckets = {bucket_for_dates(date.fromisoformat(d), TODAY) for _, d in rows}
    assert len(buckets) >= 4
    assert 0 < len(rows) < ROOMS // 2
    # every room in arrears has an open case with a collector
    open_cases = _scalar(db, "SELECT count(*) FROM collection_case WHERE closed_on IS NULL AND collector_id IS NOT NULL")
    assert open_cases == len(rows)


def test_promises_in_every_state_and_some_due_today(built: tuple[Path, Engine, demo.DemoSummary]) -> None:
    with Session(built[1]) as s:
        states = promise_states(s, today=TODAY)
    assert {p.status for p in states} == set(PromiseStatus)
    assert any(p.status is PromiseStatus.BROKEN and 0 < p.paid_fen for p in states)  # paid short: broken
    assert any(p.status is PromiseStatus.DUE and p.due_date == TODAY for p in states)
    # one truth: every promise made in a call is a row of ``promise`` linked to it
    assert all(p.contact_event_id is not None for p in states)


def test_visits_notices_and_issues_look_real(db: sqlite3.Connection) -> None:
    assert _scalar(db, f"SELECT count(*) FROM visit WHERE status = 'planned' AND date(planned_at) >= '{TODAY}'") > 0
    assert _scalar(db, "SELECT min(n) FROM (SELECT count(*) n FROM visit_staff GROUP BY visit_id)") >= 2
    # valid under the visit rules: nobody on two visits at once, one visit per room a day, some confirmed
    assert _scalar(db, "SELECT count(*) FROM visit a JOIN visit b ON a.id < b.id AND a.planned_at < b.ends_at "
                       "AND b.planned_at < a.ends_at JOIN visit_staff sa ON sa.visit_id = a.id "
                       "JOIN visit_staff sb ON sb.visit_id = b.id AND sb.user_id = sa.user_id") == 0
    assert _scalar(db, "SELECT count(*) FROM (SELECT room_id, date(planned_at) FROM visit "
                       "GROUP BY room_id, date(planned_at) HAVING count(*) > 1)") == 0
    assert _scalar(db, "SELECT count(*) FROM visit WHERE status = 'confirmed' AND confirmed_at IS NOT NULL") > 0
    # a team label is one collector's walk: its collector on every visit, no two of its visits at once
    assert _scalar(db, "SELECT count(*) FROM (SELECT v.team FROM visit v JOIN visit_staff s ON s.visit_id = v.id "
                       "AND s.duty = 'collector' JOIN app_user u ON u.id = s.user_id AND u.role = 'collector' "
                       "GROUP BY v.team HAVING count(DISTINCT u.id) > 1 OR v.team <> min(u.display_name) || '组')") == 0
    assert _scalar(db, "SELECT count(*) FROM visit a JOIN visit b ON a.id < b.id AND a.team = b.team "
                       "AND a.planned_at < b.ends_at AND b.planned_at < a.ends_at") == 0
    assert _scalar(db, "SELECT count(*) FROM visit WHERE status = 'failed' AND result = 'not_home'") > 0
    # a promise made at the door is a promise row linked to the visit and to its contact event
    assert _scalar(db, "SELECT count(*) FROM visit v JOIN promise p ON p.id = v.promise_id "
                       "AND p.contact_event_id = v.outcome_event_id WHERE v.result = 'promised'") > 0
    assert _scalar(db, "SELECT count(*) FROM visit WHERE result = 'promised' AND agreed_date IS NOT NULL "
                       "AND promise_id IS NULL") == 0  # a conditional promise has no date and no row
    assert _scalar(db, "SELECT count(*) FROM notice WHERE level >= 6 AND signed_receipt = 1") > 0
    assert _scalar(db, "SELECT count(*) FROM service_issue WHERE status IN ('open', 'in_progress')") > 0
    assert _scalar(db, "SELECT count(*) FROM ladder_step") >= 8
    assert _scalar(db, "SELECT count(*) FROM audit_log WHERE action = 'demo.build'") == 1
    assert _scalar(db, "SELECT count(*) FROM person WHERE name_initials = '' OR name_initials IS NULL") == 0


def _levels_out_of_order(path: Path) -> list[int]:
    """Rooms whose notices, taken by issue time, do not climb the ladder one level after another."""
    last: dict[int, tuple[str, int]] = {}
    bad = []
    with sqlite3.connect(path) as c:
        for room_id, issued_at, level in c.execute("SELECT room_id, issued_at, level FROM notice ORDER BY issued_at"):
            before = last.get(room_id)
            if before is not None and (before[0] == issued_at or before[1] >= level):
                bad.append(room_id)
            last[room_id] = (issued_at, level)
    return bad


def test_notice_levels_rise_with_their_dates(built: tuple[Path, Engine, demo.DemoSummary],
                                             late_built: tuple[Path, Engine]) -> None:
    for path in (built[0], late_built[0]):
        assert _levels_out_of_order(path) == []
    with sqlite3.connect(late_built[0]) as c:  # the lawyer letter comes last, as the 10th notice
        assert _scalar(c, "SELECT count(*) FROM notice WHERE kind = 'lawyer_letter'") > 0
        assert _scalar(c, "SELECT count(*) FROM notice WHERE kind = 'lawyer_letter' AND level != 10") == 0


def test_extensions_are_asked_for_before_they_are_decided(db: sqlite3.Connection) -> None:
    rows = db.execute("SELECT status, requested_at, decided_at FROM extension").fetchall()
    assert rows
    for status, asked, decided in rows:
        assert asked < f"{TODAY}"  # stored UTC; in the past days before the demo's today
        assert (decided is None) == (status == "pending")
        assert decided is None or asked < decided


def test_demo_users_log_in_and_office_is_marked_demo(built: tuple[Path, Engine, demo.DemoSummary]) -> None:
    factory = make_session_factory(built[1])
    for username, _display, role in DEMO_USERS:
        with factory.begin() as session:
            user = login(session, username=username, password=DEMO_PASSWORD)
            assert user.role == role
    with factory() as session:
        office = get_office(session)
    assert office.is_demo and office.name


def test_second_build_is_refused(built: tuple[Path, Engine, demo.DemoSummary]) -> None:
    with pytest.raises(ValidationError) as err:
        build_demo(built[1], rooms=10, months=3, seed=1, today=TODAY)
    assert err.value.code == "demo.not_empty"


def test_cancel_leaves_nothing(tmp_path: Path) -> None:
    path, engine = _new_db(tmp_path)
    calls = []

    def cancel() -> bool:
        calls.append(1)
        return len(calls) > 3

    try:
        with pytest.raises(DomainError) as err:
            build_demo(engine, rooms=ROOMS, months=MONTHS, seed=1, today=TODAY, cancel=cancel)
    finally:
        engine.dispose()
    assert err.value.code == "task.cancelled"
    with sqlite3.connect(path) as c:
        for table in ("room", "bill", "payment", "app_user", "person", "audit_log"):
            assert _scalar(c, f"SELECT count(*) FROM {table}") == 0
        assert _scalar(c, "PRAGMA journal_mode") == "wal"


def test_core_insert_path_gives_the_same_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The path other databases take (Core insert with typed values) writes the same data."""
    path_fast, engine_fast = _new_db(tmp_path / "fast")
    path_core, engine_core = _new_db(tmp_path / "core")
    try:
        build_demo(engine_fast, rooms=30, months=6, seed=3, today=TODAY)
        monkeypatch.setattr(demo, "_RAW_SQLITE", False)
        build_demo(engine_core, rooms=30, months=6, seed=3, today=TODAY)
    finally:
        engine_fast.dispose()
        engine_core.dispose()
    assert _checksum(path_fast) == _checksum(path_core)


LATE_TODAY = date(2026, 3, 14)


@pytest.fixture(scope="module")
def late_built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Engine]]:
    path, engine = _new_db(tmp_path_factory.mktemp("late"))
    build_demo(engine, rooms=300, months=24, seed=7, today=LATE_TODAY)
    yield path, engine
    engine.dispose()


def _assessments(session: Session) -> list[tuple[int, int, int, int]]:
    rows = session.execute(select(LateFeeAssessment.bill_id, LateFeeAssessment.amount_fen, LateFeeAssessment.days,
                                  LateFeeAssessment.court_estimate_fen).order_by(LateFeeAssessment.bill_id))
    return [tuple(r) for r in rows]


def test_late_fees_assessed_as_the_service_would(late_built: tuple[Path, Engine]) -> None:
    factory = make_session_factory(late_built[1])
    with factory() as s:
        before = _assessments(s)
        assert sum(1 for _, amount, _, _ in before if amount > 0) >= 10
        assert {a.as_of for a in s.scalars(select(LateFeeAssessment))} == {LATE_TODAY}
        admin = login(s, username="admin", password=DEMO_PASSWORD)
        assessed = assess_late_fees(s, actor=admin, as_of=LATE_TODAY).bills
        s.flush()
        assert assessed == len(before)
        assert _assessments(s) == before
        assert ledger_discrepancies(s) == []
        s.rollback()


def test_notices_quote_the_late_fee_of_their_day(late_built: tuple[Path, Engine]) -> None:
    """Recomputing as of a notice's day gives the fee the notice quotes (bills unpaid on that day)."""
    factory = make_session_factory(late_built[1])
    with factory() as s:
        admin = login(s, username="admin", password=DEMO_PASSWORD)
        quoted = s.execute(select(Notice.room_id, Notice.issued_at, Notice.late_fee_fen)
                           .where(Notice.level >= 6).order_by(Notice.id)).all()
        assert sum(1 for *_, fee in quoted if fee > 0) >= 5
        assert s.scalar(select(func.count()).select_from(Notice).where(Notice.level < 6, Notice.late_fee_fen != 0)) == 0
        checked = 0
        for room_id, issued_at, fee in quoted[:40]:
            day = issued_at.date()
            later = select(PaymentAllocation.id).join(Payment).join(Bill).where(
                Bill.room_id == room_id, Payment.paid_on > day)
            if s.scalar(select(func.count()).select_from(later.subquery())):
                continue  # the service only sees today's payments: compare rooms without later payments
            assess_late_fees(s, actor=admin, as_of=day, room_id=room_id)
            s.flush()
            total = s.scalar(select(func.coalesce(func.sum(LateFeeAssessment.amount_fen), 0))
                             .join(Bill).where(Bill.room_id == room_id, Bill.due_date < day))
            assert total == fee, (room_id, day)
            checked += 1
        s.rollback()
    assert checked >= 3


@pytest.mark.postgres
def test_demo_on_postgresql_balances_and_feeds_the_workbench(pg_engine) -> None:
    from cuijiao_desktop.db.engine import make_session_factory
    from cuijiao_desktop.services.overview import office_overview
    from cuijiao_desktop.services.payments import ledger_discrepancies

    summary = demo.build_demo(pg_engine, rooms=60, months=8, seed=5, today=TODAY)
    assert summary.rooms == 60 and summary.bills > 0
    with make_session_factory(pg_engine)() as s:
        assert ledger_discrepancies(s) == []
        ov = office_overview(s, today=TODAY)
    assert ov.rooms == 60 and ov.rooms_in_arrears > 0 and ov.arrears_fen > 0
