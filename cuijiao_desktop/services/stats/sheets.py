"""The other sheets' data of month M: 账龄分析, 催收业绩, 欠费原因, 趋势 and 欠费明细.

"In arrears" here means owed something as of ``as_of`` on bills of periods ≤ M (the bills that make
期末欠费). Grouping runs in SQL; Python only walks rooms in arrears, buildings and collectors.

* 账龄分析: the amounts per bill, bucketed by the started months past the bill's due date as of
  ``as_of`` (``domain.ageing``); a room counts once, in the bucket of its oldest unpaid bill. Bills
  not yet due on ``as_of`` are in no bucket (so the ageing total may be below 期末欠费).
* 欠费原因 and 欠费明细 use the room's latest collection case opened by ``as_of``: its reason, and its
  stage and collector as they stand (the case keeps no dated history of them; a month close freezes them).
* 催收业绩, per collector, in the window of M (first day of M to ``as_of``): phone calls logged, visits
  made in which they took part (done, or failed because nobody was home: they still went), notices
  issued, promises made; promises due in the window kept or broken as of ``as_of`` (``services.promises``,
  the derived states); 追回金额, the principal (allocations' ``amount_fen``) of the money paid in the window
  (reversals count on their day) on bills of periods ≤ M by the rooms of the cases assigned to them
  that were open in the window (not late fees, not prepayments of later bills or credit left, not
  credit spent), and of those rooms the ones owing nothing at ``as_of``.
* 趋势: the 12 months ending at M, each seen at the end of its month (M at ``as_of``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import Integer, String, func, or_, select, type_coerce
from sqlalchemy.orm import Session, aliased

from cuijiao_desktop.db.models import (
    Bill,
    Building,
    CollectionCase,
    Contact,
    ContactEvent,
    Estate,
    Notice,
    Payment,
    PaymentAllocation,
    Person,
    Promise,
    Room,
    RoomPerson,
    User,
    Visit,
    VisitStaff,
)
from cuijiao_desktop.domain.ageing import BUCKET_LABELS_ZH, AgeBucket, bucket_for_dates
from cuijiao_desktop.domain.billing import period_add, period_last_day, period_text
from cuijiao_desktop.domain.enums import (
    ArrearsReason,
    Channel,
    ContactKind,
    PaymentMethod,
    PersonRole,
    PromiseStatus,
    Stage,
)
from cuijiao_desktop.domain.labels_zh import NOT_YET_DUE_ZH, REASON_ZH, STAGE_ZH
from cuijiao_desktop.domain.office_time import local_date
from cuijiao_desktop.domain.rooms import natural_key
from cuijiao_desktop.domain.visits import MADE_STATUSES
from cuijiao_desktop.services.promises import promise_states

from .figures import MonthWindow, RoomOwed, building_label, households_statement
from .ledger_sql import after_day
from .model import AgeingRow, CollectorRow, DetailRow, Figures, ReasonRow, TrendPoint

__all__ = ["ArrearsRoom", "ageing_rows", "arrears_rooms", "collector_rows", "detail_rows", "reason_rows",
           "trend_points"]

NO_REASON_ZH = "未登记"
_CHUNK = 2000  # room ids per IN (…): below both engines' parameter limits
_BUCKETS = tuple(AgeBucket)


@dataclass(frozen=True, slots=True)
class ArrearsRoom:
    """A room owing something as of ``as_of`` on bills of periods ≤ M."""

    room_id: int
    estate_id: int
    building_id: int
    code: str
    amount_fen: int
    months: int
    first_period: int
    last_period: int
    oldest_due: date
    owner: str
    phone: str
    stage: Stage | None
    collector_id: int | None
    reason: ArrearsReason | None
    last_contact: date | None


def _as_date(value) -> date | None:
    if value is None or isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, datetime):
        return value.date()
    return date.fromisoformat(str(value)[:10])


def _as_stamp_date(value) -> date | None:
    """The office date of a timestamp as the driver returns it (text on SQLite, naive UTC)."""
    if value is None:
        return None
    if not isinstance(value, datetime):
        value = datetime.fromisoformat(str(value))
    return local_date(value)


def arrears_rooms(session: Session, w: MonthWindow, rooms: Sequence[RoomOwed]) -> list[ArrearsRoom]:
    """The rooms in arrears as of ``as_of`` (bills ≤ M) of :func:`~.figures.owed_by_room`, with their code,
    owner, phone, latest case opened by ``as_of`` and last contact by ``as_of``."""
    owing = {r.room_id: r for r in rooms if r.closing_fen > 0}
    owner_link = aliased(RoomPerson)
    owner_id = (select(func.min(RoomPerson.id))
                .where(RoomPerson.room_id == Room.id, RoomPerson.role == PersonRole.OWNER,
                       RoomPerson.end_date.is_(None)).correlate(Room).scalar_subquery())
    c2 = aliased(Contact)
    phone_id = (select(c2.id).where(c2.person_id == Person.id, c2.kind.in_([ContactKind.MOBILE, ContactKind.LANDLINE]))
                .order_by(c2.is_primary.desc(), c2.valid.desc(), c2.id).limit(1).correlate(Person).scalar_subquery())
    cc = aliased(CollectionCase)
    case_id = (select(func.max(cc.id)).where(cc.room_id == Room.id, cc.opened_on <= w.as_of)
               .correlate(Room).scalar_subquery())
    last_contact = (select(func.max(ContactEvent.occurred_at))
                    .where(ContactEvent.room_id == Room.id, ContactEvent.occurred_at < after_day(w.as_of))
                    .correlate(Room).scalar_subquery())
    base = (select(Room.id, Room.estate_id, Room.code, Person.name, Contact.value,
                   type_coerce(CollectionCase.stage, Integer), CollectionCase.collector_id,
                   type_coerce(CollectionCase.reason, String), type_coerce(last_contact, String))
            .select_from(Room)
            .outerjoin(owner_link, owner_link.id == owner_id)
            .outerjoin(Person, Person.id == owner_link.person_id)
            .outerjoin(Contact, Contact.id == phone_id)
            .outerjoin(CollectionCase, CollectionCase.id == case_id))
    ids = sorted(owing)
    out = []
    for i in range(0, len(ids), _CHUNK):
        for room_id, estate_id, code, owner, phone, stage, collector, reason, contact in session.execute(
                base.where(Room.id.in_(ids[i:i + _CHUNK]))):
            r = owing[room_id]
            out.append(ArrearsRoom(
                room_id=room_id, estate_id=estate_id, building_id=r.building_id, code=code, amount_fen=r.closing_fen,
                months=r.months, first_period=r.first_period, last_period=r.last_period, oldest_due=r.oldest_due,
                owner=owner or "", phone=phone or "", stage=Stage(stage) if stage is not None else None,
                collector_id=collector, reason=ArrearsReason(reason) if reason else None,
                last_contact=_as_stamp_date(contact),
            ))
    return out


def _buildings(session: Session, ids) -> list[tuple[int, str, str, str]]:
    """(id, estate, building, label) of the buildings ``ids``, in the office's order."""
    rows = session.execute(
        select(Building.id, Building.name, Building.sort_order, Estate.id, Estate.name)
        .join(Estate, Estate.id == Building.estate_id).where(Building.id.in_(sorted(ids) or [0]))).all()
    rows.sort(key=lambda r: (r[3], r[2], natural_key(r[1]), r[0]))
    return [(r[0], r[4], r[1], building_label(r[4], r[1])) for r in rows]


