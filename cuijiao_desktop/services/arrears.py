"""The arrears table (欠费): one row per room with overdue unpaid bills, aggregated in SQL.

:func:`query_arrears` reads every room in arrears once (a few well-shaped statements, no
N+1); the GUI keeps that list and filters (:func:`filter_rows`), sorts and totals
(:func:`totals`) it in Python, which stays far below 50 ms for the ~15,000 rooms in arrears
of a 50,000-room office (architecture rule 8).

The bill aggregate runs over the partial index ``ix_bill_unpaid`` with exactly its predicate
(:data:`UNPAID`): SQLite uses a partial index only when a WHERE term has the same shape as the
index's condition, after rewriting ``expr < column`` as ``column > expr`` (which is why the
index's condition is written column-first since migration 0002).
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Integer, String, and_, case, func, or_, select, type_coerce
from sqlalchemy.orm import Session, aliased

from cuijiao_desktop.db.models import (
    Bill,
    Building,
    CollectionCase,
    Contact,
    ContactEvent,
    Estate,
    Person,
    Promise,
    Room,
    RoomPerson,
    Unit,
    User,
)
from cuijiao_desktop.domain.ageing import AgeBucket, bucket_for, months_overdue
from cuijiao_desktop.domain.enums import (
    ArrearsReason,
    CallOutcome,
    ContactKind,
    PersonRole,
    Role,
    Stage,
)
from cuijiao_desktop.domain.masking import mask_phone
from cuijiao_desktop.domain.rooms import natural_key, parse_room_query
from cuijiao_desktop.services.late_fees import late_fees_due_by_room
from cuijiao_desktop.services.tx import read_only

__all__ = [
    "BUCKETS",
    "NO_VALUE",
    "OUTSTANDING",
    "UNPAID",
    "ArrearsFilter",
    "ArrearsFilterOptions",
    "ArrearsRow",
    "ArrearsTotals",
    "BuildingOption",
    "Option",
    "arrears_filter_options",
    "bucket_cutoffs",
    "filter_rows",
    "query_arrears",
    "room_order_key",
    "totals",
]

#: What is still owed on a bill.
OUTSTANDING = Bill.amount_fen - Bill.discount_fen - Bill.paid_fen - Bill.waived_fen
#: The predicate of the partial index ``ix_bill_unpaid``, written exactly as the index's condition.
UNPAID = Bill.amount_fen > Bill.paid_fen + Bill.discount_fen + Bill.waived_fen

#: The ageing buckets in ascending age; ``ArrearsRow.bucket_fen[i]`` belongs to ``BUCKETS[i]``.
BUCKETS: tuple[AgeBucket, ...] = tuple(sorted(AgeBucket))

#: Filter value meaning "none": no open case (stage), nobody assigned (collector), no reason given.
NO_VALUE = -1


# ---------------------------------------------------------------------------
# Data handed to the GUI and the reports
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ArrearsRow:
    """One room in arrears. Money in fen; the phone is already masked (only the last 4 digits show).

    ``building``/``unit``/``room`` have the shape of a :class:`~cuijiao_desktop.domain.rooms.RoomCode`
    (``unit`` None when the building has no units), so a ``RoomQuery`` can match a row directly.
    """

    room_id: int
    estate_id: int
    estate: str
    building_id: int
    building: str
    unit: str | None
    room: str
    room_code: str
    owner: str
    owner_initials: str
    phone_masked: str
    phone_last4: str
    total_fen: int
    months: int
    oldest_period: int  # YYYYMM
    bucket_fen: tuple[int, ...]  # per BUCKETS
    age_bucket: AgeBucket  # the bucket of the oldest overdue bill
    late_fee_fen: int
    stage: Stage | None  # None: no open collection case
    collector_id: int | None
    collector: str
    reason: ArrearsReason | None
    last_contact_on: date | None
    last_outcome: CallOutcome | None
    next_action_on: date | None
    promise_on: date | None


@dataclass(frozen=True)
class Option:
    """A choice for a filter combo box."""

    id: int
    name: str


@dataclass(frozen=True)
class BuildingOption:
    """A building for the filter: the combo shows the buildings of the chosen estate."""

    id: int
    estate_id: int
    name: str


@dataclass(frozen=True)
class ArrearsFilterOptions:
    """Everything the filter bar offers."""

    estates: tuple[Option, ...]
    buildings: tuple[BuildingOption, ...]
    collectors: tuple[Option, ...]
    stages: tuple[Stage, ...]
    reasons: tuple[ArrearsReason, ...]


@dataclass(frozen=True)
class ArrearsFilter:
    """What the user filters the arrears table by; None (or "") means "any".

    ``stage``, ``collector_id`` and ``reason`` also take :data:`NO_VALUE` (no open case,
    nobody assigned, no reason recorded). ``bucket`` matches the age of the room's oldest
    overdue bill. ``min_fen``/``max_fen`` bound the total arrears (inclusive). ``text``
    matches a room code in any shape (``3-2-1502``, ``3栋1502``, ``1502``), the owner's
    name or pinyin initials, or the last 4 digits of the phone.
    """

    estate_id: int | None = None
    building_id: int | None = None
    bucket: AgeBucket | None = None
    stage: Stage | int | None = None
    collector_id: int | None = None
    reason: ArrearsReason | int | None = None
    min_fen: int | None = None
    max_fen: int | None = None
    text: str = ""

    def is_empty(self) -> bool:
        """True when nothing is filtered."""
        return self == ArrearsFilter()


@dataclass(frozen=True)
class ArrearsTotals:
    """Count and sums of a set of rows (the footer and the Excel totals row)."""

    rooms: int
    total_fen: int
    bucket_fen: tuple[int, ...]  # per BUCKETS
    late_fee_fen: int


# ---------------------------------------------------------------------------
# Ageing boundaries as due-date cut-offs
# ---------------------------------------------------------------------------


def _bucket_upper_months() -> list[int]:
    """The inclusive upper bound in months of every bucket but the last, from the domain's rule."""
    uppers = []
    months = 1
    while bucket_for(months) is not BUCKETS[-1]:
        if bucket_for(months + 1) is not bucket_for(months):
            uppers.append(months)
        months += 1
    return uppers


