from datetime import date

import pytest

from cuijiao_desktop.domain.enums import PromiseStatus as P
from cuijiao_desktop.domain.promises import promise_status, reminder_date

DUE = date(2026, 3, 15)


@pytest.mark.parametrize(
    ("paid", "as_of", "grace", "status"),
    [
        (0, date(2026, 3, 10), 0, P.OPEN),
        (0, DUE, 0, P.OPEN),
        (0, date(2026, 3, 16), 0, P.BROKEN),
        (0, date(2026, 3, 16), 2, P.OPEN),
        (0, date(2026, 3, 17), 2, P.OPEN),
        (0, date(2026, 3, 18), 2, P.BROKEN),
        (500, date(2026, 3, 10), 0, P.OPEN),
        (500, date(2026, 3, 16), 0, P.PARTLY_KEPT),
        (1000, date(2026, 3, 10), 0, P.KEPT),
        (1200, date(2026, 4, 1), 0, P.KEPT),
    ],
)
def test_promise_status(paid, as_of, grace, status):
    assert promise_status(amount_fen=1000, due_date=DUE, paid_since_fen=paid, as_of=as_of, grace_days=grace) is status


def test_reminder_date():
    assert reminder_date(DUE) == date(2026, 3, 14)
    assert reminder_date(date(2026, 3, 1)) == date(2026, 2, 28)