def _bucket_index(due: date, as_of: date) -> int | None:
    bucket = bucket_for_dates(due, as_of)
    return None if bucket is None else _BUCKETS.index(bucket)


def ageing_rows(session: Session, w: MonthWindow, rooms: Sequence[RoomOwed]) -> tuple[AgeingRow, ...]:
    """账龄分析 per building: rooms (by their oldest unpaid bill) and fen (per bill) in each bucket."""
    n = len(_BUCKETS)
    households: dict[int, list[int]] = defaultdict(lambda: [0] * n)
    amounts: dict[int, list[int]] = defaultdict(lambda: [0] * n)
    for r in rooms:
        if r.closing_fen <= 0 or r.oldest_due is None:
            continue
        i = _bucket_index(r.oldest_due, w.as_of)
        if i is not None:
            households[r.building_id][i] += 1
        acc = amounts[r.building_id]
        for k, fen in enumerate(r.bucket_fen):
            acc[k] += fen
    return tuple(
        AgeingRow(estate, building, label, tuple(households[bid]), tuple(amounts[bid]))
        for bid, estate, building, label in _buildings(session, set(amounts))
    )


def reason_rows(session: Session, w: MonthWindow, rooms: Sequence[ArrearsRoom]) -> tuple[ReasonRow, ...]:
    """欠费原因: rooms in arrears and their arrears per reason of their case (未登记 without one)."""
    per: dict[ArrearsReason | None, list[int]] = {}
    for r in rooms:
        acc = per.setdefault(r.reason, [0, 0])
        acc[0] += 1
        acc[1] += r.amount_fen
    order = [*ArrearsReason, None]
    return tuple(
        ReasonRow(reason.value if reason else "", REASON_ZH[reason] if reason else NO_REASON_ZH, *per[reason])
        for reason in order if reason in per
    )