def bucket_cutoffs(today: date) -> list[date]:
    """For each bucket but the last, the earliest due date still inside it (descending dates).

    A bill due on ``d < today`` is in ``BUCKETS[0]`` when ``d >= cutoffs[0]``, in ``BUCKETS[i]``
    when ``cutoffs[i] <= d < cutoffs[i-1]``, and in the last bucket when ``d < cutoffs[-1]``;
    exactly as ``bucket_for(months_overdue(d, today))`` decides, month-end clamping included.
    """
    cutoffs = []
    for k in _bucket_upper_months():
        d = today - timedelta(days=31 * k)
        while months_overdue(d, today) > k:  # months_overdue never decreases as d moves back
            d += timedelta(days=1)
        while months_overdue(d - timedelta(days=1), today) <= k:
            d -= timedelta(days=1)
        cutoffs.append(d)
    return cutoffs


# ---------------------------------------------------------------------------
# The query
# ---------------------------------------------------------------------------


def _aggregate(today: date):
    """Per room: outstanding, distinct periods, oldest period and cumulative sums by cut-off."""
    cumulative = [func.sum(case((Bill.due_date >= c, OUTSTANDING))) for c in bucket_cutoffs(today)]
    return (
        select(
            Bill.room_id.label("room_id"),
            func.sum(OUTSTANDING).label("total"),
            func.count(func.distinct(Bill.period)).label("months"),
            func.min(Bill.period).label("oldest"),
            *(c.label(f"cum{i}") for i, c in enumerate(cumulative)),
        )
        .where(UNPAID, Bill.due_date < today)
        .group_by(Bill.room_id)
        .subquery("agg")
    )


def _bucket_amounts(total: int, cumulative: Sequence[int | None]) -> tuple[tuple[int, ...], AgeBucket]:
    """Per-bucket amounts from the cumulative sums by cut-off, and the bucket of the oldest debt."""
    amounts = []
    previous = 0
    for value in cumulative:
        value = value or 0
        amounts.append(value - previous)
        previous = value
    amounts.append(total - previous)
    oldest = len(amounts) - 1
    while oldest and not amounts[oldest]:  # every unpaid bill owes > 0: the last non-zero bucket is the oldest
        oldest -= 1
    return tuple(amounts), BUCKETS[oldest]


