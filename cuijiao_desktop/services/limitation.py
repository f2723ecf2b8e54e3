"""The limitation clock (诉讼时效) per room and bill period, from what the database can prove.

Civil Code art. 188: 3 years from the due date; art. 195: restarted by

* an **evidenced demand** that reached the owner: a notice delivered with proof
  (:func:`notice_is_evidenced_demand`), or a message/recorded call kept as evidence
  (:func:`contact_is_evidenced_demand`);
* the owner's **acknowledgement**: a promise to pay (every ``promise`` row), an approved
  instalment plan, a part payment (per bill: the day money was allocated to it).

A posting on the notice board and mass reminders never count. Demands and promises restart
the clock of every period already due on their day (a notice that names its periods: only
those); a part payment restarts the bills it paid part of. The arithmetic is the domain's
(``domain.limitation``); this module gathers the events in a few set-based queries.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Integer, String, and_, exists, select, type_coerce
from sqlalchemy.orm import Session, aliased

from cuijiao_desktop.db.models import (
    BILL_OUTSTANDING,
    BILL_UNPAID,
    Bill,
    ContactEvent,
    InstalmentPlan,
    Notice,
    Payment,
    PaymentAllocation,
    Promise,
)
from cuijiao_desktop.domain.enums import (
    ApprovalStatus,
    CallOutcome,
    Channel,
    DeliveryMethod,
    InterruptionKind,
    PaymentKind,
)
from cuijiao_desktop.domain.limitation import (
    LIMITATION_YEARS,
    Interruption,
    LimitationClock,
    LimitationStatus,
    add_years,
    counts,
    limitation_status,
)

from .tx import read_only

__all__ = [
    "AT_RISK_DAYS",
    "WORKLIST_DAYS",
    "PeriodLimitation",
    "RoomLimitation",
    "contact_is_evidenced_demand",
    "notice_is_evidenced_demand",
    "room_limitation_periods",
    "room_limitations",
]

#: The ledger and the arrears table mark periods whose clock runs out within this many days.
AT_RISK_DAYS = 180
#: Today's work lists bills whose clock runs out within this many days.
WORKLIST_DAYS = 90

_CHUNK = 2000

#: Written or electronic channels whose message, kept as evidence, proves a demand reached the owner.
_WRITTEN = frozenset({Channel.SMS, Channel.WECHAT, Channel.EMAIL, Channel.LETTER, Channel.REGISTERED_LETTER})
#: Outcomes that show the message or call reached somebody.
_REACHED = frozenset({
    CallOutcome.DELIVERED, CallOutcome.PROMISED, CallOutcome.CONDITIONAL, CallOutcome.REFUSED, CallOutcome.PAID,
    CallOutcome.DISPUTED, CallOutcome.OTHER,
})


def notice_is_evidenced_demand(
    *,
    delivered_at: datetime | None,
    signed_receipt: bool,
    tracking_no: str,
    proof_path: str,
    delivery_method: DeliveryMethod | str | None = None,
) -> bool:
    """THE rule for notices: a notice is an evidenced demand (restarts the clock) when its delivery
    is recorded (``delivered_at``) with proof: a signed receipt slip, a registered-mail/express
    tracking number, or a proof file (photo, screenshot). A notice stuck on the door (张贴/塞门)
    proves no receipt unless the owner signed for it; a posting on the notice board is no notice.
    """
    if delivered_at is None:
        return False
    if delivery_method is not None and DeliveryMethod(delivery_method) is DeliveryMethod.DOOR:
        return bool(signed_receipt)
    return bool(signed_receipt) or bool((tracking_no or "").strip()) or bool((proof_path or "").strip())


def contact_is_evidenced_demand(*, channel: Channel | str, outcome: CallOutcome | str, evidence_path: str) -> bool:
    """A logged contact is an evidenced demand when it reached the owner and its evidence is kept:
    an SMS, WeChat message, e-mail or letter with its screenshot/scan, or a call answered and
    recorded. Mass reminders without evidence, and calls nobody answered, do not count."""
    if not (evidence_path or "").strip():
        return False
    channel, outcome = Channel(channel), CallOutcome(outcome)
    if outcome not in _REACHED:
        return False
    return channel in _WRITTEN or channel is Channel.PHONE or channel is Channel.DESK


@dataclass(frozen=True)
class PeriodLimitation:
    """The clock of one bill period of a room: its earliest expiring bill decides."""

    period: int  # YYYYMM
    due_date: date
    outstanding_fen: int
    expires_on: date
    status: LimitationStatus
    restarted_by: InterruptionKind | None  # the last event that restarted the clock (None: from the due date)
    restarted_on: date | None


@dataclass(frozen=True)
class RoomLimitation:
    """A room's clock at a glance: the earliest end within :data:`AT_RISK_DAYS` (or already past) and
    the periods at risk or run out. Rooms whose every period has longer are not summarised."""

    room_id: int
    earliest_expiry: date
    periods_at_risk: tuple[int, ...]  # within AT_RISK_DAYS, not yet run out
    expired_periods: tuple[int, ...]  # run out (only an acknowledgement can revive them)
    at_risk_fen: int
    expiring_within: tuple[tuple[int, date], ...]  # (period, expiry) within WORKLIST_DAYS, not run out

    @property
    def status(self) -> LimitationStatus:
        """EXPIRED when a period ran out, AT_RISK when one is close, else OK."""
        if self.expired_periods:
            return LimitationStatus.EXPIRED
        return LimitationStatus.AT_RISK if self.periods_at_risk else LimitationStatus.OK


def _chunks(ids: Collection[int]) -> Iterable[list[int]]:
    items = sorted(set(ids))
    for i in range(0, len(items), _CHUNK):
        yield items[i:i + _CHUNK]


def _day(value: object) -> date:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone().date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


@dataclass
class _RoomEvents:
    """The events of one room that may restart clocks."""

    general: list[Interruption]  # apply to every bill due by their day
    notices: list[tuple[Interruption, int | None, int | None]]  # with the periods they name
    by_bill: dict[int, list[Interruption]]  # part payments


def _room_events(session: Session, today: date, room_ids: list[int], events: dict[int, _RoomEvents]) -> None:
    """Evidenced demands, promises and instalment plans of ``room_ids`` up to ``today``."""
    conn = session.connection()  # Core rows: no ORM loading for thousands of events
    for room_id, delivered, signed, tracking, proof, method, p_from, p_to in conn.execute(
        select(Notice.room_id, Notice.delivered_at, Notice.signed_receipt, Notice.tracking_no, Notice.proof_path,
               type_coerce(Notice.delivery_method, String), Notice.period_from, Notice.period_to)
        .where(Notice.room_id.in_(room_ids), Notice.delivered_at.is_not(None))
    ):
        if notice_is_evidenced_demand(delivered_at=delivered, signed_receipt=signed, tracking_no=tracking,
                                      proof_path=proof, delivery_method=method):
            on = _day(delivered)
            if on <= today:
                _of(events, room_id).notices.append((Interruption(InterruptionKind.DEMAND, on), p_from, p_to))
    for room_id, occurred, channel, outcome, evidence in conn.execute(
        select(ContactEvent.room_id, ContactEvent.occurred_at, type_coerce(ContactEvent.channel, String),
               type_coerce(ContactEvent.outcome, String), ContactEvent.evidence_path)
        .where(ContactEvent.room_id.in_(room_ids), ContactEvent.evidence_path != "")
    ):
        if contact_is_evidenced_demand(channel=channel, outcome=outcome, evidence_path=evidence):
            on = _day(occurred)
            if on <= today:
                _of(events, room_id).general.append(Interruption(InterruptionKind.DEMAND, on))
    for room_id, made_on in conn.execute(
        select(Promise.room_id, type_coerce(Promise.made_on, String))
        .where(Promise.room_id.in_(room_ids), Promise.made_on <= today)
    ):
        _of(events, room_id).general.append(Interruption(InterruptionKind.PROMISE, _as_date(made_on)))
    for room_id, signed_on, approved_at in conn.execute(
        select(InstalmentPlan.room_id, InstalmentPlan.signed_on, InstalmentPlan.approved_at)
        .where(InstalmentPlan.room_id.in_(room_ids),
               InstalmentPlan.status.in_([ApprovalStatus.APPROVED, ApprovalStatus.COMPLETED]))
    ):
        on = signed_on or (_day(approved_at) if approved_at is not None else None)
        if on is not None and on <= today:
            _of(events, room_id).general.append(Interruption(InterruptionKind.INSTALMENT_PLAN, on))


def _part_payments(session: Session, today: date, bill_ids: Collection[int], events: dict[int, _RoomEvents]) -> None:
    """Part payments: the days money (not reversed by ``today``) was allocated to each of ``bill_ids``."""
    rev = aliased(Payment)
    reversed_ = exists().where(rev.reverses_id == Payment.id, rev.paid_on <= today)
    for chunk in _chunks(bill_ids):
        for room_id, bill_id, paid_on in session.connection().execute(
            select(Payment.room_id, PaymentAllocation.bill_id, type_coerce(Payment.paid_on, String))
            .join(Payment, Payment.id == PaymentAllocation.payment_id)
            .where(PaymentAllocation.bill_id.in_(chunk), PaymentAllocation.amount_fen > 0,
                   Payment.kind == PaymentKind.PAYMENT, Payment.paid_on <= today, ~reversed_)
        ):
            _of(events, room_id).by_bill[bill_id].append(Interruption(InterruptionKind.PART_PAYMENT, _as_date(paid_on)))


def _of(events: dict[int, _RoomEvents], room_id: int) -> _RoomEvents:
    ev = events.get(room_id)
    if ev is None:
        ev = events[room_id] = _RoomEvents([], [], defaultdict(list))
    return ev


def _unpaid_bills(session: Session, today: date, room_ids: list[int] | None, *, due_by: date | None = None):
    """(room_id, bill_id, period, due_date, outstanding, paid) of overdue unpaid bills (the partial index's
    predicate), due on or before ``due_by`` when given."""
    unpaid = and_(BILL_UNPAID, Bill.due_date < today)
    if due_by is not None:
        unpaid = and_(unpaid, Bill.due_date <= due_by)
    outstanding = BILL_OUTSTANDING
    # dates and sums come back as the driver gives them (no per-value type processing: 5x faster on SQLite)
    stmt = select(Bill.room_id, Bill.id, Bill.period, type_coerce(Bill.due_date, String),
                  type_coerce(outstanding, Integer), type_coerce(Bill.paid_fen, Integer)).where(unpaid)
    conn = session.connection()
    chunks = [conn.execute(stmt).all()] if room_ids is None else [
        conn.execute(stmt.where(Bill.room_id.in_(chunk))).all() for chunk in _chunks(room_ids)]
    return [(r, b, p, _as_date(d), int(o), int(paid)) for rows in chunks for r, b, p, d, o, paid in rows]


def _as_date(value: object) -> date:
    """A DATE as the driver gives it: text on SQLite, ``date`` on PostgreSQL."""
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _groups(bills, ev: _RoomEvents | None) -> tuple[dict[tuple, list[tuple[int, date]]], dict[int, int]]:
    """The room's bills grouped by the events that apply to them (the room's demands, promises and
    plans; the notices that name their period; their own part payments), and what each period owes."""
    owed: dict[int, int] = defaultdict(int)
    named: dict[int, tuple[int, ...]] = {}  # period -> the notices that name it
    groups: dict[tuple, list[tuple[int, date]]] = defaultdict(list)  # events key -> (period, due) of its bills
    for _room_id, bill_id, period, due, outstanding, _paid in bills:
        owed[period] += int(outstanding)
        notices: tuple[int, ...] = ()
        part: tuple[Interruption, ...] = ()
        if ev is not None:
            if period not in named:
                named[period] = tuple(k for k, (_i, p_from, p_to) in enumerate(ev.notices)
                                      if (p_from is None or period >= p_from) and (p_to is None or period <= p_to))
            notices = named[period]
            part = tuple(ev.by_bill.get(bill_id, ()))
        groups[(notices, part)].append((period, due))
    return groups, owed


def _events_of(ev: _RoomEvents | None, key: tuple) -> list[Interruption]:
    notices, part = key
    return [*ev.general, *(ev.notices[k][0] for k in notices), *part] if ev is not None else []


def _periods(bills, ev: _RoomEvents | None, today: date) -> list[PeriodLimitation]:
    """Per period of one room: the earliest expiring bill's clock, and the event that restarted it."""
    groups, owed = _groups(bills, ev)
    best: dict[int, tuple[date, date, list[Interruption]]] = {}  # period -> (expiry, due, events)
    for key, members in groups.items():
        events = _events_of(ev, key)
        clock = LimitationClock(events)
        for period, due in members:
            expires = clock.expiry(due)
            if period not in best or expires < best[period][0]:
                best[period] = (expires, due, events)
    out = []
    for period in sorted(best):
        expires, due, events = best[period]
        last = _last_restart(due, expires, events)
        out.append(PeriodLimitation(
            period=period, due_date=due, outstanding_fen=owed[period], expires_on=expires,
            status=limitation_status(expires, today, warn_days=AT_RISK_DAYS),
            restarted_by=last.kind if last else None, restarted_on=last.on if last else None,
        ))
    return out


