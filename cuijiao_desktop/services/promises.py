"""Promises to pay (承诺缴费), their state derived from the payment ledger in bulk.

A promise is one row of ``promise`` (made from a logged contact or at the desk). Its state is
never stored: :func:`promise_states` computes it for many promises in one query from the room's
payments (``domain.promises.promise_status``):

* the payments that count are the room's real payments (not prepaid-credit applications) made
  from the day of the promise up to its date and not after ``today``;
* a payment reversed (冲正) on or before ``today`` does not count.

The cases engine reads broken promises from here (a broken promise moves the case on the ladder);
the worklist reads the due and broken ones; the limitation clock counts every promise as an
acknowledgement of the debt.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Integer, String, and_, exists, func, select, type_coerce
from sqlalchemy.orm import Session, aliased

from cuijiao_desktop.db.models import Payment, Promise
from cuijiao_desktop.domain.enums import PaymentKind, PaymentMethod, PromiseStatus
from cuijiao_desktop.domain.promises import broken_on, promise_status

from .tx import read_only

__all__ = ["PromiseState", "counting_payment_condition", "promise_states"]

#: Room ids per IN (…) clause: stays below SQLite's and PostgreSQL's parameter limits.
_CHUNK = 2000


@dataclass(frozen=True)
class PromiseState:
    """One promise with its state on ``as_of``.

    ``paid_fen``: what counted towards it (payments from ``made_on`` to ``min(due_date, as_of)``);
    ``last_paid_on``: the day of the last of those payments (the day it was kept, when kept);
    ``broken_on``: the day it became broken (None unless broken).
    """

    promise_id: int
    room_id: int
    case_id: int | None
    contact_event_id: int | None
    made_on: date
    due_date: date
    amount_fen: int
    signed: bool
    created_by_id: int | None
    paid_fen: int
    last_paid_on: date | None
    status: PromiseStatus
    as_of: date

    @property
    def broken_on(self) -> date | None:
        """The first day the promise counts as broken (None unless it is)."""
        return broken_on(self.due_date) if self.status is PromiseStatus.BROKEN else None

    @property
    def short_fen(self) -> int:
        """What is still missing to keep it (0 when kept)."""
        return max(0, self.amount_fen - self.paid_fen)


def counting_payment_condition(pay, today: date):
    """The payments (``pay``, an alias of ``payment``) that keep promises, as seen on ``today``: real
    payments (not prepaid credit applied) made on or before ``today`` and not reversed on or before
    ``today``."""
    rev = aliased(Payment)
    return and_(pay.kind == PaymentKind.PAYMENT, pay.method != PaymentMethod.CREDIT, pay.paid_on <= today,
                ~exists().where(rev.reverses_id == pay.id, rev.paid_on <= today))


def _chunks(ids: Collection[int]) -> Iterable[list[int]]:
    items = sorted(set(ids))
    for i in range(0, len(items), _CHUNK):
        yield items[i:i + _CHUNK]


@read_only
def promise_states(
    session: Session,
    *,
    today: date,
    room_ids: Collection[int] | None = None,
    due_from: date | None = None,
    due_to: date | None = None,
    made_to: date | None = None,
) -> list[PromiseState]:
    """The promises (optionally of ``room_ids``, with a date between ``due_from`` and ``due_to``,
    made on or before ``made_to``) with their state on ``today``, ordered by date, then room.

    Read-only and bulk: one grouped query per 2,000 rooms (one in all without ``room_ids``).
    Promises made after ``today`` are left out (they do not exist yet on that day).
    """
    if room_ids is not None and not room_ids:
        return []
    # joined to the payment table itself, so each promise reads its room's payments of its days
    # through the (room, day) index instead of every payment of the office
    pay = aliased(Payment)
    base = (
        select(  # dates and money as the driver gives them: no per-value conversion for 50,000 promises
            Promise.id, Promise.room_id, Promise.case_id, Promise.contact_event_id,
            type_coerce(Promise.made_on, String), type_coerce(Promise.due_date, String),
            type_coerce(Promise.amount_fen, Integer), Promise.signed, Promise.created_by_id,
            type_coerce(func.coalesce(func.sum(pay.amount_fen), 0), Integer), type_coerce(func.max(pay.paid_on), String),
        )
        .outerjoin(pay, and_(pay.room_id == Promise.room_id, pay.paid_on >= Promise.made_on,
                             pay.paid_on <= Promise.due_date, counting_payment_condition(pay, today)))
        .where(Promise.made_on <= (min(today, made_to) if made_to is not None else today))
        .group_by(Promise.id, Promise.room_id, Promise.case_id, Promise.contact_event_id, Promise.made_on,
                  Promise.due_date, Promise.amount_fen, Promise.signed, Promise.created_by_id)
        .order_by(Promise.due_date, Promise.room_id, Promise.id)
    )
    if due_from is not None:
        base = base.where(Promise.due_date >= due_from)
    if due_to is not None:
        base = base.where(Promise.due_date <= due_to)
    queries = [base] if room_ids is None else [base.where(Promise.room_id.in_(c)) for c in _chunks(room_ids)]
    out: list[PromiseState] = []
    conn = session.connection()  # Core rows: no ORM loading
    for q in queries:
        for (pid, room_id, case_id, event_id, made_on, due, amount, signed, by, paid, last) in conn.execute(q):
            made_on, due, amount, paid = _as_date(made_on), _as_date(due), int(amount), int(paid)
            status = promise_status(amount_fen=amount, due_date=due, paid_since_fen=paid, as_of=today)
            out.append(PromiseState(
                promise_id=pid, room_id=room_id, case_id=case_id, contact_event_id=event_id, made_on=made_on,
                due_date=due, amount_fen=amount, signed=bool(signed), created_by_id=by, paid_fen=paid,
                last_paid_on=_as_date(last), status=status, as_of=today,
            ))
    if room_ids is not None and len(queries) > 1:
        out.sort(key=lambda p: (p.due_date, p.room_id, p.promise_id))
    return out


def _as_date(value: object) -> date | None:
    """``max()`` of a DATE column comes back as text on SQLite."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])
