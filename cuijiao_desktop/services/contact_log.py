"""The office's contact log (催缴记录) and its promises (承诺缴费), for the 催缴记录 page.

The log is filtered (dates, collector, estate and building, channel, outcome, reason, a room),
ordered newest first and paged in SQL (``ix_contact_event_occurred``); a page's promise states come
from :func:`services.promises.promise_states`. Phones are masked: this is a list, and lists never
show whole numbers. :func:`contact_log_rows` gives every row of a filter for an Excel export
(capped), which the caller audits with :func:`services.exports.record_export`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import and_, exists, false, func, or_, select, true
from sqlalchemy.orm import Session

from cuijiao_desktop.db.models import (
    Building,
    CollectionCase,
    ContactEvent,
    Estate,
    Person,
    Promise,
    Room,
    RoomPerson,
    Unit,
    User,
)
from cuijiao_desktop.domain.enums import (
    AnsweredBy,
    ArrearsReason,
    CallOutcome,
    Channel,
    PersonRole,
    PromiseStatus,
    Role,
)
from cuijiao_desktop.domain.masking import mask_phone
from cuijiao_desktop.domain.permissions import Permission
from cuijiao_desktop.domain.rooms import natural_key, parse_room_query

from .actor import authorize
from .dto import NamedId, UserDTO
from .promises import PromiseState, promise_states
from .rooms import room_code_condition
from .tx import read_only

__all__ = [
    "EXPORT_LIMIT",
    "LOG_PAGE_SIZE",
    "ContactLogFilter",
    "ContactLogOptions",
    "ContactLogPage",
    "ContactLogRow",
    "PromiseFilter",
    "PromiseRow",
    "contact_log",
    "contact_log_options",
    "contact_log_rows",
    "promise_list",
]

LOG_PAGE_SIZE = 100
EXPORT_LIMIT = 100_000


@dataclass(frozen=True)
class ContactLogFilter:
    """What the log is filtered by; None means "any". ``date_from``/``date_to`` are local days (inclusive)."""

    date_from: date | None = None
    date_to: date | None = None
    user_id: int | None = None  # who logged it
    estate_id: int | None = None
    building_id: int | None = None
    channel: Channel | None = None
    outcome: CallOutcome | None = None
    reason: ArrearsReason | None = None
    room_text: str = ""  # a room code in any shape, or an owner's name


@dataclass(frozen=True)
class ContactLogRow:
    """One logged contact (phone masked; money in fen)."""

    event_id: int
    occurred_at: datetime  # aware, UTC
    room_id: int
    estate: str
    room_code: str
    person: str
    channel: Channel
    number_masked: str
    answered_by: AnsweredBy | None
    outcome: CallOutcome
    reason: ArrearsReason | None
    arrears_fen: int | None
    promise_id: int | None
    promise_date: date | None
    promise_amount_fen: int | None
    promise_status: PromiseStatus | None
    complaint: str
    next_follow_up: date | None
    note: str
    user: str
    overridden: str


@dataclass(frozen=True)
class ContactLogPage:
    rows: tuple[ContactLogRow, ...]
    total: int
    offset: int
    limit: int


@dataclass(frozen=True)
class ContactLogOptions:
    users: tuple[NamedId, ...]  # staff who can log contacts, and anyone who did
    estates: tuple[NamedId, ...]
    buildings: tuple[NamedId, ...]


def _utc(day: date) -> datetime:
    return datetime.combine(day, time.min).astimezone().astimezone(UTC)


def _conditions(flt: ContactLogFilter, dialect: str) -> list:
    cond: list = []
    if flt.date_from is not None:
        cond.append(ContactEvent.occurred_at >= _utc(flt.date_from))
    if flt.date_to is not None:
        cond.append(ContactEvent.occurred_at < _utc(flt.date_to + timedelta(days=1)))
    if flt.user_id is not None:
        cond.append(ContactEvent.user_id == flt.user_id)
    if flt.estate_id is not None:
        cond.append(Room.estate_id == flt.estate_id)
    if flt.building_id is not None:
        cond.append(Room.building_id == flt.building_id)
    if flt.channel is not None:
        cond.append(ContactEvent.channel == Channel(flt.channel))
    if flt.outcome is not None:
        cond.append(ContactEvent.outcome == CallOutcome(flt.outcome))
    if flt.reason is not None:
        cond.append(ContactEvent.reason == ArrearsReason(flt.reason))
    text = unicodedata.normalize("NFKC", flt.room_text or "").strip()
    if text:
        options = []
        rq = parse_room_query(text)
        if rq is not None:
            options.append(room_code_condition(rq, dialect))
        if re.search(r"[\u3400-\u9fff]", text):
            options.append(exists().where(RoomPerson.room_id == Room.id, Person.id == RoomPerson.person_id,
                                          Person.name.contains(text, autoescape=True)))
        cond.append(or_(*options) if options else false())
    return cond


def _base(session: Session, flt: ContactLogFilter):
    return (select(ContactEvent.id).join(Room, Room.id == ContactEvent.room_id)
            .join(Building, Building.id == Room.building_id).outerjoin(Unit, Unit.id == Room.unit_id)
            .where(and_(true(), *_conditions(flt, session.get_bind().dialect.name))))


def _rows(session: Session, ids: list[int], today: date) -> list[ContactLogRow]:
    if not ids:
        return []
    users = dict(session.execute(select(User.id, User.display_name)).tuples().all())
    rows = session.execute(
        select(ContactEvent.id, ContactEvent.occurred_at, ContactEvent.room_id, Estate.name, Room.code, Person.name,
               ContactEvent.channel, ContactEvent.number_dialled, ContactEvent.answered_by, ContactEvent.outcome,
               ContactEvent.reason, ContactEvent.arrears_fen, Promise.id, Promise.due_date, Promise.amount_fen,
               ContactEvent.complaint, ContactEvent.next_follow_up, ContactEvent.note, ContactEvent.user_id,
               ContactEvent.overridden)
        .join(Room, Room.id == ContactEvent.room_id)
        .join(Estate, Estate.id == Room.estate_id)
        .outerjoin(Person, Person.id == ContactEvent.person_id)
        .outerjoin(Promise, Promise.contact_event_id == ContactEvent.id)
        .where(ContactEvent.id.in_(ids))
    ).all()
    promised_rooms = {r[2] for r in rows if r[12] is not None}
    states = {p.promise_id: p.status for p in promise_states(session, today=today, room_ids=promised_rooms)} \
        if promised_rooms else {}
    answered = {a.value: a for a in AnsweredBy}
    by_id = {}
    for (eid, at, room_id, estate, code, person, channel, number, who, outcome, reason, owed, pid, pdate, pamount,
         complaint, follow, note, user_id, overridden) in rows:
        by_id[eid] = ContactLogRow(
            event_id=eid, occurred_at=at, room_id=room_id, estate=estate, room_code=code, person=person or "",
            channel=channel, number_masked=mask_phone(number) if number else "", answered_by=answered.get(who),
            outcome=outcome, reason=reason, arrears_fen=owed, promise_id=pid, promise_date=pdate,
            promise_amount_fen=pamount, promise_status=states.get(pid) if pid else None, complaint=complaint or "",
            next_follow_up=follow, note=note or "", user=users.get(user_id, "") if user_id else "",
            overridden=overridden or "",
        )
    return [by_id[i] for i in ids if i in by_id]


@read_only
def contact_log(
    session: Session, *, actor: UserDTO, flt: ContactLogFilter, today: date, offset: int = 0,
    limit: int = LOG_PAGE_SIZE,
) -> ContactLogPage:
    """One page of the log, newest first, with the total count of the filter."""
    authorize(session, actor, Permission.VIEW)
    offset, limit = max(0, int(offset)), max(1, min(int(limit), 1000))
    base = _base(session, flt)
    total = int(session.scalar(select(func.count()).select_from(base.subquery())) or 0)
    if offset >= total and total:
        offset = (total - 1) // limit * limit
    ids = list(session.scalars(base.order_by(ContactEvent.occurred_at.desc(), ContactEvent.id.desc())
                               .offset(offset).limit(limit)))
    return ContactLogPage(tuple(_rows(session, ids, today)), total, offset, limit)


@read_only
def contact_log_rows(session: Session, *, actor: UserDTO, flt: ContactLogFilter, today: date) -> list[ContactLogRow]:
    """Every row of the filter (newest first, at most :data:`EXPORT_LIMIT`), for an export."""
    authorize(session, actor, Permission.VIEW)
    newest_first = (ContactEvent.occurred_at.desc(), ContactEvent.id.desc())
    ids = list(session.scalars(_base(session, flt).order_by(*newest_first).limit(EXPORT_LIMIT)))
    out: list[ContactLogRow] = []
    for i in range(0, len(ids), 2000):
        out += _rows(session, ids[i:i + 2000], today)
    return out


@read_only
def contact_log_options(session: Session) -> ContactLogOptions:
    """The choices of the filter bar."""
    logged = select(ContactEvent.user_id).where(ContactEvent.user_id.is_not(None)).distinct()
    users = tuple(NamedId(i, n) for i, n in session.execute(
        select(User.id, User.display_name)
        .where(or_(User.role.in_([Role.CLERK, Role.COLLECTOR, Role.MANAGER]), User.id.in_(logged)))
        .order_by(User.display_name)))
    estates = tuple(NamedId(i, n) for i, n in session.execute(
        select(Estate.id, Estate.name).order_by(Estate.code)))
    buildings = sorted((NamedId(i, n, e) for i, e, n in session.execute(
        select(Building.id, Building.estate_id, Building.name))), key=lambda b: (b.parent_id, natural_key(b.name)))
    return ContactLogOptions(users, estates, tuple(buildings))


# ---------------------------------------------------------------------------
# Promises
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PromiseFilter:
    """Promises with a date from ``due_from`` to ``due_to`` (inclusive), in a state, of a collector."""

    due_from: date | None = None
    due_to: date | None = None
    status: PromiseStatus | None = None
    collector_id: int | None = None  # the collector of the room's open case


@dataclass(frozen=True)
class PromiseRow:
    """A promise with its derived state and the room it belongs to."""

    state: PromiseState
    estate: str
    room_code: str
    owner: str
    collector: str
    made_by: str


@read_only
def promise_list(session: Session, *, actor: UserDTO, flt: PromiseFilter, today: date) -> list[PromiseRow]:
    """The promises of the filter, by date (the state is derived for each on ``today``)."""
    authorize(session, actor, Permission.VIEW)
    states = promise_states(session, today=today, due_from=flt.due_from, due_to=flt.due_to)
    if flt.status is not None:
        states = [p for p in states if p.status is PromiseStatus(flt.status)]
    rooms = {p.room_id for p in states}
    if not rooms:
        return []
    info: dict[int, tuple[str, str]] = {}
    owners: dict[int, str] = {}
    collectors: dict[int, int | None] = {}
    ids = sorted(rooms)
    for i in range(0, len(ids), 2000):
        chunk = ids[i:i + 2000]
        info.update({rid: (estate, code) for rid, estate, code in session.execute(
            select(Room.id, Estate.name, Room.code).join(Estate, Estate.id == Room.estate_id).where(Room.id.in_(chunk)))})
        for rid, name in session.execute(
            select(RoomPerson.room_id, Person.name).join(Person, Person.id == RoomPerson.person_id)
            .where(RoomPerson.room_id.in_(chunk), RoomPerson.role == PersonRole.OWNER, RoomPerson.end_date.is_(None))
            .order_by(RoomPerson.id)
        ):
            owners.setdefault(rid, name)
        collectors.update(dict(session.execute(
            select(CollectionCase.room_id, CollectionCase.collector_id)
            .where(CollectionCase.room_id.in_(chunk), CollectionCase.closed_on.is_(None))).tuples().all()))
    if flt.collector_id is not None:
        states = [p for p in states if collectors.get(p.room_id) == flt.collector_id]
    users = dict(session.execute(select(User.id, User.display_name)).tuples().all())
    return [PromiseRow(p, info[p.room_id][0], info[p.room_id][1], owners.get(p.room_id, ""),
                       users.get(collectors.get(p.room_id), "") if collectors.get(p.room_id) else "",
                       users.get(p.created_by_id, "") if p.created_by_id else "")
            for p in states]
