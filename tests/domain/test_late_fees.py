from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cuijiao_desktop.domain.errors import ValidationError
from cuijiao_desktop.domain.late_fees import (
    LateFeePolicy,
    LateFeeResult,
    court_estimate,
    late_fee,
    late_fee_simple,
    per_mille_to_ppm,
    percent_to_ppm,
)

DUE = date(2026, 1, 10)


def test_simple_daily_interest():
    # ¥1,000 at 0.3‰/day for 10 days = ¥3.00
    r = late_fee_simple(100_000, DUE, DUE + timedelta(days=10), LateFeePolicy(300))
    assert r == LateFeeResult(days=10, amount_fen=300, capped=False)


def test_not_overdue():
    policy = LateFeePolicy(3000)
    assert late_fee_simple(100_000, DUE, DUE, policy) == LateFeeResult(0, 0, False)
    assert late_fee_simple(100_000, DUE, DUE - timedelta(days=5), policy) == LateFeeResult(0, 0, False)


def test_grace_days():
    policy = LateFeePolicy(1000, grace_days=5)
    assert late_fee_simple(100_000, DUE, DUE + timedelta(days=5), policy).amount_fen == 0
    r = late_fee_simple(100_000, DUE, DUE + timedelta(days=6), policy)
    assert (r.days, r.amount_fen) == (1, 100)


def test_accrue_from_sixth_notice():
    policy = LateFeePolicy(1000, accrue_from=date(2026, 3, 1))
    assert late_fee_simple(100_000, DUE, date(2026, 2, 28), policy).amount_fen == 0
    r = late_fee_simple(100_000, DUE, date(2026, 3, 10), policy)
    assert (r.days, r.amount_fen) == (10, 1000)
    # accrue_from earlier than the due date changes nothing
    early = LateFeePolicy(1000, accrue_from=date(2025, 1, 1))
    assert late_fee_simple(100_000, DUE, DUE + timedelta(days=3), early).days == 3


def test_rounds_half_up_once_at_the_end():
    # 1 fen × 500 ppm × 1 day = 0.0005 fen per day; each day alone would round to 0
    policy = LateFeePolicy(500)
    r = late_fee_simple(10, DUE, DUE + timedelta(days=100), policy)
    assert r.amount_fen == 1  # 10 × 100 × 500 / 1e6 = 0.5 -> 1
    r = late_fee_simple(10, DUE, DUE + timedelta(days=99), policy)
    assert r.amount_fen == 0  # 0.495


def test_partial_payments_lower_the_principal():
    policy = LateFeePolicy(1000)  # 1‰ per day
    balances = [(DUE, 100_000), (date(2026, 1, 21), 40_000), (date(2026, 1, 31), 0)]
    r = late_fee(due_date=DUE, as_of=date(2026, 2, 28), policy=policy, balances=balances)
    # 10 days on 1000 元 (01-11..01-20) = 10 元; 10 days on 400 元 (01-21..01-30) = 4 元; then nothing
    assert r == LateFeeResult(days=49, amount_fen=1400, capped=False)


def test_payment_before_due_date():
    policy = LateFeePolicy(1000)
    balances = [(date(2026, 1, 1), 100_000), (date(2026, 1, 5), 30_000)]
    r = late_fee(due_date=DUE, as_of=DUE + timedelta(days=10), policy=policy, balances=balances)
    assert r.amount_fen == 300


def test_first_step_covers_earlier_days():
    policy = LateFeePolicy(1000)
    balances = [(date(2026, 2, 1), 100_000)]
    r = late_fee(due_date=DUE, as_of=DUE + timedelta(days=10), policy=policy, balances=balances)
    assert r.amount_fen == 1000


def test_cap_share_of_principal():
    policy = LateFeePolicy(3000, cap_ppm_of_principal=100_000)  # cap at 10%
    r = late_fee_simple(100_000, DUE, DUE + timedelta(days=365), policy)
    assert r == LateFeeResult(days=365, amount_fen=10_000, capped=True)


def test_never_above_principal_whatever_the_cap():
    policy = LateFeePolicy(3000, cap_ppm_of_principal=5_000_000)  # a 500% "cap"
    r = late_fee_simple(100_000, DUE, DUE + timedelta(days=2000), policy)
    assert r.amount_fen == 100_000
    assert r.capped
    r = late_fee_simple(100_000, DUE, DUE + timedelta(days=2000), LateFeePolicy(3000))
    assert r.amount_fen == 100_000 and r.capped


def test_cap_uses_the_original_principal():
    policy = LateFeePolicy(3000, cap_ppm_of_principal=100_000)
    balances = [(DUE, 100_000), (date(2026, 1, 12), 1_000)]
    r = late_fee(due_date=DUE, as_of=DUE + timedelta(days=1000), policy=policy, balances=balances)
    # 1 day on 1000 元 (3 元) + 999 days on 10 元 (29.97 元) = 32.97 元, under the 100 元 cap
    assert r == LateFeeResult(days=1000, amount_fen=3297, capped=False)


