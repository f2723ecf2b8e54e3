"""Promise states derived from the payment ledger (both engines)."""

from __future__ import annotations

from datetime import date

from factories import make_room_with_bills

from cuijiao_desktop.db.models import Promise
from cuijiao_desktop.domain.enums import PaymentMethod, PromiseStatus, Role
from cuijiao_desktop.services.payments import record_payment, reverse_payment
from cuijiao_desktop.services.promises import promise_states

MADE = date(2026, 5, 6)
DUE = date(2026, 5, 20)


def _promise(factory, room_id, *, made=MADE, due=DUE, amount=50_000) -> int:
    with factory.begin() as s:
        p = Promise(room_id=room_id, made_on=made, due_date=due, amount_fen=amount)
        s.add(p)
        s.flush()
        return p.id


def _pay(factory, user, room_id, amount, on, method=PaymentMethod.WECHAT):
    with factory.begin() as s:
        return record_payment(s, actor=user, room_id=room_id, amount_fen=amount, paid_on=on, method=method,
                              today=on)


def _state(factory, today, **kw):
    with factory() as s:
        return {p.promise_id: p for p in promise_states(s, today=today, **kw)}


def test_states_follow_the_payments(session_factory, users):
    clerk = users[Role.CLERK]
    unpaid = make_room_with_bills(session_factory, code="1-1-101")
    paid = make_room_with_bills(session_factory, code="1-1-102")
    short = make_room_with_bills(session_factory, code="1-1-103")
    early = make_room_with_bills(session_factory, code="1-1-104")
    p_unpaid, p_paid, p_short, p_early = (_promise(session_factory, r.room_id)
                                          for r in (unpaid, paid, short, early))
    _pay(session_factory, clerk, paid.room_id, 30_000, date(2026, 5, 10))
    _pay(session_factory, clerk, paid.room_id, 20_000, DUE)  # reaches the amount on the day
    _pay(session_factory, clerk, short.room_id, 49_999, date(2026, 5, 15))
    _pay(session_factory, clerk, early.room_id, 60_000, date(2026, 5, 1))  # before the promise: does not count
    _pay(session_factory, clerk, early.room_id, 50_000, date(2026, 5, 21))  # after the date: too late

    s = _state(session_factory, date(2026, 5, 12))
    assert s[p_unpaid].status is PromiseStatus.OPEN and s[p_unpaid].paid_fen == 0
    assert s[p_paid].status is PromiseStatus.OPEN and s[p_paid].paid_fen == 30_000
    assert isinstance(s[p_paid].paid_fen, int)
    s = _state(session_factory, date(2026, 5, 19))
    assert s[p_unpaid].status is PromiseStatus.DUE
    s = _state(session_factory, DUE)
    assert s[p_paid].status is PromiseStatus.KEPT and s[p_paid].last_paid_on == DUE
    assert s[p_short].status is PromiseStatus.DUE and s[p_short].short_fen == 1
    s = _state(session_factory, date(2026, 5, 21))
    assert s[p_unpaid].status is PromiseStatus.BROKEN and s[p_unpaid].broken_on == date(2026, 5, 21)
    assert s[p_paid].status is PromiseStatus.KEPT and s[p_paid].broken_on is None
    assert s[p_short].status is PromiseStatus.BROKEN and s[p_short].paid_fen == 49_999
    assert s[p_early].status is PromiseStatus.BROKEN and s[p_early].paid_fen == 0
    # looking back at an earlier day gives that day's answer
    assert _state(session_factory, date(2026, 5, 12))[p_paid].status is PromiseStatus.OPEN


def test_reversed_payment_does_not_keep_a_promise(session_factory, users):
    room = make_room_with_bills(session_factory)
    pid = _promise(session_factory, room.room_id)
    receipt = _pay(session_factory, users[Role.CLERK], room.room_id, 50_000, date(2026, 5, 10))
    assert _state(session_factory, date(2026, 5, 12))[pid].status is PromiseStatus.KEPT
    with session_factory.begin() as s:
        reverse_payment(s, actor=users[Role.MANAGER], payment_id=receipt.payment_id, reason="错房",
                        on=date(2026, 5, 13))
    assert _state(session_factory, date(2026, 5, 12))[pid].status is PromiseStatus.KEPT  # as it was that day
    after = _state(session_factory, date(2026, 5, 21))[pid]
    assert after.status is PromiseStatus.BROKEN and after.paid_fen == 0


def test_filters_by_room_and_date(session_factory, users):
    a = make_room_with_bills(session_factory, code="1-1-101")
    b = make_room_with_bills(session_factory, code="1-1-102")
    pa = _promise(session_factory, a.room_id)
    pb = _promise(session_factory, b.room_id, due=date(2026, 6, 1))
    later = _promise(session_factory, b.room_id, made=date(2026, 6, 1), due=date(2026, 6, 5))
    today = date(2026, 5, 25)
    assert set(_state(session_factory, today)) == {pa, pb}  # not yet made on that day
    assert set(_state(session_factory, today, room_ids=[b.room_id])) == {pb}
    assert set(_state(session_factory, today, room_ids=[])) == set()
    assert set(_state(session_factory, today, due_from=date(2026, 5, 21))) == {pb}
    assert set(_state(session_factory, today, due_to=date(2026, 5, 21))) == {pa}
    assert set(_state(session_factory, date(2026, 6, 2))) == {pa, pb, later}
    with session_factory() as s:
        rows = promise_states(s, today=date(2026, 6, 2))
    assert [r.promise_id for r in rows] == [pa, pb, later]  # by date