def _room_summary(room_id: int, bills, ev: _RoomEvents | None, today: date) -> RoomLimitation | None:
    """The room's clock at a glance without judging every period: within a group of bills under the
    same events a later due date never runs out earlier (``LimitationClock``), so each group is
    followed, oldest first, only until its first period beyond the warning horizon."""
    groups, owed = _groups(bills, ev)
    horizon = today + timedelta(days=AT_RISK_DAYS)
    expiry: dict[int, date] = {}  # period -> its earliest expiry within the horizon
    base = LimitationClock(ev.general if ev is not None else ())
    for (notices, part), members in groups.items():
        clock = base.plus([*(ev.notices[k][0] for k in notices), *part]) if ev is not None else base
        for period, due in sorted(members, key=lambda m: m[1]):
            expires = clock.expiry(due)
            if expires > horizon:
                break
            if period not in expiry or expires < expiry[period]:
                expiry[period] = expires
    if not expiry:
        return None  # restarted: every period has more than AT_RISK_DAYS left
    status = {p: limitation_status(e, today, warn_days=AT_RISK_DAYS) for p, e in expiry.items()}
    worklist_limit = today + timedelta(days=WORKLIST_DAYS)
    return RoomLimitation(
        room_id=room_id,
        earliest_expiry=min(expiry.values()),
        periods_at_risk=tuple(sorted(p for p, s in status.items() if s is LimitationStatus.AT_RISK)),
        expired_periods=tuple(sorted(p for p, s in status.items() if s is LimitationStatus.EXPIRED)),
        at_risk_fen=sum(owed[p] for p in status),
        expiring_within=tuple(sorted((p, e) for p, e in expiry.items() if today <= e <= worklist_limit)),
    )


