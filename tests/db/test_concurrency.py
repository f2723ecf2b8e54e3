"""Several processes take payments for the same room at once: nothing is lost, the ledger balances.

Without BEGIN IMMEDIATE on SQLite (or the row lock on PostgreSQL) this loses payments
or over-allocates bills (see the field notes).
"""

from __future__ import annotations

import multiprocessing as mp
from datetime import date

import pytest
from factories import make_room_with_bills, make_user
from sqlalchemy import func, select

from cuijiao_desktop.db.engine import make_engine, make_session_factory
from cuijiao_desktop.db.models import Bill, Payment
from cuijiao_desktop.domain.enums import PaymentMethod, Role
from cuijiao_desktop.services.dto import UserDTO
from cuijiao_desktop.services.payments import ledger_discrepancies, record_payment, room_balance

PROCESSES = 4
PAYMENTS_EACH = 25
AMOUNT = 7_00  # deliberately not a divisor of the bill, so bills are shared between payments


def _worker(url: str, room_id: int, user_id: int, token: str, n: int) -> None:
    engine = make_engine(url)
    factory = make_session_factory(engine)
    clerk = UserDTO.of(user_id, "u_clerk", "clerk", Role.CLERK, token=token)
    for _ in range(n):
        with factory.begin() as s:
            record_payment(s, actor=clerk, room_id=room_id, amount_fen=AMOUNT, paid_on=date(2026, 5, 1),
                           method=PaymentMethod.CASH, today=date(2026, 5, 1))
    engine.dispose()


def _hammer(url: str, factory, clerk: UserDTO) -> None:
    room = make_room_with_bills(factory, months=12, monthly_fen=10_00)
    ctx = mp.get_context("spawn")
    procs = [ctx.Process(target=_worker, args=(url, room.room_id, clerk.id, clerk.token, PAYMENTS_EACH)) for _ in range(PROCESSES)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    total = PROCESSES * PAYMENTS_EACH
    with factory() as s:
        assert s.scalar(select(func.count()).select_from(Payment)) == total
        assert s.scalar(select(func.count(func.distinct(Payment.receipt_no)))) == total
        numbers = sorted(int(r.removeprefix("SK202605")) for r in s.scalars(select(Payment.receipt_no)))
        assert numbers == list(range(1, total + 1))  # gap-free
        bal = room_balance(s, room.room_id)
        assert bal.paid_fen + bal.credit_fen == total * AMOUNT
        assert bal.paid_fen == min(total * AMOUNT, 12 * 10_00)
        assert s.scalar(select(func.max(Bill.paid_fen))) <= 10_00
        assert ledger_discrepancies(s) == []


@pytest.mark.slow
def test_sqlite_concurrent_payments_lose_nothing(db_url, session_factory, users):
    _hammer(db_url, session_factory, users[Role.CLERK])


@pytest.mark.slow
@pytest.mark.postgres
def test_postgresql_concurrent_payments_lose_nothing(pg_url, pg_engine):
    factory = make_session_factory(pg_engine)
    _hammer(pg_url, factory, make_user(factory, Role.CLERK))
