"""Property test on the real database: any sequence of payments and reversals keeps the books balanced."""

from __future__ import annotations

import itertools
from datetime import date

from factories import make_room_with_bills
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cuijiao_desktop.domain.enums import PaymentMethod, Role
from cuijiao_desktop.services.payments import (
    ledger_discrepancies,
    record_payment,
    reverse_payment,
    room_balance,
)

_codes = (f"9-1-{n}" for n in itertools.count(101))

operations = st.lists(
    st.one_of(
        st.tuples(st.just("pay"), st.integers(min_value=1, max_value=120_000)),
        st.tuples(st.just("reverse"), st.integers(min_value=0, max_value=20)),
    ),
    min_size=1, max_size=12,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=operations, months=st.integers(min_value=0, max_value=6))
def test_random_payments_and_reversals_always_balance(session_factory, users, ops, months):
    room = make_room_with_bills(session_factory, months=months, monthly_fen=25_000, code=next(_codes))
    clerk, manager = users[Role.CLERK], users[Role.MANAGER]
    live: list[tuple[int, int]] = []  # (payment id, amount) not yet reversed
    net = 0
    for op, value in ops:
        with session_factory.begin() as s:
            if op == "pay":
                r = record_payment(s, actor=clerk, room_id=room.room_id, amount_fen=value,
                                   paid_on=date(2026, 6, 1), method=PaymentMethod.BANK_TRANSFER, today=date(2026, 6, 1),
                                   confirmed_large=True)
                live.append((r.payment_id, value))
                net += value
            elif live:
                pid, amount = live.pop(value % len(live))
                reverse_payment(s, actor=manager, payment_id=pid, reason="测试冲正", on=date(2026, 6, 2))
                net -= amount
    with session_factory() as s:
        assert ledger_discrepancies(s) == []
        bal = room_balance(s, room.room_id)
    assert bal.paid_fen + bal.credit_fen == net  # not a fen created or lost
    assert 0 <= bal.paid_fen <= bal.billed_fen