def _last_restart(due: date, expires: date, events: list[Interruption]) -> Interruption | None:
    """The event whose 3 years give ``expires`` (None when the clock still runs from the due date)."""
    if expires == add_years(due, LIMITATION_YEARS):
        return None
    candidates = [i for i in events if counts(i) and i.on >= due and add_years(i.on, LIMITATION_YEARS) == expires]
    return max(candidates, key=lambda i: i.on) if candidates else None


@read_only
def room_limitations(
    session: Session, *, today: date, room_ids: Collection[int] | None = None,
) -> dict[int, RoomLimitation]:
    """Bulk: the rooms (of ``room_ids``, or all) with a period whose limitation ends within
    :data:`AT_RISK_DAYS` or has ended, by room id.

    A clock is never shorter than 3 years from the due date, so only bills due before
    ``today + AT_RISK_DAYS − 3 years`` can be at risk: only those bills, and the events of their
    rooms, are read (at 50,000 rooms a few thousand bills instead of hundreds of thousands). A
    handful of set-based queries whatever the number of rooms (per 2,000 rooms with ``room_ids``).
    """
    if room_ids is not None and not room_ids:
        return {}
    cutoff = add_years(today + timedelta(days=AT_RISK_DAYS), -LIMITATION_YEARS)
    bills = _unpaid_bills(session, today, None if room_ids is None else list(room_ids), due_by=cutoff)
    by_room: dict[int, list] = defaultdict(list)
    for b in bills:
        by_room[b[0]].append(b)
    if not by_room:
        return {}
    events: dict[int, _RoomEvents] = {}
    for chunk in _chunks(by_room):
        _room_events(session, today, chunk, events)
    _part_payments(session, today, {b[1] for b in bills if b[5] > 0}, events)
    summaries = (_room_summary(room_id, rows, events.get(room_id), today) for room_id, rows in by_room.items())
    return {lim.room_id: lim for lim in summaries if lim is not None}


@read_only
def room_limitation_periods(session: Session, *, room_id: int, today: date) -> list[PeriodLimitation]:
    """The clock of each overdue unpaid bill period of one room, oldest period first (the ledger)."""
    bills = _unpaid_bills(session, today, [room_id])
    if not bills:
        return []
    events: dict[int, _RoomEvents] = {}
    _room_events(session, today, [room_id], events)
    _part_payments(session, today, {b[1] for b in bills if b[5] > 0}, events)
    return _periods(bills, events.get(room_id), today)
