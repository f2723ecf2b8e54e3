"""The arrears table (欠费): one row per room with overdue unpaid bills.

:func:`query_arrears` reads every room in arrears once (one statement, no N+1); the GUI keeps
that list and filters (:func:`filter_rows`), sorts and totals (:func:`totals`) it in Python,
which stays far below 50 ms for the ~15,000 rooms in arrears of a 50,000-room office
(architecture rule 8).

A row is made by one rule, :func:`_live_statement`: the per-room sums of :func:`room_sums`
joined to the room, owner, phone, case, latest contact and pending promise, with the late fee
of :func:`late_fee_due_by_room`. The rows of one office day are kept in ``arrears_cache``
(``services/arrears_cache.py``): when it holds the day asked for, clean rooms come from it and
the rooms changed since (marked dirty by database triggers) from the live rule, in the same
statement. 50,000 rooms × 120 months: about 0.2 s instead of 0.55 s.

The bill aggregate runs over the partial index ``ix_bill_unpaid`` with exactly its predicate
(:data:`UNPAID`): SQLite uses a partial index only when a WHERE term has the same shape as the
index's condition, after rewriting ``expr < column`` as ``column > expr`` (which is why the
index's condition is written column-first since migration 0002).
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from operator import attrgetter
from typing import Any

from sqlalchemy import (
    BigInteger,
    Integer,
    Select,
    String,
    and_,
    case,
    cast,
    func,
    literal,
    null,
    or_,
    select,
    type_coerce,
    union_all,
)
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session, aliased

from cuijiao_desktop.db.models import BILL_OUTSTANDING as OUTSTANDING
from cuijiao_desktop.db.models import BILL_UNPAID as UNPAID
from cuijiao_desktop.db.models import (
    CACHE_STATE_ID,
    ArrearsCache,
    ArrearsCacheState,
    ArrearsDirty,
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
from cuijiao_desktop.services import late_fees
from cuijiao_desktop.services.tx import read_only

__all__ = [
    "BUCKETS",
    "BUCKET_COLUMNS",
    "NO_VALUE",
    "OUTSTANDING",
    "SUM_COLUMNS",
    "UNPAID",
    "ArrearsFilter",
    "ArrearsFilterOptions",
    "ArrearsRow",
    "ArrearsTotals",
    "BuildingOption",
    "Option",
    "arrears_filter_options",
    "bucket_cutoffs",
    "cache_day",
    "filter_rows",
    "late_fee_due_by_room",
    "query_arrears",
    "room_order_key",
    "room_sums",
    "totals",
]

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
# Per-room sums: one SQL rule for the live table, the cache, its refresh and its check
# ---------------------------------------------------------------------------

#: Labels of the per-bucket amounts in :func:`room_sums` and columns of ``arrears_cache`` (per BUCKETS).
BUCKET_COLUMNS: tuple[str, ...] = tuple(f"bucket{b.value}_fen" for b in BUCKETS)
#: The columns :func:`room_sums` returns, named as in ``arrears_cache``.
SUM_COLUMNS: tuple[str, ...] = ("room_id", "total_fen", "months", "oldest_period", *BUCKET_COLUMNS, "age_bucket")


def room_sums(today: date, *, rooms: Any = None) -> Select:
    """Per room with overdue unpaid bills on ``today``: what it owes, in how many distinct periods,
    its oldest period, the amount in each ageing bucket and the bucket of its oldest overdue bill.

    The columns are :data:`SUM_COLUMNS` (those of ``arrears_cache``), sums cast to BIGINT so both
    engines return ``int``. ``rooms`` (a list or a select of room ids) limits the rooms. The inner
    aggregate reads the partial index ``ix_bill_unpaid`` with exactly its predicate (:data:`UNPAID`).
    A bucket's amount is the difference of cumulative sums by due-date cut-off (one CASE per
    cut-off); the oldest bill's bucket comes from the earliest due date.
    """
    cutoffs = bucket_cutoffs(today)
    inner = (
        select(
            Bill.room_id.label("room_id"),
            func.sum(OUTSTANDING).label("total"),
            func.count(func.distinct(Bill.period)).label("months"),
            func.min(Bill.period).label("oldest"),
            func.min(Bill.due_date).label("oldest_due"),
            *(func.sum(case((Bill.due_date >= c, OUTSTANDING))).label(f"cum{i}") for i, c in enumerate(cutoffs)),
        )
        .where(UNPAID, Bill.due_date < today)
    )
    if rooms is not None:
        inner = inner.where(Bill.room_id.in_(rooms))
    agg = inner.group_by(Bill.room_id).subquery("agg")
    cum = [func.coalesce(agg.c[f"cum{i}"], 0) for i in range(len(cutoffs))]
    amounts = [cum[0], *(cum[i] - cum[i - 1] for i in range(1, len(cum))), agg.c.total - cum[-1]]
    age = case(*((agg.c.oldest_due >= c, BUCKETS[i].value) for i, c in enumerate(cutoffs)),
               else_=BUCKETS[-1].value)
    return select(
        agg.c.room_id.label("room_id"),
        cast(agg.c.total, BigInteger).label("total_fen"),
        cast(agg.c.months, Integer).label("months"),
        agg.c.oldest.label("oldest_period"),
        *(cast(a, BigInteger).label(name) for a, name in zip(amounts, BUCKET_COLUMNS, strict=True)),
        age.label("age_bucket"),
    )


def _chunks(ids: Sequence[int], size: int = 2000) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


def late_fee_due_by_room(db: Session | Connection, *, room_ids: Collection[int] | None = None) -> dict[int, int]:
    """Late fee still due per room, by the ledger's one rule (``services.late_fees``).

    Rooms with nothing due are left out; ``room_ids`` limits the rooms (None: every room). This is
    the arrears table's only read of late fees (the cache stores its result per room).
    """
    return late_fees.late_fees_due_by_room(db, None if room_ids is None else sorted(set(room_ids)))


# ---------------------------------------------------------------------------
# The arrears table: sums joined to the room, people, case and contacts; live or cached
# ---------------------------------------------------------------------------

#: Where a row of :func:`_live_statement` or :func:`_cached_statement` came from (its ``kind`` column).
_STALE, _CACHED, _LIVE = 0, 1, 2

# Positions in a row of :func:`_live_statement` (see its select list).
_N_BUCKETS = len(BUCKETS)
_TOTAL = 10
_AGE = _TOTAL + 3 + _N_BUCKETS
_LATE = _AGE + 1
_KIND = _LATE + 1
_RAW = String  # a type without a result processor on SQLite and PostgreSQL: the driver's value as is


def _live_statement(today: date, *, rooms: Any = None) -> Select:
    """Rows of the arrears table computed from the tables (of ``rooms``, or all); unordered.

    Columns (the same as :func:`_cached_statement`): room id, estate, building, unit, number,
    code, owner, initials, phone (unmasked here), last 4 digits; total, months, oldest period,
    one amount per bucket, age bucket, late fee (NULL here: read by :func:`late_fee_due_by_room`),
    kind; stage, collector, reason, the case's next action, latest contact time, outcome and
    follow-up, earliest pending promise. Dates and enums come back as the driver gives them (no
    per-value type processing, which cost 0.1 s at 16,500 rows); :func:`_to_rows` converts them.
    """
    src = room_sums(today, rooms=rooms).subquery("sums")
    owner_link = aliased(RoomPerson)
    owner_id = (
        select(func.min(RoomPerson.id))
        .where(RoomPerson.room_id == src.c.room_id, RoomPerson.role == PersonRole.OWNER,
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
        .where(e2.room_id == src.c.room_id)
        .order_by(e2.occurred_at.desc(), e2.id.desc())
        .limit(1)
        .correlate(src)
        .scalar_subquery()
    )
    promise_on = (
        select(func.min(Promise.due_date))
        .where(Promise.room_id == src.c.room_id, Promise.due_date >= today)  # not yet past (the state is derived)
        .scalar_subquery()
    )
    return (
        select(
            # estate, building, unit and collector names come from small dicts (_Names), not joins
            src.c.room_id, Room.estate_id, Room.building_id, Room.unit_id, Room.number, Room.code,
            Person.name, Person.name_initials, Contact.value, Contact.last4,
            *(src.c[name] for name in SUM_COLUMNS[1:]),
            type_coerce(null(), BigInteger).label("late_fee_fen"), literal(_LIVE).label("kind"),
            # enums come back raw and are mapped with a dict (the column types' per-row Enum() calls cost 0.1 s)
            type_coerce(CollectionCase.stage, Integer), CollectionCase.collector_id,
            type_coerce(CollectionCase.reason, _RAW), type_coerce(CollectionCase.next_action_on, _RAW),
            type_coerce(ContactEvent.occurred_at, _RAW), type_coerce(ContactEvent.outcome, _RAW),
            type_coerce(ContactEvent.next_follow_up, _RAW), type_coerce(promise_on, _RAW),
        )
        .select_from(src)
        .join(Room, Room.id == src.c.room_id)
        .outerjoin(owner_link, owner_link.id == owner_id)
        .outerjoin(Person, Person.id == owner_link.person_id)
        .outerjoin(Contact, Contact.id == phone_id)
        .outerjoin(CollectionCase, and_(CollectionCase.room_id == src.c.room_id, CollectionCase.closed_on.is_(None)))
        .outerjoin(ContactEvent, ContactEvent.id == last_event_id)
    )


def _cached_statement(today: date) -> Select:
    """The cached rows of the clean rooms and the live rows of the dirty ones, in one statement
    (one snapshot: a refresh committing meanwhile cannot make a room appear twice or vanish).

    ``kind`` is :data:`_CACHED`, or :data:`_STALE` when the cache no longer holds ``today``
    (another desk rebuilt it for another day between our reads): the caller then computes
    everything live.
    """
    dirty = select(ArrearsDirty.room_id)
    as_of = select(ArrearsCacheState.as_of).where(ArrearsCacheState.id == CACHE_STATE_ID).scalar_subquery()
    c = ArrearsCache.__table__.c
    cached = (
        select(
            c.room_id, c.estate_id, c.building_id, c.unit_id, c.room_number, c.room_code,
            c.owner, c.owner_initials, c.phone_masked, c.phone_last4,
            # plain integers: Fen's per-value int() is not needed (both drivers give int for BIGINT)
            *(type_coerce(c[name], Integer) for name in (*SUM_COLUMNS[1:], "late_fee_fen")),
            case((as_of == today, _CACHED), else_=_STALE).label("kind"),
            c.stage, c.collector_id, type_coerce(c.reason, _RAW), type_coerce(c.next_action_on, _RAW),
            type_coerce(c.last_contact_at, _RAW), type_coerce(c.last_outcome, _RAW),
            type_coerce(null(), _RAW), type_coerce(c.promise_on, _RAW),
        )
        .where(c.room_id.not_in(dirty))
    )
    return union_all(cached, _live_statement(today, rooms=dirty))


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


def _converters(sqlite: bool) -> tuple[Callable[[Any], date], Callable[[Any], datetime]]:
    """Raw date and timestamp (UTC) values of the driver as ``date`` and aware ``datetime``.

    SQLite gives dates as ISO text and timestamps as naive UTC text; PostgreSQL gives ``date``
    objects and aware timestamps.
    """
    if sqlite:
        def stamp(value: str) -> datetime:
            return datetime.fromisoformat(value).replace(tzinfo=UTC)

        return date.fromisoformat, stamp
    return (lambda value: value), (lambda value: value)


def _to_rows(result: Iterable[Sequence[Any]], names: _Names, fees: dict[int, int], *,
             sqlite: bool) -> list[ArrearsRow]:
    """Rows of :func:`_live_statement` / :func:`_cached_statement` as :class:`ArrearsRow`.

    A live row's phone is masked here and its late fee looked up in ``fees``.
    """
    stages = {int(v): v for v in Stage}
    reasons = {v.value: v for v in ArrearsReason}
    outcomes = {v.value: v for v in CallOutcome}
    ages = {b.value: b for b in BUCKETS}
    local = datetime.now().astimezone().tzinfo  # one fixed offset: a per-row system lookup costs 30 ms
    to_date, _stamp = _converters(sqlite)
    if sqlite:
        offset = local.utcoffset(None)

        def local_day(stamp: str) -> date:
            return (datetime.fromisoformat(stamp) + offset).date()
    else:
        def local_day(stamp: datetime) -> date:
            return stamp.astimezone(local).date()

    rows = []
    append = rows.append
    estates, buildings, units, users = names.estates, names.buildings, names.units, names.users
    n = _N_BUCKETS
    for (room_id, estate_id, building_id, unit_id, number, code, owner, initials, phone, last4,
         total, months, oldest, *rest) in result:
        amounts = tuple(rest[:n])
        age, late, kind, stage, collector_id, reason, next_on, occurred, outcome, follow_up, promise = rest[n:]
        if kind == _LIVE:
            phone = mask_phone(phone) if phone else ""
            late = fees.get(room_id, 0)
        next_on = next_on or follow_up
        append(ArrearsRow(
            room_id, estate_id, estates[estate_id], building_id, buildings[building_id],
            units[unit_id] if unit_id is not None else None, number, code, owner or "", initials or "",
            phone or "", last4 or "", total, months, oldest, amounts, ages[age], late, stages.get(stage),
            collector_id, users.get(collector_id, "") if collector_id is not None else "", reasons.get(reason),
            local_day(occurred) if occurred is not None else None, outcomes.get(outcome),
            to_date(next_on) if next_on is not None else None, to_date(promise) if promise is not None else None,
        ))
    rows.sort(key=_room_code)
    return rows


_room_code = attrgetter("room_code")


def cache_rows(db: Session | Connection, *, today: date, room_ids: Sequence[int] | None) -> list[dict[str, Any]]:
    """The rows of ``arrears_cache`` for ``room_ids`` (None: every room in arrears), computed from
    the tables as :func:`query_arrears` computes a live row (phone masked, late fee included)."""
    conn = db.connection() if isinstance(db, Session) else db
    to_date, to_stamp = _converters(conn.dialect.name == "sqlite")
    chunks: list[Sequence[int] | None] = [None] if room_ids is None else list(_chunks(sorted(room_ids)))
    fees = late_fee_due_by_room(conn, room_ids=room_ids)
    out = []
    for chunk in chunks:
        for r in conn.execute(_live_statement(today, rooms=chunk)):
            (room_id, estate_id, building_id, unit_id, number, code, owner, initials, phone, last4,
             *rest) = r
            sums = rest[:len(SUM_COLUMNS) - 1]
            stage, collector_id, reason, next_on, occurred, outcome, follow_up, promise = rest[len(SUM_COLUMNS) + 1:]
            next_on = next_on or follow_up
            out.append({
                "room_id": room_id, **dict(zip(SUM_COLUMNS[1:], sums, strict=True)),
                "late_fee_fen": fees.get(room_id, 0), "estate_id": estate_id, "building_id": building_id,
                "unit_id": unit_id, "room_number": number, "room_code": code, "owner": owner,
                "owner_initials": initials, "phone_masked": mask_phone(phone) if phone else None,
                "phone_last4": last4, "stage": stage, "collector_id": collector_id, "reason": reason,
                "next_action_on": to_date(next_on) if next_on is not None else None,
                "last_contact_at": to_stamp(occurred) if occurred is not None else None,
                "last_outcome": outcome, "promise_on": to_date(promise) if promise is not None else None,
            })
    return out


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


def cache_day(db: Session | Connection) -> date | None:
    """The office day the arrears cache holds (None: never built)."""
    return db.execute(select(ArrearsCacheState.as_of).where(ArrearsCacheState.id == CACHE_STATE_ID)).scalar()


@read_only
def query_arrears(session: Session, *, today: date, use_cache: bool = True) -> list[ArrearsRow]:
    """Every room with overdue unpaid bills (due before ``today``), ordered by room code.

    When the arrears cache holds ``today`` (``services/arrears_cache.py``), clean rooms come from
    it and the few dirty rooms (changed since) are computed from the tables, in one statement;
    otherwise every room is computed: one aggregate over the partial index ``ix_bill_unpaid``
    joined to the current owner and their primary phone, the open collection case, the latest
    contact and the earliest pending promise, with the late fees from
    :func:`late_fee_due_by_room`. Both give the same rows to the fen (``arrears_cache_discrepancies``
    checks it). The names of estates, buildings, units and collectors come from small queries.
    ``use_cache=False`` always computes from the tables.
    """
    names = _Names.load(session)
    conn = session.connection()
    sqlite = conn.dialect.name == "sqlite"
    with _no_gc_pauses():
        if use_cache and cache_day(conn) == today:
            result = conn.execute(_cached_statement(today)).all()
            if all(r[_KIND] for r in result):
                fees = late_fee_due_by_room(conn, room_ids=[r[0] for r in result if r[_KIND] == _LIVE])
                return _to_rows(result, names, fees, sqlite=sqlite)
        result = conn.execute(_live_statement(today)).all()
        return _to_rows(result, names, late_fee_due_by_room(conn), sqlite=sqlite)


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
