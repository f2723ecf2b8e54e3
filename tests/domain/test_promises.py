from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cuijiao_desktop.domain.enums import PromiseStatus as P
from cuijiao_desktop.domain.promises import broken_on, is_settled, promise_status, reminder_date

DUE = date(2026, 3, 15)


@pytest.mark.parametrize(
    ("paid", "as_of", "grace", "status"),
    [
        (0, date(2026, 3, 10), 0, P.OPEN),
        (0, date(2026, 3, 13), 0, P.OPEN),
        (0, date(2026, 3, 14), 0, P.DUE),  # reminded the day before
        (0, DUE, 0, P.DUE),  # chased on the day
        (0, date(2026, 3, 16), 0, P.BROKEN),  # broken the day after
        (0, date(2026, 3, 16), 2, P.DUE),
        (0, date(2026, 3, 17), 2, P.DUE),
        (0, date(2026, 3, 18), 2, P.BROKEN),
        (500, date(2026, 3, 10), 0, P.OPEN),
        (500, date(2026, 3, 16), 0, P.BROKEN),  # a short payment does not keep it
        (999, DUE, 0, P.DUE),
        (1000, date(2026, 3, 10), 0, P.KEPT),  # kept early
        (1000, DUE, 0, P.KEPT),
        (1200, date(2026, 4, 1), 0, P.KEPT),
    ],
)
def test_promise_status(paid, as_of, grace, status):
    assert promise_status(amount_fen=1000, due_date=DUE, paid_since_fen=paid, as_of=as_of, grace_days=grace) is status


def test_reminder_and_broken_dates():
    assert reminder_date(DUE) == date(2026, 3, 14)
    assert reminder_date(date(2026, 3, 1)) == date(2026, 2, 28)
    assert broken_on(DUE) == date(2026, 3, 16)
    assert broken_on(date(2026, 12, 31)) == date(2027, 1, 1)
    assert is_settled(P.KEPT) and is_settled(P.BROKEN) and not is_settled(P.DUE) and not is_settled(P.OPEN)


@given(
    amount=st.integers(min_value=1, max_value=10**9),
    paid=st.integers(min_value=0, max_value=2 * 10**9),
    offset=st.integers(min_value=-400, max_value=400),
)
def test_state_machine_properties(amount, paid, offset):
    as_of = DUE + timedelta(days=offset)
    status = promise_status(amount_fen=amount, due_date=DUE, paid_since_fen=paid, as_of=as_of)
    assert (status is P.KEPT) == (paid >= amount)
    if paid < amount:
        assert status is (P.OPEN if offset < -1 else P.DUE if offset <= 0 else P.BROKEN)
    # never PARTLY_KEPT: the derived state has four values
    assert status in (P.OPEN, P.DUE, P.KEPT, P.BROKEN)


@given(amount=st.integers(min_value=1, max_value=10**7), paid=st.integers(min_value=0, max_value=10**7),
       days=st.lists(st.integers(min_value=-30, max_value=30), min_size=2, max_size=2))
def test_state_only_moves_forward(amount, paid, days):
    """With the same payments, a later day never goes back from a settled state."""
    a, b = sorted(days)
    first = promise_status(amount_fen=amount, due_date=DUE, paid_since_fen=paid, as_of=DUE + timedelta(days=a))
    later = promise_status(amount_fen=amount, due_date=DUE, paid_since_fen=paid, as_of=DUE + timedelta(days=b))
    order = [P.OPEN, P.DUE, P.BROKEN]
    if first is P.KEPT:
        assert later is P.KEPT
    else:
        assert order.index(later) >= order.index(first)
