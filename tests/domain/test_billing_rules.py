"""Billing rules, prepaid credit spending, the office calendar and the front-desk checks (pure domain)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cuijiao_desktop.domain.allocation import OpenBill
from cuijiao_desktop.domain.billing import (
    FeeStandardTerms,
    compute_charge,
    discount_words,
    due_date_for,
    parse_period,
    period_add,
    standard_in_force,
)
from cuijiao_desktop.domain.credit import CreditSource, plan_credit
from cuijiao_desktop.domain.enums import ChargeBasis, Usage
from cuijiao_desktop.domain.errors import ValidationError
from cuijiao_desktop.domain.office_time import local_date, office_midnight_utc, office_today
from cuijiao_desktop.domain.payment_checks import is_large_payment, large_payment_limit, needs_backdate_reason


@pytest.mark.parametrize("text", ["2026-12", "202612", "2026.12", "2026年12月", "２０２６－１２", " 2026/12 "])
def test_periods_in_the_shapes_people_write(text):
    assert parse_period(text) == 202612


@pytest.mark.parametrize("text", ["2026-13", "2026-00", "12-2026", "二〇二六年", "", "2026-1a", "١٢٠٢٦-١٢"])
def test_what_is_not_a_period(text):
    with pytest.raises(ValidationError) as err:
        parse_period(text)
    assert err.value.code == "billing.invalid_month"


def test_due_dates_and_period_arithmetic():
    assert due_date_for(202612) == date(2026, 12, 10)
    assert due_date_for(202602, 31) == date(2026, 2, 28) and due_date_for(202402, 30) == date(2024, 2, 29)
    with pytest.raises(ValidationError):
        due_date_for(202612, 0)
    assert period_add(202612, 1) == 202701 and period_add(202601, -1) == 202512 and period_add(202606, -12) == 202506


def test_the_most_specific_newest_standard_wins():
    def std(i, estate, usage, price, start, end=None):
        return FeeStandardTerms(i, 1, estate, usage, price, 0, start, end)

    standards = [
        std(1, None, None, 150, date(2020, 1, 1)),
        std(2, None, Usage.RESIDENTIAL, 180, date(2020, 1, 1)),
        std(3, 7, None, 200, date(2020, 1, 1)),
        std(4, 7, Usage.RESIDENTIAL, 250, date(2020, 1, 1), date(2026, 6, 30)),
        std(5, 7, Usage.RESIDENTIAL, 280, date(2026, 7, 1)),
        std(6, 7, Usage.RESIDENTIAL, 999, date(2027, 1, 1)),  # not yet in force
    ]
    pick = lambda **kw: standard_in_force(standards, fee_item_id=1, **kw).standard_id
    assert pick(estate_id=7, usage=Usage.RESIDENTIAL, on=date(2026, 6, 1)) == 4
    assert pick(estate_id=7, usage=Usage.RESIDENTIAL, on=date(2026, 7, 1)) == 5
    assert pick(estate_id=7, usage=Usage.SHOP, on=date(2026, 7, 1)) == 3
    assert pick(estate_id=8, usage=Usage.RESIDENTIAL, on=date(2026, 7, 1)) == 2
    assert pick(estate_id=8, usage=Usage.SHOP, on=date(2026, 7, 1)) == 1
    assert standard_in_force(standards, fee_item_id=2, estate_id=7, usage=Usage.SHOP, on=date(2026, 7, 1)) is None


def test_charges_are_rounded_once_per_bill():
    flat = compute_charge(ChargeBasis.PER_AREA, unit_price_fen=250, area_centi_m2=8937)
    assert (flat.amount_fen, flat.discount_fen, flat.basis_note) == (22_343, 0, "2.50元/㎡×89.37㎡")  # 223.425
    vacant = compute_charge(ChargeBasis.PER_AREA, unit_price_fen=250, area_centi_m2=8937, vacancy_pct=30, vacant=True)
    # net = 223.425 × 70 % = 156.3975 → 156.40, rounded once; the discount is the rest
    assert (vacant.amount_fen, vacant.net_fen, vacant.discount_fen) == (22_343, 15_640, 6_703)
    assert vacant.basis_note.endswith("（空置七折）")
    assert compute_charge(ChargeBasis.PER_AREA, unit_price_fen=250, area_centi_m2=8937, vacancy_pct=30).discount_fen == 0
    parking = compute_charge(ChargeBasis.FIXED, unit_price_fen=8_000, unit_label="元/个·月")
    assert (parking.amount_fen, parking.basis_note) == (8_000, "80.00元/个·月")
    water = compute_charge(ChargeBasis.METERED, unit_price_fen=410, used_centi=1_234, unit_label="元/吨")
    assert (water.amount_fen, water.basis_note) == (5_059, "12.34吨×4.10元/吨")  # 50.594
    assert [discount_words(p) for p in (30, 25, 50, 100, 15)] == ["七折", "七五折", "五折", "全免", "八五折"]
    with pytest.raises(ValidationError):
        compute_charge(ChargeBasis.METERED, unit_price_fen=410, used_centi=-1)
    with pytest.raises(TypeError):
        compute_charge(ChargeBasis.FIXED, unit_price_fen=2.5)  # type: ignore[arg-type]


@given(price=st.integers(0, 100_000), area=st.integers(0, 100_000_000), pct=st.integers(0, 100))
def test_a_discounted_bill_is_never_off_by_more_than_half_a_fen(price, area, pct):
    c = compute_charge(ChargeBasis.PER_AREA, unit_price_fen=price, area_centi_m2=area, vacancy_pct=pct, vacant=True)
    exact_net = price * area * (100 - pct)  # in 1/10,000 fen
    assert abs(c.net_fen * 10_000 - exact_net) <= 5_000
    assert 0 <= c.discount_fen <= c.amount_fen


def test_credit_is_spent_oldest_deposit_first_on_bills_in_payment_order():
    bills = [OpenBill(11, 202612, 2, 10_000), OpenBill(10, 202612, 1, 25_000), OpenBill(9, 202611, 1, 0)]
    uses = plan_credit([CreditSource(1, 20_000), CreditSource(2, 30_000), CreditSource(3, 5_000)], bills)
    assert [(u.entry_id, u.lines) for u in uses] == [(1, ((10, 20_000),)), (2, ((10, 5_000), (11, 10_000)))]
    assert plan_credit([CreditSource(1, 500)], []) == ()


@given(st.lists(st.integers(1, 50_000), max_size=5), st.lists(st.integers(0, 50_000), max_size=6))
def test_credit_spent_never_exceeds_a_deposit_nor_a_bill(deposits, owed):
    sources = [CreditSource(i, fen) for i, fen in enumerate(deposits, 1)]
    bills = [OpenBill(100 + i, 202601 + i, 1, fen) for i, fen in enumerate(owed)]
    uses = plan_credit(sources, bills)
    spent_by_deposit = {u.entry_id: u.amount_fen for u in uses}
    assert all(spent_by_deposit.get(s.entry_id, 0) <= s.remaining_fen for s in sources)
    paid: dict[int, int] = {}
    for u in uses:
        for bill_id, fen in u.lines:
            assert fen > 0
            paid[bill_id] = paid.get(bill_id, 0) + fen
    assert all(paid.get(b.bill_id, 0) <= b.outstanding_fen for b in bills)
    assert sum(paid.values()) == min(sum(deposits), sum(owed))


def test_the_office_calendar_is_beijing_time():
    assert local_date(datetime(2026, 2, 19, 23, 30, tzinfo=UTC)) == date(2026, 2, 20)
    assert local_date(datetime(2026, 2, 19, 15, 59)) == date(2026, 2, 19)  # naive: stored UTC
    assert office_today(datetime(2026, 12, 31, 16, 0, tzinfo=UTC)) == date(2027, 1, 1)
    assert office_midnight_utc(date(2026, 3, 1)) == datetime(2026, 2, 28, 16, 0, tzinfo=UTC)


def test_front_desk_checks():
    limit = large_payment_limit(outstanding_fen=30_000, late_fee_due_fen=500, year_of_bills_fen=300_000)
    assert limit == 330_500 and not is_large_payment(330_500, limit) and is_large_payment(330_501, limit)
    assert large_payment_limit(outstanding_fen=0, late_fee_due_fen=0, year_of_bills_fen=0) == 0
    assert not needs_backdate_reason(date(2026, 11, 16), date(2026, 11, 23))  # 7 days: fine
    assert needs_backdate_reason(date(2026, 11, 15), date(2026, 11, 23))


def test_late_fees_of_bills_settled_before_are_collected_after_the_principal():
    from cuijiao_desktop.domain.allocation import allocate, collect_late_fees

    bills = [OpenBill(1, 202601, 1, 0), OpenBill(2, 202602, 1, 10_000)]  # January already paid
    fees = {1: 500, 2: 300}
    allocation = allocate(10_600, bills)
    assert allocation.lines == ((2, 10_000),)
    collected = collect_late_fees(allocation, bills, fees)
    assert collected.lines == ((1, 500), (2, 100)) and collected.credit_fen == 0
    only_first = collect_late_fees(allocate(800, bills, chosen=[1]), bills, fees, chosen=[1])
    assert only_first.lines == ((1, 500),) and only_first.credit_fen == 300
    part = collect_late_fees(allocate(9_000, bills), bills, fees)  # the February principal is still owed
    assert part.lines == () and part.credit_fen == 0