def _arrears_statement(today: date):
    """The arrears statement: one row per room in arrears, ordered by room code.

    Dates and enums come back as the driver gives them (no per-value type processing); the
    caller converts them (:func:`_to_rows`).
    """
    agg = _aggregate(today)
    owner_link = aliased(RoomPerson)
    owner_id = (
        select(func.min(RoomPerson.id))
        .where(RoomPerson.room_id == agg.c.room_id, RoomPerson.role == PersonRole.OWNER,
               RoomPerson.end_date.is_(None))
        .scalar_subquery()
    )
    c2 = aliased(Contact)
    phone_id = (
        select(c2.id)
        .where(c2.person_id == Person.id, c2.kind.in_([ContactKind.MOBILE, ContactKind.LANDLINE]))
        .order_by(c2.is_primary.desc(), c2.valid.desc(), c2.id)
        .limit(1)
        .correlate(Person)
        .scalar_subquery()
    )
    e2 = aliased(ContactEvent)
    last_event_id = (
        select(e2.id)
        .where(e2.room_id == agg.c.room_id)
        .order_by(e2.occurred_at.desc(), e2.id.desc())
        .limit(1)
        .correlate(agg)
        .scalar_subquery()
    )
    promise_on = (
        select(func.min(Promise.due_date))
        .where(Promise.room_id == agg.c.room_id, Promise.due_date >= today)  # not yet past (the state is derived)
        .scalar_subquery()
    )
    raw = String  # a type without a result processor on SQLite and PostgreSQL: the driver's value as is
    return (
        select(
            # estate, building, unit and collector names come from small dicts (_Names), not joins
            agg.c.room_id, Room.estate_id, Room.building_id, Room.unit_id, Room.number, Room.code,
            Person.name, Person.name_initials, Contact.value, Contact.last4,
            # sums come back as plain integers (Fen's per-value conversion is not needed for a SUM)
            *(type_coerce(c, Integer) for c in (agg.c.total, agg.c.months, agg.c.oldest,
                                                 *(agg.c[f"cum{i}"] for i in range(len(BUCKETS) - 1)))),
            # enums come back raw and are mapped with a dict (the column types' per-row Enum() calls cost 0.1 s)
            type_coerce(CollectionCase.stage, Integer), CollectionCase.collector_id,
            type_coerce(CollectionCase.reason, raw), type_coerce(CollectionCase.next_action_on, raw),
            type_coerce(ContactEvent.occurred_at, raw), type_coerce(ContactEvent.outcome, raw),
            type_coerce(ContactEvent.next_follow_up, raw), type_coerce(promise_on, raw),
        )
        .select_from(agg)
        .join(Room, Room.id == agg.c.room_id)
        .outerjoin(owner_link, owner_link.id == owner_id)
        .outerjoin(Person, Person.id == owner_link.person_id)
        .outerjoin(Contact, Contact.id == phone_id)
        .outerjoin(CollectionCase, and_(CollectionCase.room_id == agg.c.room_id, CollectionCase.closed_on.is_(None)))
        .outerjoin(ContactEvent, ContactEvent.id == last_event_id)
        .order_by(Room.code)
    )


@dataclass(frozen=True)
class _Names:
    """Names by id of the few estates, buildings, units and users (cheaper than joining them per row)."""

    estates: dict[int, str]
    buildings: dict[int, str]
    units: dict[int, str]
    users: dict[int, str]

    @classmethod
    def load(cls, session: Session) -> _Names:
        def by_id(id_col, name_col) -> dict[int, str]:
            return dict(session.execute(select(id_col, name_col)).tuples().all())

        return cls(by_id(Estate.id, Estate.name), by_id(Building.id, Building.name), by_id(Unit.id, Unit.name),
                   by_id(User.id, User.display_name))


def _to_rows(result: Iterable[Sequence[Any]], names: _Names, fees: dict[int, int], *,
             sqlite: bool) -> list[ArrearsRow]:
    """Rows of :func:`_arrears_statement` as :class:`ArrearsRow`.

    SQLite gives dates as ISO text and timestamps as naive UTC text; PostgreSQL gives
    ``date`` objects and aware timestamps.
    """
    n_cut = len(BUCKETS) - 1
    stages = {int(v): v for v in Stage}
    reasons = {v.value: v for v in ArrearsReason}
    outcomes = {v.value: v for v in CallOutcome}
    local = datetime.now().astimezone().tzinfo  # one fixed offset: a per-row system lookup costs 30 ms
    if sqlite:
        to_date = date.fromisoformat
        offset = local.utcoffset(None)

        def local_day(stamp: str) -> date:
            return (datetime.fromisoformat(stamp) + offset).date()
    else:
        def to_date(value: date) -> date:
            return value

        def local_day(stamp: datetime) -> date:
            return stamp.astimezone(local).date()

    rows = []
    append = rows.append
    estates, buildings, units, users = names.estates, names.buildings, names.units, names.users
    for (room_id, estate_id, building_id, unit_id, number, code, owner, initials, phone, last4,
         total, months, oldest, *rest) in result:
        stage, collector_id, reason, next_on, occurred, outcome, follow_up, promise = rest[n_cut:]
        total = int(total)  # PostgreSQL hands SUM() of BIGINT back as Decimal
        amounts, age = _bucket_amounts(total, [int(v) if v is not None else None for v in rest[:n_cut]])
        next_on = next_on or follow_up
        append(ArrearsRow(
            room_id, estate_id, estates[estate_id], building_id, buildings[building_id],
            units[unit_id] if unit_id is not None else None, number, code, owner or "", initials or "",
            mask_phone(phone) if phone else "", last4 or "", total, months, oldest, amounts, age,
            fees.get(room_id, 0), stages.get(stage), collector_id,
            users.get(collector_id, "") if collector_id is not None else "", reasons.get(reason),
            local_day(occurred) if occurred is not None else None, outcomes.get(outcome),
            to_date(next_on) if next_on is not None else None, to_date(promise) if promise is not None else None,
        ))
    return rows


