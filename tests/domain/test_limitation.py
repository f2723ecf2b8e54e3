from datetime import date

import pytest

from cuijiao_desktop.domain.enums import InterruptionKind as K
from cuijiao_desktop.domain.limitation import (
    LIMITATION_YEARS,
    Interruption,
    LimitationStatus,
    add_years,
    counts,
    limitation_date,
    limitation_status,
)

DUE = date(2023, 5, 10)


@pytest.mark.parametrize(
    ("interruption", "expected"),
    [
        (Interruption(K.DEMAND, DUE), True),
        (Interruption(K.DEMAND, DUE, evidenced=False), False),
        (Interruption(K.PROMISE, DUE), True),
        (Interruption(K.PROMISE, DUE, evidenced=False), True),
        (Interruption(K.INSTALMENT_PLAN, DUE), True),
        (Interruption(K.PART_PAYMENT, DUE), True),
        (Interruption(K.LAWSUIT, DUE), True),
        (Interruption(K.BOARD_POSTING, DUE), False),
        (Interruption(K.MASS_MESSAGE, DUE), False),
        (Interruption("demand", DUE), True),
    ],
)
def test_counts(interruption, expected):
    assert counts(interruption) is expected


def test_plain_three_years():
    assert LIMITATION_YEARS == 3
    assert limitation_date(DUE) == date(2026, 5, 10)


def test_leap_day():
    assert limitation_date(date(2024, 2, 29)) == date(2027, 2, 28)
    assert add_years(date(2024, 2, 29), 4) == date(2028, 2, 29)


def test_counting_interruptions_restart_the_clock():
    interruptions = [
        Interruption(K.DEMAND, date(2024, 1, 15)),
        Interruption(K.PROMISE, date(2025, 3, 1)),
        Interruption(K.DEMAND, date(2024, 6, 1)),
    ]
    assert limitation_date(DUE, interruptions) == date(2028, 3, 1)


def test_non_counting_interruptions_change_nothing():
    interruptions = [
        Interruption(K.BOARD_POSTING, date(2025, 1, 1)),
        Interruption(K.MASS_MESSAGE, date(2025, 6, 1)),
        Interruption(K.DEMAND, date(2025, 9, 1), evidenced=False),
    ]
    assert limitation_date(DUE, interruptions) == date(2026, 5, 10)


def test_interruptions_before_due_date_are_ignored():
    assert limitation_date(DUE, [Interruption(K.DEMAND, date(2023, 5, 1))]) == date(2026, 5, 10)


def test_demand_after_expiry_does_not_revive():
    late_demand = Interruption(K.DEMAND, date(2026, 6, 1))
    assert limitation_date(DUE, [late_demand]) == date(2026, 5, 10)
    on_last_day = Interruption(K.DEMAND, date(2026, 5, 10))
    assert limitation_date(DUE, [on_last_day]) == date(2029, 5, 10)


def test_acknowledgement_after_expiry_revives():
    late_promise = Interruption(K.PART_PAYMENT, date(2027, 1, 1))
    assert limitation_date(DUE, [late_promise]) == date(2030, 1, 1)


def test_chain_of_demands_keeps_it_alive():
    demands = [Interruption(K.DEMAND, date(2023 + 2 * k, 5, 1)) for k in range(5)]
    assert limitation_date(DUE, demands) == date(2034, 5, 1)


@pytest.mark.parametrize(
    ("as_of", "status"),
    [
        (date(2025, 1, 1), LimitationStatus.OK),
        (date(2025, 11, 10), LimitationStatus.OK),  # 181 days before
        (date(2025, 11, 11), LimitationStatus.AT_RISK),  # 180 days before
        (date(2026, 5, 10), LimitationStatus.AT_RISK),
        (date(2026, 5, 11), LimitationStatus.EXPIRED),
    ],
)
def test_status(as_of, status):
    assert limitation_status(date(2026, 5, 10), as_of) is status


def test_status_custom_warning():
    assert limitation_status(date(2026, 5, 10), date(2026, 1, 1), warn_days=30) is LimitationStatus.OK
    assert LimitationStatus.AT_RISK == "at_risk"
