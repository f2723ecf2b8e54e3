from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

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


# --- properties (hypothesis) ---------------------------------------------------------------

_days = st.dates(min_value=date(2018, 1, 1), max_value=date(2035, 12, 31))
_interruptions = st.lists(
    st.builds(Interruption, kind=st.sampled_from(list(K)), on=_days, evidenced=st.booleans()), max_size=12)


@given(due=_days, events=_interruptions)
def test_never_shorter_than_three_years(due, events):
    assert limitation_date(due, events) >= add_years(due, LIMITATION_YEARS)


@given(due=_days, events=_interruptions, extra=st.builds(Interruption, kind=st.sampled_from(list(K)), on=_days,
                                                          evidenced=st.booleans()))
def test_another_event_never_shortens_the_clock(due, events, extra):
    assert limitation_date(due, [*events, extra]) >= limitation_date(due, events)


@given(due=_days, events=_interruptions, data=st.data())
def test_the_order_of_events_does_not_matter(due, events, data):
    shuffled = data.draw(st.permutations(events))
    assert limitation_date(due, shuffled) == limitation_date(due, events)


@given(due=_days, events=_interruptions)
def test_board_postings_mass_messages_and_unproven_demands_never_count(due, events):
    noise = [Interruption(K.BOARD_POSTING, i.on) for i in events] + [
        Interruption(K.MASS_MESSAGE, i.on) for i in events] + [
        Interruption(K.DEMAND, i.on, evidenced=False) for i in events]
    assert limitation_date(due, [*events, *noise]) == limitation_date(due, events)


@given(due=_days, on=_days)
def test_an_acknowledgement_always_gives_three_years_from_its_day(due, on):
    for kind in (K.PROMISE, K.INSTALMENT_PLAN, K.PART_PAYMENT):
        limit = limitation_date(due, [Interruption(kind, on)])
        if on >= due:
            assert limit == max(add_years(due, LIMITATION_YEARS), add_years(on, LIMITATION_YEARS))
        else:
            assert limit == add_years(due, LIMITATION_YEARS)


def _reference(due, events):
    """The rule as the law reads, one event at a time (the original implementation)."""
    limit = add_years(due, LIMITATION_YEARS)
    for i in sorted((i for i in events if counts(i) and i.on >= due), key=lambda i: i.on):
        if i.on <= limit or K(i.kind) in (K.PROMISE, K.INSTALMENT_PLAN, K.PART_PAYMENT):
            limit = max(limit, add_years(i.on, LIMITATION_YEARS))
    return limit


@given(dues=st.lists(_days, min_size=1, max_size=8), events=_interruptions)
def test_many_due_dates_at_once_agree_with_the_rule(dues, events):
    from cuijiao_desktop.domain.limitation import limitation_dates

    assert limitation_dates(dues, events) == [_reference(d, events) for d in dues]


@given(d1=_days, d2=_days, events=_interruptions)
def test_a_later_due_date_never_runs_out_earlier(d1, d2, events):
    """What lets the bulk summary stop at the first period beyond its horizon."""
    from cuijiao_desktop.domain.limitation import LimitationClock

    clock = LimitationClock(events)
    early, late = sorted((d1, d2))
    assert clock.expiry(early) <= clock.expiry(late)
