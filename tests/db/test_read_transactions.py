"""Reads take no write lock: a desk loading a list or printing never makes another desk's payment
wait (issue 9: reads do not block writers). Both engines."""

from __future__ import annotations

import threading
import time

import pytest
from factories import make_room_with_bills
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from cuijiao_desktop.db.models import Bill, Payment
from cuijiao_desktop.domain.enums import PaymentMethod

pytestmark = pytest.mark.both_engines


def test_a_read_only_transaction_refuses_to_write(read_factory, session_factory):
    make_room_with_bills(session_factory, months=1)
    with pytest.raises(DBAPIError), read_factory.begin() as s:
        s.execute(text("UPDATE bill SET paid_fen = 0"))


def test_a_writer_commits_while_a_long_read_is_open(read_factory, session_factory, users, db_kind):
    from datetime import date

    from cuijiao_desktop.domain.enums import Role
    from cuijiao_desktop.services.payments import record_payment

    room = make_room_with_bills(session_factory, months=3)
    done = threading.Event()
    elapsed: list[float] = []

    def pay() -> None:
        t0 = time.perf_counter()
        with session_factory.begin() as s:
            record_payment(s, actor=users[Role.CLERK], room_id=room.room_id, amount_fen=100_00,
                           paid_on=date(2026, 5, 1), method=PaymentMethod.CASH, today=date(2026, 5, 1))
        elapsed.append(time.perf_counter() - t0)
        done.set()

    with read_factory.begin() as reader:
        before = reader.scalar(select(func.count()).select_from(Bill))  # the read has begun
        writer = threading.Thread(target=pay)
        writer.start()
        assert done.wait(5), "the payment waited for a reader"
        if db_kind == "sqlite":  # WAL: the reader keeps its snapshot (PostgreSQL reads committed rows)
            assert reader.scalar(select(func.count()).select_from(Payment)) == 0
        assert reader.scalar(select(func.count()).select_from(Bill)) == before
    writer.join()
    assert elapsed[0] < 2
    with read_factory.begin() as s:
        assert s.scalar(select(func.count()).select_from(Payment)) == 1
