from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cuijiao_desktop.domain.ageing import (
    BUCKET_LABELS_ZH,
    AgeBucket,
    add_months,
    bucket_for,
    bucket_for_dates,
    is_long_term,
    months_overdue,
)


@pytest.mark.parametrize(
    ("due", "as_of", "months"),
    [
        (date(2026, 10, 10), date(2026, 10, 1), 0),
        (date(2026, 10, 10), date(2026, 10, 10), 0),
        (date(2026, 10, 10), date(2026, 10, 11), 1),
        (date(2026, 10, 10), date(2026, 11, 10), 1),
        (date(2026, 10, 10), date(2026, 11, 11), 2),
        (date(2026, 10, 10), date(2026, 12, 10), 2),
        (date(2026, 10, 10), date(2027, 10, 10), 12),
        (date(2026, 10, 10), date(2027, 10, 11), 13),
        (date(2026, 10, 20), date(2026, 11, 5), 1),
        # month ends
        (date(2026, 1, 31), date(2026, 2, 28), 1),
        (date(2026, 1, 31), date(2026, 3, 1), 2),
        (date(2026, 1, 31), date(2026, 3, 31), 2),
        (date(2026, 1, 31), date(2026, 4, 1), 3),
        (date(2026, 1, 31), date(2026, 4, 30), 3),
        (date(2028, 1, 31), date(2028, 2, 29), 1),
        (date(2028, 1, 31), date(2028, 3, 1), 2),
        (date(2028, 2, 29), date(2029, 2, 28), 12),
        (date(2028, 2, 29), date(2029, 3, 1), 13),
        (date(2026, 12, 31), date(2027, 1, 1), 1),
        (date(2026, 12, 31), date(2027, 1, 31), 1),
        (date(2026, 12, 31), date(2027, 2, 1), 2),
    ],
)
def test_months_overdue(due, as_of, months):
    assert months_overdue(due, as_of) == months


def test_add_months_clamps():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 1, 31), 13) == date(2027, 2, 28)
    assert add_months(date(2026, 3, 31), -1) == date(2026, 2, 28)
    assert add_months(date(2026, 12, 15), 1) == date(2027, 1, 15)


@pytest.mark.parametrize(
    ("months", "bucket"),
    [(-1, None), (0, None), (1, AgeBucket.M1), (2, AgeBucket.M2), (3, AgeBucket.M3), (4, AgeBucket.M3_6),
     (6, AgeBucket.M3_6), (7, AgeBucket.M6_12), (12, AgeBucket.M6_12), (13, AgeBucket.M12_24),
     (24, AgeBucket.M12_24), (25, AgeBucket.M24_36), (36, AgeBucket.M24_36), (37, AgeBucket.OVER_36),
     (500, AgeBucket.OVER_36)],
)
def test_bucket_for(months, bucket):
    assert bucket_for(months) is bucket


def test_labels_and_long_term():
    assert set(BUCKET_LABELS_ZH) == set(AgeBucket)
    assert BUCKET_LABELS_ZH[AgeBucket.M12_24] == "1-2年"
    assert BUCKET_LABELS_ZH[AgeBucket.OVER_36] == "3年以上"
    assert not is_long_term(3)
    assert is_long_term(4)
    assert bucket_for_dates(date(2026, 1, 10), date(2026, 5, 11)) is AgeBucket.M3_6


dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 12, 31))


@given(dates, dates, st.integers(0, 400))
def test_months_overdue_properties(due, as_of, step):
    m = months_overdue(due, as_of)
    assert m >= 0
    assert (m == 0) == (as_of <= due)
    later = date.fromordinal(min(as_of.toordinal() + step, date(2061, 1, 1).toordinal()))
    assert months_overdue(due, later) >= m  # monotone
    if m > 0:
        # as_of lies in the m-th started month
        assert add_months(due, m - 1) < as_of <= add_months(due, m)
