from hypothesis import given
from hypothesis import strategies as st

from cuijiao_desktop.domain.allocation import Allocation, OpenBill, allocate
from cuijiao_desktop.domain.ledger import outstanding_by_bill, reverse_allocation, room_balance


def test_room_balance():
    assert room_balance([1000, 2000], [1000, 500], []) == 1500
    assert room_balance([1000], [1000], [300]) == -300  # prepaid credit
    assert room_balance([], [], []) == 0


def test_reverse_allocation():
    a = Allocation(((1, 100), (2, 50)), 25)
    r = reverse_allocation(a)
    assert r == Allocation(((1, -100), (2, -50)), -25)
    assert r.total_fen == -a.total_fen
    assert outstanding_by_bill({1: 100, 2: 80}, a.lines + r.lines) == {1: 100, 2: 80}


@given(
    bills=st.lists(st.integers(1, 50_000), min_size=0, max_size=12),
    actions=st.lists(st.tuples(st.booleans(), st.integers(1, 80_000), st.integers(0, 10**6)), max_size=25),
)
def test_random_payments_and_reversals_always_balance(bills, actions):
    amounts = {i + 1: fen for i, fen in enumerate(bills)}
    periods = {i + 1: 202001 + i for i in range(len(bills))}
    payments: list[tuple[int, Allocation]] = []  # (amount, allocation) still standing
    lines: list[tuple[int, int]] = []
    credit_entries: list[int] = []
    cash_in = 0
    for is_reversal, amount, pick in actions:
        if is_reversal and payments:
            amount_paid, alloc = payments.pop(pick % len(payments))
            rev = reverse_allocation(alloc)
            lines.extend(rev.lines)
            credit_entries.append(rev.credit_fen)
            cash_in -= amount_paid
        else:
            outstanding = outstanding_by_bill(amounts, lines)
            open_bills = [OpenBill(i, periods[i], 1, fen) for i, fen in outstanding.items()]
            alloc = allocate(amount, open_bills)
            payments.append((amount, alloc))
            lines.extend(alloc.lines)
            credit_entries.append(alloc.credit_fen)
            cash_in += amount
        outstanding = outstanding_by_bill(amounts, lines)
        # the ledger adds up: money in = allocated + credit, and bills - allocated = outstanding
        assert cash_in == sum(fen for _, fen in lines) + sum(credit_entries)
        assert sum(outstanding.values()) == sum(amounts.values()) - sum(fen for _, fen in lines)
        assert all(0 <= v <= amounts[k] for k, v in outstanding.items())
        assert room_balance(amounts.values(), (f for _, f in lines), credit_entries) == (
            sum(amounts.values()) - cash_in
        )
    # reversing everything restores the original bills
    for _, alloc in payments:
        rev = reverse_allocation(alloc)
        lines.extend(rev.lines)
        credit_entries.append(rev.credit_fen)
    assert outstanding_by_bill(amounts, lines) == amounts
    assert sum(credit_entries) == 0


def test_split_owed_in_the_three_words():
    from datetime import date

    from cuijiao_desktop.domain.ledger import OwedSplit, is_overdue, split_owed

    today = date(2026, 3, 10)
    assert not is_overdue(date(2026, 3, 10), today)  # paid on the due date is on time
    assert is_overdue(date(2026, 3, 9), today)
    split = split_owed([(100, date(2026, 3, 9)), (250, date(2026, 3, 10)), (0, date(2025, 1, 1)),
                        (-5, date(2025, 1, 1)), (7, date(2024, 12, 31))], today)
    assert split == OwedSplit(arrears_fen=107, not_yet_due_fen=250)
    assert split.total_fen == 357
    assert split_owed([], today).total_fen == 0