def detail_rows(session: Session, w: MonthWindow, rooms: Sequence[ArrearsRoom]) -> tuple[DetailRow, ...]:
    """欠费明细: one row per room in arrears, in the office's building order then room order."""
    buildings = {bid: (estate, building) for bid, estate, building, _ in _buildings(session, {r.building_id
                                                                                           for r in rooms})}
    order = {bid: i for i, bid in enumerate(buildings)}
    collectors = _user_names(session, {r.collector_id for r in rooms if r.collector_id is not None})
    out = []
    for r in sorted(rooms, key=lambda r: (order[r.building_id], natural_key(r.code), r.room_id)):
        bucket = bucket_for_dates(r.oldest_due, w.as_of)
        estate, building = buildings[r.building_id]
        out.append(DetailRow(
            room_id=r.room_id, room_code=r.code, estate=estate, building=building, owner=r.owner, phone=r.phone,
            months=r.months, first_period=period_text(r.first_period), last_period=period_text(r.last_period),
            amount_fen=r.amount_fen, oldest_bucket=BUCKET_LABELS_ZH[bucket] if bucket else NOT_YET_DUE_ZH,
            stage=STAGE_ZH[r.stage] if r.stage is not None else "",
            collector=collectors.get(r.collector_id, "") if r.collector_id is not None else "",
            reason=REASON_ZH[r.reason] if r.reason else "", last_contact=r.last_contact,
        ))
    return tuple(out)


def _user_names(session: Session, ids) -> dict[int, str]:
    if not ids:
        return {}
    return dict(session.execute(select(User.id, User.display_name).where(User.id.in_(sorted(ids)))).tuples().all())


def trend_points(session: Session, w: MonthWindow, current: Figures | None = None) -> tuple[TrendPoint, ...]:
    """Both rates' data for the 12 months ending at M, each month seen at its end (M at ``as_of``). A
    closed month before M gives the point frozen at its close; the others are computed in one statement.
    ``current``: M's total figures when already computed (its point is read from them)."""
    from .close import closed_trend_points

    periods = [period_add(w.period, -i) for i in range(11, -1, -1)]
    closed = closed_trend_points(session, [period_text(p) for p in periods[:-1]], w.estate)
    if current is not None:
        closed[w.month] = TrendPoint(w.month, current.households, current.households_paid, current.billed_fen,
                                     current.collected_fen)
    cutoffs = {p: period_last_day(p) for p in periods[:-1] if period_text(p) not in closed}
    if w.month not in closed:
        cutoffs[w.period] = w.as_of
    got = {}
    if cutoffs:
        got = {int(p): (int(rooms), int(paid or 0), int(billed or 0), int(fen or 0))
               for p, rooms, paid, billed, fen in session.execute(households_statement(
                   cutoffs, estate_id=w.estate_id, dialect=session.get_bind().dialect.name))}
    return tuple(closed.get(period_text(p)) or TrendPoint(period_text(p), *got.get(p, (0, 0, 0, 0))) for p in periods)


