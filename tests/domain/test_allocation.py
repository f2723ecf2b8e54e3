import pytest
from hypothesis import given
from hypothesis import strategies as st

from cuijiao_desktop.domain.allocation import Allocation, OpenBill, allocate, allocation_order
from cuijiao_desktop.domain.errors import ValidationError

BILLS = [
    OpenBill(bill_id=30, period=202603, fee_item_order=1, outstanding_fen=10_000),
    OpenBill(bill_id=11, period=202601, fee_item_order=2, outstanding_fen=3_000),  # water, Jan
    OpenBill(bill_id=10, period=202601, fee_item_order=1, outstanding_fen=10_000),  # mgmt, Jan
    OpenBill(bill_id=20, period=202602, fee_item_order=1, outstanding_fen=10_000),
]


def test_oldest_period_then_item_order():
    a = allocate(25_000, BILLS)
    assert a.lines == ((10, 10_000), (11, 3_000), (20, 10_000), (30, 2_000))
    assert a.credit_fen == 0
    assert a.allocated_fen == 25_000


def test_overpayment_becomes_credit():
    a = allocate(40_000, BILLS)
    assert a.allocated_fen == 33_000
    assert a.credit_fen == 7_000
    assert a.total_fen == 40_000


def test_exact_payment():
    a = allocate(13_000, BILLS)
    assert a == Allocation(((10, 10_000), (11, 3_000)), 0)


def test_partial_payment_fills_first_bill_partly():
    assert allocate(500, BILLS) == Allocation(((10, 500),), 0)


def test_chosen_bills_only():
    a = allocate(15_000, BILLS, chosen=[30, 11])
    assert a.lines == ((11, 3_000), (30, 10_000))
    assert a.credit_fen == 2_000


def test_chosen_unknown_bill():
    with pytest.raises(ValidationError) as e:
        allocate(100, BILLS, chosen=[10, 99])
    assert e.value.code == "payment.unknown_bill"
    assert e.value.params["bill_id"] == 99


@pytest.mark.parametrize("amount", [0, -1])
def test_amount_must_be_positive(amount):
    with pytest.raises(ValidationError) as e:
        allocate(amount, BILLS)
    assert e.value.code == "payment.amount_not_positive"


def test_skips_settled_bills_and_ties_by_id():
    bills = [
        OpenBill(2, 202601, 1, 100),
        OpenBill(1, 202601, 1, 100),
        OpenBill(0, 202512, 1, 0),
        OpenBill(5, 202511, 1, -50),
    ]
    a = allocate(150, bills)
    assert a.lines == ((1, 100), (2, 50))
    assert [b.bill_id for b in allocation_order(bills)] == [5, 0, 1, 2]


def test_no_bills_all_credit():
    assert allocate(999, []) == Allocation((), 999)


open_bills = st.lists(
    st.builds(
        OpenBill,
        bill_id=st.integers(1, 10**6),
        period=st.integers(2015, 2030).flatmap(lambda y: st.integers(1, 12).map(lambda m: y * 100 + m)),
        fee_item_order=st.integers(0, 5),
        outstanding_fen=st.integers(-1000, 10**7),
    ),
    max_size=30,
    unique_by=lambda b: b.bill_id,
)


@given(st.integers(1, 10**9), open_bills, st.data())
def test_allocation_properties(amount, bills, data):
    chosen = None
    if bills and data.draw(st.booleans()):
        chosen = data.draw(st.lists(st.sampled_from([b.bill_id for b in bills]), unique=True))
    a = allocate(amount, bills, chosen=chosen)
    by_id = {b.bill_id: b for b in bills}
    # never creates or loses a fen
    assert sum(fen for _, fen in a.lines) + a.credit_fen == amount
    assert a.credit_fen >= 0
    paid_ids = [bill_id for bill_id, _ in a.lines]
    assert len(paid_ids) == len(set(paid_ids))
    for bill_id, fen in a.lines:
        assert 0 < fen <= by_id[bill_id].outstanding_fen  # never beyond the outstanding
        if chosen is not None:
            assert bill_id in chosen
    # oldest first: every line except the last pays its bill in full, and the lines follow the order
    keys = [(by_id[i].period, by_id[i].fee_item_order, i) for i in paid_ids]
    assert keys == sorted(keys)
    for bill_id, fen in a.lines[:-1]:
        assert fen == by_id[bill_id].outstanding_fen
    # no eligible bill that sorts before the last paid one was left unpaid
    eligible = [b for b in bills if b.outstanding_fen > 0 and (chosen is None or b.bill_id in chosen)]
    if a.lines:
        last = keys[-1]
        for b in eligible:
            if (b.period, b.fee_item_order, b.bill_id) < last:
                assert b.bill_id in paid_ids
    if a.credit_fen > 0:
        assert {b.bill_id for b in eligible} == set(paid_ids)
        assert all(fen == by_id[i].outstanding_fen for i, fen in a.lines)


def test_late_fees_only_after_principal_of_settled_bills():
    from cuijiao_desktop.domain.allocation import collect_late_fees

    bills = [OpenBill(1, 202601, 1, 10_000), OpenBill(2, 202602, 1, 10_000), OpenBill(3, 202603, 1, 10_000)]
    fees = {1: 300, 2: 200, 3: 100}
    # 250 yuan: bills 1 and 2 settled, 50 yuan on bill 3 -> nothing left for late fees
    a = allocate(25_000, bills)
    c = collect_late_fees(a, bills, fees)
    assert c.lines == () and c.credit_fen == 0
    # 301.50 yuan: all principal, then 3.00 + 2.00 + 1.00 late fees, 9.50 credit
    a = allocate(30_000 + 1_150, bills)
    c = collect_late_fees(a, bills, fees)
    assert c.lines == ((1, 300), (2, 200), (3, 100))
    assert c.credit_fen == 550
    assert c.late_fee_fen == 600
    # part of the late fees: oldest first
    c = collect_late_fees(allocate(30_400, bills), bills, fees)
    assert c.lines == ((1, 300), (2, 100)) and c.credit_fen == 0


def test_late_fees_of_unchosen_bills_are_not_taken():
    from cuijiao_desktop.domain.allocation import collect_late_fees

    bills = [OpenBill(1, 202601, 1, 10_000), OpenBill(2, 202602, 1, 10_000)]
    a = allocate(11_000, bills, chosen=[2])
    c = collect_late_fees(a, bills, {1: 500, 2: 400})
    assert c.lines == ((2, 400),) and c.credit_fen == 600