@contextmanager
def _no_gc_pauses() -> Iterator[None]:
    """No cyclic garbage collection while the rows are built (they hold no cycles).

    Some 16,500 new objects would otherwise trigger a full collection over the whole heap of
    the application, some 50 ms each. Restores the previous state (and never enables a
    collector that someone else disabled).
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@read_only
def query_arrears(session: Session, *, today: date) -> list[ArrearsRow]:
    """Every room with overdue unpaid bills (due before ``today``), ordered by room code.

    One aggregate over the partial index ``ix_bill_unpaid`` joined to the current owner and
    their primary phone, the open collection case, the latest contact and the earliest pending
    promise; one grouped query for late fees; the names of estates, buildings, units and
    collectors from one small query each.
    """
    fees = late_fees_due_by_room(session)
    names = _Names.load(session)
    conn = session.connection()
    with _no_gc_pauses():
        return _to_rows(conn.execute(_arrears_statement(today)).all(), names, fees,
                        sqlite=conn.dialect.name == "sqlite")


@read_only
def arrears_filter_options(session: Session) -> ArrearsFilterOptions:
    """Estates, buildings, collectors (staff who hold open cases or collect), stages and reasons."""
    estates = tuple(Option(i, n) for i, n in session.execute(select(Estate.id, Estate.name).order_by(Estate.code)))
    buildings = [BuildingOption(i, e, n) for i, e, n in session.execute(
        select(Building.id, Building.estate_id, Building.name))]
    buildings.sort(key=lambda b: (b.estate_id, natural_key(b.name)))
    assigned = select(CollectionCase.collector_id).where(CollectionCase.closed_on.is_(None))
    collectors = tuple(Option(i, n) for i, n in session.execute(
        select(User.id, User.display_name)
        .where(or_(User.role == Role.COLLECTOR, User.id.in_(assigned)))
        .order_by(User.display_name)))
    return ArrearsFilterOptions(estates, tuple(buildings), collectors, tuple(Stage), tuple(ArrearsReason))


def room_order_key(row: ArrearsRow) -> tuple[Any, ...]:
    """Estate, then building, unit and room in natural order ("2" before "10"): the order of printed lists."""
    return (row.estate, natural_key(row.building), natural_key(row.unit), natural_key(row.room))


# ---------------------------------------------------------------------------
# Filtering and totals on the loaded list (pure Python)
# ---------------------------------------------------------------------------


def _text_matcher(text: str):
    q = text.strip()
    if not q:
        return None
    room_query = parse_room_query(q)
    lowered = q.lower()
    digits = q if q.isascii() and q.isdigit() and len(q) <= 4 else None

    def matches(row: ArrearsRow) -> bool:
        if room_query is not None and room_query.matches(row):  # the row has RoomCode's shape
            return True
        if lowered in row.owner or (lowered.isascii() and row.owner_initials.startswith(lowered)):
            return True
        return digits is not None and len(digits) == 4 and row.phone_last4 == digits

    return matches


def filter_rows(rows: Sequence[ArrearsRow], flt: ArrearsFilter) -> list[ArrearsRow]:
    """The rows that pass every condition of ``flt``, in their original order."""
    out = list(rows)
    if flt.estate_id is not None:
        out = [r for r in out if r.estate_id == flt.estate_id]
    if flt.building_id is not None:
        out = [r for r in out if r.building_id == flt.building_id]
    if flt.bucket is not None:
        out = [r for r in out if r.age_bucket == flt.bucket]
    if flt.stage is not None:
        stage = None if flt.stage == NO_VALUE else flt.stage
        out = [r for r in out if r.stage == stage]
    if flt.collector_id is not None:
        collector = None if flt.collector_id == NO_VALUE else flt.collector_id
        out = [r for r in out if r.collector_id == collector]
    if flt.reason is not None:
        reason = None if flt.reason == NO_VALUE else flt.reason
        out = [r for r in out if r.reason == reason]
    if flt.min_fen is not None:
        out = [r for r in out if r.total_fen >= flt.min_fen]
    if flt.max_fen is not None:
        out = [r for r in out if r.total_fen <= flt.max_fen]
    matcher = _text_matcher(flt.text)
    if matcher is not None:
        out = [r for r in out if matcher(r)]
    return out


def totals(rows: Iterable[ArrearsRow]) -> ArrearsTotals:
    """Count of rooms and the sums of total arrears, of each bucket and of late fees."""
    count = 0
    total = 0
    late = 0
    buckets = [0] * len(BUCKETS)
    for r in rows:
        count += 1
        total += r.total_fen
        late += r.late_fee_fen
        for i, fen in enumerate(r.bucket_fen):
            buckets[i] += fen
    return ArrearsTotals(count, total, tuple(buckets), late)