def collector_rows(session: Session, w: MonthWindow, owing: AbstractSet[int]) -> tuple[CollectorRow, ...]:
    """催收业绩 per collector in the window of M (see the module's docstring); ``owing``: the rooms in
    arrears at ``as_of``."""
    s, e = w.opening_day, w.as_of
    t0, t1 = after_day(s), after_day(e)
    counts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))

    def tally(name: str, stmt) -> None:
        for user_id, n in session.execute(stmt):
            if user_id is not None:
                counts[user_id][name] += int(n)

    tally("calls", select(ContactEvent.user_id, func.count())
          .where(ContactEvent.channel == Channel.PHONE, ContactEvent.occurred_at >= t0, ContactEvent.occurred_at < t1,
                 w.rooms(ContactEvent.room_id)).group_by(ContactEvent.user_id))
    tally("visits", select(VisitStaff.user_id, func.count(func.distinct(Visit.id)))
          .join(Visit, Visit.id == VisitStaff.visit_id)
          .where(Visit.status.in_(MADE_STATUSES), Visit.done_at >= t0, Visit.done_at < t1, w.rooms(Visit.room_id))
          .group_by(VisitStaff.user_id))
    tally("notices", select(Notice.issued_by_id, func.count())
          .where(Notice.issued_at >= t0, Notice.issued_at < t1, w.rooms(Notice.room_id)).group_by(Notice.issued_by_id))
    tally("promises_made", select(Promise.created_by_id, func.count())
          .where(Promise.made_on > s, Promise.made_on <= e, w.rooms(Promise.room_id)).group_by(Promise.created_by_id))
    room_ids = None
    if w.estate_id is not None:
        room_ids = set(session.scalars(select(Room.id).where(Room.estate_id == w.estate_id)))
    for p in promise_states(session, today=e, due_from=s + timedelta(days=1), due_to=e, room_ids=room_ids):
        if p.created_by_id is None:
            continue
        if p.status is PromiseStatus.KEPT:
            counts[p.created_by_id]["promises_kept"] += 1
        elif p.status is PromiseStatus.BROKEN:
            counts[p.created_by_id]["promises_broken"] += 1

    # the rooms of each collector's cases open in the window, and what they paid in it
    pairs = (select(CollectionCase.collector_id.label("collector_id"), CollectionCase.room_id.label("room_id"))
             .where(CollectionCase.collector_id.is_not(None), CollectionCase.opened_on <= e,
                    or_(CollectionCase.closed_on.is_(None), CollectionCase.closed_on > s),
                    w.rooms(CollectionCase.room_id))
             .distinct().subquery("pairs"))
    # 追回金额: principal only (allocations' amount_fen), of money paid in the window (reversals on their
    # day) on bills of periods ≤ M: not late fees, prepayments of later bills, credit left or credit spent
    paid = (select(Payment.room_id.label("room_id"), func.sum(PaymentAllocation.amount_fen).label("fen"))
            .join(PaymentAllocation, PaymentAllocation.payment_id == Payment.id)
            .join(Bill, Bill.id == PaymentAllocation.bill_id)
            .where(Payment.paid_on > s, Payment.paid_on <= e, Payment.method != PaymentMethod.CREDIT,
                   Bill.period <= w.period)
            .group_by(Payment.room_id).subquery("paid"))
    recovered = session.execute(select(pairs.c.collector_id, pairs.c.room_id, paid.c.fen)
                                .join(paid, paid.c.room_id == pairs.c.room_id)).all()
    for collector_id, room_id, fen in recovered:
        counts[collector_id]["recovered_fen"] += int(fen)
        if int(fen) > 0 and room_id not in owing:
            counts[collector_id]["rooms_cleared"] += 1
    names = _user_names(session, set(counts))
    rows = [CollectorRow(names.get(uid, str(uid)), **dict(c)) for uid, c in counts.items()]
    rows.sort(key=lambda r: (-r.recovered_fen, r.collector))
    return tuple(rows)