def test_empty_or_overpaid_balances():
    policy = LateFeePolicy(3000)
    assert late_fee(due_date=DUE, as_of=DUE + timedelta(days=9), policy=policy, balances=[]).amount_fen == 0
    r = late_fee(due_date=DUE, as_of=DUE + timedelta(days=9), policy=policy, balances=[(DUE, -500)])
    assert r.amount_fen == 0


def test_unsorted_balances_rejected():
    with pytest.raises(ValidationError) as e:
        late_fee(
            due_date=DUE, as_of=DUE + timedelta(days=9), policy=LateFeePolicy(300),
            balances=[(date(2026, 2, 1), 1), (date(2026, 1, 1), 2)],
        )
    assert e.value.code == "late_fee.balances_unsorted"


@pytest.mark.parametrize(
    "kwargs",
    [{"daily_rate_ppm": -1}, {"daily_rate_ppm": 1.5}, {"daily_rate_ppm": 300, "grace_days": -1},
     {"daily_rate_ppm": 300, "cap_ppm_of_principal": -5}],
)
def test_invalid_policy(kwargs):
    with pytest.raises(ValidationError) as e:
        LateFeePolicy(**kwargs)
    assert e.value.code == "late_fee.invalid_policy"


def test_rate_helpers():
    assert per_mille_to_ppm("0.3‰") == 300
    assert per_mille_to_ppm("3") == 3000
    assert percent_to_ppm("0.03%") == 300
    assert percent_to_ppm("0.3") == 3000
    with pytest.raises(ValidationError):
        per_mille_to_ppm("abc")
    with pytest.raises(ValidationError):
        percent_to_ppm("0.00001")


def test_court_estimate():
    # ¥10,000 × 3.00% × 130% × 365/365 = ¥390
    assert court_estimate(principal_fen=1_000_000, due_date=DUE, as_of=DUE + timedelta(days=365)) == 39_000
    # 100 days: 39000 × 100 / 365 = 10684.93 -> 10685
    assert court_estimate(principal_fen=1_000_000, due_date=DUE, as_of=DUE + timedelta(days=100)) == 10_685
    assert court_estimate(
        principal_fen=1_000_000, due_date=DUE, as_of=DUE + timedelta(days=365), lpr_annual_bp=345,
        multiplier_pct=100,
    ) == 34_500
    assert court_estimate(principal_fen=1_000_000, due_date=DUE, as_of=DUE) == 0
    assert court_estimate(principal_fen=100, due_date=DUE, as_of=DUE + timedelta(days=10**5)) == 100


# ---------------------------------------------------------------- properties

dates = st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31))
policies = st.builds(
    LateFeePolicy,
    daily_rate_ppm=st.integers(0, 5000),
    grace_days=st.integers(0, 30),
    cap_ppm_of_principal=st.none() | st.integers(0, 2_000_000),
    accrue_from=st.none() | dates,
)


@st.composite
def bill_history(draw):
    due = draw(dates)
    principal = draw(st.integers(1, 10**8))
    steps = [(due, principal)]
    outstanding, day = principal, due
    for _ in range(draw(st.integers(0, 5))):
        day = day + timedelta(days=draw(st.integers(0, 200)))
        outstanding = draw(st.integers(0, outstanding))
        steps.append((day, outstanding))
    return due, steps


@given(bill_history(), policies, dates, st.integers(0, 3000))
def test_late_fee_properties(history, policy, as_of, extra_days):
    due, balances = history
    r1 = late_fee(due_date=due, as_of=as_of, policy=policy, balances=balances)
    r2 = late_fee(due_date=due, as_of=as_of, policy=policy, balances=list(balances))
    assert r1 == r2  # idempotent recompute
    principal = balances[0][1]
    assert 0 <= r1.amount_fen <= principal
    later = late_fee(due_date=due, as_of=as_of + timedelta(days=extra_days), policy=policy, balances=balances)
    assert later.amount_fen >= r1.amount_fen  # monotone in as_of
    assert later.days >= r1.days
    if policy.cap_ppm_of_principal is not None:
        assert r1.amount_fen <= -(-principal * policy.cap_ppm_of_principal // 1_000_000)


@given(st.integers(0, 10**8), dates, st.integers(0, 1000), st.integers(0, 5000))
def test_simple_matches_exact_formula(principal, due, days, rate):
    r = late_fee_simple(principal, due, due + timedelta(days=days), LateFeePolicy(rate))
    exact2 = 2 * principal * days * rate  # twice the fee in ppm·fen
    expected = min((exact2 + 1_000_000) // 2_000_000, principal)
    assert r.amount_fen == expected
    assert r.days == days
