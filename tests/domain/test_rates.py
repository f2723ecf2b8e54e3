from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cuijiao_desktop.domain.rates import (
    MonthlySummary,
    collection_rate,
    format_rate,
    household_rate,
    rate_units,
    ratio_percent,
)


@pytest.mark.parametrize(
    ("collected", "billed", "rate"),
    [
        (9325, 10000, Decimal("93.25")),
        (1, 3, Decimal("33.33")),
        (2, 3, Decimal("66.67")),
        (1, 8, Decimal("12.50")),
        (1, 80000, Decimal("0.00")),  # 0.00125%
        (1, 20000, Decimal("0.01")),  # 0.005% rounds half-up
        (0, 5, Decimal("0.00")),
        (10, 10, Decimal("100.00")),
        (12, 10, Decimal("120.00")),
    ],
)
def test_collection_rate(collected, billed, rate):
    result = collection_rate(collected, billed)
    assert result == rate
    assert result.as_tuple().exponent == -2


def test_no_billing_gives_none():
    assert collection_rate(100, 0) is None
    assert household_rate(0, 0) is None


def test_household_rate():
    assert household_rate(465, 500) == Decimal("93.00")


def test_format_rate():
    assert format_rate(Decimal("93.25")) == "93.25%"
    assert format_rate(Decimal(100)) == "100.00%"
    assert format_rate(None) == "—"
    assert format_rate(collection_rate(1, 3)) == "33.33%"


def test_monthly_summary_formulas():
    s = MonthlySummary(
        prior_arrears_fen=50_000,
        current_billed_fen=200_000,
        current_collected_fen=180_000,
        arrears_recovered_fen=20_000,
        prepaid_fen=5_000,
        discount_fen=1_000,
        late_fee_fen=300,
    )
    assert s.billed_total_fen == 250_000  # 应收合计
    assert s.collected_total_fen == 205_000  # 实收合计
    assert s.arrears_fen == 50_000  # 欠费
    assert s.current_rate == Decimal("90.00")
    assert s.recovery_rate == Decimal("40.00")
    assert s.overall_rate == Decimal("80.00")


def test_monthly_summary_combine():
    a = MonthlySummary(current_billed_fen=100, current_collected_fen=90)
    b = MonthlySummary(prior_arrears_fen=10, current_billed_fen=100, current_collected_fen=50)
    total = MonthlySummary.combine([a, b])
    assert total == a + b
    assert total.current_billed_fen == 200
    assert total.arrears_fen == 70
    assert MonthlySummary.combine([]).recovery_rate is None


@pytest.mark.parametrize(
    ("rate", "per_one", "units"),
    [(Fraction(2, 3), 1_000_000, 666_667), (Fraction(1, 8), 1000, 125), (Fraction(1, 2000), 1000, 1),
     (Fraction(1, 2001), 1000, 0), (Fraction(1, 1), 10_000, 10_000), (Fraction(0), 10_000, 0)],
)
def test_rate_units_half_up(rate, per_one, units):
    assert rate_units(rate, per_one) == units


@given(st.integers(0, 10**9), st.integers(1, 10**9))
def test_rate_units_agrees_with_the_percent_and_decimal_rounding(collected, billed):
    rate = Fraction(collected, billed)
    assert Decimal(rate_units(rate, 10_000)).scaleb(-2) == ratio_percent(collected, billed)
    exact = Decimal(collected) / Decimal(billed)
    assert rate_units(rate, 1000) == int((exact * 1000).quantize(Decimal(1), rounding=ROUND_HALF_UP))
